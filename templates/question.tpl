{{%AUTOESCAPE context="HTML"}}
<article class="thread">
<header class="qhead">
<h1><a href="{{URL}}">{{TITLE}}</a></h1>
<p class="qinfo">{{#CATEGORY}}<a class="cat" href="{{URL}}">{{NAME}}</a> &middot; {{/CATEGORY}}{{VOTES}} &middot; <span class="views">{{VIEWS}}</span></p>
</header>
{{#CLOSED}}<div class="notice" role="note">
<p><strong>This question is closed</strong>{{#REASON}}: {{TEXT}}{{/REASON}}{{#DUPLICATE}}. It is a duplicate of <a href="{{URL}}">{{TITLE}}</a>{{/DUPLICATE}}.</p>
</div>{{/CLOSED}}
{{#MODQ}}<details class="modq">
<summary>Moderate this question</summary>
{{#CLOSE}}<form class="form" method="post" action="{{ACTION}}">
<input type="hidden" name="csrf" value="{{CSRF}}">
<input type="hidden" name="next" value="{{NEXT}}">
<div class="field">
<label for="close-reason">Why close it</label>
<input id="close-reason" name="reason" type="text" value="" maxlength="200">
</div>
<div class="field">
<label for="close-dup">Duplicate of question number <span class="optional">(optional)</span></label>
<input id="close-dup" name="duplicate_of" type="text" value="" inputmode="numeric" pattern="[0-9]*" maxlength="20">
</div>
<p class="actions"><button type="submit">Close</button></p>
</form>{{/CLOSE}}
{{#REOPEN}}<form class="mod" method="post" action="{{ACTION}}">
<input type="hidden" name="csrf" value="{{CSRF}}">
<input type="hidden" name="next" value="{{NEXT}}">
<button type="submit">Reopen</button>
</form>{{/REOPEN}}
<form class="mod" method="post" action="{{ACTION_POST}}">
<input type="hidden" name="csrf" value="{{CSRF}}">
<input type="hidden" name="next" value="{{NEXT}}">
{{#LOCK}}<button type="submit" name="action" value="lock">Lock comments</button>{{/LOCK}}
{{#UNLOCK}}<button type="submit" name="action" value="unlock">Unlock comments</button>{{/UNLOCK}}
</form>
</details>{{/MODQ}}
{{>QUESTION}}
<section class="answer-list" aria-labelledby="answers">
<h2 id="answers">{{ANSWER_COUNT}}</h2>
{{#NO_ANSWERS}}<p class="empty">No answers yet.</p>{{/NO_ANSWERS}}
{{>ANSWER}}
</section>
<section class="answer-form" aria-labelledby="your-answer">
<h2 id="your-answer">Your answer</h2>
{{#ANSWER_FORM}}<form class="form" method="post" action="{{ACTION}}">
<input type="hidden" name="csrf" value="{{CSRF}}">
<input type="hidden" name="stamp" value="{{STAMP}}">
<div class="honeypot" aria-hidden="true">
<label for="website">Leave this empty</label>
<input id="website" name="website" type="text" value="" tabindex="-1" autocomplete="off">
</div>
<div class="field">
<label for="body">Your answer</label>
<p class="hint" id="body-hint">Markdown: *emphasis*, **strong**, `code`, [links](https://example.org), lists and code blocks.</p>
<textarea id="body" name="body" rows="10" required aria-describedby="body-hint"></textarea>
</div>
{{#VISITOR}}<div class="field">
<label for="name">Your name to display <span class="optional">(optional)</span></label>
<input id="name" name="name" type="text" value="" autocomplete="name" maxlength="40">
</div>
<div class="field">
<label for="email">Email <span class="optional">(optional)</span>: only used for sending these notifications</label>
<input id="email" name="email" type="email" value="" autocomplete="email" maxlength="254">
</div>{{/VISITOR}}
<div class="field check">
<input id="notify" name="notify" type="checkbox" value="1">
<label for="notify">Email me when my answer gets a comment or is selected as the best answer{{#VISITOR}} (needs your email address){{/VISITOR}}</label>
</div>
<p class="actions"><button type="submit">Post your answer</button></p>
</form>{{/ANSWER_FORM}}
{{#NO_ANSWER_FORM}}<p class="aside">{{TEXT}}{{#LOGIN}}<a href="{{URL}}">Log in to answer</a>.{{/LOGIN}}</p>{{/NO_ANSWER_FORM}}
</section>
</article>
{{#RELATED}}<aside class="related" aria-labelledby="related-heading">
<h2 id="related-heading">Related questions</h2>
<ul>
{{#RQ}}<li><a href="{{R_URL}}">{{R_TITLE}}</a>{{#R_CLOSED}} <span class="badge">closed</span>{{/R_CLOSED}} <span class="rstats"><span class="votes">{{R_VOTES}}</span>, <span class="answers{{#R_ANSWERED}} answered{{/R_ANSWERED}}{{#R_ACCEPTED}} accepted{{/R_ACCEPTED}}">{{R_ANSWERS}}{{#R_ACCEPTED}}<span class="vh">, one accepted</span>{{/R_ACCEPTED}}</span></span></li>
{{/RQ}}</ul>
</aside>{{/RELATED}}
