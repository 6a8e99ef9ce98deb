{{%AUTOESCAPE context="HTML"}}
<section class="mod-page mod-user">
<h1>Moderate {{HANDLE}}</h1>
{{>MODNAV}}
{{#NUKED}}<div class="done" role="status">
<p>All posts of {{HANDLE}} are gone and the account is blocked (log entry #{{AUDIT_ID}}).</p>
<form method="post" action="/moderate/unnuke/{{AUDIT_ID}}">
<input type="hidden" name="csrf" value="{{CSRF}}">
<input type="hidden" name="next" value="{{SELF}}">
<p class="actions"><button type="submit" class="secondary">Undo</button></p>
</form>
</div>{{/NUKED}}
<dl class="mod-facts">
<dt>Profile</dt><dd><a href="{{PROFILE_URL}}">{{HANDLE}}</a></dd>
<dt>Level</dt><dd>{{LEVEL}}</dd>
<dt>Points</dt><dd>{{POINTS}}</dd>
<dt>Member since</dt><dd><time datetime="{{ISO}}">{{AGO}}</time></dd>
<dt>State</dt><dd>{{#BLOCKED}}<strong class="blocked">Blocked</strong>{{/BLOCKED}}{{#ACTIVE}}Active{{/ACTIVE}}</dd>
</dl>
<section aria-labelledby="posts-h">
<h2 id="posts-h">Recent posts</h2>
{{#NO_POSTS}}<p>No visible posts.</p>{{/NO_POSTS}}
<ul class="mod-posts">
{{#POST}}<li><a href="{{URL}}">{{TITLE}}</a> <span class="postmeta">{{KIND}}, {{STATUS}}, <time datetime="{{ISO}}">{{AGO}}</time></span></li>
{{/POST}}</ul>
</section>
<section aria-labelledby="ips-h">
<h2 id="ips-h">Addresses posted from</h2>
{{#NO_IPS}}<p>None recorded.</p>{{/NO_IPS}}
<ul class="mod-ips">
{{#IP}}<li><code>{{ADDR}}</code>
<form class="inline" method="post" action="/moderate/ips">
<input type="hidden" name="csrf" value="{{CSRF}}">
<input type="hidden" name="cidr" value="{{ADDR}}">
<input type="hidden" name="reason" value="posts by {{HANDLE}}">
<button type="submit" class="link">Block this address</button>
</form></li>
{{/IP}}</ul>
</section>
{{#NO_MANAGE}}<p class="note">This account is not below your level, so you cannot block it or change it.</p>{{/NO_MANAGE}}
{{#MANAGE}}<section aria-labelledby="block-h">
<h2 id="block-h">{{#BLOCK}}Block{{/BLOCK}}{{#UNBLOCK}}Unblock{{/UNBLOCK}} the account</h2>
<form class="form" method="post" action="{{SELF}}/block">
<input type="hidden" name="csrf" value="{{CSRF}}">
{{#BLOCK}}<input type="hidden" name="block" value="1">{{/BLOCK}}
{{#UNBLOCK}}<input type="hidden" name="block" value="0">{{/UNBLOCK}}
<div class="field">
<label for="block-reason">Reason <span class="optional">(optional)</span></label>
<input id="block-reason" name="reason" type="text" maxlength="200">
</div>
<p class="actions">{{#BLOCK}}<button type="submit" class="danger">Block {{HANDLE}}</button>{{/BLOCK}}{{#UNBLOCK}}<button type="submit">Unblock {{HANDLE}}</button>{{/UNBLOCK}}</p>
</form>
</section>
{{#LEVELS}}<section aria-labelledby="level-h">
<h2 id="level-h">Level</h2>
<form class="form" method="post" action="{{SELF}}/level">
<input type="hidden" name="csrf" value="{{CSRF}}">
<div class="field">
<label for="level">Level</label>
<select id="level" name="level">
{{#OPTION}}<option value="{{VALUE}}"{{#SELECTED}} selected{{/SELECTED}}>{{NAME}}</option>
{{/OPTION}}</select>
</div>
<p class="actions"><button type="submit">Set the level</button></p>
</form>
</section>{{/LEVELS}}
<section class="danger" aria-labelledby="nuke-h">
<h2 id="nuke-h">Nuke</h2>
<p>Block the account and remove every one of its posts at once. A log entry keeps what was done, so it can be undone.</p>
<form class="form" method="post" action="{{SELF}}/nuke">
<input type="hidden" name="csrf" value="{{CSRF}}">
<div class="field">
<label for="nuke-reason">Reason <span class="optional">(optional)</span></label>
<input id="nuke-reason" name="reason" type="text" maxlength="200" value="{{NUKE_REASON}}">
</div>
{{#NUKE_ERROR}}<p class="error" id="sure-error" role="alert"><strong>Error:</strong> {{MESSAGE}}</p>{{/NUKE_ERROR}}
<div class="field check{{#NUKE_ERROR}} invalid{{/NUKE_ERROR}}">
<input id="sure" name="sure" type="checkbox" value="1"{{#NUKE_ERROR}} aria-describedby="sure-error" aria-invalid="true"{{/NUKE_ERROR}}>
<label for="sure">Yes, remove all posts of {{HANDLE}} and block the account.</label>
</div>
<p class="actions"><button type="submit" class="danger">Nuke {{HANDLE}}</button></p>
</form>
</section>{{/MANAGE}}
</section>
