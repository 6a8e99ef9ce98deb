{{%AUTOESCAPE context="HTML"}}
<h1>Tags</h1>
<div class="listhead">
<form class="tagfilter" method="get" action="/tags" role="search">
<label for="tag-q">Tags starting with</label>
<input id="tag-q" name="q" type="search" value="{{Q}}" maxlength="64" autocapitalize="none" spellcheck="false">
{{#SORT_FIELD}}<input type="hidden" name="sort" value="{{SORT}}">{{/SORT_FIELD}}
<button type="submit">Filter</button>
</form>
{{#TABS}}<nav class="tabs" aria-label="Sort tags"><ul>{{#TAB}}<li><a href="{{URL}}"{{#CURRENT}} aria-current="page"{{/CURRENT}}>{{LABEL}}</a></li>{{/TAB}}</ul></nav>{{/TABS}}
</div>
{{#HAS_TAGS}}<ul class="tagcloud">
{{#TAG}}<li class="w{{WEIGHT}}"><a href="{{URL}}" rel="tag">{{NAME}}</a> <span class="count">&times;&nbsp;{{COUNT}}</span></li>
{{/TAG}}</ul>{{/HAS_TAGS}}
{{#NO_TAGS}}<p class="empty">{{MESSAGE}}{{#ALL}} <a href="/tags">See all tags.</a>{{/ALL}}</p>{{/NO_TAGS}}
{{>PAGER}}
