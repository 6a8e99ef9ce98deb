{{%AUTOESCAPE context="HTML"}}
<nav class="modnav" aria-label="Moderation">
<ul>
<li><a href="/moderate"{{#CUR_QUEUE}} aria-current="page"{{/CUR_QUEUE}}>Queue</a></li>
<li><a href="/moderate/log"{{#CUR_LOG}} aria-current="page"{{/CUR_LOG}}>Log</a></li>
<li><a href="/moderate/ips"{{#CUR_IPS}} aria-current="page"{{/CUR_IPS}}>IP blocks</a></li>
{{#ADMIN}}<li><a href="/moderate/settings"{{#CUR_SETTINGS}} aria-current="page"{{/CUR_SETTINGS}}>Settings</a></li>{{/ADMIN}}
{{#ADMIN}}<li><a href="/moderate/categories"{{#CUR_CATEGORIES}} aria-current="page"{{/CUR_CATEGORIES}}>Categories</a></li>{{/ADMIN}}
</ul>
</nav>
