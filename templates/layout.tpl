{{%AUTOESCAPE context="HTML"}}
<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{#HAS_TITLE}}{{TITLE}} - {{/HAS_TITLE}}{{SITE_NAME}}</title>
<link rel="stylesheet" href="/static/style.css">
<link rel="icon" href="/static/favicon.svg" type="image/svg+xml">
{{#FEED_LINK}}
<link rel="alternate" type="application/atom+xml" href="{{URL}}" title="{{TITLE}}">
{{/FEED_LINK}}
<script src="/static/vote.js" defer></script>
</head>
<body>
<a class="skip" href="#main">Skip to content</a>
<header class="site">
<div class="wrap">
<a class="brand" href="/"{{#NAV_HOME}} aria-current="page"{{/NAV_HOME}}>{{SITE_NAME}}</a>
<nav class="nav" aria-label="Main">
<ul>
<li><a href="/questions"{{#NAV_QUESTIONS}} aria-current="page"{{/NAV_QUESTIONS}}>Questions</a></li>
<li><a href="/tags"{{#NAV_TAGS}} aria-current="page"{{/NAV_TAGS}}>Tags</a></li>
<li><a href="/categories"{{#NAV_CATEGORIES}} aria-current="page"{{/NAV_CATEGORIES}}>Categories</a></li>
<li><a href="/users"{{#NAV_USERS}} aria-current="page"{{/NAV_USERS}}>Users</a></li>
</ul>
</nav>
<form class="site-search" method="get" action="/search" role="search" aria-label="Site">
<label class="vh" for="site-q">Search questions</label>
<input id="site-q" name="q" type="search" value="{{SEARCH_Q}}" placeholder="Search">
<button type="submit">Search</button>
</form>
<div class="account">
<a class="button" href="/ask">Ask a question</a>
{{#SIGNED_IN}}<a href="{{USER_URL}}">{{HANDLE}}</a>
<a href="/account">Account</a>
<form class="logout" method="post" action="/logout">
<input type="hidden" name="csrf" value="{{CSRF}}">
<button type="submit" class="link">Log out</button>
</form>{{/SIGNED_IN}}
{{#SIGNED_OUT}}<a href="/login">Log in</a>
<a href="/register">Register</a>{{/SIGNED_OUT}}
</div>
</div>
</header>
<main id="main" class="wrap">
{{>CONTENT}}
</main>
<footer class="site">
<div class="wrap">
<p><a href="/">{{SITE_NAME}}</a> <span class="tagline">{{TAGLINE}}</span></p>
</div>
</footer>
</body>
</html>
