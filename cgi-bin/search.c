/*
 * search.c: the view program's search page.  The query language, the
 * ranking and the marks are lib/search.c's; this file turns a query
 * string into the page: the form with what was typed, the number of
 * results, one page of them as question rows with the matched words
 * marked, a pager that keeps the query, and, when nothing matches, why
 * and a "did you mean" link.
 */
#include <stdbool.h>
#include <stdint.h>
#include <string.h>

#include "qa.h"
#include "arena.h"
#include "http.h"
#include "post.h"
#include "search.h"
#include "serve.h"
#include "template.h"
#include "util.h"
#include "view.h"

/*
 * Start the search page: search.tpl in the layout, titled "Search
 * results for ..." when q is not NULL, else "Search", with the query in
 * the form (Q) and in the site header's search box (the template-global
 * SEARCH_Q).  Returns the page's dictionary, or NULL if out of memory.
 */
static struct tpl *
search_page(struct qa_request *req, const char *q)
{
	struct tpl	*t;
	const char	*title = "Search";

	if (q != NULL && (title = arena_printf(&req->arena,
	    "Search results for \xe2\x80\x9c%s\xe2\x80\x9d", q)) == NULL)
		return NULL;
	if ((t = serve_page(req, "search.tpl", title)) == NULL)
		return NULL;
	tpl_set_global(req->page, "SEARCH_Q", q != NULL ? q : "");
	tpl_set(t, "HEADING", title);
	tpl_set(t, "Q", q != NULL ? q : "");
	return t;
}

/*
 * Add one result (qitem.tpl, included as QITEM) to t: add_qitem()'s row,
 * with the title, when it is marked, as HTML (MARKED_TITLE), and the
 * snippet of the body in section SNIPPET (TEXT_HTML).  The marked text
 * is escaped by search_html().
 */
static void
add_hit(struct qa_request *req, struct tpl *t, const struct search_hit *h)
{
	struct tpl	*q;
	const char	*title = NULL, *html;

	if (h->title != NULL)
		title = search_html(&req->arena, h->title);
	q = add_qitem(req, t, &h->post, title);
	if (h->snippet != NULL && h->snippet[0] != '\0' &&
	    (html = search_html(&req->arena, h->snippet)) != NULL)
		tpl_set(tpl_add(q, "SNIPPET"), "TEXT_HTML", html);
}

/* A NOTE row (TEXT) of the search page. */
static void
add_note(struct tpl *t, const char *text)
{
	if (text != NULL)
		tpl_set(tpl_add(t, "NOTE"), "TEXT", text);
}

/*
 * The notes on how a query was read: terms past the limit ignored, an
 * unknown is: value, exclusions without a word to search for.
 */
static void
set_notes(struct qa_request *req, struct tpl *t,
    const struct search_query *sq)
{
	size_t	 i, pos = 0, neg = 0;

	if (sq->truncated)
		add_note(t, arena_printf(&req->arena, "Only the first %d "
		    "words and operators were used.", SEARCH_TERMS_MAX));
	if (sq->bad_is != NULL)
		add_note(t, arena_printf(&req->arena, "\xe2\x80\x9cis:%s"
		    "\xe2\x80\x9d was left out: use is:answered, "
		    "is:unanswered, is:accepted or is:closed.", sq->bad_is));
	for (i = 0; i < sq->nterms; i++) {
		if (sq->terms[i].exclude)
			neg++;
		else
			pos++;
	}
	if (neg > 0 && pos == 0)
		add_note(t, "Words after a minus sign only leave questions "
		    "out, so they need a word to search for too.");
}

/*
 * Section NO_RESULTS of t: WHY (TEXT) for a reason other than that
 * nothing matched, and SUGGEST (URL, TEXT) with a query to try instead
 * (search_suggest()) on the first page of a query that ran or named an
 * unknown tag.  Returns QA_OK or the database error of the suggestion.
 */
static enum qa_err
set_no_results(struct qa_request *req, struct tpl *t,
    const struct search_query *sq, const struct search_result *r,
    const struct pager *pg)
{
	struct tpl	*s, *g;
	const char	*why = NULL;
	char		*sugg = NULL;
	enum qa_err	 er;

	s = tpl_add(t, "NO_RESULTS");
	switch (r->status) {
	case SEARCH_EMPTY:
		why = "There was no word to search for.";
		break;
	case SEARCH_NO_USER:
		why = arena_printf(&req->arena, "There is no user "
		    "\xe2\x80\x9c%s\xe2\x80\x9d.", r->unknown);
		break;
	case SEARCH_NO_TAG:
		why = arena_printf(&req->arena, "There is no tag "
		    "\xe2\x80\x9c%s\xe2\x80\x9d.", r->unknown);
		break;
	case SEARCH_REJECTED:
		why = "The search could not be run as typed. Try plain "
		    "words.";
		break;
	case SEARCH_RAN:
		break;
	}
	if (why != NULL)
		tpl_set(tpl_add(s, "WHY"), "TEXT", why);
	if (pg->page != 1 || (r->status != SEARCH_RAN &&
	    r->status != SEARCH_NO_TAG))
		return QA_OK;
	if ((er = search_suggest(serve.db, &req->arena, sq, &sugg)) != QA_OK)
		return er;
	if (sugg != NULL) {
		g = tpl_add(s, "SUGGEST");
		tpl_set(g, "URL", arena_printf(&req->arena, "/search?q=%s",
		    util_urlseg(&req->arena, sugg)));
		tpl_set(g, "TEXT", sugg);
	}
	return QA_OK;
}

/*
 * GET /search?q=&page= -- full-text search.  Without q (or with only
 * spaces): the search form and the operators, no query run.  Otherwise
 * the form with q, the number of results (counted as far as
 * search_run() counts them), one page of questions best first (newest
 * first for operators only) with the matched words of the title and of
 * a snippet of the body marked, and the pager; when nothing matches,
 * "No questions match", why, and a suggestion.  A query FTS5 refuses is
 * a page without results too.  About five queries, one more per tag:
 * and user: and per word not counted lately (lib/search.c); a
 * suggestion costs one or two per word.  Sets no cookie, so the page
 * is cached as the other read pages are.
 * 200; 400 with the form and what was typed for a q over SEARCH_Q_MAX
 * bytes, and for a page that is not a positive number.
 */
enum qa_err
search_get(struct qa_request *req)
{
	struct search_query	 sq;
	struct search_result	 r;
	struct pager		 pg;
	struct tpl		*t, *s;
	const char		*q, *base, *e;
	int64_t			 ahead;
	size_t			 i;
	enum qa_err		 er;

	q = http_query(req, "q");
	for (e = q; e != NULL && (*e == ' ' || *e == '\t' || *e == '\n' ||
	    *e == '\r'); e++)
		continue;
	if (q == NULL || *e == '\0') {
		if ((t = search_page(req, NULL)) == NULL)
			return QA_ESYS;
		return serve_render(req, 200);
	}
	if ((er = search_parse(&req->arena, q, &sq)) == QA_ETOOBIG) {
		if ((t = search_page(req, q)) == NULL)
			return QA_ESYS;
		tpl_set(tpl_add(t, "ERROR"), "MESSAGE", arena_printf(
		    &req->arena, "Your search is too long: %zu bytes, where "
		    "at most %d are read. Please shorten it.", strlen(q),
		    SEARCH_Q_MAX));
		http_header(req, "Cache-Control", "no-store");
		return serve_render(req, 400);
	}
	if (er != QA_OK)
		return er;
	if ((base = arena_printf(&req->arena, "/search?q=%s",
	    util_urlseg(&req->arena, q))) == NULL)
		return QA_ESYS;
	if ((er = pager_init(req, &pg, base, page_size())) != QA_OK)
		return er;
	if ((er = search_run(serve.db, &req->arena, &sq, pg.offset, pg.size,
	    pg.cap, &r)) != QA_OK)
		return er;
	ahead = r.total + r.more - pg.offset;
	pg.ahead = ahead < 0 ? 0 : ahead > pg.cap ? pg.cap : ahead;

	if ((t = search_page(req, q)) == NULL)
		return QA_ESYS;
	set_notes(req, t, &sq);
	if (r.total > 0) {
		s = tpl_add(t, "RESULTS");
		if (r.more)
			tpl_set(s, "COUNT", arena_printf(&req->arena,
			    "More than %lld results", (long long)r.total));
		else
			set_count(s, "COUNT", r.total, "result", "results");
	}
	if (r.nhits > 0) {
		s = tpl_add(t, "HAS_QUESTIONS");
		for (i = 0; i < r.nhits; i++)
			add_hit(req, s, &r.hits[i]);
	} else if (r.total > 0)
		tpl_set(tpl_add(t, "PAST_END"), "URL", base);
	else if ((er = set_no_results(req, t, &sq, &r, &pg)) != QA_OK)
		return er;
	set_pager(req, t, &pg);
	return serve_render(req, 200);
}
