{{%AUTOESCAPE context="HTML"}}
<section class="intro">
<h1>{{SITE_NAME}}</h1>
<p>{{WELCOME}}</p>
</section>
<div class="listhead">
<h2>{{HEADING}}</h2>
{{#TABS}}<nav class="tabs" aria-label="Sort questions"><ul>{{#TAB}}<li><a href="{{URL}}"{{#CURRENT}} aria-current="page"{{/CURRENT}}>{{LABEL}}</a></li>{{/TAB}}</ul></nav>{{/TABS}}
</div>
{{#HAS_QUESTIONS}}<ol class="qlist">
{{>QITEM}}
</ol>{{/HAS_QUESTIONS}}
{{#NO_QUESTIONS}}<p class="empty">{{MESSAGE}}</p>{{/NO_QUESTIONS}}
{{#MORE}}<p class="more"><a href="{{URL}}">More questions &rarr;</a></p>{{/MORE}}
