{{%AUTOESCAPE context="HTML"}}
<section class="form-page edit-page">
<h1>{{HEADING}}</h1>
<p class="aside"><a href="{{POST_URL}}">{{Q_TITLE}}</a> &middot; <a href="{{REVISIONS_URL}}">Revisions</a></p>
{{#ERRORS}}<div class="errors" role="alert">
{{#ALERT}}<p>{{MESSAGE}}</p>{{/ALERT}}
{{#FIELDS}}<p>Please correct what is marked below:</p>
<ul>{{#ERROR}}<li><a href="#{{ID}}">{{MESSAGE}}</a></li>{{/ERROR}}</ul>{{/FIELDS}}
</div>{{/ERRORS}}
{{#PREVIEW}}<section class="preview" aria-labelledby="preview">
<h2 id="preview">Preview</h2>
<div class="body">{{BODY_HTML:none}}</div>
</section>{{/PREVIEW}}
<form class="form" method="post" action="{{ACTION}}" novalidate>
<input type="hidden" name="csrf" value="{{CSRF}}">
<input type="hidden" name="stamp" value="{{STAMP}}">
<input type="hidden" name="key" value="{{KEY}}">
<div class="honeypot" aria-hidden="true">
<label for="website">Leave this field empty</label>
<input id="website" name="website" type="text" value="" tabindex="-1" autocomplete="off">
</div>
{{#QUESTION}}<div class="field{{#TITLE_ERROR}} invalid{{/TITLE_ERROR}}">
<label for="title">Title</label>
<p class="hint" id="title-hint">The question in one sentence.</p>
{{#TITLE_ERROR}}<p class="error" id="title-error"><strong>Error:</strong> {{MESSAGE}}</p>{{/TITLE_ERROR}}
<input id="title" name="title" type="text" value="{{TITLE}}" required maxlength="300" aria-describedby="title-hint{{#TITLE_ERROR}} title-error{{/TITLE_ERROR}}"{{#TITLE_ERROR}} aria-invalid="true"{{/TITLE_ERROR}}>
</div>
<div class="field{{#TAGS_ERROR}} invalid{{/TAGS_ERROR}}">
<label for="tags">Tags <span class="optional">(optional)</span></label>
<p class="hint" id="tags-hint">Up to five, separated by spaces.</p>
{{#TAGS_ERROR}}<p class="error" id="tags-error"><strong>Error:</strong> {{MESSAGE}}</p>{{/TAGS_ERROR}}
<input id="tags" name="tags" type="text" value="{{TAGS}}" autocapitalize="none" spellcheck="false" maxlength="200" aria-describedby="tags-hint{{#TAGS_ERROR}} tags-error{{/TAGS_ERROR}}"{{#TAGS_ERROR}} aria-invalid="true"{{/TAGS_ERROR}}>
</div>
{{#CATEGORIES}}<div class="field{{#CATEGORY_ERROR}} invalid{{/CATEGORY_ERROR}}">
<label for="category">Category</label>
{{#CATEGORY_ERROR}}<p class="error" id="category-error"><strong>Error:</strong> {{MESSAGE}}</p>{{/CATEGORY_ERROR}}
<select id="category" name="category"{{#CATEGORY_ERROR}} aria-describedby="category-error" aria-invalid="true"{{/CATEGORY_ERROR}}>
<option value="0">(none)</option>
{{#CAT_OPTION}}<option value="{{ID}}"{{#SELECTED}} selected{{/SELECTED}}>{{NAME}}</option>
{{/CAT_OPTION}}</select>
</div>{{/CATEGORIES}}{{/QUESTION}}
<div class="field{{#BODY_ERROR}} invalid{{/BODY_ERROR}}">
<label for="body">Text</label>
<p class="hint" id="body-hint">{{#BLOCK}}Markdown: <code>**bold**</code>, <code>*italic*</code>, <code>`code`</code>, lists, links, and code blocks indented by four spaces.{{/BLOCK}}{{#INLINE}}Short, one paragraph: <code>**bold**</code>, <code>*italic*</code>, <code>`code`</code> and links.{{/INLINE}}</p>
{{#BODY_ERROR}}<p class="error" id="body-error"><strong>Error:</strong> {{MESSAGE}}</p>{{/BODY_ERROR}}
<textarea id="body" name="body" rows="{{#BLOCK}}16{{/BLOCK}}{{#INLINE}}4{{/INLINE}}" required aria-describedby="body-hint{{#BODY_ERROR}} body-error{{/BODY_ERROR}}"{{#BODY_ERROR}} aria-invalid="true"{{/BODY_ERROR}}>{{BODY:pre_escape}}</textarea>
</div>
<div class="field{{#REASON_ERROR}} invalid{{/REASON_ERROR}}">
<label for="reason">Edit reason{{#REASON_OPTIONAL}} <span class="optional">(optional)</span>{{/REASON_OPTIONAL}}</label>
<p class="hint" id="reason-hint">{{#REASON_REQUIRED}}Required when you edit someone else&rsquo;s post. {{/REASON_REQUIRED}}Shown in the revision history, up to 200 characters.</p>
{{#REASON_ERROR}}<p class="error" id="reason-error"><strong>Error:</strong> {{MESSAGE}}</p>{{/REASON_ERROR}}
<input id="reason" name="reason" type="text" value="{{REASON}}" maxlength="200"{{#REASON_REQUIRED}} required{{/REASON_REQUIRED}} aria-describedby="reason-hint{{#REASON_ERROR}} reason-error{{/REASON_ERROR}}"{{#REASON_ERROR}} aria-invalid="true"{{/REASON_ERROR}}>
</div>
<p class="actions"><button type="submit">Save edit</button>
<button type="submit" name="preview" value="1" class="secondary">Preview</button>
<a href="{{POST_URL}}">Cancel</a></p>
</form>
</section>
