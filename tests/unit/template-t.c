/* template-t: the C interface over ctemplate, and auto-escaping. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "template.h"
#include "tap.h"

static char	 dir[] = "/tmp/template-t.XXXXXX";

static void
put(const char *name, const char *text)
{
	char	 path[256];
	FILE	*f;

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	if ((f = fopen(path, "w")) == NULL || fputs(text, f) < 0)
		bail("cannot write template");
	fclose(f);
}

int
main(void)
{
	struct arena	 a;
	struct buf	 out = { 0 };
	struct tpl	*t, *row, *inc;
	char		 cmd[300];

	plan(12);
	if (mkdtemp(dir) == NULL)
		bail("mkdtemp");
	put("page.tpl", "{{%AUTOESCAPE context=\"HTML\"}}"
	    "<h1>{{TITLE}}</h1><a href=\"{{URL}}\">x</a>"
	    "{{#ROW}}<li>{{NAME}}</li>{{/ROW}}"
	    "{{#EMPTY}}none{{/EMPTY}}{{BODY_HTML:none}}{{>PART}}\n");
	put("part.tpl", "{{%AUTOESCAPE context=\"HTML\"}}"
	    "<p>{{SITE}}|{{INNER}}|{{TITLE}}</p>\n");
	put("bad.tpl", "{{%AUTOESCAPE context=\"HTML\"}}"
	    "<a href={{URL}}>x</a>\n");

	ok(tpl_init(dir) == QA_OK, "template directory set");
	ok(tpl_load("page.tpl") == QA_OK, "template loads");
	ok(tpl_load("missing.tpl") != QA_OK, "missing template fails");
	ok(tpl_load("bad.tpl") != QA_OK, "unquoted URL attribute fails");

	arena_init(&a);
	t = tpl_new(&a);
	tpl_set(t, "TITLE", "<script>alert(1)</script> & \"q\"");
	tpl_set(t, "URL", "javascript:alert(1)");
	tpl_set(t, "BODY_HTML", "<p>trusted</p>");
	tpl_set_global(t, "SITE", "Site<b>");
	row = tpl_add(t, "ROW");
	tpl_set(row, "NAME", "one");
	row = tpl_add(t, "ROW");
	tpl_set_int(row, "NAME", -42);
	inc = tpl_include(t, "PART", "part.tpl");
	tpl_set(inc, "INNER", "<i>");
	ok(tpl_render("page.tpl", t, &out) == QA_OK, "renders");
	has_str(buf_cstr(&out),
	    "<h1>&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;q&quot;</h1>",
	    "text escaped in HTML");
	ok(strstr(buf_cstr(&out), "javascript:") == NULL,
	    "javascript: URL neutralised in href");
	has_str(buf_cstr(&out), "<li>one</li><li>-42</li>", "section rows");
	ok(strstr(buf_cstr(&out), "none") == NULL, "hidden section");
	has_str(buf_cstr(&out), "<p>trusted</p>", "_HTML value unescaped");
	has_str(buf_cstr(&out), "<p>Site&lt;b&gt;|&lt;i&gt;|</p>",
	    "include sees globals and its own values, not the parent's");
	buf_clear(&out);
	ok(tpl_render("missing.tpl", t, &out) == QA_ESYS,
	    "rendering a missing template fails");
	arena_free(&a);
	buf_free(&out);
	tpl_fini();
	snprintf(cmd, sizeof(cmd), "rm -rf %s", dir);
	if (system(cmd) != 0)
		diag("cleanup failed");
	return done();
}
