{{%AUTOESCAPE context="HTML"}}
<section class="search-page">
<h1>{{HEADING}}</h1>
<form class="search-form" method="get" action="/search" role="search">
<label for="q">Search the questions</label>
<div class="search-row">
<input id="q" name="q" type="search" value="{{Q}}" aria-describedby="search-help{{#ERROR}} search-error{{/ERROR}}"{{#ERROR}} aria-invalid="true"{{/ERROR}}>
<button type="submit">Search</button>
</div>
{{#ERROR}}<p class="error" id="search-error" role="alert">{{MESSAGE}}</p>{{/ERROR}}
<p class="hint" id="search-help">Every word must match. <code>"a phrase"</code> for words in that order, <code>-word</code> to leave out, <code>a OR b</code> for either, <code>tag:name</code>, <code>user:handle</code>, <code>is:answered</code>, <code>is:unanswered</code>, <code>is:accepted</code>, <code>is:closed</code>.</p>
</form>
{{#NOTE}}<p class="note">{{TEXT}}</p>{{/NOTE}}
{{#RESULTS}}<p class="count" role="status">{{COUNT}}</p>{{/RESULTS}}
{{#HAS_QUESTIONS}}<h2 class="vh">Questions found</h2>
<ol class="qlist">
{{>QITEM}}
</ol>{{/HAS_QUESTIONS}}
{{#NO_RESULTS}}<div class="no-results">
<p class="empty">No questions match.{{#WHY}} {{TEXT}}{{/WHY}}</p>
{{#SUGGEST}}<p class="suggest">Did you mean <a href="{{URL}}">{{TEXT}}</a>?</p>{{/SUGGEST}}
</div>{{/NO_RESULTS}}
{{#PAST_END}}<p class="empty">There are no results on this page. <a href="{{URL}}">Go to the first page.</a></p>{{/PAST_END}}
{{>PAGER}}
</section>
