{{%AUTOESCAPE context="HTML"}}
<section class="revisions">
<h1>{{HEADING}}</h1>
<p class="aside"><a href="{{POST_URL}}">{{Q_TITLE}}</a></p>
{{#NONE}}<p class="empty">No revisions are stored for this post.</p>{{/NONE}}
<ol class="revlist">
{{#REVISION}}<li class="revision" id="rev{{REV}}">
<h2>{{#ORIGINAL}}Original{{/ORIGINAL}}{{#EDIT}}Revision {{REV}}{{/EDIT}}</h2>
<p class="revmeta">by {{#RUSER}}<a href="{{URL}}">{{HANDLE}}</a>{{/RUSER}}{{#RANON}}{{NAME}}{{/RANON}}, <time datetime="{{ISO}}">{{AGO}}</time>{{#REASON}}: <span class="reason">{{TEXT}}</span>{{/REASON}}</p>
{{#UNCHANGED}}<p class="empty">The text did not change.</p>{{/UNCHANGED}}
{{#FIELD}}<section class="revfield">
<h3>{{LABEL}}</h3>
<div class="diff">{{#RUN}}{{#SAME}}{{TEXT}}{{/SAME}}{{#DEL}}<del>{{TEXT}}</del>{{/DEL}}{{#ADD}}<ins>{{TEXT}}</ins>{{/ADD}}{{/RUN}}</div>
</section>{{/FIELD}}
</li>
{{/REVISION}}</ol>
</section>
