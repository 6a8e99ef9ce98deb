{{%AUTOESCAPE context="HTML"}}
<div class="post {{KIND}}{{#ACCEPTED}} accepted{{/ACCEPTED}}{{#QUEUED}} queued{{/QUEUED}}" id="{{ANCHOR}}">
<div class="vote">
{{#VOTE_FORM}}<form class="vote" method="post" action="{{ACTION}}">
<input type="hidden" name="csrf" value="{{CSRF}}">
{{#UP}}<button type="submit" class="vote-up" name="dir" value="{{VALUE}}" aria-label="Vote up" aria-pressed="{{PRESSED}}"{{#DISABLED}} disabled title="{{TITLE}}"{{/DISABLED}}>&#9650;</button>{{/UP}}
<span class="score" data-score="{{SCORE}}" aria-live="polite">{{VOTES}}</span>
{{#DOWN}}<button type="submit" class="vote-down" name="dir" value="{{VALUE}}" aria-label="Vote down" aria-pressed="{{PRESSED}}"{{#DISABLED}} disabled title="{{TITLE}}"{{/DISABLED}}>&#9660;</button>{{/DOWN}}
<span class="vote-msg" role="status"></span>
</form>{{/VOTE_FORM}}
{{#VOTE_SCORE}}<span class="score" data-score="{{SCORE}}">{{VOTES}}</span>{{/VOTE_SCORE}}
{{#ACCEPTED}}<span class="best">Best answer</span>{{/ACCEPTED}}
</div>
<div class="postbody">
{{#QUEUED}}<p class="waiting" role="note">Waiting for approval: only you and the moderators see this yet.</p>{{/QUEUED}}
{{#HIDDEN}}<p class="waiting hidden-note" role="note">This post is hidden by a moderator: only you see it.</p>{{/HIDDEN}}
<div class="body">{{BODY_HTML:none}}</div>
{{#TAGS}}<ul class="tags">{{#TAG}}<li><a href="{{URL}}" rel="tag">{{NAME}}</a></li>{{/TAG}}</ul>{{/TAGS}}
<p class="postmeta">
<span class="by">{{VERB}} <time datetime="{{ISO}}">{{AGO}}</time> by {{#USER}}<a href="{{URL}}">{{HANDLE}}</a> <span class="points">({{POINTS}})</span>{{/USER}}{{#ANON}}{{NAME}}{{/ANON}}</span>
{{#EDITED}}<span class="edited">edited by {{#EUSER}}<a href="{{URL}}">{{HANDLE}}</a>{{/EUSER}}{{#EANON}}{{NAME}}{{/EANON}}, <time datetime="{{ISO}}">{{AGO}}</time></span>{{/EDITED}}
{{#EDIT}}<a class="action" href="{{URL}}">edit</a>{{/EDIT}}
{{#REVISIONS}}<a class="action" href="{{URL}}">revisions</a>{{/REVISIONS}}
{{#MOD}}{{#MODUSER}}<a class="action" href="{{URL}}">moderate</a>{{/MODUSER}}{{/MOD}}
</p>
{{#FLAG}}<details class="flag">
<summary>flag</summary>
<form class="form flag" method="post" action="{{ACTION}}">
<input type="hidden" name="csrf" value="{{CSRF}}">
<fieldset>
<legend>Why should the moderators look at this?</legend>
<div class="field check"><input id="flag-spam-{{ID}}" name="reason" type="radio" value="spam" required><label for="flag-spam-{{ID}}">Spam</label></div>
<div class="field check"><input id="flag-offensive-{{ID}}" name="reason" type="radio" value="offensive"><label for="flag-offensive-{{ID}}">Offensive</label></div>
<div class="field check"><input id="flag-offtopic-{{ID}}" name="reason" type="radio" value="offtopic"><label for="flag-offtopic-{{ID}}">Off-topic</label></div>
<div class="field check"><input id="flag-other-{{ID}}" name="reason" type="radio" value="other"><label for="flag-other-{{ID}}">Something else</label></div>
</fieldset>
<div class="field">
<label for="flag-note-{{ID}}">Note <span class="optional">(optional)</span></label>
<input id="flag-note-{{ID}}" name="note" type="text" value="" maxlength="200">
</div>
<p class="actions"><button type="submit">Flag</button></p>
</form>
</details>{{/FLAG}}
{{#MOD}}<form class="mod" method="post" action="{{ACTION}}">
<input type="hidden" name="csrf" value="{{CSRF}}">
<input type="hidden" name="next" value="{{NEXT}}">
{{#APPROVE}}<button type="submit" name="action" value="approve">approve</button>
<button type="submit" name="action" value="reject">reject</button>
{{/APPROVE}}{{#HIDE}}<button type="submit" name="action" value="hide">hide</button>
{{/HIDE}}<button type="submit" name="action" value="delete">delete</button>
</form>{{/MOD}}
{{#ACCEPT}}<form class="accept" method="post" action="{{ACTION}}">
<input type="hidden" name="csrf" value="{{CSRF}}">
{{#UNDO}}<input type="hidden" name="undo" value="1">{{/UNDO}}
<button type="submit">{{LABEL}}</button>
</form>{{/ACCEPT}}
{{#COMMENTS}}<section class="comments" aria-label="{{COUNT}}">
<ol>
{{#COMMENT}}<li id="{{ANCHOR}}"{{#CQUEUED}} class="queued"{{/CQUEUED}}>
{{#CQUEUED}}<p class="waiting" role="note">Waiting for approval</p>{{/CQUEUED}}
{{#CHIDDEN}}<p class="waiting hidden-note" role="note">This post is hidden by a moderator</p>{{/CHIDDEN}}
{{#VOTE_FORM}}<form class="vote cvote" method="post" action="{{ACTION}}">
<input type="hidden" name="csrf" value="{{CSRF}}">
{{#UP}}<button type="submit" class="vote-up" name="dir" value="{{VALUE}}" aria-label="Vote up" aria-pressed="{{PRESSED}}"{{#DISABLED}} disabled title="{{TITLE}}"{{/DISABLED}}>&#9650;</button>{{/UP}}
<span class="score" data-score="{{SCORE}}" aria-live="polite">{{VOTES}}</span>
<span class="vote-msg" role="status"></span>
</form>{{/VOTE_FORM}}
{{#VOTE_SCORE}}<span class="cscore score" data-score="{{SCORE}}">{{VOTES}}</span>{{/VOTE_SCORE}}
<div class="cbody">{{BODY_HTML:none}}</div>
<p class="cmeta">&mdash; {{#CUSER}}<a href="{{URL}}">{{HANDLE}}</a> <span class="points">({{POINTS}})</span>{{/CUSER}}{{#CANON}}{{NAME}}{{/CANON}}, <time datetime="{{ISO}}">{{AGO}}</time>{{#CEDITED}} <span class="edited">edited by {{#EUSER}}<a href="{{URL}}">{{HANDLE}}</a>{{/EUSER}}{{#EANON}}{{NAME}}{{/EANON}}, <time datetime="{{ISO}}">{{AGO}}</time></span>{{/CEDITED}}{{#CEDIT}} <a class="action" href="{{URL}}">edit</a>{{/CEDIT}}{{#CREVISIONS}} <a class="action" href="{{URL}}">revisions</a>{{/CREVISIONS}}{{#CMOD}}{{#MODUSER}} <a class="action" href="{{URL}}">moderate</a>{{/MODUSER}}{{/CMOD}}</p>
{{#CFLAG}}<details class="flag">
<summary>flag</summary>
<form class="form flag" method="post" action="{{ACTION}}">
<input type="hidden" name="csrf" value="{{CSRF}}">
<fieldset>
<legend>Why should the moderators look at this?</legend>
<div class="field check"><input id="flag-spam-{{ID}}" name="reason" type="radio" value="spam" required><label for="flag-spam-{{ID}}">Spam</label></div>
<div class="field check"><input id="flag-offensive-{{ID}}" name="reason" type="radio" value="offensive"><label for="flag-offensive-{{ID}}">Offensive</label></div>
<div class="field check"><input id="flag-offtopic-{{ID}}" name="reason" type="radio" value="offtopic"><label for="flag-offtopic-{{ID}}">Off-topic</label></div>
<div class="field check"><input id="flag-other-{{ID}}" name="reason" type="radio" value="other"><label for="flag-other-{{ID}}">Something else</label></div>
</fieldset>
<div class="field">
<label for="flag-note-{{ID}}">Note <span class="optional">(optional)</span></label>
<input id="flag-note-{{ID}}" name="note" type="text" value="" maxlength="200">
</div>
<p class="actions"><button type="submit">Flag</button></p>
</form>
</details>{{/CFLAG}}
{{#CMOD}}<form class="mod" method="post" action="{{ACTION}}">
<input type="hidden" name="csrf" value="{{CSRF}}">
<input type="hidden" name="next" value="{{NEXT}}">
{{#APPROVE}}<button type="submit" name="action" value="approve">approve</button>
<button type="submit" name="action" value="reject">reject</button>
{{/APPROVE}}{{#HIDE}}<button type="submit" name="action" value="hide">hide</button>
{{/HIDE}}<button type="submit" name="action" value="delete">delete</button>
</form>{{/CMOD}}
</li>{{/COMMENT}}
</ol>
</section>{{/COMMENTS}}
{{#CFORM}}<details class="cform">
<summary>Add a comment</summary>
<form class="form" method="post" action="{{ACTION}}">
<input type="hidden" name="csrf" value="{{CSRF}}">
<input type="hidden" name="stamp" value="{{STAMP}}">
<div class="honeypot" aria-hidden="true">
<label for="website-{{ID}}">Leave this empty</label>
<input id="website-{{ID}}" name="website" type="text" value="" tabindex="-1" autocomplete="off">
</div>
<div class="field">
<label for="cbody-{{ID}}">Your comment</label>
<textarea id="cbody-{{ID}}" name="body" rows="3" required maxlength="{{MAX}}"></textarea>
</div>
{{#CVISITOR}}<div class="field">
<label for="cname-{{ID}}">Your name to display <span class="optional">(optional)</span></label>
<input id="cname-{{ID}}" name="name" type="text" value="" autocomplete="name" maxlength="40">
</div>
<div class="field">
<label for="cemail-{{ID}}">Email <span class="optional">(optional)</span>: only used for sending these notifications</label>
<input id="cemail-{{ID}}" name="email" type="email" value="" autocomplete="email" maxlength="254">
</div>{{/CVISITOR}}
<p class="actions"><button type="submit">Add comment</button></p>
</form>
</details>{{/CFORM}}
</div>
</div>
