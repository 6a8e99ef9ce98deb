{{%AUTOESCAPE context="HTML"}}
<h1>Categories</h1>
{{#HAS_CATS}}<ul class="cats">
{{#CAT1}}<li><a href="{{URL}}">{{NAME}}</a> <span class="count">{{COUNT}}</span>{{#DESC1}}<p>{{TEXT}}</p>{{/DESC1}}
{{#SUB1}}<ul>
{{#CAT2}}<li><a href="{{URL}}">{{NAME}}</a> <span class="count">{{COUNT}}</span>{{#DESC2}}<p>{{TEXT}}</p>{{/DESC2}}
{{#SUB2}}<ul>
{{#CAT3}}<li><a href="{{URL}}">{{NAME}}</a> <span class="count">{{COUNT}}</span>{{#DESC3}}<p>{{TEXT}}</p>{{/DESC3}}
{{#SUB3}}<ul>
{{#CAT4}}<li><a href="{{URL}}">{{NAME}}</a> <span class="count">{{COUNT}}</span>{{#DESC4}}<p>{{TEXT}}</p>{{/DESC4}}</li>
{{/CAT4}}</ul>{{/SUB3}}</li>
{{/CAT3}}</ul>{{/SUB2}}</li>
{{/CAT2}}</ul>{{/SUB1}}</li>
{{/CAT1}}</ul>{{/HAS_CATS}}
{{#NO_CATS}}<p class="empty">No categories yet.</p>{{/NO_CATS}}
