{{%AUTOESCAPE context="HTML"}}
<section class="form-page">
<h1>Register</h1>
{{#ERRORS}}<div class="errors" role="alert">
{{#ALERT}}<p>{{MESSAGE}}</p>{{/ALERT}}
{{#FIELDS}}<p>Please correct what is marked below:</p>
<ul>{{#ERROR}}<li><a href="#{{ID}}">{{MESSAGE}}</a></li>{{/ERROR}}</ul>{{/FIELDS}}
</div>{{/ERRORS}}
<form class="form" method="post" action="/register" novalidate>
<input type="hidden" name="csrf" value="{{CSRF}}">
<input type="hidden" name="next" value="{{NEXT}}">
<div class="field{{#HANDLE_ERROR}} invalid{{/HANDLE_ERROR}}">
<label for="handle">Handle</label>
<p class="hint" id="handle-hint">3 to 32 letters, digits, &ldquo;-&rdquo;, &ldquo;_&rdquo; or &ldquo;.&rdquo;. Everyone sees it.</p>
{{#HANDLE_ERROR}}<p class="error" id="handle-error"><strong>Error:</strong> {{MESSAGE}}</p>{{/HANDLE_ERROR}}
<input id="handle" name="handle" type="text" value="{{HANDLE}}" autocomplete="username" autocapitalize="none" spellcheck="false" required minlength="3" maxlength="32" aria-describedby="handle-hint{{#HANDLE_ERROR}} handle-error{{/HANDLE_ERROR}}"{{#HANDLE_ERROR}} aria-invalid="true"{{/HANDLE_ERROR}}>
</div>
<div class="field{{#EMAIL_ERROR}} invalid{{/EMAIL_ERROR}}">
<label for="email">Email address</label>
<p class="hint" id="email-hint">For password resets{{#CONFIRM}} and a confirmation link{{/CONFIRM}}. Never shown to others.</p>
{{#EMAIL_ERROR}}<p class="error" id="email-error"><strong>Error:</strong> {{MESSAGE}}</p>{{/EMAIL_ERROR}}
<input id="email" name="email" type="email" value="{{EMAIL}}" autocomplete="email" required maxlength="254" aria-describedby="email-hint{{#EMAIL_ERROR}} email-error{{/EMAIL_ERROR}}"{{#EMAIL_ERROR}} aria-invalid="true"{{/EMAIL_ERROR}}>
</div>
<div class="field{{#DISPLAY_NAME_ERROR}} invalid{{/DISPLAY_NAME_ERROR}}">
<label for="display_name">Display name <span class="optional">(optional)</span></label>
<p class="hint" id="display_name-hint">Up to 64 characters, shown on your profile.</p>
{{#DISPLAY_NAME_ERROR}}<p class="error" id="display_name-error"><strong>Error:</strong> {{MESSAGE}}</p>{{/DISPLAY_NAME_ERROR}}
<input id="display_name" name="display_name" type="text" value="{{DISPLAY_NAME}}" autocomplete="name" maxlength="64" aria-describedby="display_name-hint{{#DISPLAY_NAME_ERROR}} display_name-error{{/DISPLAY_NAME_ERROR}}"{{#DISPLAY_NAME_ERROR}} aria-invalid="true"{{/DISPLAY_NAME_ERROR}}>
</div>
<div class="field{{#PASSWORD_ERROR}} invalid{{/PASSWORD_ERROR}}">
<label for="password">Password</label>
<p class="hint" id="password-hint">At least 8 characters; not your handle or email address, and not a common password.</p>
{{#PASSWORD_ERROR}}<p class="error" id="password-error"><strong>Error:</strong> {{MESSAGE}}</p>{{/PASSWORD_ERROR}}
<input id="password" name="password" type="password" autocomplete="new-password" required minlength="8" maxlength="1024" aria-describedby="password-hint{{#PASSWORD_ERROR}} password-error{{/PASSWORD_ERROR}}"{{#PASSWORD_ERROR}} aria-invalid="true"{{/PASSWORD_ERROR}}>
</div>
<div class="field{{#PASSWORD2_ERROR}} invalid{{/PASSWORD2_ERROR}}">
<label for="password2">Password again</label>
{{#PASSWORD2_ERROR}}<p class="error" id="password2-error"><strong>Error:</strong> {{MESSAGE}}</p>{{/PASSWORD2_ERROR}}
<input id="password2" name="password2" type="password" autocomplete="new-password" required minlength="8" maxlength="1024"{{#PASSWORD2_ERROR}} aria-describedby="password2-error" aria-invalid="true"{{/PASSWORD2_ERROR}}>
</div>
<p class="actions"><button type="submit">Create account</button></p>
</form>
<p class="aside">Already registered? <a href="/login">Log in</a>.</p>
</section>
