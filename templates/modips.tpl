{{%AUTOESCAPE context="HTML"}}
<section class="mod-page mod-ips">
<h1>IP blocks</h1>
{{>MODNAV}}
{{#DONE}}<div class="done" role="status"><p>The address is blocked.</p></div>{{/DONE}}
{{#CIDR_ERROR}}<div class="errors" role="alert"><ul><li><a href="#cidr">{{MESSAGE}}</a></li></ul></div>{{/CIDR_ERROR}}
<form class="form" method="post" action="/moderate/ips" novalidate>
<input type="hidden" name="csrf" value="{{CSRF}}">
<div class="field{{#CIDR_ERROR}} invalid{{/CIDR_ERROR}}">
<label for="cidr">Address or range</label>
<p class="hint" id="cidr-hint">One address (192.0.2.7) or a range in CIDR form (192.0.2.0/24, 2001:db8::/32).</p>
{{#CIDR_ERROR}}<p class="error" id="cidr-error"><strong>Error:</strong> {{MESSAGE}}</p>{{/CIDR_ERROR}}
<input id="cidr" name="cidr" type="text" value="{{CIDR}}" maxlength="64" required autocapitalize="none" spellcheck="false" aria-describedby="cidr-hint{{#CIDR_ERROR}} cidr-error{{/CIDR_ERROR}}"{{#CIDR_ERROR}} aria-invalid="true"{{/CIDR_ERROR}}>
</div>
<div class="field">
<label for="ip-reason">Reason <span class="optional">(optional)</span></label>
<input id="ip-reason" name="reason" type="text" value="{{REASON}}" maxlength="200">
</div>
<p class="actions"><button type="submit" class="danger">Block</button></p>
</form>
<section aria-labelledby="recent-h">
<h2 id="recent-h">Recent blocks</h2>
{{#NONE}}<p>No address has been blocked lately.</p>{{/NONE}}
<ul class="mod-iplog">
{{#ENTRY}}<li><strong>{{ACTION}}</strong> #{{ID}} <code>{{DETAIL}}</code> by {{ACTOR}}, <time datetime="{{ISO}}">{{AGO}}</time> <span class="reason">{{REASON}}</span>{{#LIFT}}
<form class="inline" method="post" action="/moderate/ips/{{ID}}/delete">
<input type="hidden" name="csrf" value="{{CSRF}}">
<button type="submit" class="link">Lift this block</button>
</form>{{/LIFT}}</li>
{{/ENTRY}}</ul>
</section>
</section>
