{{%AUTOESCAPE context="HTML"}}
<article class="thread">
<header class="qhead">
<h1><a href="{{URL}}">{{TITLE}}</a></h1>
<p class="qinfo">{{#CATEGORY}}<a class="cat" href="{{URL}}">{{NAME}}</a> &middot; {{/CATEGORY}}{{VOTES}}</p>
</header>
{{#CLOSED}}<div class="notice" role="note">
<p><strong>This question is closed</strong>{{#REASON}}: {{TEXT}}{{/REASON}}{{#DUPLICATE}}. It is a duplicate of <a href="{{URL}}">{{TITLE}}</a>{{/DUPLICATE}}.</p>
</div>{{/CLOSED}}
{{>QUESTION}}
<section class="answer-list" aria-labelledby="answers">
<h2 id="answers">{{ANSWER_COUNT}}</h2>
{{#NO_ANSWERS}}<p class="empty">No answers yet.</p>{{/NO_ANSWERS}}
{{>ANSWER}}
</section>
</article>
