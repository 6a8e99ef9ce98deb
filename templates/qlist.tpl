{{%AUTOESCAPE context="HTML"}}
{{#CRUMBS}}<nav class="crumbs" aria-label="Breadcrumb"><ol>{{#CRUMB}}<li><a href="{{URL}}">{{NAME}}</a></li>{{/CRUMB}}</ol></nav>{{/CRUMBS}}
<h1>{{HEADING}}</h1>
{{#DESCRIPTION}}<p class="lead">{{TEXT}}</p>{{/DESCRIPTION}}
{{#SUBCATS}}<nav class="subcats" aria-label="Subcategories"><ul>{{#SUBCAT}}<li><a href="{{URL}}">{{NAME}}</a> <span class="count">{{COUNT}}</span></li>{{/SUBCAT}}</ul></nav>{{/SUBCATS}}
<div class="listhead">
<h2>{{LIST_HEADING}}</h2>
{{#TABS}}<nav class="tabs" aria-label="Sort questions"><ul>{{#TAB}}<li><a href="{{URL}}"{{#CURRENT}} aria-current="page"{{/CURRENT}}>{{LABEL}}</a></li>{{/TAB}}</ul></nav>{{/TABS}}
</div>
{{#HAS_QUESTIONS}}<ol class="qlist">
{{>QITEM}}
</ol>{{/HAS_QUESTIONS}}
{{#NO_QUESTIONS}}<p class="empty">{{MESSAGE}}{{#PAST_END}} <a href="{{URL}}">Go to the first page.</a>{{/PAST_END}}</p>{{/NO_QUESTIONS}}
{{>PAGER}}
