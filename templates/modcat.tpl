{{%AUTOESCAPE context="HTML"}}
<section class="mod-page mod-cat form-page">
<h1>Category: {{TITLE}}</h1>
{{>MODNAV}}
<p><a href="{{URL}}">Its page</a> lists {{COUNT}}, in it and below. <a href="/moderate/categories">All categories</a></p>
<section aria-labelledby="edit-h">
<h2 id="edit-h">Edit or move</h2>
{{>CATFORM}}
</section>
<section aria-labelledby="delete-h">
<h2 id="delete-h">Delete</h2>
{{#HAS_KIDS}}<p class="note">It has subcategories ({{N}}): move or delete them first.</p>{{/HAS_KIDS}}
{{#DELETE}}<form class="form" method="post" action="/moderate/categories/{{ID}}/delete">
<input type="hidden" name="csrf" value="{{CSRF}}">
<p>{{#TO_PARENT}}Its questions will move to {{PARENT}}.{{/TO_PARENT}}{{#TO_NONE}}Its questions will be in no category.{{/TO_NONE}}</p>
<p class="actions"><button type="submit" class="danger">Delete this category</button></p>
</form>{{/DELETE}}
</section>
</section>
