{{%AUTOESCAPE context="HTML"}}
<section class="form-page">
<h1>Choose a new password</h1>
{{#ERRORS}}<div class="errors" role="alert">
{{#ALERT}}<p>{{MESSAGE}}</p>{{/ALERT}}
{{#FIELDS}}<p>Please correct what is marked below:</p>
<ul>{{#ERROR}}<li><a href="#{{ID}}">{{MESSAGE}}</a></li>{{/ERROR}}</ul>{{/FIELDS}}
</div>{{/ERRORS}}
<form class="form" method="post" action="/reset" novalidate>
<input type="hidden" name="csrf" value="{{CSRF}}">
<input type="hidden" name="t" value="{{T}}">
<div class="field{{#PASSWORD_ERROR}} invalid{{/PASSWORD_ERROR}}">
<label for="password">New password</label>
<p class="hint" id="password-hint">At least 8 characters; not your handle or email address, and not a common password. You will be logged out everywhere else.</p>
{{#PASSWORD_ERROR}}<p class="error" id="password-error"><strong>Error:</strong> {{MESSAGE}}</p>{{/PASSWORD_ERROR}}
<input id="password" name="password" type="password" autocomplete="new-password" required minlength="8" maxlength="1024" aria-describedby="password-hint{{#PASSWORD_ERROR}} password-error{{/PASSWORD_ERROR}}"{{#PASSWORD_ERROR}} aria-invalid="true"{{/PASSWORD_ERROR}}>
</div>
<div class="field{{#PASSWORD2_ERROR}} invalid{{/PASSWORD2_ERROR}}">
<label for="password2">New password again</label>
{{#PASSWORD2_ERROR}}<p class="error" id="password2-error"><strong>Error:</strong> {{MESSAGE}}</p>{{/PASSWORD2_ERROR}}
<input id="password2" name="password2" type="password" autocomplete="new-password" required minlength="8" maxlength="1024"{{#PASSWORD2_ERROR}} aria-describedby="password2-error" aria-invalid="true"{{/PASSWORD2_ERROR}}>
</div>
<p class="actions"><button type="submit">Set the password</button></p>
</form>
</section>
