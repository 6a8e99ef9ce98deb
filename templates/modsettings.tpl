{{%AUTOESCAPE context="HTML"}}
<section class="mod-page mod-settings form-page">
<h1>Site settings</h1>
{{>MODNAV}}
{{#DONE}}<div class="done" role="status"><p>The settings are saved.</p></div>{{/DONE}}
{{#ERRORS}}<div class="errors" role="alert">
<p>Nothing was saved. Please correct what is marked below:</p>
<ul>{{#ERROR}}<li><a href="#{{ID}}">{{MESSAGE}}</a></li>{{/ERROR}}</ul>
</div>{{/ERRORS}}
<form class="form" method="post" action="/moderate/settings" novalidate>
<input type="hidden" name="csrf" value="{{CSRF}}">
{{#GROUP}}<fieldset class="settings-group">
<legend>{{LEGEND}}</legend>
{{#ROW}}{{#LINE}}<div class="field{{#ERROR}} invalid{{/ERROR}}">
<label for="{{ID}}">{{LABEL}}</label>
{{#ERROR}}<p class="error" id="{{ID}}-error"><strong>Error:</strong> {{MESSAGE}}</p>{{/ERROR}}
<input id="{{ID}}" name="{{ID}}" type="text" value="{{VALUE}}"{{#ERROR}} aria-describedby="{{ID}}-error" aria-invalid="true"{{/ERROR}}>
</div>{{/LINE}}{{#AREA}}<div class="field{{#ERROR}} invalid{{/ERROR}}">
<label for="{{ID}}">{{LABEL}}</label>
{{#ERROR}}<p class="error" id="{{ID}}-error"><strong>Error:</strong> {{MESSAGE}}</p>{{/ERROR}}
<textarea id="{{ID}}" name="{{ID}}" rows="4"{{#ERROR}} aria-describedby="{{ID}}-error" aria-invalid="true"{{/ERROR}}>{{VALUE:pre_escape}}</textarea>
</div>{{/AREA}}{{#INT}}<div class="field number{{#ERROR}} invalid{{/ERROR}}">
<label for="{{ID}}">{{LABEL}}</label>
{{#ERROR}}<p class="error" id="{{ID}}-error"><strong>Error:</strong> {{MESSAGE}}</p>{{/ERROR}}
<input id="{{ID}}" name="{{ID}}" type="number" value="{{VALUE}}" min="{{MIN}}" max="{{MAX}}" step="1" inputmode="numeric"{{#ERROR}} aria-describedby="{{ID}}-error" aria-invalid="true"{{/ERROR}}>
</div>{{/INT}}{{#BOOL}}<div class="field check">
<input id="{{ID}}" name="{{ID}}" type="checkbox" value="1"{{#CHECKED}} checked{{/CHECKED}}>
<label for="{{ID}}">{{LABEL}}</label>
</div>{{/BOOL}}
{{/ROW}}</fieldset>
{{/GROUP}}
<p class="actions"><button type="submit">Save the settings</button></p>
</form>
</section>
