{{%AUTOESCAPE context="HTML"}}
<section class="mod-page mod-cats form-page">
<h1>Categories</h1>
{{>MODNAV}}
{{#DONE}}<div class="done" role="status"><p>The category is {{WHAT}}.</p></div>{{/DONE}}
<section aria-labelledby="tree-h">
<h2 id="tree-h">The tree</h2>
{{#HAS_CATS}}<ul class="cats mod-cats">
{{#CAT1}}<li><a href="{{EDIT}}">{{NAME}}</a> <a href="{{URL}}"><code>/c/{{SLUG}}</code></a> <span class="count">{{COUNT}}</span>
{{#SUB1}}<ul>
{{#CAT2}}<li><a href="{{EDIT}}">{{NAME}}</a> <a href="{{URL}}"><code>/c/{{SLUG}}</code></a> <span class="count">{{COUNT}}</span>
{{#SUB2}}<ul>
{{#CAT3}}<li><a href="{{EDIT}}">{{NAME}}</a> <a href="{{URL}}"><code>/c/{{SLUG}}</code></a> <span class="count">{{COUNT}}</span>
{{#SUB3}}<ul>
{{#CAT4}}<li><a href="{{EDIT}}">{{NAME}}</a> <a href="{{URL}}"><code>/c/{{SLUG}}</code></a> <span class="count">{{COUNT}}</span></li>
{{/CAT4}}</ul>{{/SUB3}}</li>
{{/CAT3}}</ul>{{/SUB2}}</li>
{{/CAT2}}</ul>{{/SUB1}}</li>
{{/CAT1}}</ul>{{/HAS_CATS}}
{{#NO_CATS}}<p class="note">There are no categories yet.</p>{{/NO_CATS}}
</section>
<section aria-labelledby="add-h">
<h2 id="add-h">Add a category</h2>
{{>CATFORM}}
</section>
</section>
