{{%AUTOESCAPE context="HTML"}}
<section class="form-page ask-page">
<h1>Ask a question</h1>
{{#ERRORS}}<div class="errors" role="alert">
{{#ALERT}}<p>{{MESSAGE}}</p>{{/ALERT}}
{{#FIELDS}}<p>Please correct what is marked below:</p>
<ul>{{#ERROR}}<li><a href="#{{ID}}">{{MESSAGE}}</a></li>{{/ERROR}}</ul>{{/FIELDS}}
</div>{{/ERRORS}}
{{#QUEUED}}<p class="note">A moderator will check your question before it appears for everyone.</p>{{/QUEUED}}
{{#PREVIEW}}<section class="preview" aria-labelledby="preview-heading">
<h2 id="preview-heading">Preview</h2>
<div class="preview-box">
<h3 class="preview-title">{{PREVIEW_TITLE}}</h3>
<div class="body">{{PREVIEW_HTML:none}}</div>
{{#PREVIEW_TAGS}}<ul class="tags">{{#TAG}}<li><span>{{NAME}}</span></li>{{/TAG}}</ul>{{/PREVIEW_TAGS}}
</div>
<p class="hint">Nothing is saved yet: check it, then ask the question below.</p>
</section>{{/PREVIEW}}
{{#SIMILAR}}<section class="similar" aria-labelledby="similar-heading">
<h2 id="similar-heading">Similar questions</h2>
<p class="hint">One of these may already answer yours.</p>
<ul>{{#QUESTION}}<li><a href="{{Q_URL}}">{{Q_TITLE}}</a> <span class="count">{{Q_ANSWERS}}</span></li>{{/QUESTION}}</ul>
</section>{{/SIMILAR}}
<form class="form ask-form" method="post" action="/ask" novalidate>
<input type="hidden" name="csrf" value="{{CSRF}}">
<input type="hidden" name="stamp" value="{{STAMP}}">
<div class="field{{#TITLE_ERROR}} invalid{{/TITLE_ERROR}}">
<label for="title">Title</label>
<p class="hint" id="title-hint">Your question in one sentence, {{TITLE_MIN}} to {{TITLE_MAX}} characters.</p>
{{#TITLE_ERROR}}<p class="error" id="title-error"><strong>Error:</strong> {{MESSAGE}}</p>{{/TITLE_ERROR}}
<input id="title" name="title" type="text" value="{{TITLE}}" required aria-describedby="title-hint{{#TITLE_ERROR}} title-error{{/TITLE_ERROR}}"{{#TITLE_ERROR}} aria-invalid="true"{{/TITLE_ERROR}}>
</div>
<div class="field{{#BODY_ERROR}} invalid{{/BODY_ERROR}}">
<label for="body">Details</label>
<p class="hint" id="body-hint">What you want to know and what you have tried, at least {{BODY_MIN}} characters. Markdown: *italic*, **bold**, `code`, [link](https://example.org), lines indented by four spaces for code blocks.</p>
{{#BODY_ERROR}}<p class="error" id="body-error"><strong>Error:</strong> {{MESSAGE}}</p>{{/BODY_ERROR}}
<textarea id="body" name="body" rows="14" required aria-describedby="body-hint{{#BODY_ERROR}} body-error{{/BODY_ERROR}}"{{#BODY_ERROR}} aria-invalid="true"{{/BODY_ERROR}}>{{BODY:pre_escape}}</textarea>
</div>
{{#HAS_CATEGORIES}}<div class="field{{#CATEGORY_ERROR}} invalid{{/CATEGORY_ERROR}}">
<label for="category">Category <span class="optional">(optional)</span></label>
{{#CATEGORY_ERROR}}<p class="error" id="category-error"><strong>Error:</strong> {{MESSAGE}}</p>{{/CATEGORY_ERROR}}
<select id="category" name="category"{{#CATEGORY_ERROR}} aria-describedby="category-error" aria-invalid="true"{{/CATEGORY_ERROR}}>
<option value="">None</option>
{{#OPTION}}<option value="{{VALUE}}"{{#SELECTED}} selected{{/SELECTED}}>{{LABEL}}</option>
{{/OPTION}}</select>
</div>{{/HAS_CATEGORIES}}
<div class="field{{#TAGS_ERROR}} invalid{{/TAGS_ERROR}}">
<label for="tags">Tags <span class="optional">(optional)</span></label>
<p class="hint" id="tags-hint">Up to {{TAG_MAX}} words, separated by spaces or commas, for example &ldquo;sqlite performance&rdquo;.</p>
{{#TAGS_ERROR}}<p class="error" id="tags-error"><strong>Error:</strong> {{MESSAGE}}</p>{{/TAGS_ERROR}}
<input id="tags" name="tags" type="text" value="{{TAGS}}" autocapitalize="none" spellcheck="false" aria-describedby="tags-hint{{#TAGS_ERROR}} tags-error{{/TAGS_ERROR}}"{{#TAGS_ERROR}} aria-invalid="true"{{/TAGS_ERROR}}>
</div>
{{#ANON}}<div class="field{{#NAME_ERROR}} invalid{{/NAME_ERROR}}">
<label for="name">Your name to display <span class="optional">(optional)</span></label>
<p class="hint" id="name-hint">Up to 40 characters. Without one, you are shown as &ldquo;anonymous&rdquo;. <a href="/login?next=/ask">Log in</a> to ask under your account.</p>
{{#NAME_ERROR}}<p class="error" id="name-error"><strong>Error:</strong> {{MESSAGE}}</p>{{/NAME_ERROR}}
<input id="name" name="name" type="text" value="{{NAME}}" autocomplete="name" aria-describedby="name-hint{{#NAME_ERROR}} name-error{{/NAME_ERROR}}"{{#NAME_ERROR}} aria-invalid="true"{{/NAME_ERROR}}>
</div>
<div class="field{{#EMAIL_ERROR}} invalid{{/EMAIL_ERROR}}">
<label for="email">Email <span class="optional">(optional)</span></label>
<p class="hint" id="email-hint">Only used for sending these notifications and the link to edit your question; never shown publicly.</p>
{{#EMAIL_ERROR}}<p class="error" id="email-error"><strong>Error:</strong> {{MESSAGE}}</p>{{/EMAIL_ERROR}}
<input id="email" name="email" type="email" value="{{EMAIL}}" autocomplete="email" maxlength="254" aria-describedby="email-hint{{#EMAIL_ERROR}} email-error{{/EMAIL_ERROR}}"{{#EMAIL_ERROR}} aria-invalid="true"{{/EMAIL_ERROR}}>
</div>{{/ANON}}
<div class="field check">
<input id="notify" name="notify" type="checkbox" value="1"{{#NOTIFY_CHECKED}} checked{{/NOTIFY_CHECKED}}>
<label for="notify">Email me when someone answers{{#ANON}} (needs your email address){{/ANON}}</label>
</div>
<div class="honeypot">
<label for="website">Leave this empty</label>
<input id="website" name="website" type="text" value="" tabindex="-1" autocomplete="off">
</div>
<p class="actions"><button type="submit" name="post" value="1">Ask the question</button>
<button type="submit" name="preview" value="1" class="secondary">Preview</button></p>
</form>
</section>
