{{%AUTOESCAPE context="HTML"}}
<section class="notice-page posted-page">
<h1>{{HEADING}}</h1>
{{#QUEUED}}<p>A moderator will check it before it appears for everyone; until then only you can see it, through the link below.</p>{{/QUEUED}}
<p><a href="{{POST_URL}}">{{POST_LINK_TEXT}}</a></p>
<section class="manage" id="manage" aria-labelledby="manage-heading">
<h2 id="manage-heading">Your link to edit or delete it</h2>
<p class="warning"><strong>Keep this link.</strong> It is shown only this once{{#MAILED}} and was mailed to {{EMAIL}}{{/MAILED}}. Anyone who has it can change your post, so do not share it.</p>
<p class="manage-link"><a href="{{MANAGE_URL}}" rel="nofollow">{{MANAGE_FULL}}</a></p>
</section>
</section>
