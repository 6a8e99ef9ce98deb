{{%AUTOESCAPE context="HTML"}}
<section class="notice-page">
<h1>{{HEADING}}</h1>
<p>{{MESSAGE}}</p>
{{#LINK}}<p><a href="{{URL}}">{{TEXT}}</a></p>{{/LINK}}
</section>
