/* markdown-t: CommonMark rendering is safe. */
#include <string.h>

#include "arena.h"
#include "markdown.h"
#include "tap.h"

static struct buf	 out;

static const char *
md(const char *src, enum markdown_mode mode)
{
	buf_clear(&out);
	if (markdown_render(src, strlen(src), mode, &out) != QA_OK)
		return "(error)";
	return buf_cstr(&out);
}

int
main(void)
{
	const char	*h;

	plan(15);
	has_str(md("Hello *world*", MARKDOWN_BLOCK),
	    "<p>Hello <em>world</em></p>", "emphasis");
	h = md("<script>alert(1)</script>", MARKDOWN_BLOCK);
	ok(strstr(h, "<script") == NULL, "raw script block dropped");
	h = md("hi <script>alert(1)</script> there", MARKDOWN_BLOCK);
	ok(strstr(h, "<script") == NULL, "inline raw script dropped");
	h = md("<img src=x onerror=alert(1)>", MARKDOWN_BLOCK);
	ok(strstr(h, "onerror") == NULL, "event handler attribute dropped");
	h = md("[x](javascript:alert(1))", MARKDOWN_BLOCK);
	ok(strstr(h, "javascript:") == NULL, "javascript: link removed");
	h = md("[x](JaVaScRiPt:alert(1))", MARKDOWN_BLOCK);
	ok(strstr(h, "alert") == NULL, "mixed-case javascript: removed");
	h = md("[x](vbscript:msgbox)", MARKDOWN_BLOCK);
	ok(strstr(h, "vbscript") == NULL, "vbscript: removed");
	h = md("![x](data:text/html;base64,PHNjcmlwdD4=)", MARKDOWN_BLOCK);
	ok(strstr(h, "data:text/html") == NULL, "data: HTML removed");
	has_str(md("[ok](https://example.org/a?b=1&c=2)", MARKDOWN_BLOCK),
	    "href=\"https://example.org/a?b=1&amp;c=2\"", "safe link kept");
	has_str(md("`<b>`", MARKDOWN_BLOCK), "<code>&lt;b&gt;</code>",
	    "code escaped");
	has_str(md("# Title\n\n- a\n- b\n", MARKDOWN_BLOCK), "<li>a</li>",
	    "lists in posts");
	h = md("# Title\n\n- a **b**\n\n```\ncode\n```\n", MARKDOWN_INLINE);
	ok(strstr(h, "<h1>") == NULL && strstr(h, "<li>") == NULL &&
	    strstr(h, "<pre>") == NULL, "comments have no blocks");
	has_str(h, "<strong>b</strong>", "comments keep inline formatting");
	ok(strncmp(h, "<p>", 3) == 0 && strstr(h + 3, "<p>") == NULL,
	    "a comment is one paragraph");
	buf_clear(&out);
	h = "Some **bold** [link](http://x)\n\n* item";
	markdown_text(h, strlen(h), &out);
	has_str(buf_cstr(&out), "Some bold link\nitem", "plain text for search");
	buf_free(&out);
	return done();
}
