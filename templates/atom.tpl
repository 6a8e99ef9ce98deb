{{%AUTOESCAPE context="XML"}}
<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
<id>{{FEED_ID}}</id>
<title>{{FEED_TITLE}}</title>
{{#FEED_SUBTITLE}}<subtitle>{{SUBTITLE}}</subtitle>
{{/FEED_SUBTITLE}}<updated>{{FEED_UPDATED}}</updated>
<link rel="self" type="application/atom+xml" href="{{FEED_SELF}}"/>
<link rel="alternate" type="text/html" href="{{FEED_PAGE}}"/>
<author><name>{{SITE_NAME}}</name><uri>{{SITE_URL}}</uri></author>
<generator>fastqa</generator>
{{#ENTRY}}<entry>
<id>{{ID}}</id>
<title>{{TITLE}}</title>
<link rel="alternate" type="text/html" href="{{URL}}"/>
<published>{{PUBLISHED}}</published>
<updated>{{UPDATED}}</updated>
<author><name>{{AUTHOR}}</name>{{#AUTHOR_URI}}<uri>{{URI}}</uri>{{/AUTHOR_URI}}</author>
{{#CATEGORY}}<category term="{{TERM}}" scheme="{{SCHEME}}"{{#CATEGORY_LABEL}} label="{{LABEL}}"{{/CATEGORY_LABEL}}/>
{{/CATEGORY}}<content type="html">{{BODY}}</content>
</entry>
{{/ENTRY}}</feed>
