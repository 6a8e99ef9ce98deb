{{%AUTOESCAPE context="HTML"}}
<section class="error">
<h1>{{TITLE}}</h1>
<p class="status">Error {{STATUS}}</p>
<p>{{MESSAGE}}</p>
<p><a href="/">Go to the home page</a> or <a href="/questions">browse the questions</a>.</p>
</section>
