{{%AUTOESCAPE context="XML"}}
{{#HEAD}}
<?xml version="1.0" encoding="utf-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
{{/HEAD}}
{{#PAGE}}
<url><loc>{{LOC}}</loc></url>
{{/PAGE}}
{{#QUESTION}}
<url><loc>{{LOC}}</loc><lastmod>{{LASTMOD}}</lastmod></url>
{{/QUESTION}}
{{#FOOT}}
</urlset>
{{/FOOT}}
