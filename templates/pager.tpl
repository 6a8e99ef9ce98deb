{{%AUTOESCAPE context="HTML"}}
<nav class="pager" aria-label="Pages">
<ul>
{{#PREV}}<li><a href="{{URL}}" rel="prev">&larr; Previous</a></li>{{/PREV}}
{{#PAGE}}<li>{{#LINK}}<a href="{{URL}}">{{N}}</a>{{/LINK}}{{#CURRENT}}<span class="current" aria-current="page">{{N}}</span>{{/CURRENT}}{{#GAP}}<span class="gap">&hellip;</span>{{/GAP}}</li>{{/PAGE}}
{{#NEXT}}<li><a href="{{URL}}" rel="next">Next &rarr;</a></li>{{/NEXT}}
</ul>
</nav>
