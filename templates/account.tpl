{{%AUTOESCAPE context="HTML"}}
<section class="form-page account-page">
<h1>Your account</h1>
<p class="lead">Signed in as <strong>{{HANDLE}}</strong>.</p>
{{#DONE}}<div class="done" role="status"><p>{{MESSAGE}}</p></div>{{/DONE}}
{{#ERRORS}}<div class="errors" role="alert">
{{#ALERT}}<p>{{MESSAGE}}</p>{{/ALERT}}
{{#FIELDS}}<p>Please correct what is marked below:</p>
<ul>{{#ERROR}}<li><a href="#{{ID}}">{{MESSAGE}}</a></li>{{/ERROR}}</ul>{{/FIELDS}}
</div>{{/ERRORS}}

<section aria-labelledby="profile-h">
<h2 id="profile-h">Profile</h2>
<form class="form" method="post" action="/account/profile" novalidate>
<input type="hidden" name="csrf" value="{{CSRF}}">
<div class="field{{#DISPLAY_NAME_ERROR}} invalid{{/DISPLAY_NAME_ERROR}}">
<label for="display_name">Display name <span class="optional">(optional)</span></label>
<p class="hint" id="display_name-hint">Up to 64 characters, shown on your profile.</p>
{{#DISPLAY_NAME_ERROR}}<p class="error" id="display_name-error"><strong>Error:</strong> {{MESSAGE}}</p>{{/DISPLAY_NAME_ERROR}}
<input id="display_name" name="display_name" type="text" value="{{DISPLAY_NAME}}" autocomplete="name" maxlength="64" aria-describedby="display_name-hint{{#DISPLAY_NAME_ERROR}} display_name-error{{/DISPLAY_NAME_ERROR}}"{{#DISPLAY_NAME_ERROR}} aria-invalid="true"{{/DISPLAY_NAME_ERROR}}>
</div>
<div class="field check">
<input id="notify" name="notify" type="checkbox" value="1"{{#NOTIFY_CHECKED}} checked{{/NOTIFY_CHECKED}}>
<label for="notify">Mail me about answers and comments on my posts</label>
</div>
<p class="actions"><button type="submit">Save profile</button></p>
</form>
</section>

<section aria-labelledby="email-h">
<h2 id="email-h">Email address</h2>
{{#EMAIL}}<p>Your address is <strong>{{CURRENT}}</strong>{{#UNCONFIRMED}} (not confirmed yet: open the link we mailed you){{/UNCONFIRMED}}.</p>{{/EMAIL}}
{{#NO_EMAIL}}<p>Your account has no email address, so a forgotten password cannot be reset.</p>{{/NO_EMAIL}}
<form class="form" method="post" action="/account/email" novalidate>
<input type="hidden" name="csrf" value="{{CSRF}}">
<div class="field{{#NEW_EMAIL_ERROR}} invalid{{/NEW_EMAIL_ERROR}}">
<label for="new_email">New email address</label>
{{#NEW_EMAIL_ERROR}}<p class="error" id="new_email-error"><strong>Error:</strong> {{MESSAGE}}</p>{{/NEW_EMAIL_ERROR}}
<input id="new_email" name="new_email" type="email" value="{{NEW_EMAIL}}" autocomplete="email" required maxlength="254"{{#NEW_EMAIL_ERROR}} aria-describedby="new_email-error" aria-invalid="true"{{/NEW_EMAIL_ERROR}}>
</div>
<div class="field{{#EMAIL_PASSWORD_ERROR}} invalid{{/EMAIL_PASSWORD_ERROR}}">
<label for="email_password">Current password</label>
{{#EMAIL_PASSWORD_ERROR}}<p class="error" id="email_password-error"><strong>Error:</strong> {{MESSAGE}}</p>{{/EMAIL_PASSWORD_ERROR}}
<input id="email_password" name="email_password" type="password" autocomplete="current-password" required maxlength="1024"{{#EMAIL_PASSWORD_ERROR}} aria-describedby="email_password-error" aria-invalid="true"{{/EMAIL_PASSWORD_ERROR}}>
</div>
<p class="actions"><button type="submit">Change email address</button></p>
</form>
</section>

<section aria-labelledby="password-h">
<h2 id="password-h">Password</h2>
<form class="form" method="post" action="/account/password" novalidate>
<input type="hidden" name="csrf" value="{{CSRF}}">
<div class="field{{#OLD_PASSWORD_ERROR}} invalid{{/OLD_PASSWORD_ERROR}}">
<label for="old_password">Current password</label>
{{#OLD_PASSWORD_ERROR}}<p class="error" id="old_password-error"><strong>Error:</strong> {{MESSAGE}}</p>{{/OLD_PASSWORD_ERROR}}
<input id="old_password" name="old_password" type="password" autocomplete="current-password" required maxlength="1024"{{#OLD_PASSWORD_ERROR}} aria-describedby="old_password-error" aria-invalid="true"{{/OLD_PASSWORD_ERROR}}>
</div>
<div class="field{{#PASSWORD_ERROR}} invalid{{/PASSWORD_ERROR}}">
<label for="password">New password</label>
<p class="hint" id="password-hint">At least 8 characters; not your handle or email address, and not a common password. Your other logins will end.</p>
{{#PASSWORD_ERROR}}<p class="error" id="password-error"><strong>Error:</strong> {{MESSAGE}}</p>{{/PASSWORD_ERROR}}
<input id="password" name="password" type="password" autocomplete="new-password" required minlength="8" maxlength="1024" aria-describedby="password-hint{{#PASSWORD_ERROR}} password-error{{/PASSWORD_ERROR}}"{{#PASSWORD_ERROR}} aria-invalid="true"{{/PASSWORD_ERROR}}>
</div>
<div class="field{{#PASSWORD2_ERROR}} invalid{{/PASSWORD2_ERROR}}">
<label for="password2">New password again</label>
{{#PASSWORD2_ERROR}}<p class="error" id="password2-error"><strong>Error:</strong> {{MESSAGE}}</p>{{/PASSWORD2_ERROR}}
<input id="password2" name="password2" type="password" autocomplete="new-password" required minlength="8" maxlength="1024"{{#PASSWORD2_ERROR}} aria-describedby="password2-error" aria-invalid="true"{{/PASSWORD2_ERROR}}>
</div>
<p class="actions"><button type="submit">Change password</button></p>
</form>
</section>

<section aria-labelledby="sessions-h">
<h2 id="sessions-h">Other logins</h2>
<form class="form" method="post" action="/account/sessions">
<input type="hidden" name="csrf" value="{{CSRF}}">
<p>Logged in on another device you no longer use, or not sure? End every login but this one.</p>
<p class="actions"><button type="submit">Log out everywhere else</button></p>
</form>
</section>

<section aria-labelledby="data-h">
<h2 id="data-h">Your data</h2>
<p><a href="/account/data" download>Download your data</a> (JSON: your profile, posts, votes and points).</p>
</section>

<section class="danger" aria-labelledby="delete-h">
<h2 id="delete-h">Delete your account</h2>
<p>This cannot be undone. Your votes, points and logins go with the account.</p>
<form class="form" method="post" action="/account/delete" novalidate>
<input type="hidden" name="csrf" value="{{CSRF}}">
<fieldset class="field{{#POSTS_ERROR}} invalid{{/POSTS_ERROR}}"{{#POSTS_ERROR}} aria-describedby="posts-error"{{/POSTS_ERROR}}>
<legend>Your questions, answers and comments</legend>
{{#POSTS_ERROR}}<p class="error" id="posts-error"><strong>Error:</strong> {{MESSAGE}}</p>{{/POSTS_ERROR}}
<div class="check"><input id="posts" name="posts" type="radio" value="anonymise"{{#POSTS_ANONYMISE}} checked{{/POSTS_ANONYMISE}}>
<label for="posts">Keep them, shown as by &ldquo;Anonymous&rdquo;</label></div>
<div class="check"><input id="posts-delete" name="posts" type="radio" value="delete"{{#POSTS_DELETE}} checked{{/POSTS_DELETE}}>
<label for="posts-delete">Delete their text</label></div>
</fieldset>
<div class="field{{#DELETE_PASSWORD_ERROR}} invalid{{/DELETE_PASSWORD_ERROR}}">
<label for="delete_password">Current password</label>
{{#DELETE_PASSWORD_ERROR}}<p class="error" id="delete_password-error"><strong>Error:</strong> {{MESSAGE}}</p>{{/DELETE_PASSWORD_ERROR}}
<input id="delete_password" name="delete_password" type="password" autocomplete="current-password" required maxlength="1024"{{#DELETE_PASSWORD_ERROR}} aria-describedby="delete_password-error" aria-invalid="true"{{/DELETE_PASSWORD_ERROR}}>
</div>
<p class="actions"><button type="submit" class="danger">Delete my account</button></p>
</form>
</section>
</section>
