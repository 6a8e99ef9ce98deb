/*
 * markdown: Markdown to HTML (lib/markdown.c) as a post and as a comment,
 * the text the search index keeps of it, and that HTML through a
 * ctemplate page the way the site's templates show posts (lib/template.cc).
 *
 * The whole input is the Markdown.  Checked of the HTML, in both modes:
 * it is well-formed UTF-8; every '<' opens or closes a tag that cmark
 * writes for Markdown (p, h1-h6, lists, quotes, pre, code, em, strong, a,
 * img, hr, br) with only its own attributes, quoted, or is cmark's
 * "raw HTML omitted" comment, so no <script> nor any other element or
 * event attribute gets through; the tags nest properly; '&' only starts
 * an entity; no link or image points to a javascript:, vbscript:, file:
 * or data: URL (but data: images); and a comment's HTML is one paragraph
 * of inline elements.  Of the page: the HTML comes out unchanged where
 * the template prints it unescaped, while the same input as the title
 * (text) and a link (URL) comes out escaped, with no quote or angle
 * bracket and no script URL.
 *
 * The template is written at start into a new directory of $TMPDIR (or
 * /tmp), loaded, and removed at once: ctemplate keeps it in memory.
 */
#include <ctype.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "arena.h"
#include "markdown.h"
#include "template.h"
#include "fuzz.h"

#define TITLE_MAX	150	/* bytes of the input used as the title */
#define URL_MAX		200	/* bytes of its first line used as a URL */

/* The page: title (text), a link (URL), and the post's HTML. */
#define PAGE_TPL \
	"{{%AUTOESCAPE context=\"HTML\"}}" \
	"<h1>{{TITLE}}</h1><a href=\"{{URL}}\">x</a>" \
	"<div>{{BODY_HTML:none}}</div>\n"

/* The elements cmark writes, and the attributes each may have. */
static const struct {
	const char	*name;
	const char	*attrs;		/* " a b ": allowed names */
	bool		 empty;		/* written as <name ... /> */
	bool		 inline_ok;	/* may be in a comment */
} elements[] = {
	{ "p", "", false, true },
	{ "h1", "", false, false }, { "h2", "", false, false },
	{ "h3", "", false, false }, { "h4", "", false, false },
	{ "h5", "", false, false }, { "h6", "", false, false },
	{ "ul", "", false, false }, { "ol", " start ", false, false },
	{ "li", "", false, false }, { "blockquote", "", false, false },
	{ "pre", "", false, false }, { "code", " class ", false, true },
	{ "em", "", false, true }, { "strong", "", false, true },
	{ "a", " href title ", false, true },
	{ "img", " src alt title ", true, true },
	{ "hr", "", true, false }, { "br", "", true, true },
};

#define OMITTED		"<!-- raw HTML omitted -->"
#define DEPTH_MAX	4096
#define NEL		(sizeof(elements) / sizeof(elements[0]))

/*
 * cmark is a system library, built without libFuzzer's coverage, so the
 * fuzzer would see little of what an input does there.  What it made
 * tells: libFuzzer reads this section as coverage too, and here counts
 * each element inside each other element (and at the top, row NEL), so
 * that an input making a new kind of nesting is kept.
 */
static uint8_t	 nesting[2][NEL + 1][NEL]
    __attribute__((used, section("__libfuzzer_extra_counters")));

/*
 * Whether the URL in an attribute value v[0..n) (as written, with
 * entities) is safe to follow: read as a browser reads it (entities
 * decoded, leading spaces and control characters dropped, tabs and
 * newlines dropped anywhere, scheme in any case), its scheme is not
 * javascript:, vbscript:, file: nor data: (but data: png, gif, jpeg and
 * webp images, which lib/markdown.c lets through).
 */
static bool
url_safe(const char *v, size_t n)
{
	static const char *const amp[][2] = {
		{ "&amp;", "&" }, { "&#x27;", "'" }, { "&#39;", "'" },
		{ "&quot;", "\"" }, { "&lt;", "<" }, { "&gt;", ">" },
	};
	char	 u[64];
	size_t	 i, k, m = 0;

	for (i = 0; i < n && m + 1 < sizeof(u); i++) {
		for (k = 0; k < nitems(amp); k++)
			if (strncmp(v + i, amp[k][0], strlen(amp[k][0])) == 0)
				break;
		if (k < nitems(amp)) {
			u[m] = amp[k][1][0];
			i += strlen(amp[k][0]) - 1;
		} else
			u[m] = v[i];
		if (u[m] == '\t' || u[m] == '\n' || u[m] == '\r')
			continue;
		if (m == 0 && (unsigned char)u[m] <= 0x20)
			continue;
		u[m] = (char)tolower((unsigned char)u[m]);
		m++;
	}
	u[m] = '\0';
	if (strncmp(u, "data:image/png", 14) == 0 ||
	    strncmp(u, "data:image/gif", 14) == 0 ||
	    strncmp(u, "data:image/jpeg", 15) == 0 ||
	    strncmp(u, "data:image/webp", 15) == 0)
		return true;
	return strncmp(u, "javascript:", 11) != 0 &&
	    strncmp(u, "vbscript:", 9) != 0 && strncmp(u, "file:", 5) != 0 &&
	    strncmp(u, "data:", 5) != 0;
}

/* Whether s starts an entity: &name; &#digits; or &#xhex; */
static bool
entity(const char *s)
{
	size_t	 n;

	if (s[1] == '#' && (s[2] == 'x' || s[2] == 'X'))
		n = 3 + strspn(s + 3, "0123456789abcdefABCDEF");
	else if (s[1] == '#')
		n = 2 + strspn(s + 2, "0123456789");
	else
		n = 1 + strspn(s + 1, "abcdefghijklmnopqrstuvwxyz"
		    "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789");
	return n > 2 && s[n] == ';';
}

/*
 * Read the tag at s (after its '<') into *el and *closing; check its
 * attributes; return the byte after its '>'.
 */
static const char *
tag(const char *s, size_t *el, bool *closing)
{
	const char	*p = s, *name, *eq, *end;
	char		 an[16];
	size_t		 i, n, vlen;

	if ((*closing = *p == '/'))
		p++;
	n = strspn(p, "abcdefghijklmnopqrstuvwxyz0123456789");
	for (i = 0; i < nitems(elements); i++)
		if (strlen(elements[i].name) == n &&
		    strncmp(p, elements[i].name, n) == 0)
			break;
	FUZZ_CHECK(i < nitems(elements));	/* a known element */
	*el = i;
	p += n;
	if (*closing) {
		FUZZ_CHECK(*p == '>' && !elements[i].empty);
		return p + 1;
	}
	/* Attributes: name="value", the value without " < >. */
	while (*p == ' ' && p[1] != '/') {
		name = ++p;
		eq = strchr(p, '=');
		FUZZ_CHECK(eq != NULL && eq[1] == '"' &&
		    (size_t)(eq - name) + 3 <= sizeof(an));
		memcpy(an + 1, name, (size_t)(eq - name));
		an[0] = ' ';
		an[eq - name + 1] = ' ';
		an[eq - name + 2] = '\0';
		FUZZ_CHECK(strstr(elements[i].attrs, an) != NULL);
		end = strchr(eq + 2, '"');
		FUZZ_CHECK(end != NULL);
		vlen = (size_t)(end - eq - 2);
		FUZZ_CHECK(memchr(eq + 2, '<', vlen) == NULL &&
		    memchr(eq + 2, '>', vlen) == NULL);
		if (strcmp(an, " href ") == 0 || strcmp(an, " src ") == 0)
			FUZZ_CHECK(url_safe(eq + 2, vlen));
		p = end + 1;
	}
	if (elements[i].empty) {
		FUZZ_CHECK(strncmp(p, " />", 3) == 0);
		return p + 3;
	}
	FUZZ_CHECK(*p == '>');
	return p + 1;
}

/* The invariants of cmark's HTML; inline for a comment's. */
static void
check_html(const struct buf *b, bool inline_only)
{
	static size_t	 stack[DEPTH_MAX];
	const char	*s = buf_cstr((struct buf *)b), *p;
	size_t		 depth = 0, el, paras = 0;
	bool		 closing;

	FUZZ_CHECK(strlen(s) == b->len);	/* no NUL gets through */
	FUZZ_CHECK(fuzz_utf8_ok(s, b->len));
	FUZZ_CHECK(strcasestr(s, "<script") == NULL);
	for (p = s; *p != '\0'; ) {
		if (*p == '&') {
			FUZZ_CHECK(entity(p));
			p++;
			continue;
		}
		FUZZ_CHECK(*p != '>' && *p != '"');
		if (*p != '<') {
			p++;
			continue;
		}
		if (strncmp(p, OMITTED, strlen(OMITTED)) == 0) {
			p += strlen(OMITTED);
			continue;
		}
		p = tag(p + 1, &el, &closing);
		if (inline_only) {
			FUZZ_CHECK(elements[el].inline_ok);
			if (el == 0 && !closing) {
				/* One paragraph, around all the rest. */
				FUZZ_CHECK(++paras == 1 && depth == 0);
			}
		}
		if (!closing)
			nesting[inline_only][depth > 0 ? stack[depth - 1] :
			    NEL][el]++;
		if (elements[el].empty)
			continue;
		if (closing) {
			FUZZ_CHECK(depth > 0 && stack[depth - 1] == el);
			depth--;
		} else {
			FUZZ_CHECK(depth < DEPTH_MAX);
			stack[depth++] = el;
		}
	}
	FUZZ_CHECK(depth == 0);
	if (inline_only && b->len > 0)
		FUZZ_CHECK(strncmp(s, "<p>", 3) == 0 &&
		    strcmp(s + b->len - 5, "</p>\n") == 0);
}

/* The page with title and url from the input and body, and its checks. */
static void
check_page(const char *title, size_t tlen, const char *url, size_t ulen,
    const struct buf *body)
{
	struct arena	 a;
	struct buf	 out = { 0 };
	struct tpl	*t;
	const char	*s, *e, *q;

	arena_init(&a);
	FUZZ_CHECK((t = tpl_new(&a)) != NULL);
	tpl_setn(t, "TITLE", title, tlen);
	tpl_setn(t, "URL", url, ulen);
	tpl_setn(t, "BODY_HTML", body->data != NULL ? body->data : "",
	    body->len);
	FUZZ_CHECK(tpl_render("page.tpl", t, &out) == QA_OK);
	s = out.data;
	e = s + out.len;
	/* <h1>TITLE</h1>: the title escaped. */
	FUZZ_CHECK(out.len > 4 && memcmp(s, "<h1>", 4) == 0);
	s += 4;
	q = memmem(s, (size_t)(e - s), "</h1><a href=\"", 14);
	FUZZ_CHECK(q != NULL);
	FUZZ_CHECK(memchr(s, '<', (size_t)(q - s)) == NULL &&
	    memchr(s, '>', (size_t)(q - s)) == NULL &&
	    memchr(s, '"', (size_t)(q - s)) == NULL &&
	    memchr(s, '\'', (size_t)(q - s)) == NULL);
	/* href="URL": escaped, and no script. */
	s = q + 14;
	q = memmem(s, (size_t)(e - s), "\">x</a><div>", 12);
	FUZZ_CHECK(q != NULL);
	FUZZ_CHECK(memchr(s, '<', (size_t)(q - s)) == NULL &&
	    memchr(s, '>', (size_t)(q - s)) == NULL &&
	    memchr(s, '"', (size_t)(q - s)) == NULL);
	FUZZ_CHECK(url_safe(s, (size_t)(q - s)));
	/* <div>HTML</div>: the HTML as it was. */
	s = q + 12;
	FUZZ_CHECK((size_t)(e - s) == body->len + 7);
	FUZZ_CHECK(body->len == 0 || memcmp(s, body->data, body->len) == 0);
	FUZZ_CHECK(memcmp(s + body->len, "</div>\n", 7) == 0);
	buf_free(&out);
	arena_free(&a);
}

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	const char	*tmp = getenv("TMPDIR");
	char		 dir[512], path[600];
	FILE		*f;

	(void)argc;
	(void)argv;
	snprintf(dir, sizeof(dir), "%s/fastqa-fuzz.XXXXXX",
	    tmp != NULL && *tmp != '\0' ? tmp : "/tmp");
	if (mkdtemp(dir) == NULL) {
		perror(dir);
		exit(1);
	}
	snprintf(path, sizeof(path), "%s/page.tpl", dir);
	if ((f = fopen(path, "w")) == NULL || fputs(PAGE_TPL, f) < 0 ||
	    fclose(f) != 0 || tpl_init(dir) != QA_OK ||
	    tpl_load("page.tpl") != QA_OK) {
		fprintf(stderr, "markdown: cannot load %s\n", path);
		exit(1);
	}
	unlink(path);
	rmdir(dir);
	return 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct buf	 block = { 0 }, comment = { 0 }, text = { 0 };
	const char	*s = (const char *)data;
	const char	*nl;
	size_t		 ulen;

	FUZZ_CHECK(markdown_render(s, size, MARKDOWN_BLOCK, &block) == QA_OK);
	check_html(&block, false);
	FUZZ_CHECK(markdown_render(s, size, MARKDOWN_INLINE, &comment) ==
	    QA_OK);
	check_html(&comment, true);
	markdown_text(s, size, &text);
	FUZZ_CHECK(!text.oom);

	ulen = (nl = memchr(s, '\n', size)) != NULL ? (size_t)(nl - s) : size;
	check_page(s, size < TITLE_MAX ? size : TITLE_MAX, s,
	    ulen < URL_MAX ? ulen : URL_MAX, &block);
	buf_free(&block);
	buf_free(&comment);
	buf_free(&text);
	return 0;
}
