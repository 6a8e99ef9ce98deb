{{%AUTOESCAPE context="HTML"}}
<section class="form-page manage-page">
<h1>{{HEADING}}</h1>
<p><a href="{{POST_URL}}">{{Q_TITLE}}</a></p>
<ul class="manage-actions">
<li><a href="{{EDIT_URL}}">Edit your {{KIND}}</a></li>
<li><a href="{{REVISIONS_URL}}">See its revisions</a></li>
</ul>
{{#ANSWERS}}<section class="manage-answers" aria-labelledby="answers-h">
<h2 id="answers-h">Choose the best answer</h2>
<ol>
{{#ANSWER}}<li>
<div class="body">{{BODY_HTML:none}}</div>
<p class="postmeta">by {{AUTHOR}}</p>
<form method="post" action="{{ACTION}}">
<input type="hidden" name="csrf" value="{{CSRF}}">
<input type="hidden" name="key" value="{{KEY}}">
{{#CHOOSE}}<button type="submit">This is the best answer</button>{{/CHOOSE}}
{{#ACCEPTED}}<p><strong>The best answer.</strong>
<input type="hidden" name="undo" value="1">
<button type="submit" class="secondary">Unselect</button></p>{{/ACCEPTED}}
</form>
</li>
{{/ANSWER}}</ol>
</section>{{/ANSWERS}}
{{#CLAIM}}<section aria-labelledby="claim-h">
<h2 id="claim-h">Claim this post</h2>
<p>Make this {{KIND}} one of your own, as {{HANDLE}}. After that you edit it while logged in, and this link no longer works.</p>
<form method="post" action="/post/{{ID}}/manage">
<input type="hidden" name="csrf" value="{{CSRF}}">
<input type="hidden" name="key" value="{{KEY}}">
<input type="hidden" name="action" value="claim">
<p class="actions"><button type="submit">Claim this post as mine</button></p>
</form>
</section>{{/CLAIM}}
<section class="danger" aria-labelledby="delete-h">
<h2 id="delete-h">Delete your {{KIND}}</h2>
{{#DELETE_ERROR}}<p class="error" id="sure-error" role="alert"><strong>Error:</strong> {{MESSAGE}}</p>{{/DELETE_ERROR}}
<form method="post" action="/post/{{ID}}/manage">
<input type="hidden" name="csrf" value="{{CSRF}}">
<input type="hidden" name="key" value="{{KEY}}">
<input type="hidden" name="action" value="delete">
<div class="field check{{#DELETE_ERROR}} invalid{{/DELETE_ERROR}}">
<input id="sure" name="sure" type="checkbox" value="1"{{#DELETE_ERROR}} aria-describedby="sure-error" aria-invalid="true"{{/DELETE_ERROR}}>
<label for="sure">Yes, delete this {{KIND}}. It cannot be undone here.</label>
</div>
<p class="actions"><button type="submit" class="danger">Delete</button></p>
</form>
</section>
{{#SIGNIN}}<p class="aside">Have an account? <a href="{{LOGIN_URL}}">Log in</a> to claim this {{KIND}} as yours.</p>{{/SIGNIN}}
</section>
