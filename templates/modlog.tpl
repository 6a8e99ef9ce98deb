{{%AUTOESCAPE context="HTML"}}
<section class="mod-page mod-log">
<h1>Moderation log</h1>
{{>MODNAV}}
{{#NONE}}<p class="note">Nothing has been logged yet.</p>{{/NONE}}
{{#TABLE}}<div class="table-wrap">
<table class="mod-table">
<caption>Moderators' actions, newest first</caption>
<thead><tr><th scope="col">#</th><th scope="col">When</th><th scope="col">Who</th><th scope="col">Action</th><th scope="col">Target</th><th scope="col">Reason</th><th scope="col">Detail</th><th scope="col">Address</th></tr></thead>
<tbody>
{{/TABLE}}{{#ENTRY}}<tr id="log-{{ID}}">
<td>{{ID}}</td>
<td><time datetime="{{ISO}}">{{AGO}}</time></td>
<td>{{#USER}}<a href="{{URL}}">{{HANDLE}}</a>{{/USER}}{{#ANON}}{{NAME}}{{/ANON}}</td>
<td>{{ACTION}}{{#UNDO}}
<form class="inline" method="post" action="/moderate/unnuke/{{ID}}">
<input type="hidden" name="csrf" value="{{CSRF}}">
<input type="hidden" name="next" value="{{NEXT}}">
<button type="submit" class="link">Undo</button>
</form>{{/UNDO}}</td>
<td>{{#TARGET_POST}}<a href="/post/{{TID}}/revisions">post {{TID}}</a>{{/TARGET_POST}}{{#TARGET}}{{TYPE}}{{#HAS_ID}} {{TID}}{{/HAS_ID}}{{/TARGET}}</td>
<td>{{REASON}}</td>
<td>{{DETAIL}}</td>
<td><code>{{IP}}</code></td>
</tr>
{{/ENTRY}}{{#TABLE}}</tbody>
</table>
</div>{{/TABLE}}
{{>PAGER}}
</section>
