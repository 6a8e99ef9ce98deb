{{%AUTOESCAPE context="HTML"}}
<div class="post {{KIND}}{{#ACCEPTED}} accepted{{/ACCEPTED}}" id="{{ANCHOR}}">
<div class="vote">
<span class="score">{{VOTES}}</span>
{{#ACCEPTED}}<span class="best">Best answer</span>{{/ACCEPTED}}
</div>
<div class="postbody">
<div class="body">{{BODY_HTML:none}}</div>
{{#TAGS}}<ul class="tags">{{#TAG}}<li><a href="{{URL}}" rel="tag">{{NAME}}</a></li>{{/TAG}}</ul>{{/TAGS}}
<p class="postmeta">
<span class="by">{{VERB}} <time datetime="{{ISO}}">{{AGO}}</time> by {{#USER}}<a href="{{URL}}">{{HANDLE}}</a> <span class="points">({{POINTS}})</span>{{/USER}}{{#ANON}}{{NAME}}{{/ANON}}</span>
{{#EDITED}}<span class="edited">edited by {{#EUSER}}<a href="{{URL}}">{{HANDLE}}</a>{{/EUSER}}{{#EANON}}{{NAME}}{{/EANON}}, <time datetime="{{ISO}}">{{AGO}}</time></span>{{/EDITED}}
</p>
{{#COMMENTS}}<section class="comments" aria-label="{{COUNT}}">
<ol>
{{#COMMENT}}<li id="{{ANCHOR}}">
<div class="cbody">{{BODY_HTML:none}}</div>
<p class="cmeta">&mdash; {{#CUSER}}<a href="{{URL}}">{{HANDLE}}</a> <span class="points">({{POINTS}})</span>{{/CUSER}}{{#CANON}}{{NAME}}{{/CANON}}, <time datetime="{{ISO}}">{{AGO}}</time>{{#CEDITED}} <span class="edited">edited by {{#EUSER}}<a href="{{URL}}">{{HANDLE}}</a>{{/EUSER}}{{#EANON}}{{NAME}}{{/EANON}}, <time datetime="{{ISO}}">{{AGO}}</time></span>{{/CEDITED}}</p>
</li>{{/COMMENT}}
</ol>
</section>{{/COMMENTS}}
</div>
</div>
