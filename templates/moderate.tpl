{{%AUTOESCAPE context="HTML"}}
<section class="mod-page mod-queue">
<h1>Moderation queue</h1>
{{>MODNAV}}
<p class="hint">Queued posts and posts that members flagged, oldest first.</p>
{{#EMPTY}}<p class="note">The queue is empty.</p>{{/EMPTY}}
{{#ITEM}}<article class="mod-item" id="item-{{ID}}" aria-labelledby="item-{{ID}}-h">
<header>
<h2 id="item-{{ID}}-h"><a href="{{URL}}">{{TITLE}}</a></h2>
<p class="postmeta"><span class="badge status-{{STATUS}}">{{STATUS}}</span> {{KIND}} #{{ID}}, <time datetime="{{ISO}}">{{AGO}}</time>, by {{#USER}}<a href="{{URL}}">{{HANDLE}}</a>{{/USER}}{{#ANON}}{{NAME}}{{/ANON}}{{#IP}} from <code>{{ADDR}}</code>{{/IP}}</p>
</header>
<div class="body">{{BODY_HTML:none}}</div>
<dl class="mod-facts">
<dt>Flags</dt><dd>{{#FLAGS}}{{COUNT}}: {{REASONS}}{{/FLAGS}}{{#NO_FLAGS}}none{{/NO_FLAGS}}</dd>
<dt>Author's posts</dt><dd>{{POSTS}}, of which hidden or deleted: {{HIDDEN}}</dd>
</dl>
<div class="check mod-pick">
<input id="post_{{ID}}" name="post_{{ID}}" type="checkbox" value="1" form="bulk">
<label for="post_{{ID}}">Select for a bulk action</label>
</div>
<form class="mod-actions" method="post" action="/moderate/post/{{ID}}">
<input type="hidden" name="csrf" value="{{CSRF}}">
<input type="hidden" name="next" value="{{NEXT}}">
<label for="reason-{{ID}}">Reason <span class="optional">(optional)</span></label>
<input id="reason-{{ID}}" name="reason" type="text" maxlength="200">
<p class="actions">
{{#APPROVE}}<button type="submit" name="action" value="approve">Approve</button>{{/APPROVE}}
{{#REJECT}}<button type="submit" name="action" value="reject" class="danger">Reject</button>{{/REJECT}}
{{#HIDE}}<button type="submit" name="action" value="hide">Hide</button>{{/HIDE}}
{{#RESHOW}}<button type="submit" name="action" value="reshow">Show again</button>{{/RESHOW}}
{{#CLEAR}}<button type="submit" name="action" value="clear" class="secondary">Clear flags</button>{{/CLEAR}}
{{#DELETE}}<button type="submit" name="action" value="delete" class="danger">Delete</button>{{/DELETE}}
{{#RESTORE}}<button type="submit" name="action" value="restore">Restore</button>{{/RESTORE}}
{{#PURGE}}<button type="submit" name="action" value="purge" class="danger">Purge</button>{{/PURGE}}
</p>
</form>
</article>
{{/ITEM}}
{{#BULK}}<form id="bulk" class="mod-bulk" method="post" action="/moderate/bulk">
<input type="hidden" name="csrf" value="{{CSRF}}">
<input type="hidden" name="next" value="{{NEXT}}">
<fieldset>
<legend>With the selected posts</legend>
<label for="bulk-reason">Reason <span class="optional">(optional)</span></label>
<input id="bulk-reason" name="reason" type="text" maxlength="200">
<p class="actions">
<button type="submit" name="action" value="approve">Approve</button>
<button type="submit" name="action" value="reject" class="danger">Reject</button>
<button type="submit" name="action" value="hide">Hide</button>
<button type="submit" name="action" value="clear" class="secondary">Clear flags</button>
</p>
</fieldset>
</form>{{/BULK}}
{{>PAGER}}
</section>
