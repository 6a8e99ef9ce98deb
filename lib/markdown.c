/*
 * markdown.c: CommonMark through cmark, safe mode only.
 *
 * Raw HTML is dropped (cmark writes "<!-- raw HTML omitted -->") and
 * link or image targets with a javascript:, vbscript:, file: or data:
 * scheme (data: images of png/gif/jpeg/webp excepted) become empty.  The
 * output is the only HTML that templates print unescaped.
 */
#include <stdlib.h>
#include <string.h>

#include <cmark.h>

#include "arena.h"
#include "markdown.h"

#ifndef CMARK_OPT_SAFE
#define CMARK_OPT_SAFE 0	/* the default since cmark 0.29 */
#endif

/*
 * Move the inline content of every leaf block under n into para, in
 * document order: paragraphs and headings give their inline children
 * (separated by a soft break), code blocks become code spans, raw HTML
 * blocks are dropped, and containers (lists, items, quotes) are walked.
 */
static void
collect(cmark_node *n, cmark_node *para)
{
	cmark_node	*child, *next, *in, *innext, *code;
	const char	*lit;

	for (child = cmark_node_first_child(n); child != NULL; child = next) {
		next = cmark_node_next(child);
		switch (cmark_node_get_type(child)) {
		case CMARK_NODE_PARAGRAPH:
		case CMARK_NODE_HEADING:
			if (cmark_node_first_child(para) != NULL)
				cmark_node_append_child(para,
				    cmark_node_new(CMARK_NODE_SOFTBREAK));
			for (in = cmark_node_first_child(child); in != NULL;
			    in = innext) {
				innext = cmark_node_next(in);
				cmark_node_unlink(in);
				cmark_node_append_child(para, in);
			}
			break;
		case CMARK_NODE_CODE_BLOCK:
			if ((lit = cmark_node_get_literal(child)) == NULL)
				break;
			if (cmark_node_first_child(para) != NULL)
				cmark_node_append_child(para,
				    cmark_node_new(CMARK_NODE_SOFTBREAK));
			code = cmark_node_new(CMARK_NODE_CODE);
			cmark_node_set_literal(code, lit);
			cmark_node_append_child(para, code);
			break;
		case CMARK_NODE_HTML_BLOCK:
		case CMARK_NODE_THEMATIC_BREAK:
			break;
		default:
			collect(child, para);
			break;
		}
	}
}

/*
 * For comments: replace the document's blocks by one paragraph holding
 * all their inline content.
 */
static void
flatten(cmark_node *doc)
{
	cmark_node	*para, *n;

	para = cmark_node_new(CMARK_NODE_PARAGRAPH);
	collect(doc, para);
	while ((n = cmark_node_first_child(doc)) != NULL) {
		cmark_node_unlink(n);
		cmark_node_free(n);
	}
	if (cmark_node_first_child(para) != NULL)
		cmark_node_append_child(doc, para);
	else
		cmark_node_free(para);
}

/*
 * Render src[0..len) as HTML appended to out.  MARKDOWN_BLOCK is full
 * CommonMark; MARKDOWN_INLINE gives one paragraph of inline formatting.
 * Returns QA_ESYS if cmark or the buffer ran out of memory.
 */
enum qa_err
markdown_render(const char *src, size_t len, enum markdown_mode mode,
    struct buf *out)
{
	cmark_node	*doc;
	char		*html;
	int		 opts = CMARK_OPT_SAFE | CMARK_OPT_NORMALIZE |
			    CMARK_OPT_VALIDATE_UTF8;

	if ((doc = cmark_parse_document(src, len, opts)) == NULL)
		return QA_ESYS;
	if (mode == MARKDOWN_INLINE)
		flatten(doc);
	html = cmark_render_html(doc, opts);
	cmark_node_free(doc);
	if (html == NULL)
		return QA_ESYS;
	buf_puts(out, html);
	free(html);
	return out->oom ? QA_ESYS : QA_OK;
}

/*
 * The plain text of src[0..len), for the search index: the literal text
 * of every text and code node, blocks separated by newlines.
 */
void
markdown_text(const char *src, size_t len, struct buf *out)
{
	cmark_node	*doc, *n;
	cmark_iter	*it;
	cmark_event_type ev;
	const char	*lit;

	if ((doc = cmark_parse_document(src, len, CMARK_OPT_DEFAULT)) == NULL)
		return;
	it = cmark_iter_new(doc);
	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		n = cmark_iter_get_node(it);
		switch (cmark_node_get_type(n)) {
		case CMARK_NODE_TEXT:
		case CMARK_NODE_CODE:
		case CMARK_NODE_CODE_BLOCK:
			if (ev == CMARK_EVENT_ENTER &&
			    (lit = cmark_node_get_literal(n)) != NULL)
				buf_puts(out, lit);
			break;
		case CMARK_NODE_SOFTBREAK:
		case CMARK_NODE_LINEBREAK:
			buf_putc(out, ' ');
			break;
		case CMARK_NODE_PARAGRAPH:
		case CMARK_NODE_HEADING:
		case CMARK_NODE_ITEM:
			if (ev == CMARK_EVENT_EXIT && out->len > 0)
				buf_putc(out, '\n');
			break;
		default:
			break;
		}
	}
	cmark_iter_free(it);
	cmark_node_free(doc);
}
