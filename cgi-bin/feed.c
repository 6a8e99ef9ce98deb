/*
 * feed.c: the view program's documents for programs rather than people:
 * Atom feeds (RFC 4287), the sitemap (sitemaps.org protocol 0.9) and
 * robots.txt.  Every one is a GET that anyone may be given a copy of: it
 * says nothing about the visitor and sets no cookie.
 *
 * Feeds: /feed/questions.atom (the newest questions), /feed/tag/NAME.atom
 * and /feed/c/SLUG.atom (the newest questions with a tag, or in a
 * category and those below it) and /feed/q/ID.atom (the newest answers of
 * a question).  A question feed reads the first page of the list that
 * its HTML page shows, with the same statement and index (post_list()),
 * then those questions' bodies by primary key (post_list_bodies()): two
 * queries, feed_size entries (a setting, kept within 1 to FEED_SIZE_MAX).
 * Bodies go out as the HTML cmark made when they were written, escaped as
 * XML text by the template (content type="html").  Every address in a
 * document is absolute, from the configured base_url.
 *
 * The sitemap: /sitemap.xml is an index of /sitemap/pages.xml (home, the
 * lists, every category and every tag in use) and of /sitemap/q-1.xml to
 * q-N.xml, each with up to sitemap_size questions (a setting, 1 to
 * SITEMAP_MAX, the protocol's limit), oldest first, so that a part keeps
 * its questions while new ones are asked.
 */
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "qa.h"
#include "arena.h"
#include "category.h"
#include "http.h"
#include "post.h"
#include "serve.h"
#include "settings.h"
#include "tag.h"
#include "template.h"
#include "util.h"
#include "view.h"

#define FEED_SIZE_MAX	100	/* clamp of the feed_size setting */
#define SITEMAP_MAX	50000	/* URLs in a sitemap, sitemaps in an index */
#define PART_MAX	1000000000 /* highest K of /sitemap/q-K.xml */
#define CHUNK_ROWS	1000	/* sitemap rows rendered at a time */

#define ATOM_TYPE	"application/atom+xml; charset=utf-8"
#define XML_TYPE	"application/xml; charset=utf-8"

/* What a feed says of itself; addresses are paths on the site. */
struct feed {
	const char	*self;		/* the feed's own address */
	const char	*page;		/* the HTML page it follows */
	const char	*title;		/* without the site's name */
	const char	*subtitle;	/* or NULL */
};

/*
 * A sitemap document being written.  Its rows are rendered a chunk of
 * CHUNK_ROWS at a time into the response body, each chunk from a
 * dictionary in an arena of its own that is emptied after it, so that a
 * sitemap of SITEMAP_MAX addresses never holds more than one chunk's
 * dictionaries (a dictionary row costs far more than its text).
 */
struct sitemap {
	struct qa_request *req;
	const char	*file;		/* sitemap.tpl, sitemapindex.tpl */
	const char	*base;		/* serve_base_url() */
	struct arena	 arena;		/* the chunk's dictionary, text */
	struct tpl	*t;		/* the chunk being filled, or NULL */
	size_t		 rows;		/* in t */
	size_t		 n;		/* in the whole document */
	bool		 started;	/* the HEAD is out */
};

/* The paths that robots are asked to leave alone: forms and accounts. */
static const char *const robots_disallow[] = {
	"/ask", "/login", "/register", "/logout", "/account", "/forgot",
	"/reset", "/confirm", "/moderate", "/post/", "/unsubscribe",
	"/search",
};

/* Entries in a feed: the feed_size setting within [1, FEED_SIZE_MAX]. */
static int64_t
feed_size(void)
{
	int64_t	 n = settings_int("feed_size", 20);

	return n < 1 ? 1 : n > FEED_SIZE_MAX ? FEED_SIZE_MAX : n;
}

/* Questions in a part of the sitemap: sitemap_size in [1, SITEMAP_MAX]. */
static int64_t
sitemap_size(void)
{
	int64_t	 n = settings_int("sitemap_size", SITEMAP_MAX);

	return n < 1 ? 1 : n > SITEMAP_MAX ? SITEMAP_MAX : n;
}

/*
 * The route's capture without its suffix: "go" of "go.atom".  NULL when
 * the capture does not end in suffix or nothing comes before it.  Arena
 * memory.
 */
static const char *
arg_stem(struct qa_request *req, const char *suffix)
{
	size_t	 n, s = strlen(suffix);

	if (req->nargs < 1 || (n = strlen(req->args[0])) <= s ||
	    strcmp(req->args[0] + n - s, suffix) != 0)
		return NULL;
	return arena_strndup(&req->arena, req->args[0], n - s);
}

/*
 * Parse s as a number in [1, max] written as addresses write it: digits
 * only, no leading zero (so that one document has one address).
 */
static bool
parse_number(const char *s, int64_t max, int64_t *out)
{
	if (s == NULL || s[0] < '1' || s[0] > '9')
		return false;
	return http_parse_int(s, 1, max, out) == QA_OK;
}

/* The absolute address of a path on the site, in the arena. */
static const char *
absolute(struct qa_request *req, const char *path)
{
	if (path == NULL)
		return NULL;
	return arena_printf(&req->arena, "%s%s", serve_base_url(), path);
}

/* The later of two times. */
static int64_t
later(int64_t a, int64_t b)
{
	return a > b ? a : b;
}

/*
 * Start a feed's dictionary (atom.tpl): FEED_ID and FEED_SELF (the
 * feed's absolute address, which is also its id), FEED_TITLE ("title -
 * site"), section FEED_SUBTITLE (SUBTITLE) when there is a subtitle,
 * FEED_PAGE, and the feed's author, the site: SITE_NAME and SITE_URL.
 * NULL if out of memory.
 */
static struct tpl *
feed_new(struct qa_request *req, const struct feed *f)
{
	struct tpl	*t;
	const char	*site, *self;

	if ((t = tpl_new(&req->arena)) == NULL ||
	    (self = absolute(req, f->self)) == NULL)
		return NULL;
	site = settings_get("site_name", "fastqa");
	tpl_set(t, "FEED_ID", self);
	tpl_set(t, "FEED_SELF", self);
	tpl_set(t, "FEED_TITLE", arena_printf(&req->arena, "%s - %s",
	    f->title, site));
	if (f->subtitle != NULL && f->subtitle[0] != '\0')
		tpl_set(tpl_add(t, "FEED_SUBTITLE"), "SUBTITLE", f->subtitle);
	tpl_set(t, "FEED_PAGE", absolute(req, f->page));
	tpl_set(t, "SITE_NAME", site);
	tpl_set(t, "SITE_URL", absolute(req, "/"));
	return t;
}

/*
 * An entry's author into its row: AUTHOR (the handle, the name an
 * anonymous author gave, or "Anonymous") and, for a member, section
 * AUTHOR_URI with URI, the profile's address.
 */
static void
set_entry_author(struct qa_request *req, struct tpl *row,
    const struct post *p)
{
	if (p->handle != NULL) {
		tpl_set(row, "AUTHOR", p->handle);
		tpl_set(tpl_add(row, "AUTHOR_URI"), "URI", absolute(req,
		    path_url(&req->arena, "/user/", p->handle)));
	} else
		tpl_set(row, "AUTHOR", p->anon_name != NULL &&
		    p->anon_name[0] != '\0' ? p->anon_name : "Anonymous");
}

/*
 * One CATEGORY row: TERM, SCHEME (the absolute address of scheme_path)
 * and, when label is not NULL, section CATEGORY_LABEL with LABEL.
 */
static void
add_category(struct qa_request *req, struct tpl *row, const char *term,
    const char *scheme_path, const char *label)
{
	struct tpl	*c;

	c = tpl_add(row, "CATEGORY");
	tpl_set(c, "TERM", term);
	tpl_set(c, "SCHEME", absolute(req, scheme_path));
	if (label != NULL)
		tpl_set(tpl_add(c, "CATEGORY_LABEL"), "LABEL", label);
}

/*
 * One ENTRY row for question p (whose body_html is set): ID (the
 * question's short address, which no edit changes), TITLE, URL,
 * PUBLISHED (asked), UPDATED (the later of its last activity and last
 * edit), the author, a CATEGORY row for its category (term the slug,
 * label the name) and one per tag (term the name), and BODY.  Returns
 * UPDATED as a time.
 */
static int64_t
add_question(struct qa_request *req, struct tpl *t, const struct post *p)
{
	struct tpl	*row;
	const char	**names;
	size_t		  n, i;
	int64_t		  updated;

	updated = later(p->created, later(p->activity, p->edited));
	row = tpl_add(t, "ENTRY");
	tpl_set(row, "ID", absolute(req, arena_printf(&req->arena,
	    "/q/%lld", (long long)p->id)));
	tpl_set(row, "TITLE", p->title);
	tpl_set(row, "URL", absolute(req,
	    util_question_url(&req->arena, p->id, p->slug)));
	tpl_set(row, "PUBLISHED", util_isotime(&req->arena, p->created));
	tpl_set(row, "UPDATED", util_isotime(&req->arena, updated));
	set_entry_author(req, row, p);
	if (p->category_slug != NULL)
		add_category(req, row, p->category_slug, "/categories",
		    p->category_name);
	n = tag_split(&req->arena, p->tags, &names);
	for (i = 0; i < n; i++)
		add_category(req, row, names[i], "/tags", NULL);
	tpl_set(row, "BODY", p->body_html);
	return updated;
}

/*
 * Render the feed t as the response: FEED_UPDATED is `updated` (the
 * latest entry's), or the time of the request for a feed without
 * entries.  200 with the Atom content type; QA_ESYS if the template
 * fails or memory runs out.
 */
static enum qa_err
feed_render(struct qa_request *req, struct tpl *t, int64_t updated)
{
	enum qa_err	 er;

	tpl_set(t, "FEED_UPDATED", util_isotime(&req->arena,
	    updated > 0 ? updated : req->now));
	buf_clear(req->resp.body);
	if ((er = tpl_render("atom.tpl", t, req->resp.body)) != QA_OK)
		return er;
	req->resp.status = 200;
	req->resp.content_type = ATOM_TYPE;
	return QA_OK;
}

/*
 * A feed of the newest questions of a list (key as for post_list()):
 * feed_size of them, newest first, as the list's first page shows them.
 * Two queries.  200; QA_ESYS or the database error.
 */
static enum qa_err
questions_feed(struct qa_request *req, const struct feed *f,
    enum post_list list, int64_t key)
{
	struct tpl	*t;
	struct post	*v;
	size_t		 n, i;
	int64_t		 updated = 0;
	enum qa_err	 er;

	if ((er = post_list(serve.db, &req->arena, list, key, 0, feed_size(),
	    &v, &n)) != QA_OK ||
	    (er = post_list_bodies(serve.db, &req->arena, v, n)) != QA_OK)
		return er;
	if ((t = feed_new(req, f)) == NULL)
		return QA_ESYS;
	for (i = 0; i < n; i++)
		if (v[i].body_html != NULL)
			updated = later(updated, add_question(req, t, &v[i]));
	return feed_render(req, t, updated);
}

/*
 * GET /feed/questions.atom -- the newest questions of the site, as the
 * home page lists them.  Two queries.
 * 200.
 */
enum qa_err
feed_questions_get(struct qa_request *req)
{
	struct feed	 f;

	f.self = "/feed/questions.atom";
	f.page = "/";
	f.title = "Recent questions";
	f.subtitle = settings_get("site_tagline", NULL);
	return questions_feed(req, &f, POST_LIST_NEWEST, 0);
}

/*
 * GET /feed/tag/{name}.atom -- the newest questions with a tag, as
 * /tag/{name} lists them.  Three queries.
 * 200; 404 without ".atom" or for an unknown tag.
 */
enum qa_err
feed_tag_get(struct qa_request *req)
{
	struct tag	 tag;
	struct feed	 f;
	const char	*name, *seg;
	enum qa_err	 er;

	if ((name = arg_stem(req, ".atom")) == NULL)
		return QA_ENOTFOUND;
	if ((er = tag_find(serve.db, &req->arena, name, &tag)) != QA_OK)
		return er;
	if ((seg = util_urlseg(&req->arena, tag.name)) == NULL)
		return QA_ESYS;
	f.self = arena_printf(&req->arena, "/feed/tag/%s.atom", seg);
	f.page = arena_printf(&req->arena, "/tag/%s", seg);
	f.title = arena_printf(&req->arena, "Questions tagged %s", tag.name);
	f.subtitle = tag.description;
	return questions_feed(req, &f, tag.qcount >= POST_LIST_WIDE ?
	    POST_LIST_TAG_WIDE : POST_LIST_TAG, tag.id);
}

/*
 * GET /feed/c/{slug}.atom -- the newest questions in a category and in
 * those below it, as /c/{slug} lists them.  Three queries.
 * 200; 404 without ".atom" or for an unknown category.
 */
enum qa_err
feed_category_get(struct qa_request *req)
{
	struct category	 cat;
	struct feed	 f;
	const char	*slug, *seg;
	enum qa_err	 er;

	if ((slug = arg_stem(req, ".atom")) == NULL)
		return QA_ENOTFOUND;
	if ((er = category_find(serve.db, &req->arena, slug, &cat)) != QA_OK)
		return er;
	if ((seg = util_urlseg(&req->arena, cat.slug)) == NULL)
		return QA_ESYS;
	f.self = arena_printf(&req->arena, "/feed/c/%s.atom", seg);
	f.page = arena_printf(&req->arena, "/c/%s", seg);
	f.title = arena_printf(&req->arena, "Questions in %s", cat.name);
	f.subtitle = cat.description;
	return questions_feed(req, &f, cat.qcount >= POST_LIST_WIDE ?
	    POST_LIST_SUBTREE_WIDE : POST_LIST_SUBTREE, cat.id);
}

/*
 * GET /feed/q/{id}.atom -- the newest answers of a question (feed_size
 * of them), each entry titled "Answer by NAME" and linked to the answer
 * on the question page.  The feed's time is the latest answer's, or the
 * question's own when it has none.  Two queries.
 * 200; 404 without ".atom", for an id that is not a positive number
 * without leading zeros, or for a question the public cannot see.
 */
enum qa_err
feed_question_get(struct qa_request *req)
{
	struct post	 q, *v;
	struct feed	 f;
	struct tpl	*t, *row;
	const char	*url, *name;
	size_t		 n, i;
	int64_t		 id, updated, u;
	enum qa_err	 er;

	if (!parse_number(arg_stem(req, ".atom"), INT64_MAX, &id))
		return QA_ENOTFOUND;
	if ((er = post_question_get(serve.db, &req->arena, id, &q)) != QA_OK)
		return er;
	if ((er = post_feed_answers(serve.db, &req->arena, id, feed_size(),
	    &v, &n)) != QA_OK)
		return er;
	if ((url = util_question_url(&req->arena, q.id, q.slug)) == NULL)
		return QA_ESYS;
	f.self = arena_printf(&req->arena, "/feed/q/%lld.atom",
	    (long long)q.id);
	f.page = url;
	f.title = arena_printf(&req->arena, "Answers to %s", q.title);
	f.subtitle = NULL;
	if ((t = feed_new(req, &f)) == NULL)
		return QA_ESYS;
	updated = n == 0 ? later(q.created, q.edited) : 0;
	for (i = 0; i < n; i++) {
		u = later(v[i].created, v[i].edited);
		updated = later(updated, u);
		row = tpl_add(t, "ENTRY");
		tpl_set(row, "ID", absolute(req, arena_printf(&req->arena,
		    "/q/%lld#a%lld", (long long)q.id, (long long)v[i].id)));
		name = v[i].handle != NULL ? v[i].handle :
		    v[i].anon_name != NULL && v[i].anon_name[0] != '\0' ?
		    v[i].anon_name : "Anonymous";
		tpl_set(row, "TITLE", arena_printf(&req->arena,
		    "Answer by %s", name));
		tpl_set(row, "URL", absolute(req, arena_printf(&req->arena,
		    "%s#a%lld", url, (long long)v[i].id)));
		tpl_set(row, "PUBLISHED",
		    util_isotime(&req->arena, v[i].created));
		tpl_set(row, "UPDATED", util_isotime(&req->arena, u));
		set_entry_author(req, row, &v[i]);
		tpl_set(row, "BODY", v[i].body_html);
	}
	return feed_render(req, t, updated);
}

/*
 * Start writing a sitemap document from template file (sitemap.tpl or
 * sitemapindex.tpl) into the response body, which is emptied.
 */
static void
sitemap_start(struct sitemap *sm, struct qa_request *req, const char *file)
{
	memset(sm, 0, sizeof(*sm));
	sm->req = req;
	sm->file = file;
	sm->base = serve_base_url();
	arena_init(&sm->arena);
	buf_clear(req->resp.body);
}

/*
 * Render the chunk being filled, with section HEAD if it is the first
 * and section FOOT if last is set (a last chunk may have no row), append
 * it to the response body and empty the chunk's arena.  Returns QA_OK,
 * or QA_ESYS if the template fails or memory runs out.
 */
static enum qa_err
sitemap_flush(struct sitemap *sm, bool last)
{
	enum qa_err	 er;

	if (sm->t == NULL && !last)
		return QA_OK;
	if (sm->t == NULL && (sm->t = tpl_new(&sm->arena)) == NULL)
		return QA_ESYS;
	if (!sm->started)
		tpl_show(sm->t, "HEAD");
	sm->started = true;
	if (last)
		tpl_show(sm->t, "FOOT");
	er = tpl_render(sm->file, sm->t, sm->req->resp.body);
	arena_reset(&sm->arena);
	sm->t = NULL;
	sm->rows = 0;
	return er;
}

/*
 * Add a row of section `section` with LOC, the absolute address of path
 * (a path on the site, which may be in the chunk's arena), and, when
 * lastmod is not 0, LASTMOD, its W3C date and time.  A chunk that is
 * full then is rendered.  Returns QA_OK, or QA_ESYS if out of memory or
 * the template fails.
 */
static enum qa_err
sitemap_row(struct sitemap *sm, const char *section, const char *path,
    int64_t lastmod)
{
	struct tpl	*row;
	const char	*loc;

	if (sm->t == NULL && (sm->t = tpl_new(&sm->arena)) == NULL)
		return QA_ESYS;
	if (path == NULL || (loc = arena_printf(&sm->arena, "%s%s", sm->base,
	    path)) == NULL)
		return QA_ESYS;
	row = tpl_add(sm->t, section);
	tpl_set(row, "LOC", loc);
	if (lastmod != 0)
		tpl_set(row, "LASTMOD", util_isotime(&sm->arena, lastmod));
	sm->n++;
	if (++sm->rows < CHUNK_ROWS)
		return QA_OK;
	return sitemap_flush(sm, false);
}

/*
 * Finish a sitemap document: render what is left with the FOOT (unless
 * er, the outcome so far, is an error) and set the response, 200 with
 * the XML content type.  Frees the chunk arena.  Returns er, or the
 * error of the last rendering.
 */
static enum qa_err
sitemap_end(struct sitemap *sm, enum qa_err er)
{
	if (er == QA_OK)
		er = sitemap_flush(sm, true);
	arena_free(&sm->arena);
	if (er == QA_OK) {
		sm->req->resp.status = 200;
		sm->req->resp.content_type = XML_TYPE;
	}
	return er;
}

/*
 * GET /sitemap.xml -- the sitemap index (sitemapindex.tpl: SITEMAP rows
 * with LOC): /sitemap/pages.xml, then /sitemap/q-1.xml to q-N.xml, N the
 * visible questions divided by sitemap_size, rounded up (none for a site
 * without questions).  An index lists at most SITEMAP_MAX sitemaps; the
 * parts past that are still served.  One query, which reads the index of
 * the newest questions whole (no table row).
 * 200.
 */
enum qa_err
sitemap_get(struct qa_request *req)
{
	struct sitemap	 sm;
	char		 path[48];
	int64_t		 count, size, parts, k;
	enum qa_err	 er;

	if ((er = post_sitemap_count(serve.db, &count)) != QA_OK)
		return er;
	size = sitemap_size();
	parts = (count + size - 1) / size;
	if (parts > SITEMAP_MAX - 1)
		parts = SITEMAP_MAX - 1;
	sitemap_start(&sm, req, "sitemapindex.tpl");
	er = sitemap_row(&sm, "SITEMAP", "/sitemap/pages.xml", 0);
	for (k = 1; er == QA_OK && k <= parts; k++) {
		snprintf(path, sizeof(path), "/sitemap/q-%lld.xml",
		    (long long)k);
		er = sitemap_row(&sm, "SITEMAP", path, 0);
	}
	return sitemap_end(&sm, er);
}

/* PAGE rows for categories c, their siblings and all below them. */
static enum qa_err
add_categories(struct sitemap *sm, const struct category *c)
{
	enum qa_err	 er;

	for (; c != NULL; c = c->next)
		if ((er = sitemap_row(sm, "PAGE", path_url(&sm->arena, "/c/",
		    c->slug), 0)) != QA_OK ||
		    (er = add_categories(sm, c->children)) != QA_OK)
			return er;
	return QA_OK;
}

/*
 * /sitemap/pages.xml: PAGE rows (sitemap.tpl) for home, /questions,
 * /tags, /categories, every category, and the tags in use, most used
 * first, as many as the protocol's SITEMAP_MAX addresses leave room for.
 * Two queries.
 */
static enum qa_err
sitemap_pages(struct qa_request *req)
{
	static const char *const lists[] = {
		"/", "/questions", "/tags", "/categories",
	};
	struct sitemap	 sm;
	struct category	*roots;
	struct tag	*tags = NULL;
	size_t		 ntags = 0, i;
	enum qa_err	 er;

	if ((er = category_tree(serve.db, &req->arena, &roots)) != QA_OK)
		return er;
	sitemap_start(&sm, req, "sitemap.tpl");
	for (i = 0; er == QA_OK && i < nitems(lists); i++)
		er = sitemap_row(&sm, "PAGE", lists[i], 0);
	if (er == QA_OK)
		er = add_categories(&sm, roots);
	if (er == QA_OK && sm.n < SITEMAP_MAX)
		er = tag_list(serve.db, &req->arena, 0,
		    (int64_t)(SITEMAP_MAX - sm.n), &tags, &ntags);
	for (i = 0; er == QA_OK && i < ntags; i++)
		er = sitemap_row(&sm, "PAGE",
		    path_url(&sm.arena, "/tag/", tags[i].name), 0);
	return sitemap_end(&sm, er);
}

/*
 * The post_sitemap() callback: one QUESTION row of a part of the
 * sitemap, with the question's address and LASTMOD.
 */
static enum qa_err
sitemap_question(void *arg, int64_t id, const char *slug, int64_t lastmod)
{
	struct sitemap	*sm = arg;

	return sitemap_row(sm, "QUESTION",
	    util_question_url(&sm->arena, id, slug), lastmod);
}

/*
 * GET /sitemap/{part} -- one part of the sitemap (sitemap.tpl):
 * "pages.xml" (see sitemap_pages()), or "q-K.xml", the K-th sitemap_size
 * visible questions, oldest first, each with its address and the time
 * it last changed (LASTMOD).  One query for a question part, which reads
 * the rows before it as index entries only.
 * 200; 404 for any other name, for K not a number without leading zeros,
 * or for a K past the last part.
 */
enum qa_err
sitemap_part_get(struct qa_request *req)
{
	struct sitemap	 sm;
	const char	*stem;
	int64_t		 k, size;
	enum qa_err	 er;

	if ((stem = arg_stem(req, ".xml")) == NULL)
		return QA_ENOTFOUND;
	if (strcmp(stem, "pages") == 0)
		return sitemap_pages(req);
	if (strncmp(stem, "q-", 2) != 0 ||
	    !parse_number(stem + 2, PART_MAX, &k))
		return QA_ENOTFOUND;
	size = sitemap_size();
	sitemap_start(&sm, req, "sitemap.tpl");
	er = post_sitemap(serve.db, (k - 1) * size, size, sitemap_question,
	    &sm);
	if (er == QA_OK && sm.n == 0)
		er = QA_ENOTFOUND;
	return sitemap_end(&sm, er);
}

/*
 * GET /robots.txt -- plain text: every robot may read the site but the
 * forms, the account and moderation pages and search (robots_disallow),
 * and the sitemap is at base_url/sitemap.xml.
 * 200.
 */
enum qa_err
robots_get(struct qa_request *req)
{
	struct buf	*b = req->resp.body;
	size_t		 i;

	buf_clear(b);
	buf_puts(b, "User-agent: *\n");
	for (i = 0; i < nitems(robots_disallow); i++)
		buf_printf(b, "Disallow: %s\n", robots_disallow[i]);
	buf_puts(b, "Allow: /\n\n");
	buf_printf(b, "Sitemap: %s/sitemap.xml\n", serve_base_url());
	req->resp.status = 200;
	req->resp.content_type = "text/plain; charset=utf-8";
	return b->oom ? QA_ESYS : QA_OK;
}

/*
 * Announce a feed in the head of the page being made (after serve_page()):
 * a FEED_LINK row of the layout, <link rel="alternate"
 * type="application/atom+xml"> with URL (url, e.g. "/feed/tag/c.atom")
 * and TITLE.  A page may announce several.  Does nothing before
 * serve_page().
 */
void
feed_link(struct qa_request *req, const char *url, const char *title)
{
	struct tpl	*row;

	if (req->page == NULL)
		return;
	row = tpl_add(req->page, "FEED_LINK");
	tpl_set(row, "URL", url);
	tpl_set(row, "TITLE", title);
}
