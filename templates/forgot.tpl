{{%AUTOESCAPE context="HTML"}}
<section class="form-page">
<h1>Forgot your password</h1>
{{#SENT}}<div class="done" role="status">
<p>If an account matches, we have sent a link to its email address. It works for one hour, once.</p>
</div>
<p class="aside">No mail after a few minutes? Look in your spam folder, or <a href="/forgot">try again</a>.</p>{{/SENT}}
{{#ASK}}{{#ERRORS}}<div class="errors" role="alert">
{{#ALERT}}<p>{{MESSAGE}}</p>{{/ALERT}}
{{#FIELDS}}<p>Please correct what is marked below:</p>
<ul>{{#ERROR}}<li><a href="#{{ID}}">{{MESSAGE}}</a></li>{{/ERROR}}</ul>{{/FIELDS}}
</div>{{/ERRORS}}
<p>Enter your handle or email address. If it matches an account, we will mail you a link to choose a new password.</p>
<form class="form" method="post" action="/forgot" novalidate>
<input type="hidden" name="csrf" value="{{CSRF}}">
<div class="field{{#LOGIN_ERROR}} invalid{{/LOGIN_ERROR}}">
<label for="login">Handle or email address</label>
{{#LOGIN_ERROR}}<p class="error" id="login-error"><strong>Error:</strong> {{MESSAGE}}</p>{{/LOGIN_ERROR}}
<input id="login" name="login" type="text" value="{{LOGIN}}" autocomplete="username" autocapitalize="none" spellcheck="false" required maxlength="254"{{#LOGIN_ERROR}} aria-describedby="login-error" aria-invalid="true"{{/LOGIN_ERROR}}>
</div>
<p class="actions"><button type="submit">Send the link</button></p>
</form>
<p class="aside"><a href="/login">Back to log in</a></p>{{/ASK}}
</section>
