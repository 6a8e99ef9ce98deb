{{%AUTOESCAPE context="HTML"}}
{{#ERRORS}}<div class="errors" role="alert">
<p>Nothing was saved. Please correct what is marked below:</p>
<ul>{{#ERROR}}<li><a href="#{{ID}}">{{MESSAGE}}</a></li>{{/ERROR}}</ul>
</div>{{/ERRORS}}
<form class="form" method="post" action="{{ACTION}}" novalidate>
<input type="hidden" name="csrf" value="{{CSRF}}">
<div class="field{{#NAME_ERROR}} invalid{{/NAME_ERROR}}">
<label for="cat-name">Name</label>
{{#NAME_ERROR}}<p class="error" id="cat-name-error"><strong>Error:</strong> {{MESSAGE}}</p>{{/NAME_ERROR}}
<input id="cat-name" name="name" type="text" value="{{NAME}}" maxlength="80" required{{#NAME_ERROR}} aria-describedby="cat-name-error" aria-invalid="true"{{/NAME_ERROR}}>
</div>
<div class="field{{#SLUG_ERROR}} invalid{{/SLUG_ERROR}}">
<label for="cat-slug">Slug <span class="optional">(optional)</span></label>
<p class="hint" id="cat-slug-hint">The last part of the category's address, /c/slug: a-z, 0-9 and -. Left empty, it is made from the name.</p>
{{#SLUG_ERROR}}<p class="error" id="cat-slug-error"><strong>Error:</strong> {{MESSAGE}}</p>{{/SLUG_ERROR}}
<input id="cat-slug" name="slug" type="text" value="{{SLUG}}" maxlength="80" autocapitalize="none" spellcheck="false" aria-describedby="cat-slug-hint{{#SLUG_ERROR}} cat-slug-error{{/SLUG_ERROR}}"{{#SLUG_ERROR}} aria-invalid="true"{{/SLUG_ERROR}}>
</div>
<div class="field{{#DESCRIPTION_ERROR}} invalid{{/DESCRIPTION_ERROR}}">
<label for="cat-description">Description <span class="optional">(optional)</span></label>
{{#DESCRIPTION_ERROR}}<p class="error" id="cat-description-error"><strong>Error:</strong> {{MESSAGE}}</p>{{/DESCRIPTION_ERROR}}
<textarea id="cat-description" name="description" rows="3"{{#DESCRIPTION_ERROR}} aria-describedby="cat-description-error" aria-invalid="true"{{/DESCRIPTION_ERROR}}>{{DESCRIPTION:pre_escape}}</textarea>
</div>
<div class="field{{#PARENT_ERROR}} invalid{{/PARENT_ERROR}}">
<label for="cat-parent">Parent</label>
<p class="hint" id="cat-parent-hint">Categories nest up to four levels deep; a category moves with its subcategories.</p>
{{#PARENT_ERROR}}<p class="error" id="cat-parent-error"><strong>Error:</strong> {{MESSAGE}}</p>{{/PARENT_ERROR}}
<select id="cat-parent" name="parent" aria-describedby="cat-parent-hint{{#PARENT_ERROR}} cat-parent-error{{/PARENT_ERROR}}"{{#PARENT_ERROR}} aria-invalid="true"{{/PARENT_ERROR}}>
<option value="0"{{#TOP_SELECTED}} selected{{/TOP_SELECTED}}>None (top level)</option>
{{#OPTION}}<option value="{{VALUE}}"{{#SELECTED}} selected{{/SELECTED}}>{{LABEL}}</option>
{{/OPTION}}</select>
</div>
<div class="field number{{#POSITION_ERROR}} invalid{{/POSITION_ERROR}}">
<label for="cat-position">Position <span class="optional">(optional)</span></label>
<p class="hint" id="cat-position-hint">Lower numbers come first among the categories of the same parent; left empty, a new category comes last.</p>
{{#POSITION_ERROR}}<p class="error" id="cat-position-error"><strong>Error:</strong> {{MESSAGE}}</p>{{/POSITION_ERROR}}
<input id="cat-position" name="position" type="number" value="{{POSITION}}" min="0" max="9999" step="1" inputmode="numeric" aria-describedby="cat-position-hint{{#POSITION_ERROR}} cat-position-error{{/POSITION_ERROR}}"{{#POSITION_ERROR}} aria-invalid="true"{{/POSITION_ERROR}}>
</div>
<p class="actions"><button type="submit">{{BUTTON}}</button></p>
</form>
