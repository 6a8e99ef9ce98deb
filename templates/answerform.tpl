{{%AUTOESCAPE context="HTML"}}
{{#PAGE}}<section class="form-page post-form-page">
<h1>Your answer</h1>
<p class="aside">To the question <a href="{{Q_URL}}">{{Q_TITLE}}</a></p>
{{/PAGE}}<div class="post-form answer-form">
{{#ERRORS}}<div class="errors" role="alert">
{{#ALERT}}<p>{{MESSAGE}}</p>{{/ALERT}}
{{#FIELDS}}<p>Please correct what is marked below:</p>
<ul>{{#ERROR}}<li><a href="#{{FORM_ID}}-{{ID}}">{{MESSAGE}}</a></li>{{/ERROR}}</ul>{{/FIELDS}}
</div>{{/ERRORS}}
{{#PREVIEW}}<section class="preview" aria-labelledby="{{FORM_ID}}-preview">
<h2 id="{{FORM_ID}}-preview">Preview</h2>
<div class="body">{{BODY_HTML:none}}</div>
</section>{{/PREVIEW}}
<form class="form" method="post" action="{{ACTION}}" novalidate>
<input type="hidden" name="csrf" value="{{CSRF}}">
<input type="hidden" name="stamp" value="{{STAMP}}">
<div class="honeypot" aria-hidden="true">
<label for="{{FORM_ID}}-website">Leave this field empty</label>
<input id="{{FORM_ID}}-website" name="website" type="text" value="" tabindex="-1" autocomplete="off">
</div>
<div class="field{{#BODY_ERROR}} invalid{{/BODY_ERROR}}">
<label for="{{FORM_ID}}-body">Your answer</label>
<p class="hint" id="{{FORM_ID}}-body-hint">Markdown: <code>**bold**</code>, <code>*italic*</code>, <code>`code`</code>, lists, links, and code blocks indented by four spaces.</p>
{{#BODY_ERROR}}<p class="error" id="{{FORM_ID}}-body-error"><strong>Error:</strong> {{MESSAGE}}</p>{{/BODY_ERROR}}
<textarea id="{{FORM_ID}}-body" name="body" rows="12" required aria-describedby="{{FORM_ID}}-body-hint{{#BODY_ERROR}} {{FORM_ID}}-body-error{{/BODY_ERROR}}"{{#BODY_ERROR}} aria-invalid="true"{{/BODY_ERROR}}>{{BODY:pre_escape}}</textarea>
</div>
{{#ANON}}<div class="field{{#NAME_ERROR}} invalid{{/NAME_ERROR}}">
<label for="{{FORM_ID}}-name">Your name <span class="optional">(optional)</span></label>
<p class="hint" id="{{FORM_ID}}-name-hint">Shown with your answer; &ldquo;Anonymous&rdquo; if you leave it empty.</p>
{{#NAME_ERROR}}<p class="error" id="{{FORM_ID}}-name-error"><strong>Error:</strong> {{MESSAGE}}</p>{{/NAME_ERROR}}
<input id="{{FORM_ID}}-name" name="name" type="text" value="{{NAME}}" autocomplete="name" maxlength="40" aria-describedby="{{FORM_ID}}-name-hint{{#NAME_ERROR}} {{FORM_ID}}-name-error{{/NAME_ERROR}}"{{#NAME_ERROR}} aria-invalid="true"{{/NAME_ERROR}}>
</div>
<div class="field{{#EMAIL_ERROR}} invalid{{/EMAIL_ERROR}}">
<label for="{{FORM_ID}}-email">Your email address <span class="optional">(optional)</span></label>
<p class="hint" id="{{FORM_ID}}-email-hint">Only used for sending these notifications; never shown.</p>
{{#EMAIL_ERROR}}<p class="error" id="{{FORM_ID}}-email-error"><strong>Error:</strong> {{MESSAGE}}</p>{{/EMAIL_ERROR}}
<input id="{{FORM_ID}}-email" name="email" type="email" value="{{EMAIL}}" autocomplete="email" maxlength="254" aria-describedby="{{FORM_ID}}-email-hint{{#EMAIL_ERROR}} {{FORM_ID}}-email-error{{/EMAIL_ERROR}}"{{#EMAIL_ERROR}} aria-invalid="true"{{/EMAIL_ERROR}}>
</div>{{/ANON}}
<div class="field check">
<input id="{{FORM_ID}}-notify" name="notify" type="checkbox" value="1"{{#NOTIFY_CHECKED}} checked{{/NOTIFY_CHECKED}}>
<label for="{{FORM_ID}}-notify">Email me about comments on my answer</label>
</div>
<p class="actions"><button type="submit">Post your answer</button>
<button type="submit" name="preview" value="1" class="secondary">Preview</button></p>
</form>
</div>
{{#PAGE}}</section>{{/PAGE}}
