/*
 * view: the read-only pages of the site.  Home, the question lists, one
 * question with its answers and comments, tags, categories and users.
 * Every route is GET (and HEAD); none writes to the database while it
 * answers.  The question page counts its views in memory (lib/views.c),
 * and they are written in batches after a response has gone.
 *
 * Each handler reads through the model modules with a small fixed number
 * of queries (given in its comment), fills the dictionary of its page
 * template and renders it.  Errors are returned as enum qa_err and serve
 * turns them into the error page.
 */
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "qa.h"
#include "arena.h"
#include "auth.h"
#include "db.h"
#include "form.h"
#include "http.h"
#include "serve.h"
#include "settings.h"
#include "template.h"
#include "util.h"
#include "user.h"
#include "post.h"
#include "tag.h"
#include "category.h"
#include "views.h"
#include "pagecache.h"
#include "vote.h"
#include "points.h"
#include "related.h"
#include "view.h"

#define PAGE_MAX	1000000000	/* highest ?page= accepted */
#define PAGE_SIZE_MAX	100		/* clamp of the page_size setting */
#define PAGER_AHEAD	2		/* pages linked after the current */
#define PAGER_BEHIND	2		/* pages linked before the current */
#define TAGS_PER_PAGE	120		/* default of tags_page_size */
#define TAGS_PAGE_MAX	1000		/* clamp of tags_page_size */
#define PROFILE_ROWS	10		/* recent questions/answers shown */
#define HISTORY_ROWS	20		/* points history lines shown */

/*
 * The sort tabs of the question lists, indexed by enum post_list: the
 * first four lists are the site-wide sort orders.
 */
struct sort {
	const char	*name;		/* ?sort= value */
	const char	*label;		/* tab */
	const char	*heading;	/* list heading */
	const char	*empty;		/* message for an empty list */
};

static const struct sort sorts[] = {
	{ "newest", "Newest", "Recent questions", "No questions yet." },
	{ "active", "Active", "Recently active questions",
	    "No questions yet." },
	{ "votes", "Votes", "Highest voted questions", "No questions yet." },
	{ "unanswered", "Unanswered", "Unanswered questions",
	    "Every question has an answer." },
};

/* "/PREFIX/SEGMENT" with the segment percent-encoded, in the arena. */
char *
path_url(struct arena *a, const char *prefix, const char *s)
{
	const char	*e;

	if ((e = util_urlseg(a, s)) == NULL)
		return NULL;
	return arena_printf(a, "%s%s", prefix, e);
}

/* Net votes as shown: "+9 votes", "+1 vote", "0 votes", "-2 votes". */
void
set_votes(struct tpl *t, const char *key, int64_t n)
{
	char	 s[48];

	snprintf(s, sizeof(s), "%s%lld %s", n > 0 ? "+" : "", (long long)n,
	    util_plural(n < 0 ? -n : n, "vote", "votes"));
	tpl_set(t, key, s);
}

/* A count with its noun: "1 answer", "3 answers". */
void
set_count(struct tpl *t, const char *key, int64_t n, const char *one,
    const char *many)
{
	char	 s[48];

	snprintf(s, sizeof(s), "%lld %s", (long long)n,
	    util_plural(n, one, many));
	tpl_set(t, key, s);
}

/* A time as ISO (attribute) and as "3 hours ago" (text). */
void
set_time(struct qa_request *req, struct tpl *t, const char *iso,
    const char *ago, int64_t when)
{
	tpl_set(t, iso, util_isotime(&req->arena, when));
	tpl_set(t, ago, util_ago(&req->arena, when, req->now));
}

/*
 * The author of a post: section `user` (URL, HANDLE, POINTS as "5.6k
 * points") when the author has an account, else section `anon` (NAME:
 * the name given, or "Anonymous").  Each section carries its own values,
 * so nothing leaks in from an enclosing dictionary.
 */
void
set_author(struct qa_request *req, struct tpl *t, const char *user,
    const char *anon, const struct post *p)
{
	struct tpl	*s;
	char		 pts[48];

	if (p->handle != NULL) {
		s = tpl_add(t, user);
		tpl_set(s, "URL", path_url(&req->arena, "/user/", p->handle));
		tpl_set(s, "HANDLE", p->handle);
		snprintf(pts, sizeof(pts), "%s %s",
		    util_points(&req->arena, p->points),
		    util_plural(p->points, "point", "points"));
		tpl_set(s, "POINTS", pts);
	} else {
		s = tpl_add(t, anon);
		tpl_set(s, "NAME", p->anon_name != NULL &&
		    p->anon_name[0] != '\0' ? p->anon_name : "Anonymous");
	}
}

/*
 * "edited by X, 2 hours ago" for an edited post: section `edited` with
 * ISO and AGO, and in it section EUSER (URL, HANDLE) or EANON (NAME).
 */
static void
set_edited(struct qa_request *req, struct tpl *t, const char *edited,
    const struct post *p)
{
	struct tpl	*e, *s;

	if (p->edited == 0)
		return;
	e = tpl_add(t, edited);
	set_time(req, e, "ISO", "AGO", p->edited);
	if (p->edited_handle != NULL) {
		s = tpl_add(e, "EUSER");
		tpl_set(s, "URL",
		    path_url(&req->arena, "/user/", p->edited_handle));
		tpl_set(s, "HANDLE", p->edited_handle);
	} else {
		s = tpl_add(e, "EANON");
		tpl_set(s, "NAME", p->edited_name != NULL &&
		    p->edited_name[0] != '\0' ? p->edited_name : "Anonymous");
	}
}

/* Section TAGS with one TAG row (URL, NAME) per name of a posts.tags. */
void
set_tags(struct qa_request *req, struct tpl *t, const char *tags)
{
	const char	**names;
	struct tpl	 *s, *row;
	size_t		  n, i;

	if ((n = tag_split(&req->arena, tags, &names)) == 0)
		return;
	s = tpl_add(t, "TAGS");
	for (i = 0; i < n; i++) {
		row = tpl_add(s, "TAG");
		tpl_set(row, "URL", path_url(&req->arena, "/tag/", names[i]));
		tpl_set(row, "NAME", names[i]);
	}
}

/* Section CATEGORY (URL, NAME) for a post in a category. */
void
set_category(struct qa_request *req, struct tpl *t, const struct post *p)
{
	struct tpl	*s;

	if (p->category_slug == NULL)
		return;
	s = tpl_add(t, "CATEGORY");
	tpl_set(s, "URL", path_url(&req->arena, "/c/", p->category_slug));
	tpl_set(s, "NAME", p->category_name);
}

/*
 * Add one question row (qitem.tpl, included as QITEM) to t: title link,
 * votes, answers, accepted and closed markers, category, tags, author
 * and time asked.  The title is p->title (TITLE), or, when title_html is
 * not NULL, that HTML in section MARKED_TITLE (TITLE_HTML): the search
 * page's title with the matched words marked by search_html().  Returns
 * the row's dictionary, for sections of the caller's own (SNIPPET).
 */
struct tpl *
add_qitem(struct qa_request *req, struct tpl *t, const struct post *p,
    const char *title_html)
{
	struct tpl	*q;

	q = tpl_include(t, "QITEM", "qitem.tpl");
	tpl_set(q, "URL", util_question_url(&req->arena, p->id, p->slug));
	if (title_html != NULL)
		tpl_set(tpl_add(q, "MARKED_TITLE"), "TITLE_HTML", title_html);
	else
		tpl_set(q, "TITLE", p->title);
	set_votes(q, "VOTES", p->score);
	set_count(q, "ANSWERS", p->answer_count, "answer", "answers");
	if (p->answer_count > 0)
		tpl_show(q, "ANSWERED");
	if (p->accepted_id != 0)
		tpl_show(q, "ACCEPTED");
	if (p->closed)
		tpl_show(q, "CLOSED");
	set_category(req, q, p);
	set_tags(req, q, p->tags);
	set_author(req, q, "USER", "ANON", p);
	set_time(req, q, "ISO", "AGO", p->created);
	return q;
}

/*
 * The questions of a list into t: QITEM includes inside section
 * HAS_QUESTIONS, or section NO_QUESTIONS with MESSAGE when empty.
 */
void
set_qlist(struct qa_request *req, struct tpl *t, const struct post *v,
    size_t n, const char *empty)
{
	struct tpl	*s;
	size_t		 i;

	if (n == 0) {
		s = tpl_add(t, "NO_QUESTIONS");
		tpl_set(s, "MESSAGE", empty);
		return;
	}
	s = tpl_add(t, "HAS_QUESTIONS");
	for (i = 0; i < n; i++)
		add_qitem(req, s, &v[i], NULL);
}

/*
 * Sort tabs: section TABS with one TAB row (URL, LABEL, section CURRENT
 * on the selected one).  base is the list's address ("/" or
 * "/questions"); newest, the default, links to base itself.
 */
static void
set_tabs(struct qa_request *req, struct tpl *t, const char *base,
    enum post_list cur)
{
	struct tpl	*s, *row;
	size_t		 i;

	s = tpl_add(t, "TABS");
	for (i = 0; i < nitems(sorts); i++) {
		row = tpl_add(s, "TAB");
		tpl_set(row, "URL", i == POST_LIST_NEWEST ? base :
		    arena_printf(&req->arena, "%s?sort=%s", base,
		    sorts[i].name));
		tpl_set(row, "LABEL", sorts[i].label);
		if (i == (size_t)cur)
			tpl_show(row, "CURRENT");
	}
}

/*
 * Read ?sort= into *list: absent or empty is newest.  Returns QA_EINPUT
 * for a value that names no sort.
 */
static enum qa_err
sort_parse(struct qa_request *req, enum post_list *list)
{
	const char	*s;
	size_t		 i;

	*list = POST_LIST_NEWEST;
	if ((s = http_query(req, "sort")) == NULL || s[0] == '\0')
		return QA_OK;
	for (i = 0; i < nitems(sorts); i++)
		if (strcmp(s, sorts[i].name) == 0) {
			*list = (enum post_list)i;
			return QA_OK;
		}
	return QA_EINPUT;
}

/* The page size from the settings, kept within [1, PAGE_SIZE_MAX]. */
int64_t
page_size(void)
{
	int64_t	 n = settings_int("page_size", 20);

	return n < 1 ? 1 : n > PAGE_SIZE_MAX ? PAGE_SIZE_MAX : n;
}


/*
 * Read ?page= and set up the pager for a list at base (which may already
 * carry a query, e.g. "/questions?sort=votes").  Returns QA_EINPUT for a
 * page that is not a number in [1, PAGE_MAX].
 */
enum qa_err
pager_init(struct qa_request *req, struct pager *pg, const char *base,
    int64_t size)
{
	enum qa_err	 er;

	memset(pg, 0, sizeof(*pg));
	if ((er = http_query_int(req, "page", 1, PAGE_MAX, 1, &pg->page))
	    != QA_OK)
		return er;
	pg->size = size;
	pg->offset = (pg->page - 1) * size;
	pg->cap = (PAGER_AHEAD + 1) * size + 1;
	pg->base = base;
	return QA_OK;
}

/* The address of page n of the pager's list, in the arena. */
const char *
pager_url(struct qa_request *req, const struct pager *pg, int64_t n)
{
	if (n == 1)
		return pg->base;
	return arena_printf(&req->arena, "%s%cpage=%lld", pg->base,
	    strchr(pg->base, '?') != NULL ? '&' : '?', (long long)n);
}

/* One PAGE row of the pager: a link, the current page, or a gap. */
static void
pager_add(struct qa_request *req, const struct pager *pg, struct tpl *t,
    int64_t n)
{
	struct tpl	*row, *s;

	row = tpl_add(t, "PAGE");
	if (n == 0) {
		tpl_show(row, "GAP");
		return;
	}
	s = tpl_add(row, n == pg->page ? "CURRENT" : "LINK");
	tpl_set_int(s, "N", n);
	tpl_set(s, "URL", pager_url(req, pg, n));
}

/*
 * Include PAGER (pager.tpl) in t when the list has more than one page:
 * PREV and NEXT sections with URL, and PAGE rows: page 1, a gap, up to
 * PAGER_BEHIND pages before the current one, the current one, the pages
 * known to follow (up to PAGER_AHEAD) and a gap if there are more.
 * Nothing is included for a single page or a page past the end.
 */
void
set_pager(struct qa_request *req, struct tpl *t, const struct pager *pg)
{
	struct tpl	*p;
	int64_t		 after, last, first, n;

	if (pg->ahead == 0 || (pg->page == 1 && pg->ahead <= pg->size))
		return;
	after = (pg->ahead - 1) / pg->size;	/* full or partial pages */
	if (after > PAGER_AHEAD)
		after = PAGER_AHEAD;
	last = pg->page + after;
	first = pg->page - PAGER_BEHIND;
	if (first < 1)
		first = 1;
	p = tpl_include(t, "PAGER", "pager.tpl");
	if (pg->page > 1)
		tpl_set(tpl_add(p, "PREV"), "URL",
		    pager_url(req, pg, pg->page - 1));
	if (first > 1)
		pager_add(req, pg, p, 1);
	if (first > 2)
		pager_add(req, pg, p, 0);
	for (n = first; n <= last; n++)
		pager_add(req, pg, p, n);
	if (pg->ahead == pg->cap)
		pager_add(req, pg, p, 0);
	if (pg->ahead > pg->size)
		tpl_set(tpl_add(p, "NEXT"), "URL",
		    pager_url(req, pg, pg->page + 1));
}

/*
 * GET / -- the home page: site name, welcome text, sort tabs and the most
 * recent questions of the chosen sort (?sort=newest|active|votes|
 * unanswered), one page of them.  One query.
 * 200; 400 for an unknown sort.
 */
static enum qa_err
home_get(struct qa_request *req)
{
	struct tpl	*t, *s;
	struct post	*v;
	size_t		 n;
	enum post_list	 list;
	enum qa_err	 er;

	if ((er = sort_parse(req, &list)) != QA_OK)
		return er;
	if ((er = post_list(serve.db, &req->arena, list, 0, 0, page_size(),
	    &v, &n)) != QA_OK)
		return er;
	if ((t = serve_page(req, "home.tpl", NULL)) == NULL)
		return QA_ESYS;
	tpl_show(req->page, "NAV_HOME");
	feed_link(req, "/feed/questions.atom", "Recent questions");
	tpl_set(t, "WELCOME", settings_get("welcome", ""));
	tpl_set(t, "HEADING", sorts[list].heading);
	set_tabs(req, t, "/", list);
	set_qlist(req, t, v, n, sorts[list].empty);
	if (n > 0) {
		s = tpl_add(t, "MORE");
		tpl_set(s, "URL", list == POST_LIST_NEWEST ? "/questions" :
		    arena_printf(&req->arena, "/questions?sort=%s",
		    sorts[list].name));
	}
	return serve_render(req, 200);
}

/*
 * Fill and render qlist.tpl for one page of a question list.  The page
 * dictionary t was started by the caller, which set HEADING and whatever
 * else the list shows.  Two queries (count, page).
 */
static enum qa_err
qlist_render(struct qa_request *req, struct tpl *t, struct pager *pg,
    enum post_list list, int64_t key, const char *empty)
{
	struct post	*v;
	size_t		 n;
	enum qa_err	 er;

	if ((er = post_list_count(serve.db, list, key, pg->offset, pg->cap,
	    &pg->ahead)) != QA_OK)
		return er;
	v = NULL;
	n = 0;
	if (pg->ahead > 0 && (er = post_list(serve.db, &req->arena, list,
	    key, pg->offset, pg->size, &v, &n)) != QA_OK)
		return er;
	if (n == 0 && pg->page > 1) {
		tpl_set(tpl_add(t, "PAST_END"), "URL", pg->base);
		empty = "There are no questions on this page.";
	}
	set_qlist(req, t, v, n, empty);
	set_pager(req, t, pg);
	return serve_render(req, 200);
}

/*
 * GET /questions?sort=&page= -- all questions, paged, in one of the sort
 * orders.  Two queries.
 * 200 (an empty list past the last page); 400 for an unknown sort or a
 * page that is not a positive number.
 */
static enum qa_err
questions_get(struct qa_request *req)
{
	struct tpl	*t;
	struct pager	 pg;
	enum post_list	 list;
	enum qa_err	 er;
	const char	*base;

	if ((er = sort_parse(req, &list)) != QA_OK)
		return er;
	base = list == POST_LIST_NEWEST ? "/questions" :
	    arena_printf(&req->arena, "/questions?sort=%s", sorts[list].name);
	if ((er = pager_init(req, &pg, base, page_size())) != QA_OK)
		return er;
	if ((t = serve_page(req, "qlist.tpl", sorts[list].heading)) == NULL)
		return QA_ESYS;
	tpl_show(req->page, "NAV_QUESTIONS");
	tpl_set(t, "HEADING", "Questions");
	tpl_set(t, "LIST_HEADING", sorts[list].heading);
	set_tabs(req, t, "/questions", list);
	return qlist_render(req, t, &pg, list, 0, sorts[list].empty);
}

/*
 * What the viewer of a question page may do there, worked out once per
 * page: who they are, and the strings every post block shares.
 */
struct viewer {
	const struct user	*user;		/* NULL: a visitor */
	bool			 edit_any;	/* AUTH_EDIT_ANY */
	bool			 edit_own;	/* AUTH_EDIT_OWN */
	bool			 comment;	/* AUTH_COMMENT */
	bool			 accept;	/* may pick the best answer */
	const char		*cstamp;	/* stamp of the comment forms */
	int64_t			 qid;
	int64_t			 accepted_id;	/* the question's best answer */
	bool			 vote_up;	/* AUTH_VOTE_UP */
	bool			 vote_down;	/* AUTH_VOTE_DOWN */
	bool			 flag;		/* AUTH_FLAG */
	bool			 mod;		/* AUTH_MODERATE */
	const char		*url;		/* the question page */
	const int64_t		*voted;		/* vote_mine(): post ids */
	const int		*votes;		/* and the viewer's votes */
	size_t			 nvoted;
};

/* Whether the viewer may edit post p. */
static bool
may_edit(const struct viewer *v, const struct post *p)
{
	if (v->edit_any)
		return true;
	return v->edit_own && v->user != NULL && p->user_id != 0 &&
	    p->user_id == v->user->id;
}

/*
 * The links of a post the viewer may act on, into t: section `edit`
 * (URL) when they may edit it and `revisions` (URL) when it was edited.
 */
static void
set_post_links(struct qa_request *req, struct tpl *t, const char *edit,
    const char *revisions, const struct viewer *v, const struct post *p)
{
	if (may_edit(v, p))
		tpl_set(tpl_add(t, edit), "URL", arena_printf(&req->arena,
		    "/post/%lld/edit", (long long)p->id));
	if (p->edited != 0)
		tpl_set(tpl_add(t, revisions), "URL", arena_printf(
		    &req->arena, "/post/%lld/revisions", (long long)p->id));
}

/* The viewer's vote on post id: -1, 0 or 1. */
static int
my_vote(const struct viewer *v, int64_t id)
{
	size_t	 i;

	for (i = 0; i < v->nvoted; i++)
		if (v->voted[i] == id)
			return v->votes[i];
	return 0;
}

/*
 * One vote button of a vote form, section `name` of f: VALUE (dir: dir,
 * or "undo" when the viewer's vote is already this one), PRESSED ("true"
 * or "false"), and section DISABLED (TITLE: why) when the viewer lacks
 * the points for it.
 */
static void
set_vote_button(struct qa_request *req, struct tpl *f, const char *name,
    const char *dir, bool pressed, bool allowed, const char *priv,
    int64_t dflt)
{
	struct tpl	*b = tpl_add(f, name);
	int64_t		 need;

	tpl_set(b, "VALUE", pressed ? "undo" : dir);
	tpl_set(b, "PRESSED", pressed ? "true" : "false");
	if (!allowed) {
		need = settings_int(priv, dflt);
		tpl_set(tpl_add(b, "DISABLED"), "TITLE", arena_printf(
		    &req->arena, "You need %lld points to vote %s", (long long)
		    need, dir));
	}
}

/*
 * The vote box of post p into t: the score as SCORE (the number, for
 * data-score) and VOTES ("+2 votes"), and section VOTE_FORM (ACTION, UP,
 * DOWN for questions and answers: see set_vote_button()) when the viewer
 * may vote on it: signed in, not blocked, not their own post, the post
 * visible and at least an up vote allowed; else section VOTE_SCORE
 * (not for a comment with no votes).
 */
static void
set_vote_box(struct qa_request *req, struct tpl *t, const struct viewer *v,
    const struct post *p)
{
	struct tpl	*f;
	int		 mine;

	tpl_set_int(t, "SCORE", p->score);
	set_votes(t, "VOTES", p->score);
	if (v->user == NULL || v->user->blocked || !v->vote_up ||
	    p->status != POST_VISIBLE || p->user_id == v->user->id) {
		/* A comment nobody voted for shows no score. */
		if (p->type != POST_COMMENT || p->score != 0)
			tpl_show(t, "VOTE_SCORE");
		return;
	}
	mine = my_vote(v, p->id);
	f = tpl_add(t, "VOTE_FORM");
	tpl_set(f, "ACTION", arena_printf(&req->arena, "/post/%lld/vote",
	    (long long)p->id));
	set_vote_button(req, f, "UP", "up", mine > 0, true, "priv_vote_up",
	    15);
	if (p->type != POST_COMMENT)
		set_vote_button(req, f, "DOWN", "down", mine < 0,
		    v->vote_down || mine < 0, "priv_vote_down", 125);
}

/*
 * The comment form under post p (section CFORM: ACTION, ID, STAMP, MAX,
 * and section CVISITOR for a visitor's name and email) when the viewer
 * may comment, p is not waiting for approval and its comments are not
 * locked.
 */
static void
set_comment_form(struct qa_request *req, struct tpl *t,
    const struct viewer *v, const struct post *p, const char *anchor)
{
	struct tpl	*f;

	if (!v->comment || p->status != POST_VISIBLE || p->comments_locked)
		return;
	f = tpl_add(t, "CFORM");
	tpl_set(f, "ACTION", arena_printf(&req->arena, "/%c/%lld/comment",
	    p->type == POST_QUESTION ? 'q' : 'a', (long long)p->id));
	tpl_set(f, "ID", anchor);
	tpl_set(f, "STAMP", v->cstamp);
	tpl_set_int(f, "MAX", settings_int("comment_max", 600));
	if (v->user == NULL)
		tpl_show(f, "CVISITOR");
}

/*
 * The flag form of post p (section `name` of t: ACTION, ID) when the
 * viewer may flag (AUTH_FLAG, which a blocked user lacks), p is visible
 * and it is not the viewer's own post.  The moderate program answers
 * the form; the radio values are its reasons.
 */
static void
set_flag_form(struct qa_request *req, struct tpl *t, const char *name,
    const struct viewer *v, const struct post *p, const char *anchor)
{
	struct tpl	*f;

	if (!v->flag || v->user == NULL || p->status != POST_VISIBLE ||
	    p->user_id == v->user->id)
		return;
	f = tpl_add(t, name);
	tpl_set(f, "ACTION", arena_printf(&req->arena, "/post/%lld/flag",
	    (long long)p->id));
	tpl_set(f, "ID", anchor);
}

/*
 * A moderator's buttons on post p (section `name` of t: ACTION, NEXT,
 * section APPROVE for a queued post, section HIDE for a visible one,
 * and section MODUSER with URL to the author's moderation page when the
 * author has an account).  The buttons post action=approve|reject|
 * hide|delete to /moderate/post/{id} with next= the question's address.
 */
static void
set_mod_buttons(struct qa_request *req, struct tpl *t, const char *name,
    const struct viewer *v, const struct post *p)
{
	struct tpl	*m;

	if (!v->mod)
		return;
	m = tpl_add(t, name);
	tpl_set(m, "ACTION", arena_printf(&req->arena, "/moderate/post/%lld",
	    (long long)p->id));
	tpl_set(m, "NEXT", v->url);
	if (p->status == POST_QUEUED)
		tpl_show(m, "APPROVE");
	else if (p->status == POST_VISIBLE)
		tpl_show(m, "HIDE");
	if (p->handle != NULL)
		tpl_set(tpl_add(m, "MODUSER"), "URL",
		    path_url(&req->arena, "/moderate/user/", p->handle));
}

/*
 * Fill a post block (post.tpl, included as `name` in t) for the question
 * or an answer: anchor, votes, body, tags (questions), accepted marker,
 * "waiting for approval" for a queued post, author and time, "edited
 * by", the edit and revisions links the viewer may use, the best-answer
 * button for the asker and moderators (section ACCEPT: ACTION, LABEL,
 * and UNDO on the accepted answer), the post's comments (section
 * COMMENTS with COMMENT rows: ANCHOR, BODY_HTML, CUSER/CANON, ISO/AGO,
 * CEDITED, CQUEUED, CEDIT, CREVISIONS, CFLAG, CMOD) and the comment
 * form; "hidden by a moderator" (section HIDDEN) on a hidden post, which
 * only its author is shown; the flag form (FLAG) and a moderator's
 * buttons (MOD): see set_flag_form() and set_mod_buttons().
 */
static void
add_post(struct qa_request *req, struct tpl *t, const char *name,
    const struct viewer *v, const struct post *p)
{
	struct tpl	*b, *s, *row;
	size_t		 i;
	const struct post *c;
	const char	*anchor;
	bool		 q = p->type == POST_QUESTION;

	b = tpl_include(t, name, "post.tpl");
	anchor = arena_printf(&req->arena, "%c%lld", q ? 'q' : 'a',
	    (long long)p->id);
	tpl_set(b, "ANCHOR", anchor);
	tpl_set(b, "KIND", q ? "question" : "answer");
	set_vote_box(req, b, v, p);
	tpl_set(b, "BODY_HTML", p->body_html);
	if (q)
		set_tags(req, b, p->tags);
	if (p->accepted)
		tpl_show(b, "ACCEPTED");
	if (p->status == POST_QUEUED)
		tpl_show(b, "QUEUED");
	else if (p->status == POST_HIDDEN)
		tpl_show(b, "HIDDEN");
	tpl_set(b, "VERB", q ? "asked" : "answered");
	set_time(req, b, "ISO", "AGO", p->created);
	set_author(req, b, "USER", "ANON", p);
	set_edited(req, b, "EDITED", p);
	set_post_links(req, b, "EDIT", "REVISIONS", v, p);
	set_flag_form(req, b, "FLAG", v, p, anchor);
	set_mod_buttons(req, b, "MOD", v, p);
	if (!q && v->accept && p->status == POST_VISIBLE) {
		s = tpl_add(b, "ACCEPT");
		tpl_set(s, "ACTION", arena_printf(&req->arena,
		    "/q/%lld/accept/%lld", (long long)v->qid,
		    (long long)p->id));
		if (p->id == v->accepted_id) {
			tpl_set(s, "LABEL", "Unselect");
			tpl_show(s, "UNDO");
		} else
			tpl_set(s, "LABEL", "Select as best answer");
	}
	if (p->ncomments > 0) {
		s = tpl_add(b, "COMMENTS");
		set_count(s, "COUNT", (int64_t)p->ncomments, "comment",
		    "comments");
		for (i = 0; i < p->ncomments; i++) {
			c = &p->comments[i];
			row = tpl_add(s, "COMMENT");
			tpl_set(row, "ANCHOR", arena_printf(&req->arena,
			    "c%lld", (long long)c->id));
			tpl_set(row, "BODY_HTML", c->body_html);
			set_vote_box(req, row, v, c);
			set_time(req, row, "ISO", "AGO", c->created);
			set_author(req, row, "CUSER", "CANON", c);
			set_edited(req, row, "CEDITED", c);
			if (c->status == POST_QUEUED)
				tpl_show(row, "CQUEUED");
			else if (c->status == POST_HIDDEN)
				tpl_show(row, "CHIDDEN");
			set_post_links(req, row, "CEDIT", "CREVISIONS", v, c);
			set_flag_form(req, row, "CFLAG", v, c,
			    arena_printf(&req->arena, "c%lld",
			    (long long)c->id));
			set_mod_buttons(req, row, "CMOD", v, c);
		}
	}
	set_comment_form(req, b, v, p, anchor);
}

/*
 * Read the {id} capture of a question address.  Returns QA_ENOTFOUND
 * for anything but a positive number.
 */
static enum qa_err
question_id(struct qa_request *req, int64_t *id)
{
	if (req->nargs < 1 ||
	    http_parse_int(req->args[0], 1, INT64_MAX, id) != QA_OK)
		return QA_ENOTFOUND;
	return QA_OK;
}

/*
 * Write the views counted in this process (serve_after(), so after the
 * response has gone).  The route runs query-only: writes are allowed for
 * the flush and then forbidden again.  A failure is logged by views.c;
 * the views stay pending for the next try.
 */
static void
views_flush_after(void *arg)
{
	(void)arg;
	if (serve.db == NULL)
		return;
	db_query_only(serve.db, false);
	(void)views_flush(serve.db, (int64_t)time(NULL));
	db_query_only(serve.db, true);
}

/*
 * Count a view of question qid by a GET from anyone but a known robot;
 * the count is written after the response (views_flush_after()).  Also
 * run when a stored copy of the question page is given (pagecache.c).
 */
static void
count_view(struct qa_request *req, int64_t qid)
{
	if (req->method == HTTP_GET && !views_is_bot(req->user_agent) &&
	    views_count(qid, req->now))
		serve_after(req, views_flush_after, NULL);
}

/*
 * Write the related questions computed for this page (serve_after(), so
 * after the response has gone), as views_flush_after() does.  A failure
 * is logged by related.c; the list is computed again on a later view.
 */
static void
related_store_after(void *arg)
{
	(void)arg;
	if (serve.db == NULL)
		return;
	db_query_only(serve.db, false);
	(void)related_flush(serve.db);
	db_query_only(serve.db, true);
}

/*
 * The related questions of a question page, section RELATED of t when
 * there are any, with one RQ row each: R_URL, R_TITLE, R_VOTES ("+2
 * votes"), R_ANSWERS ("1 answer"), and sections R_ANSWERED, R_ACCEPTED
 * and R_CLOSED (names of their own, so that the page's sections do not
 * show through).
 */
static void
set_related(struct qa_request *req, struct tpl *t, const struct post *v,
    size_t n)
{
	struct tpl	*s, *row;
	size_t		 i;

	if (n == 0)
		return;
	s = tpl_add(t, "RELATED");
	for (i = 0; i < n; i++) {
		row = tpl_add(s, "RQ");
		tpl_set(row, "R_URL", util_question_url(&req->arena, v[i].id,
		    v[i].slug));
		tpl_set(row, "R_TITLE", v[i].title);
		set_votes(row, "R_VOTES", v[i].score);
		set_count(row, "R_ANSWERS", v[i].answer_count, "answer",
		    "answers");
		if (v[i].answer_count > 0)
			tpl_show(row, "R_ANSWERED");
		if (v[i].accepted_id != 0)
			tpl_show(row, "R_ACCEPTED");
		if (v[i].closed)
			tpl_show(row, "R_CLOSED");
	}
}

/*
 * The "Your answer" part under the answers: section ANSWER_FORM (ACTION,
 * STAMP, section VISITOR with the name, email and notify fields) when
 * the viewer may answer and the question is open and visible, else
 * section NO_ANSWER_FORM with TEXT saying why, and section LOGIN (URL)
 * when logging in would help.
 */
static void
set_answer_form(struct qa_request *req, struct tpl *t, const struct post *q,
    const char *url)
{
	struct tpl	*s;

	if (q->closed || q->status != POST_VISIBLE ||
	    !auth_can(req->user, AUTH_ANSWER)) {
		s = tpl_add(t, "NO_ANSWER_FORM");
		if (q->closed)
			tpl_set(s, "TEXT", "This question is closed, so it "
			    "takes no new answers.");
		else if (q->status != POST_VISIBLE)
			tpl_set(s, "TEXT", "Answers are open once the "
			    "question is approved.");
		else if (req->user == NULL) {
			tpl_set(s, "TEXT", "");
			tpl_set(tpl_add(s, "LOGIN"), "URL", arena_printf(
			    &req->arena, "/login?next=%s",
			    util_urlseg(&req->arena, url)));
		} else
			tpl_set(s, "TEXT", "Your account may not answer "
			    "questions.");
		return;
	}
	s = tpl_add(t, "ANSWER_FORM");
	tpl_set(s, "ACTION", arena_printf(&req->arena, "/q/%lld/answer",
	    (long long)q->id));
	tpl_set(s, "STAMP", form_stamp(req, "answer"));
	if (req->user == NULL)
		tpl_show(s, "VISITOR");
}

/*
 * A moderator's tools for the question q at url, section MODQ of t:
 * ACTION_POST (/moderate/post/{id}, for lock and unlock) and NEXT; then
 * section CLOSE (ACTION) with the reason and duplicate_of fields for an
 * open question, or REOPEN (ACTION) for a closed one; and LOCK or
 * UNLOCK for the comments.
 */
static void
set_mod_question(struct qa_request *req, struct tpl *t, const struct post *q,
    const char *url)
{
	struct tpl	*m;

	m = tpl_add(t, "MODQ");
	tpl_set(m, "ACTION_POST", arena_printf(&req->arena,
	    "/moderate/post/%lld", (long long)q->id));
	tpl_set(m, "NEXT", url);
	if (q->closed)
		tpl_set(tpl_add(m, "REOPEN"), "ACTION", arena_printf(
		    &req->arena, "/moderate/reopen/%lld", (long long)q->id));
	else
		tpl_set(tpl_add(m, "CLOSE"), "ACTION", arena_printf(
		    &req->arena, "/moderate/close/%lld", (long long)q->id));
	tpl_show(m, q->comments_locked ? "UNLOCK" : "LOCK");
}

/*
 * GET /q/{id}/{slug} -- a question with its comments, then its answers
 * (accepted first, then by votes, then oldest), each with its comments;
 * a closed notice (with the duplicate's link) when closed; the view
 * count; the answer form and a comment form under each post for those
 * who may post; edit and revisions links, and the best-answer buttons
 * for the asker and moderators.  Queued posts are shown, marked, to their
 * author and to moderators only.  The vote buttons of each post (up
 * and down; up only on comments), pressed for the viewer's own votes,
 * for those who may vote; the score alone for the others.  A flag form
 * on the others' posts for those who may flag; for moderators, hide and
 * delete buttons on each post, a link to the author's moderation page,
 * and close or reopen and lock or unlock on the question.  The related
 * questions of a visible question (related_count of them, lib/related.c)
 * in an aside.  Five queries, six with the viewer's votes; the first
 * view of a question in a week computes its related questions (one
 * full-text lookup per word of the title and tags, and two or three
 * queries more) and stores them after the response.  Counts the view (not
 * for HEAD or robots) and flushes the counts after the response when
 * due.  A page with a form sets the CSRF cookie of a visitor.
 * 200; 301 to /q/{id}/{slug} when the slug is not the question's; 404
 * when id is not a number or not a question the viewer may see.
 */
static enum qa_err
question_get(struct qa_request *req)
{
	struct post_thread	 th;
	struct post		*q = &th.question, *rel;
	struct viewer		 v;
	struct tpl		*t, *s;
	const char		*url;
	int64_t			 id, *voted = NULL;
	int			*votes = NULL;
	size_t			 i, nvoted = 0, nrel;
	bool			 mod, forms;
	enum qa_err		 er;

	if ((er = question_id(req, &id)) != QA_OK)
		return er;
	mod = auth_can(req->user, AUTH_MODERATE);
	if ((er = post_thread_get_for(serve.db, &req->arena, id,
	    req->user != NULL ? req->user->id : 0, mod, &th)) != QA_OK)
		return er;
	if ((url = util_question_url(&req->arena, q->id, q->slug)) == NULL)
		return QA_ESYS;
	if (req->nargs < 2 || strcmp(req->args[1], q->slug) != 0)
		return http_redirect(req, 301, url);

	memset(&v, 0, sizeof(v));
	v.user = req->user;
	v.qid = q->id;
	v.accepted_id = q->accepted_id;
	v.edit_any = auth_can(req->user, AUTH_EDIT_ANY);
	v.edit_own = auth_can(req->user, AUTH_EDIT_OWN);
	v.comment = auth_can(req->user, AUTH_COMMENT);
	v.accept = q->status == POST_VISIBLE && (mod || (req->user != NULL &&
	    q->user_id != 0 && q->user_id == req->user->id &&
	    !req->user->blocked));
	forms = v.comment || v.accept || auth_can(req->user, AUTH_ANSWER);
	if (v.comment)
		v.cstamp = form_stamp(req, "comment");
	v.vote_up = auth_can(req->user, AUTH_VOTE_UP);
	v.vote_down = auth_can(req->user, AUTH_VOTE_DOWN);
	v.flag = auth_can(req->user, AUTH_FLAG);
	v.mod = mod;
	v.url = url;
	if (v.flag || v.mod)
		forms = true;
	if (v.vote_up) {
		if ((er = vote_mine(serve.db, &req->arena, req->user->id,
		    q->id, &voted, &votes, &nvoted)) != QA_OK)
			return er;
		v.voted = voted;
		v.votes = votes;
		v.nvoted = nvoted;
		forms = true;
	}

	if (q->status == POST_VISIBLE) {
		count_view(req, q->id);
		pagecache_on_reuse(req, count_view, q->id);
	}
	if ((er = related_get(serve.db, &req->arena, q, related_limit(),
	    req->now, &rel, &nrel)) != QA_OK)
		return er;
	if (related_pending())
		serve_after(req, related_store_after, NULL);

	if ((t = forms ? serve_page_form(req, "question.tpl", q->title) :
	    serve_page(req, "question.tpl", q->title)) == NULL)
		return QA_ESYS;
	tpl_show(req->page, "NAV_QUESTIONS");
	if (q->status == POST_VISIBLE)
		feed_link(req, arena_printf(&req->arena, "/feed/q/%lld.atom",
		    (long long)q->id), arena_printf(&req->arena,
		    "Answers to %s", q->title));
	tpl_set(t, "TITLE", q->title);
	tpl_set(t, "URL", url);
	set_category(req, t, q);
	set_votes(t, "VOTES", q->score);
	set_count(t, "VIEWS", q->views + views_pending(q->id), "view",
	    "views");
	if (q->closed) {
		s = tpl_add(t, "CLOSED");
		if (q->close_reason != NULL && q->close_reason[0] != '\0')
			tpl_set(tpl_add(s, "REASON"), "TEXT", q->close_reason);
		if (q->duplicate_title != NULL) {
			s = tpl_add(s, "DUPLICATE");
			tpl_set(s, "URL", util_question_url(&req->arena,
			    q->duplicate_of, q->duplicate_slug));
			tpl_set(s, "TITLE", q->duplicate_title);
		}
	}
	if (mod)
		set_mod_question(req, t, q, url);
	add_post(req, t, "QUESTION", &v, q);
	set_count(t, "ANSWER_COUNT", (int64_t)th.nanswers, "answer",
	    "answers");
	if (th.nanswers == 0)
		tpl_show(t, "NO_ANSWERS");
	for (i = 0; i < th.nanswers; i++)
		add_post(req, t, "ANSWER", &v, &th.answers[i]);
	set_answer_form(req, t, q, url);
	set_related(req, t, rel, nrel);
	return serve_render(req, 200);
}

/*
 * GET /q/{id} -- a question address without its slug.  One query.
 * 301 to /q/{id}/{slug}; 404 as for question_get().
 */
static enum qa_err
question_short_get(struct qa_request *req)
{
	struct post	 q;
	enum qa_err	 er;
	int64_t		 id;

	if ((er = question_id(req, &id)) != QA_OK)
		return er;
	if ((er = post_question_get(serve.db, &req->arena, id, &q)) != QA_OK)
		return er;
	return http_redirect(req, 301,
	    util_question_url(&req->arena, id, q.slug));
}

/*
 * The orders of the tag list (enum tag_sort), as ?sort= values and tab
 * labels; the first is the default.
 */
static const struct {
	const char	*name;
	const char	*label;
} tag_sorts[TAG_SORT__MAX] = {
	[TAG_SORT_POPULAR] = { "popular", "Popular" },
	[TAG_SORT_NAME] = { "name", "Name" },
	[TAG_SORT_NEW] = { "new", "New" },
};

/*
 * The tag and category lists of each sort order (the first four of enum
 * post_list): a row per list family, whose first entry, the newest-first
 * list, names it.  A leaf category's newest list reads its own index;
 * its other orders are those of a subtree of one.
 */
static const enum post_list keyed_lists[][4] = {
	{ POST_LIST_TAG, POST_LIST_TAG_ACTIVE, POST_LIST_TAG_VOTES,
	    POST_LIST_TAG_UNANSWERED },
	{ POST_LIST_TAG_WIDE, POST_LIST_TAG_WIDE_ACTIVE,
	    POST_LIST_TAG_WIDE_VOTES, POST_LIST_TAG_WIDE_UNANSWERED },
	{ POST_LIST_CATEGORY, POST_LIST_SUBTREE_ACTIVE,
	    POST_LIST_SUBTREE_VOTES, POST_LIST_SUBTREE_UNANSWERED },
	{ POST_LIST_SUBTREE, POST_LIST_SUBTREE_ACTIVE,
	    POST_LIST_SUBTREE_VOTES, POST_LIST_SUBTREE_UNANSWERED },
	{ POST_LIST_SUBTREE_WIDE, POST_LIST_SUBTREE_WIDE_ACTIVE,
	    POST_LIST_SUBTREE_WIDE_VOTES, POST_LIST_SUBTREE_WIDE_UNANSWERED },
};

/*
 * The list of family (a newest-first list of keyed_lists) in order sort
 * (POST_LIST_NEWEST to POST_LIST_UNANSWERED).
 */
static enum post_list
keyed_list(enum post_list family, enum post_list sort)
{
	size_t	 i;

	for (i = 0; i < nitems(keyed_lists); i++)
		if (keyed_lists[i][0] == family)
			return keyed_lists[i][sort];
	return family;
}

/*
 * The address of a list at url in order sort: url itself for newest
 * (the default), else url?sort=NAME.  Arena memory, NULL if out of it.
 */
static const char *
sort_url(struct qa_request *req, const char *url, enum post_list sort)
{
	if (url == NULL || sort == POST_LIST_NEWEST)
		return url;
	return arena_printf(&req->arena, "%s?sort=%s", url, sorts[sort].name);
}

/* The number of tags on a page of /tags: setting tags_page_size. */
static int64_t
tags_page_size(void)
{
	int64_t	 n = settings_int("tags_page_size", TAGS_PER_PAGE);

	return n < 1 ? 1 : n > TAGS_PAGE_MAX ? TAGS_PAGE_MAX : n;
}

/*
 * The address of the tag list in order sort, filtered by the prefix q
 * ("" for none): "/tags", "/tags?sort=name", "/tags?q=py",
 * "/tags?sort=new&q=py".  Arena memory, NULL if out of it.
 */
static const char *
tags_url(struct qa_request *req, enum tag_sort sort, const char *q)
{
	const char	*qe;

	if (q[0] == '\0')
		return sort == TAG_SORT_POPULAR ? "/tags" :
		    arena_printf(&req->arena, "/tags?sort=%s",
		    tag_sorts[sort].name);
	if ((qe = util_urlseg(&req->arena, q)) == NULL)
		return NULL;
	return sort == TAG_SORT_POPULAR ? arena_printf(&req->arena,
	    "/tags?q=%s", qe) : arena_printf(&req->arena, "/tags?sort=%s&q=%s",
	    tag_sorts[sort].name, qe);
}

/*
 * GET /tags?sort=&q=&page= -- the tags on visible questions, each with
 * its number of questions and a weight class 1-5 (its count against the
 * largest on the page) for a cloud: most used first (sort=popular, the
 * default), by name (name) or the newest first (new); all of them, or
 * those whose names start with q (tag_prefix(): case does not matter).
 * Sort tabs and the pager's links keep q, and the tabs and the filter
 * form keep sort.  The page size is the setting tags_page_size.  Two
 * queries, each over an index.
 * 200 (with a message when no tag matches); 400 for an unknown sort or
 * a bad page.
 */
static enum qa_err
tags_get(struct qa_request *req)
{
	struct tpl	*t, *s, *row;
	struct tag	*v;
	struct pager	 pg;
	const char	*sn, *q, *base;
	enum tag_sort	 sort = TAG_SORT_POPULAR;
	size_t		 n, i;
	int64_t		 max;
	enum qa_err	 er;

	if ((sn = http_query(req, "sort")) != NULL && sn[0] != '\0') {
		for (i = 0; i < TAG_SORT__MAX; i++)
			if (strcmp(sn, tag_sorts[i].name) == 0)
				break;
		if (i == TAG_SORT__MAX)
			return QA_EINPUT;
		sort = (enum tag_sort)i;
	}
	if ((q = tag_prefix(&req->arena, http_query(req, "q"))) == NULL ||
	    (base = tags_url(req, sort, q)) == NULL)
		return QA_ESYS;
	if ((er = pager_init(req, &pg, base, tags_page_size())) != QA_OK)
		return er;
	if ((er = tag_browse_count(serve.db, q, pg.offset, pg.cap,
	    &pg.ahead)) != QA_OK)
		return er;
	v = NULL;
	n = 0;
	if (pg.ahead > 0 && (er = tag_browse(serve.db, &req->arena, sort, q,
	    pg.offset, pg.size, &v, &n)) != QA_OK)
		return er;
	if ((t = serve_page(req, "tags.tpl", "Tags")) == NULL)
		return QA_ESYS;
	tpl_show(req->page, "NAV_TAGS");
	tpl_set(t, "Q", q);
	if (sort != TAG_SORT_POPULAR)
		tpl_set(tpl_add(t, "SORT_FIELD"), "SORT",
		    tag_sorts[sort].name);
	s = tpl_add(t, "TABS");
	for (i = 0; i < TAG_SORT__MAX; i++) {
		row = tpl_add(s, "TAB");
		tpl_set(row, "URL", tags_url(req, (enum tag_sort)i, q));
		tpl_set(row, "LABEL", tag_sorts[i].label);
		if (i == (size_t)sort)
			tpl_show(row, "CURRENT");
	}
	if (n == 0) {
		s = tpl_add(t, "NO_TAGS");
		tpl_set(s, "MESSAGE", pg.page > 1 ?
		    "There are no tags on this page." : q[0] != '\0' ?
		    arena_printf(&req->arena, "No tag starts with \"%s\".", q) :
		    "No tags yet.");
		if (q[0] != '\0')
			tpl_show(s, "ALL");
	} else {
		s = tpl_add(t, "HAS_TAGS");
		for (i = 0, max = 1; i < n; i++)
			if (v[i].qcount > max)
				max = v[i].qcount;
		for (i = 0; i < n; i++) {
			row = tpl_add(s, "TAG");
			tpl_set(row, "URL",
			    path_url(&req->arena, "/tag/", v[i].name));
			tpl_set(row, "NAME", v[i].name);
			tpl_set_int(row, "COUNT", v[i].qcount);
			tpl_set_int(row, "WEIGHT", 1 + v[i].qcount * 4 / max);
		}
	}
	set_pager(req, t, &pg);
	return serve_render(req, 200);
}

/*
 * GET /tag/{name}?sort=&page= -- the questions with a tag: its
 * description, its number of questions, the sort tabs of the home page
 * (newest, the default, active, votes, unanswered) and one page of the
 * list, whose pager links keep the sort.  A tag on many questions walks
 * the site-wide index of the order (POST_LIST_WIDE).  Three queries.
 * 200 (with a message for a tag on no visible question); 301 to the
 * lower-case name of a tag asked for in capitals; 404 for an unknown
 * tag; 400 for an unknown sort or a bad page.
 */
static enum qa_err
tag_get(struct qa_request *req)
{
	struct tpl	*t;
	struct tag	 tag;
	struct pager	 pg;
	const char	*url, *base, *lower, *empty;
	enum post_list	 sort;
	enum qa_err	 er;

	er = tag_find(serve.db, &req->arena, req->args[0], &tag);
	if (er == QA_ENOTFOUND) {
		lower = tag_prefix(&req->arena, req->args[0]);
		if (lower != NULL && strcmp(lower, req->args[0]) != 0 &&
		    tag_find(serve.db, &req->arena, lower, &tag) == QA_OK)
			return http_redirect(req, 301,
			    path_url(&req->arena, "/tag/", tag.name));
	}
	if (er != QA_OK)
		return er;
	if ((er = sort_parse(req, &sort)) != QA_OK)
		return er;
	if ((url = path_url(&req->arena, "/tag/", tag.name)) == NULL ||
	    (base = sort_url(req, url, sort)) == NULL)
		return QA_ESYS;
	if ((er = pager_init(req, &pg, base, page_size())) != QA_OK)
		return er;
	if ((t = serve_page(req, "qlist.tpl", arena_printf(&req->arena,
	    "Questions tagged %s", tag.name))) == NULL)
		return QA_ESYS;
	tpl_show(req->page, "NAV_TAGS");
	feed_link(req, arena_printf(&req->arena, "/feed/tag/%s.atom",
	    util_urlseg(&req->arena, tag.name)), arena_printf(&req->arena,
	    "Questions tagged %s", tag.name));
	tpl_set(t, "HEADING", arena_printf(&req->arena,
	    "Questions tagged %s", tag.name));
	if (tag.description[0] != '\0')
		tpl_set(tpl_add(t, "DESCRIPTION"), "TEXT", tag.description);
	set_count(t, "LIST_HEADING", tag.qcount, "question", "questions");
	set_tabs(req, t, url, sort);
	empty = tag.qcount > 0 && sort == POST_LIST_UNANSWERED ?
	    "Every question with this tag has an answer." :
	    "No questions have this tag yet.";
	return qlist_render(req, t, &pg, keyed_list(tag.qcount >=
	    POST_LIST_WIDE ? POST_LIST_TAG_WIDE : POST_LIST_TAG, sort),
	    tag.id, empty);
}

/*
 * Rows CAT<depth> of one level of the category tree under t, each with
 * URL, NAME, COUNT, section DESC<depth> (TEXT) for a description, and the
 * next level in section SUB<depth> with rows CAT<depth+1>.  Section names
 * differ per level because a ctemplate section not set in a row is looked
 * up in its parents.
 */
static void
add_cats(struct qa_request *req, struct tpl *t, const struct category *c,
    int depth)
{
	struct tpl	*row;
	char		 name[16];

	for (; c != NULL; c = c->next) {
		snprintf(name, sizeof(name), "CAT%d", depth);
		row = tpl_add(t, name);
		tpl_set(row, "URL", path_url(&req->arena, "/c/", c->slug));
		tpl_set(row, "NAME", c->name);
		set_count(row, "COUNT", c->qcount, "question", "questions");
		if (c->description[0] != '\0') {
			snprintf(name, sizeof(name), "DESC%d", depth);
			tpl_set(tpl_add(row, name), "TEXT", c->description);
		}
		if (c->children != NULL && depth < CATEGORY_MAX_DEPTH) {
			snprintf(name, sizeof(name), "SUB%d", depth);
			add_cats(req, tpl_add(row, name), c->children,
			    depth + 1);
		}
	}
}

/*
 * GET /categories -- the category tree with question counts.  One query.
 * 200.
 */
static enum qa_err
categories_get(struct qa_request *req)
{
	struct tpl	*t;
	struct category	*roots;
	enum qa_err	 er;

	if ((er = category_tree(serve.db, &req->arena, &roots)) != QA_OK)
		return er;
	if ((t = serve_page(req, "categories.tpl", "Categories")) == NULL)
		return QA_ESYS;
	tpl_show(req->page, "NAV_CATEGORIES");
	if (roots == NULL)
		tpl_show(t, "NO_CATS");
	else
		add_cats(req, tpl_add(t, "HAS_CATS"), roots, 1);
	return serve_render(req, 200);
}

/*
 * GET /c/{slug}?sort=&page= -- a category: breadcrumbs (the categories
 * above it, from the top), description, its subcategories with their
 * counts, and the questions filed in it or below it with the sort tabs
 * of the home page (newest, the default, active, votes, unanswered),
 * paged, the pager's links keeping the sort.  Five queries.
 * 200; 404 for an unknown category; 400 for an unknown sort or a bad
 * page.
 */
static enum qa_err
category_get(struct qa_request *req)
{
	struct tpl	*t, *s, *row;
	struct category	 cat, *path, *kids;
	struct pager	 pg;
	size_t		 npath, nkids, i;
	const char	*url, *base, *empty;
	enum post_list	 sort, family;
	enum qa_err	 er;

	if ((er = category_find(serve.db, &req->arena, req->args[0], &cat))
	    != QA_OK)
		return er;
	if ((er = sort_parse(req, &sort)) != QA_OK)
		return er;
	if ((url = path_url(&req->arena, "/c/", cat.slug)) == NULL ||
	    (base = sort_url(req, url, sort)) == NULL)
		return QA_ESYS;
	if ((er = pager_init(req, &pg, base, page_size())) != QA_OK)
		return er;
	if ((er = category_path(serve.db, &req->arena, cat.id, &path,
	    &npath)) != QA_OK ||
	    (er = category_children(serve.db, &req->arena, cat.id, &kids,
	    &nkids)) != QA_OK)
		return er;
	if ((t = serve_page(req, "qlist.tpl", cat.name)) == NULL)
		return QA_ESYS;
	tpl_show(req->page, "NAV_CATEGORIES");
	feed_link(req, arena_printf(&req->arena, "/feed/c/%s.atom",
	    util_urlseg(&req->arena, cat.slug)), arena_printf(&req->arena,
	    "Questions in %s", cat.name));
	s = tpl_add(t, "CRUMBS");
	row = tpl_add(s, "CRUMB");
	tpl_set(row, "URL", "/categories");
	tpl_set(row, "NAME", "Categories");
	for (i = 0; i + 1 < npath; i++) {
		row = tpl_add(s, "CRUMB");
		tpl_set(row, "URL", path_url(&req->arena, "/c/",
		    path[i].slug));
		tpl_set(row, "NAME", path[i].name);
	}
	tpl_set(t, "HEADING", cat.name);
	if (cat.description[0] != '\0')
		tpl_set(tpl_add(t, "DESCRIPTION"), "TEXT", cat.description);
	if (nkids > 0) {
		s = tpl_add(t, "SUBCATS");
		for (i = 0; i < nkids; i++) {
			row = tpl_add(s, "SUBCAT");
			tpl_set(row, "URL", path_url(&req->arena, "/c/",
			    kids[i].slug));
			tpl_set(row, "NAME", kids[i].name);
			set_count(row, "COUNT", kids[i].qcount, "question",
			    "questions");
		}
	}
	set_count(t, "LIST_HEADING", cat.qcount, "question", "questions");
	set_tabs(req, t, url, sort);
	family = cat.qcount >= POST_LIST_WIDE ? POST_LIST_SUBTREE_WIDE :
	    nkids == 0 ? POST_LIST_CATEGORY : POST_LIST_SUBTREE;
	empty = cat.qcount > 0 && sort == POST_LIST_UNANSWERED ?
	    "Every question in this category has an answer." :
	    "No questions in this category yet.";
	/* A leaf's own index gives its newest questions in order. */
	return qlist_render(req, t, &pg, nkids == 0 &&
	    sort == POST_LIST_NEWEST ? POST_LIST_CATEGORY :
	    keyed_list(family, sort), cat.id, empty);
}

/*
 * The points history of a profile into t: section NO_HISTORY, or section
 * HAS_HISTORY with an EVENT row per entry: DELTA ("+2", "-1"), NEG for a
 * loss, LABEL ("asked a question"), section LINK (URL, TITLE) when the
 * entry concerns a question that is still there, ISO and AGO.
 */
static void
set_history(struct qa_request *req, struct tpl *t,
    const struct points_entry *ph, size_t n)
{
	struct tpl	*s, *row, *l;
	const char	*label;
	size_t		 i;

	if (n == 0) {
		tpl_show(t, "NO_HISTORY");
		return;
	}
	s = tpl_add(t, "HAS_HISTORY");
	for (i = 0; i < n; i++) {
		row = tpl_add(s, "EVENT");
		tpl_set(row, "DELTA", arena_printf(&req->arena, "%s%lld",
		    ph[i].delta > 0 ? "+" : "", (long long)ph[i].delta));
		if (ph[i].delta < 0)
			tpl_show(row, "NEG");
		label = ph[i].label;
		if (label == NULL && ph[i].event != NULL)
			label = points_event_label(ph[i].event);
		tpl_set(row, "LABEL", label != NULL ? label :
		    ph[i].event != NULL ? ph[i].event : "");
		if (ph[i].question_id != 0 && ph[i].title != NULL &&
		    ph[i].slug != NULL) {
			l = tpl_add(row, "LINK");
			tpl_set(l, "URL", util_question_url(&req->arena,
			    ph[i].question_id, ph[i].slug));
			tpl_set(l, "TITLE", ph[i].title);
		}
		set_time(req, row, "ISO", "AGO", ph[i].created);
	}
}

/*
 * GET /user/{handle} -- a profile: handle, display name, level, points,
 * counts, member since, about, the latest questions and answers with
 * their votes, and the points history (the latest HISTORY_ROWS changes:
 * "+2 asked a question -- title", linked to the question).  Four
 * queries.
 * 200; 301 to the stored spelling of a handle given in another case;
 * 404 for an unknown user.
 */
static enum qa_err
user_get(struct qa_request *req)
{
	struct user	 u;
	struct post	*qs, *as;
	struct points_entry *ph;
	size_t		 nq, na, nph, i;
	struct tpl	*t, *s, *row;
	char		 pts[48];
	enum qa_err	 er;

	if ((er = user_find_by_handle(serve.db, &req->arena, req->args[0],
	    &u)) != QA_OK)
		return er;
	if (strcmp(u.handle, req->args[0]) != 0)
		return http_redirect(req, 301,
		    path_url(&req->arena, "/user/", u.handle));
	if ((er = post_list(serve.db, &req->arena, POST_LIST_USER, u.id, 0,
	    PROFILE_ROWS, &qs, &nq)) != QA_OK ||
	    (er = post_user_answers(serve.db, &req->arena, u.id,
	    PROFILE_ROWS, &as, &na)) != QA_OK ||
	    (er = points_history(serve.db, &req->arena, u.id, HISTORY_ROWS,
	    &ph, &nph)) != QA_OK)
		return er;
	if ((t = serve_page(req, "user.tpl", u.handle)) == NULL)
		return QA_ESYS;
	tpl_show(req->page, "NAV_USERS");
	tpl_set(t, "HANDLE", u.handle);
	if (u.display_name != NULL)
		tpl_set(tpl_add(t, "DISPLAY_NAME"), "NAME", u.display_name);
	tpl_set(t, "LEVEL", user_level_name(u.level));
	snprintf(pts, sizeof(pts), "%s %s", util_points(&req->arena,
	    u.points), util_plural(u.points, "point", "points"));
	tpl_set(t, "POINTS", pts);
	set_count(t, "QCOUNT", u.qcount, "question", "questions");
	set_count(t, "ACOUNT", u.acount, "answer", "answers");
	set_time(req, t, "ISO", "SINCE", u.created);
	if (u.blocked)
		tpl_show(t, "BLOCKED");
	if (u.about[0] != '\0')
		tpl_set(tpl_add(t, "ABOUT"), "TEXT", u.about);
	set_qlist(req, t, qs, nq, "No questions yet.");
	if (na == 0)
		tpl_show(t, "NO_ANSWERS");
	else {
		s = tpl_add(t, "HAS_ANSWERS");
		for (i = 0; i < na; i++) {
			row = tpl_add(s, "ANSWER");
			tpl_set(row, "URL", arena_printf(&req->arena,
			    "%s#a%lld", util_question_url(&req->arena,
			    as[i].question_id, as[i].slug),
			    (long long)as[i].id));
			tpl_set(row, "TITLE", as[i].title);
			set_votes(row, "VOTES", as[i].score);
			if (as[i].accepted)
				tpl_show(row, "ACCEPTED");
			set_time(req, row, "ISO", "AGO", as[i].created);
		}
	}
	set_history(req, t, ph, nph);
	return serve_render(req, 200);
}

/*
 * GET /users?page= -- users by points, paged.  Two queries.
 * 200; 400 for a bad page.
 */
static enum qa_err
users_get(struct qa_request *req)
{
	struct tpl	*t, *s, *row;
	struct user	*v;
	struct pager	 pg;
	size_t		 n, i;
	char		 pts[48];
	enum qa_err	 er;

	if ((er = pager_init(req, &pg, "/users", page_size())) != QA_OK)
		return er;
	if ((er = user_count(serve.db, pg.offset, pg.cap, &pg.ahead))
	    != QA_OK)
		return er;
	if ((er = user_list(serve.db, &req->arena, pg.offset, pg.size, &v,
	    &n)) != QA_OK)
		return er;
	if ((t = serve_page(req, "users.tpl", "Users")) == NULL)
		return QA_ESYS;
	tpl_show(req->page, "NAV_USERS");
	if (n == 0)
		tpl_show(t, "NO_USERS");
	else {
		s = tpl_add(t, "HAS_USERS");
		tpl_set_int(s, "START", pg.offset + 1);
		for (i = 0; i < n; i++) {
			row = tpl_add(s, "USER");
			tpl_set(row, "URL",
			    path_url(&req->arena, "/user/", v[i].handle));
			tpl_set(row, "HANDLE", v[i].handle);
			if (v[i].display_name != NULL)
				tpl_set(tpl_add(row, "DISPLAY_NAME"), "NAME",
				    v[i].display_name);
			snprintf(pts, sizeof(pts), "%s %s",
			    util_points(&req->arena, v[i].points),
			    util_plural(v[i].points, "point", "points"));
			tpl_set(row, "POINTS", pts);
			tpl_set(row, "LEVEL", user_level_name(v[i].level));
		}
	}
	set_pager(req, t, &pg);
	return serve_render(req, 200);
}

/* Pages that every visitor without a session shares: see ROUTE_CACHE. */
#define PAGE	(ROUTE_GET | ROUTE_CACHE)

static const struct route routes[] = {
	{ "/",			PAGE,	home_get },
	{ "/questions",		PAGE,	questions_get },
	{ "/q/{}",		PAGE,	question_short_get },
	{ "/q/{}/{}",		PAGE,	question_get },
	{ "/tags",		PAGE,	tags_get },
	{ "/tag/{}",		PAGE,	tag_get },
	{ "/categories",	PAGE,	categories_get },
	{ "/c/{}",		PAGE,	category_get },
	{ "/users",		PAGE,	users_get },
	{ "/user/{}",		PAGE,	user_get },
	{ "/search",		PAGE,	search_get },
	{ "/feed/questions.atom", PAGE,	feed_questions_get },
	{ "/feed/tag/{}",	PAGE,	feed_tag_get },
	{ "/feed/c/{}",		PAGE,	feed_category_get },
	{ "/feed/q/{}",		PAGE,	feed_question_get },
	{ "/sitemap.xml",	PAGE,	sitemap_get },
	{ "/sitemap/{}",	PAGE,	sitemap_part_get },
	{ "/robots.txt",	PAGE,	robots_get },
};

/* Serve the routes above: FastCGI, or one request as plain CGI. */
int
main(void)
{
	return serve_run("view", routes, nitems(routes));
}
