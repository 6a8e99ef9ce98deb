{{%AUTOESCAPE context="HTML"}}
<section class="form-page unsubscribe-page">
{{#CONFIRM}}<h1>Unsubscribe</h1>
<p>You will no longer get mail about <strong>{{TITLE}}</strong>.</p>
<form class="form" method="post" action="/unsubscribe">
<input type="hidden" name="csrf" value="{{CSRF}}">
<input type="hidden" name="t" value="{{T}}">
<p class="actions"><button type="submit">Stop these emails</button></p>
</form>{{/CONFIRM}}
{{#DONE}}<h1>Unsubscribed</h1>
<div class="done" role="status"><p>You will get no more mail about this post.</p></div>
<p><a href="/">Go to the home page</a></p>{{/DONE}}
</section>
