{{%AUTOESCAPE context="HTML"}}
<header class="profile">
<h1>{{HANDLE}}</h1>
{{#DISPLAY_NAME}}<p class="lead">{{NAME}}</p>{{/DISPLAY_NAME}}
{{#BLOCKED}}<p class="notice">This account is blocked.</p>{{/BLOCKED}}
<dl class="facts">
<dt>Level</dt><dd>{{LEVEL}}</dd>
<dt>Points</dt><dd>{{POINTS}}</dd>
<dt>Posts</dt><dd>{{QCOUNT}}, {{ACOUNT}}</dd>
<dt>Member since</dt><dd><time datetime="{{ISO}}">{{SINCE}}</time></dd>
</dl>
{{#ABOUT}}<p class="about">{{TEXT}}</p>{{/ABOUT}}
</header>
<section aria-labelledby="recent-q">
<h2 id="recent-q">Recent questions</h2>
{{#HAS_QUESTIONS}}<ol class="qlist">
{{>QITEM}}
</ol>{{/HAS_QUESTIONS}}
{{#NO_QUESTIONS}}<p class="empty">{{MESSAGE}}</p>{{/NO_QUESTIONS}}
</section>
<section aria-labelledby="recent-a">
<h2 id="recent-a">Recent answers</h2>
{{#HAS_ANSWERS}}<ul class="alist">
{{#ANSWER}}<li><span class="votes">{{VOTES}}</span>{{#ACCEPTED}} <span class="badge best">best answer</span>{{/ACCEPTED}} <a href="{{URL}}">{{TITLE}}</a> <time datetime="{{ISO}}">{{AGO}}</time></li>
{{/ANSWER}}</ul>{{/HAS_ANSWERS}}
{{#NO_ANSWERS}}<p class="empty">No answers yet.</p>{{/NO_ANSWERS}}
</section>
<section aria-labelledby="points-h">
<h2 id="points-h">Points history</h2>
{{#HAS_HISTORY}}<ol class="phistory">
{{#EVENT}}<li><span class="delta{{#NEG}} neg{{/NEG}}">{{DELTA}}</span> {{LABEL}}{{#LINK}} &mdash; <a href="{{URL}}">{{TITLE}}</a>{{/LINK}} <time datetime="{{ISO}}">{{AGO}}</time></li>
{{/EVENT}}</ol>{{/HAS_HISTORY}}
{{#NO_HISTORY}}<p class="empty">No points yet.</p>{{/NO_HISTORY}}
</section>
