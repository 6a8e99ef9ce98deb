{{%AUTOESCAPE context="XML"}}
{{#HEAD}}
<?xml version="1.0" encoding="utf-8"?>
<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
{{/HEAD}}
{{#SITEMAP}}
<sitemap><loc>{{LOC}}</loc></sitemap>
{{/SITEMAP}}
{{#FOOT}}
</sitemapindex>
{{/FOOT}}
