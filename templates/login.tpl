{{%AUTOESCAPE context="HTML"}}
<section class="form-page">
<h1>Log in</h1>
{{#ERRORS}}<div class="errors" role="alert">
{{#ALERT}}<p>{{MESSAGE}}</p>{{/ALERT}}
{{#FIELDS}}<p>Please correct what is marked below:</p>
<ul>{{#ERROR}}<li><a href="#{{ID}}">{{MESSAGE}}</a></li>{{/ERROR}}</ul>{{/FIELDS}}
</div>{{/ERRORS}}
<form class="form" method="post" action="/login" novalidate>
<input type="hidden" name="csrf" value="{{CSRF}}">
<input type="hidden" name="next" value="{{NEXT}}">
<div class="field{{#LOGIN_ERROR}} invalid{{/LOGIN_ERROR}}">
<label for="login">Handle or email address</label>
{{#LOGIN_ERROR}}<p class="error" id="login-error"><strong>Error:</strong> {{MESSAGE}}</p>{{/LOGIN_ERROR}}
<input id="login" name="login" type="text" value="{{LOGIN}}" autocomplete="username" autocapitalize="none" spellcheck="false" required maxlength="254"{{#LOGIN_ERROR}} aria-describedby="login-error" aria-invalid="true"{{/LOGIN_ERROR}}>
</div>
<div class="field{{#PASSWORD_ERROR}} invalid{{/PASSWORD_ERROR}}">
<label for="password">Password</label>
{{#PASSWORD_ERROR}}<p class="error" id="password-error"><strong>Error:</strong> {{MESSAGE}}</p>{{/PASSWORD_ERROR}}
<input id="password" name="password" type="password" autocomplete="current-password" required maxlength="1024"{{#PASSWORD_ERROR}} aria-describedby="password-error" aria-invalid="true"{{/PASSWORD_ERROR}}>
</div>
<div class="field check">
<input id="remember" name="remember" type="checkbox" value="1"{{#REMEMBER_CHECKED}} checked{{/REMEMBER_CHECKED}}>
<label for="remember">Keep me logged in on this device for 30 days</label>
</div>
<p class="actions"><button type="submit">Log in</button></p>
</form>
<p class="aside"><a href="/forgot">Forgot your password?</a> &middot; New here? <a href="/register">Register</a>.</p>
</section>
