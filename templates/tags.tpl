{{%AUTOESCAPE context="HTML"}}
<h1>Tags</h1>
{{#HAS_TAGS}}<ul class="tagcloud">
{{#TAG}}<li class="w{{WEIGHT}}"><a href="{{URL}}" rel="tag">{{NAME}}</a> <span class="count">&times;&nbsp;{{COUNT}}</span></li>
{{/TAG}}</ul>{{/HAS_TAGS}}
{{#NO_TAGS}}<p class="empty">No tags yet.</p>{{/NO_TAGS}}
{{>PAGER}}
