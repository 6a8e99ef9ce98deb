{{%AUTOESCAPE context="HTML"}}
<li class="qitem">
<div class="stats">
<span class="votes">{{VOTES}}</span>
<span class="answers{{#ANSWERED}} answered{{/ANSWERED}}{{#ACCEPTED}} accepted{{/ACCEPTED}}">{{ANSWERS}}{{#ACCEPTED}}<span class="vh">, one accepted</span>{{/ACCEPTED}}</span>
</div>
<div class="summary">
<h3 class="qtitle"><a href="{{URL}}">{{TITLE}}{{#MARKED_TITLE}}{{TITLE_HTML:none}}{{/MARKED_TITLE}}</a>{{#CLOSED}} <span class="badge">closed</span>{{/CLOSED}}</h3>
{{#SNIPPET}}<p class="snippet">{{TEXT_HTML:none}}</p>{{/SNIPPET}}
<div class="meta">
{{#CATEGORY}}<a class="cat" href="{{URL}}">{{NAME}}</a>{{/CATEGORY}}
{{#TAGS}}<ul class="tags">{{#TAG}}<li><a href="{{URL}}" rel="tag">{{NAME}}</a></li>{{/TAG}}</ul>{{/TAGS}}
<span class="by">asked <time datetime="{{ISO}}">{{AGO}}</time> by {{#USER}}<a href="{{URL}}">{{HANDLE}}</a> <span class="points">({{POINTS}})</span>{{/USER}}{{#ANON}}{{NAME}}{{/ANON}}</span>
</div>
</div>
</li>
