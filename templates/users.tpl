{{%AUTOESCAPE context="HTML"}}
<h1>Users</h1>
{{#HAS_USERS}}<ol class="users" start="{{START}}">
{{#USER}}<li><a href="{{URL}}">{{HANDLE}}</a>{{#DISPLAY_NAME}} <span class="dname">{{NAME}}</span>{{/DISPLAY_NAME}} <span class="points">{{POINTS}}</span> <span class="level">{{LEVEL}}</span></li>
{{/USER}}</ol>{{/HAS_USERS}}
{{#NO_USERS}}<p class="empty">No users yet.</p>{{/NO_USERS}}
{{>PAGER}}
