/*
 * search.c: full-text search over the visible questions.
 *
 * A query is read in two steps.  search_parse() splits what the reader
 * typed into words, "phrases", -exclusions, OR between two terms, and
 * the operators tag:, user: and is:, without the database.
 * search_match() then writes the terms as an FTS5 query in which every
 * term is a quoted string, so that no character the reader types can
 * be FTS5 syntax; a term that the index's tokenizer turns into no token
 * at all ("***", "--") is left out, because FTS5 treats such an empty
 * phrase inconsistently (no row under AND, every row under OR).
 *
 * search_run() reads the ids of the matches first, best first by bm25
 * with the title weighing most, or newest first from a list index when
 * the query has operators only, counting them up to a cap; then it reads
 * one page of them by id, with the title and a snippet of the body
 * marked where the words matched.  posts_fts holds a row for each
 * visible question and nothing else (lib/post.c keeps it so), so a match
 * needs no status check.  The operators are checked on each match, or,
 * for user: and a rare tag:, give the questions to look up in the index.
 * bm25 reads the whole list of every word of the query in the index once
 * (to weigh it) and then each match, so the matches ranked are the
 * newest RANK_MAX: see search_run().
 *
 * search_suggest() offers a query for one that found nothing, and
 * search_html() writes marked text as HTML.
 */
#include <math.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "arena.h"
#include "db.h"
#include "post.h"
#include "search.h"
#include "tag.h"
#include "user.h"
#include "util.h"

#define HANDLE_MAX	64	/* bytes of a user: value looked up */
#define WORD_MAX	64	/* bytes of a word compared with tags */
#define RANK_MAX	2000	/* newest matches read to rank (IDS) */
#define TAG_WALK_MAX	1000	/* tags walked by a query with words */

enum search_stmt {
	SEARCH_STMT_NEWEST,		/* operators only: newest first */
	SEARCH_STMT_UNANSWERED,		/* ... and is:unanswered */
	SEARCH_STMT_USER,		/* ... and user: */
	SEARCH_STMT_TAG,		/* ... and tag: (a rare one) */
	SEARCH_STMT_TAG_WIDE,		/* ... and tag: (a popular one) */
	SEARCH_STMT_ROWS,		/* questions by id, without marks */
	SEARCH_STMT_TAGS_NEAR,		/* tags from a first byte */
	SEARCH_STMT__MAX
};

/*
 * The id lists of a search share their parameters, so that one function
 * binds them all: ?1 the FTS5 query, ?2 how many ids to read, ?3 whether
 * ?7 or ?8 is set, ?4 the asker's user id, ?5 is:answered, ?6
 * is:unanswered, ?7 is:accepted, ?8 is:closed (each 0 or 1), ?9 a JSON
 * array of the tag ids a question must all have (NULL: none), ?10 the
 * tag whose questions are walked, ?11 how many matches to skip to find
 * the oldest one ranked, ?12 the id of that one, ?13 the counts of
 * bm25_rank().  A statement uses some of them.
 */
#define IS_FILTERS(x) \
	" AND (?5 = 0 OR " x ".answer_count > 0)" \
	" AND (?6 = 0 OR " x ".answer_count = 0)" \
	" AND (?7 = 0 OR " x ".accepted_id IS NOT NULL)" \
	" AND (?8 = 0 OR " x ".closed <> 0)"
/* Each tag of ?9 by the primary key of post_tags. */
#define TAG_FILTER(id) \
	" AND (?9 IS NULL OR NOT EXISTS (SELECT 1 FROM json_each(?9) " \
	"WHERE NOT EXISTS (SELECT 1 FROM post_tags g WHERE g.tag_id = " \
	"json_each.value AND g.post_id = " id ")))"
#define VISIBLE_X	"x.type = 1 AND x.status = 1"
/*
 * The operators over matches of posts_fts.  A question's row is read
 * (and it is long: the text comes before the counters) only for
 * is:accepted and is:closed; is:answered and is:unanswered look the id
 * up in a list of the unanswered questions that the partial index
 * posts_q_unanswered gives once per query; tags probe post_tags.
 */
#define UNANSWERED_IDS \
	"(SELECT id FROM posts WHERE type = 1 AND status = 1 " \
	"AND answer_count = 0)"
#define FTS_FILTERS \
	" AND (?3 = 0 OR EXISTS (SELECT 1 FROM posts x WHERE x.id = " \
	"posts_fts.rowid AND (?7 = 0 OR x.accepted_id IS NOT NULL) AND " \
	"(?8 = 0 OR x.closed <> 0)))" \
	" AND (?5 = 0 OR posts_fts.rowid NOT IN " UNANSWERED_IDS ")" \
	" AND (?6 = 0 OR posts_fts.rowid IN " UNANSWERED_IDS ")" \
	TAG_FILTER("posts_fts.rowid")
/*
 * bm25 with the title weighing 10, the tags 3, the body 1, and ?13 the
 * number of rows that hold each phrase (see bm25_rank()).
 */
#define BEST_FIRST \
	" ORDER BY bm25(posts_fts, 10.0, 1.0, 3.0, ?13), " \
	"posts_fts.rowid DESC"

/*
 * A page of results: the question list columns (POST_LIST_COLS, which
 * hit_row() reads) for the ids in the JSON array, in the order of the
 * array.
 */
#define HIT_JOINS \
	" CROSS JOIN posts p ON p.id = json_each.value" POST_LIST_JOINS

static const char *const search_sql[SEARCH_STMT__MAX] = {
	/* NEWEST: index posts_q_newest. */
	"SELECT x.id FROM posts x WHERE " VISIBLE_X IS_FILTERS("x")
	TAG_FILTER("x.id") " ORDER BY x.created DESC LIMIT ?2",
	/* UNANSWERED: index posts_q_unanswered. */
	"SELECT x.id FROM posts x WHERE " VISIBLE_X " AND x.answer_count = 0"
	IS_FILTERS("x") TAG_FILTER("x.id")
	" ORDER BY x.created DESC LIMIT ?2",
	/* USER: index posts_user. */
	"SELECT x.id FROM posts x WHERE x.user_id = ?4 AND " VISIBLE_X
	IS_FILTERS("x") TAG_FILTER("x.id") " ORDER BY x.created DESC "
	"LIMIT ?2",
	/* TAG: the tag's post_tags rows, each question by id, a sort. */
	"SELECT x.id FROM post_tags t CROSS JOIN posts x ON x.id = t.post_id "
	"WHERE t.tag_id = ?10 AND " VISIBLE_X IS_FILTERS("x")
	TAG_FILTER("x.id") " ORDER BY x.created DESC, x.id LIMIT ?2",
	/* TAG_WIDE: index posts_q_newest, a post_tags probe per question. */
	"SELECT x.id FROM posts x WHERE " VISIBLE_X " AND EXISTS (SELECT 1 "
	"FROM post_tags t WHERE t.tag_id = ?10 AND t.post_id = x.id)"
	IS_FILTERS("x") TAG_FILTER("x.id") " ORDER BY x.created DESC "
	"LIMIT ?2",
	/* ROWS: ?1 the ids; primary keys. */
	"SELECT " POST_LIST_COLS " FROM json_each(?1)" HIT_JOINS
	" WHERE p.type = 1 AND p.status = 1 ORDER BY json_each.key",
	/*
	 * TAGS_NEAR: used tags from ?1 up to ?2 (a first byte and the one
	 * after it), by the unique index on name.
	 */
	"SELECT name, qcount FROM tags WHERE name >= ?1 AND name < ?2 "
	"AND qcount > 0 ORDER BY name LIMIT 2000",
};

static sqlite3_stmt *search_cache[SEARCH_STMT__MAX];
static struct db_stmts search_stmts =
    { search_sql, SEARCH_STMT__MAX, search_cache, NULL, NULL };

/*
 * The statements over posts_fts, apart from search_sql because an FTS5
 * plan always reads "SCAN posts_fts VIRTUAL TABLE", which the test that
 * keeps page statements off full scans cannot tell from a real one (as
 * in lib/post.c).
 */
enum search_fts_stmt {
	SEARCH_FTS_API,		/* this connection's fts5_api */
	SEARCH_FTS_FLOOR,	/* the oldest match that is ranked */
	SEARCH_FTS_IDS,		/* matches from the floor, best first */
	SEARCH_FTS_IDS_USER,	/* matches among a user's questions */
	SEARCH_FTS_IDS_TAG,	/* matches among a tag's questions */
	SEARCH_FTS_ROWS,	/* questions by id, with marks */
	SEARCH_FTS_ANY,		/* whether a query matches anything */
	SEARCH_FTS_COUNT,	/* how many rows a phrase matches */
	SEARCH_FTS__MAX
};

static const char *const search_fts_sql[SEARCH_FTS__MAX] = {
	/* API: see the FTS5 documentation, "Extending FTS5". */
	"SELECT fts5(?1)",
	/*
	 * FLOOR: the matches of the words newest first (FTS5 reads its
	 * index that way), skipping ?11 of them: no row when there are
	 * fewer.  The operators are left to IDS, so that this costs a
	 * bounded time whatever they are.
	 */
	"SELECT rowid FROM posts_fts WHERE posts_fts MATCH ?1 "
	"ORDER BY rowid DESC LIMIT 1 OFFSET ?11",
	/*
	 * IDS: the matches from id ?12 on (FTS5 seeks there), each ranked
	 * (ties newest first, as ids grow with time).
	 */
	"SELECT rowid FROM posts_fts WHERE posts_fts MATCH ?1 AND "
	"rowid >= ?12" FTS_FILTERS BEST_FIRST " LIMIT ?2",
	/*
	 * IDS_USER: the user's questions (index posts_user), each looked
	 * up in posts_fts by rowid and the query.
	 */
	"SELECT rowid FROM posts_fts WHERE posts_fts MATCH ?1 AND rowid IN "
	"(SELECT id FROM posts WHERE user_id = ?4 AND type = 1)" FTS_FILTERS
	BEST_FIRST " LIMIT ?2",
	/* IDS_TAG: the same over the post_tags rows of tag ?10. */
	"SELECT rowid FROM posts_fts WHERE posts_fts MATCH ?1 AND rowid IN "
	"(SELECT post_id FROM post_tags WHERE tag_id = ?10)" FTS_FILTERS
	BEST_FIRST " LIMIT ?2",
	/*
	 * ROWS: ?1 the FTS5 query, ?2 the ids; each row by rowid and
	 * primary key, with the whole title and up to 32 tokens of the
	 * body, marked.
	 */
	"SELECT " POST_LIST_COLS ", "
	"highlight(posts_fts, 0, char(1), char(2)), "
	"snippet(posts_fts, 1, char(1), char(2), '\xe2\x80\xa6', 32) "
	"FROM json_each(?2) CROSS JOIN posts_fts ON posts_fts.rowid = "
	"json_each.value" HIT_JOINS " WHERE posts_fts MATCH ?1 AND "
	"p.type = 1 AND p.status = 1 ORDER BY json_each.key",
	/* ANY */
	"SELECT 1 FROM posts_fts WHERE posts_fts MATCH ?1 LIMIT 1",
	/* COUNT: the matches of one phrase, read from the index. */
	"SELECT count(*) FROM posts_fts WHERE posts_fts MATCH ?1",
};

static sqlite3_stmt *search_fts_cache[SEARCH_FTS__MAX];
static struct db_stmts search_fts_stmts =
    { search_fts_sql, SEARCH_FTS__MAX, search_fts_cache, NULL, NULL };

/*
 * The statement table of this module, for tests that prepare every
 * statement of every module.
 */
struct db_stmts *
search_statements(void)
{
	return &search_stmts;
}

/* The statements over the full-text index (see search_fts_sql). */
struct db_stmts *
search_fts_statements(void)
{
	return &search_fts_stmts;
}

/* ASCII whitespace: what separates the terms of a query. */
static bool
blank(unsigned char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' ||
	    c == '\f' || c == '\v';
}

/*
 * A copy of s[0..len) in the arena with every control character made a
 * space and every byte that does not belong to a whole UTF-8 sequence
 * dropped.  NULL if out of memory.
 */
static char *
clean(struct arena *a, const char *s, size_t len)
{
	const unsigned char	*p = (const unsigned char *)s;
	char			*out;
	size_t			 i, n = 0, k;

	if ((out = arena_alloc(a, len + 1)) == NULL)
		return NULL;
	for (i = 0; i < len; i += k) {
		if ((k = util_utf8_seq(p + i)) == 0 || i + k > len) {
			k = 1;
			continue;
		}
		if (k == 1 && (p[i] < 0x20 || p[i] == 0x7f))
			out[n++] = ' ';
		else {
			memcpy(out + n, p + i, k);
			n += k;
		}
	}
	out[n] = '\0';
	return out;
}

/* Whether s has a byte that is not ASCII whitespace. */
static bool
has_text(const char *s)
{
	for (; *s != '\0'; s++)
		if (!blank((unsigned char)*s))
			return true;
	return false;
}

/* Whether s[0..len) is the lower-case ASCII word w, in any case. */
static bool
word_is(const char *s, size_t len, const char *w)
{
	size_t	 i;
	char	 c;

	if (strlen(w) != len)
		return false;
	for (i = 0; i < len; i++) {
		c = s[i] >= 'A' && s[i] <= 'Z' ? (char)(s[i] + 32) : s[i];
		if (c != w[i])
			return false;
	}
	return true;
}

/* The is: values, in the order of enum search_is. */
static const char *const is_names[] = {
	"answered", "unanswered", "accepted", "closed",
};

/*
 * Read one operator, name[0..nlen) ':' value[0..vlen), into sq.
 * Returns true if name is an operator (tag, user, is, in any case),
 * whether or not its value was of use; false if the word is a plain
 * word.  *er is QA_ESYS if out of memory.
 */
static bool
read_operator(struct arena *a, struct search_query *sq, const char *name,
    size_t nlen, const char *value, size_t vlen, enum qa_err *er)
{
	const char	**names, *why;
	char		 *v, *norm;
	size_t		  i, j, n;
	enum qa_err	  e;

	*er = QA_OK;
	if (!word_is(name, nlen, "tag") && !word_is(name, nlen, "user") &&
	    !word_is(name, nlen, "is"))
		return false;
	if (vlen == 0)
		return true;
	if ((v = clean(a, value, vlen)) == NULL) {
		*er = QA_ESYS;
		return true;
	}
	if (word_is(name, nlen, "is")) {
		for (i = 0; i < nitems(is_names); i++)
			if (word_is(v, strlen(v), is_names[i])) {
				sq->is |= 1u << i;
				return true;
			}
		if (sq->bad_is == NULL)
			sq->bad_is = v;
	} else if (word_is(name, nlen, "user")) {
		if (sq->user == NULL)
			sq->user = v;
	} else {
		e = tag_normalize(a, v, &norm, &n, &why);
		if (e == QA_ESYS)
			*er = QA_ESYS;
		else if (e != QA_OK) {
			if (sq->bad_tag == NULL)
				sq->bad_tag = v;
		} else if ((n = tag_split(a, norm, &names)) > 0) {
			for (j = 0; j < n; j++) {
				for (i = 0; i < sq->ntags; i++)
					if (strcmp(sq->tags[i], names[j]) == 0)
						break;
				if (i == sq->ntags &&
				    sq->ntags < nitems(sq->tags))
					sq->tags[sq->ntags++] = names[j];
			}
		}
	}
	return true;
}

/*
 * Parse the query q as a reader typed it into sq (zeroed first), with
 * every string in the arena:
 *
 *   word        a term: a run of bytes up to ASCII whitespace
 *   "a phrase"  a term: the words in this order (an unclosed quote runs
 *               to the end)
 *   -word, -"a phrase"   an exclusion
 *   a OR b      either term (OR in capitals, between two terms that are
 *               not exclusions; elsewhere it is ignored)
 *   tag:name    questions with that tag (repeatable, "tag:a,b" is two);
 *               the name is normalized as tag_normalize() does, and one
 *               no tag can have is kept in bad_tag
 *   user:handle questions that user asked (the first one counts)
 *   is:answered, is:unanswered, is:accepted, is:closed; another value is
 *               kept in bad_is
 *
 * Operator names are read in any case; a word with another name before
 * its ':' is a plain word.  Control characters become spaces and bytes
 * outside whole UTF-8 sequences are dropped, so any byte string gives a
 * query.  At most SEARCH_TERMS_MAX terms and operators are read; if more
 * follow, sq->truncated is set.  Returns QA_OK, QA_ETOOBIG for a q over
 * SEARCH_Q_MAX bytes, or QA_ESYS if out of memory.
 */
enum qa_err
search_parse(struct arena *a, const char *q, struct search_query *sq)
{
	const char		*p, *w, *colon;
	struct search_term	*t;
	size_t			 items = 0, len;
	bool			 exclude, phrase, pending_or = false;
	bool			 last_positive = false;
	enum qa_err		 er;
	char			*text;

	memset(sq, 0, sizeof(*sq));
	if (q == NULL)
		return QA_OK;
	if (strlen(q) > SEARCH_Q_MAX)
		return QA_ETOOBIG;
	for (p = q; *p != '\0'; ) {
		while (blank((unsigned char)*p))
			p++;
		if (*p == '\0')
			break;
		exclude = false;
		if (*p == '-' && p[1] != '\0' && !blank((unsigned char)p[1])) {
			exclude = true;
			p++;
		}
		phrase = *p == '"';
		if (phrase) {
			w = ++p;
			while (*p != '\0' && *p != '"')
				p++;
			len = (size_t)(p - w);
			if (*p == '"')
				p++;
		} else {
			for (w = p; *p != '\0' && !blank((unsigned char)*p);
			    p++)
				continue;
			len = (size_t)(p - w);
		}
		if (!phrase && !exclude && len == 2 && w[0] == 'O' &&
		    w[1] == 'R') {
			pending_or = last_positive;
			continue;
		}
		if (items == SEARCH_TERMS_MAX) {
			sq->truncated = true;
			break;
		}
		if (!phrase && !exclude &&
		    (colon = memchr(w, ':', len)) != NULL && colon > w) {
			if (read_operator(a, sq, w, (size_t)(colon - w),
			    colon + 1, len - (size_t)(colon - w) - 1, &er)) {
				if (er != QA_OK)
					return er;
				items++;
				pending_or = last_positive = false;
				continue;
			}
		}
		if ((text = clean(a, w, len)) == NULL)
			return QA_ESYS;
		if (!has_text(text)) {
			pending_or = false;
			continue;
		}
		items++;
		if (pending_or && !exclude)
			sq->terms[sq->nterms - 1].or_next = true;
		t = &sq->terms[sq->nterms++];
		t->text = text;
		t->phrase = phrase;
		t->exclude = exclude;
		last_positive = !exclude;
		pending_or = false;
	}
	return QA_OK;
}

/* The index's tokenizer, to count the tokens of a term. */
struct tokenizer {
	fts5_tokenizer	 api;
	Fts5Tokenizer	*tok;
};

/*
 * This connection's fts5_api, through which FTS5 is extended, or NULL
 * (logged) if there is none.
 */
static fts5_api *
fts5_of(struct db *db)
{
	sqlite3_stmt	*st;
	fts5_api	*api = NULL;
	int		 rc;

	if ((st = db_stmt(db, &search_fts_stmts, SEARCH_FTS_API)) == NULL)
		return NULL;
	sqlite3_bind_pointer(st, 1, &api, "fts5_api_ptr", NULL);
	rc = sqlite3_step(st);
	db_done(st);
	if (rc != SQLITE_ROW || api == NULL || api->iVersion < 2) {
		fprintf(stderr, "search: no fts5_api (%d)\n", rc);
		return NULL;
	}
	return api;
}

/*
 * Create the tokenizer of posts_fts ("porter unicode61 remove_diacritics
 * 2", as in sql/schema.sql) through this connection's fts5_api.  Returns
 * QA_OK, or QA_ESYS (logged) if FTS5 or the tokenizer is missing.
 */
static enum qa_err
tokenizer_open(struct db *db, struct tokenizer *t)
{
	static const char	*args[] = { "unicode61", "remove_diacritics",
				    "2" };
	fts5_api		*api;
	void			*ud;

	memset(t, 0, sizeof(*t));
	if ((api = fts5_of(db)) == NULL)
		return QA_ESYS;
	if (api->xFindTokenizer(api, "porter", &ud, &t->api) != SQLITE_OK ||
	    t->api.xCreate(ud, args, (int)nitems(args), &t->tok) !=
	    SQLITE_OK) {
		fprintf(stderr, "search: cannot create the tokenizer\n");
		t->tok = NULL;
		return QA_ESYS;
	}
	return QA_OK;
}

/* Delete what tokenizer_open() created; a closed one is left alone. */
static void
tokenizer_close(struct tokenizer *t)
{
	if (t->tok != NULL)
		t->api.xDelete(t->tok);
	t->tok = NULL;
}

/* The xToken callback of tokens(): counts. */
static int
token_seen(void *ctx, int flags, const char *s, int n, int start, int end)
{
	(void)flags;
	(void)s;
	(void)n;
	(void)start;
	(void)end;
	(*(size_t *)ctx)++;
	return SQLITE_OK;
}

/* How many tokens the index's tokenizer makes of text in a query. */
static size_t
tokens(struct tokenizer *t, const char *text)
{
	size_t	 n = 0;

	if (t->api.xTokenize(t->tok, &n, FTS5_TOKENIZE_QUERY, text,
	    (int)strlen(text), token_seen) != SQLITE_OK)
		return 0;
	return n;
}

/* Append s to b as an FTS5 string: in double quotes, each '"' doubled. */
static void
quote(struct buf *b, const char *s)
{
	buf_putc(b, '"');
	for (; *s != '\0'; s++) {
		if (*s == '"')
			buf_putc(b, '"');
		buf_putc(b, *s);
	}
	buf_putc(b, '"');
}

/*
 * Whether each term of sq has a token (has[i]), by the index's
 * tokenizer.  Returns QA_OK or QA_ESYS.
 */
static enum qa_err
terms_with_tokens(struct db *db, const struct search_query *sq, bool *has)
{
	struct tokenizer	 t;
	size_t			 i;
	enum qa_err		 er;

	if ((er = tokenizer_open(db, &t)) != QA_OK)
		return er;
	for (i = 0; i < sq->nterms; i++)
		has[i] = tokens(&t, sq->terms[i].text) > 0;
	tokenizer_close(&t);
	return QA_OK;
}

/*
 * search_match(), and the terms written, in the order FTS5 numbers the
 * phrases of the query: into phr (SEARCH_TERMS_MAX of them), *nphr.
 */
static enum qa_err
match_build(struct db *db, struct arena *a, const struct search_query *sq,
    char **match, const struct search_term **phr, size_t *nphr)
{
	struct buf	 pos = { 0 }, b = { 0 };
	bool		 has[SEARCH_TERMS_MAX];
	size_t		 i, j, k, groups = 0, in;
	enum qa_err	 er;

	*match = NULL;
	*nphr = 0;
	if (sq->nterms == 0)
		return QA_OK;
	if ((er = terms_with_tokens(db, sq, has)) != QA_OK)
		return er;
	for (i = 0; i < sq->nterms; i = j + 1) {
		for (j = i; j + 1 < sq->nterms && sq->terms[j].or_next; j++)
			continue;
		if (sq->terms[i].exclude)
			continue;
		for (k = i, in = 0; k <= j; k++)
			in += has[k];
		if (in == 0)
			continue;
		if (groups++ > 0)
			buf_puts(&pos, " AND ");
		if (in > 1)
			buf_putc(&pos, '(');
		for (k = i, in = 0; k <= j; k++) {
			if (!has[k])
				continue;
			if (in++ > 0)
				buf_puts(&pos, " OR ");
			quote(&pos, sq->terms[k].text);
			phr[(*nphr)++] = &sq->terms[k];
		}
		if (in > 1)
			buf_putc(&pos, ')');
	}
	if (groups > 0) {
		buf_putc(&b, '(');
		buf_append(&b, pos.data, pos.len);
		buf_putc(&b, ')');
		for (i = 0; i < sq->nterms; i++)
			if (sq->terms[i].exclude && has[i]) {
				buf_puts(&b, " NOT ");
				quote(&b, sq->terms[i].text);
				phr[(*nphr)++] = &sq->terms[i];
			}
		if (!b.oom && !pos.oom &&
		    (*match = arena_strdup(a, buf_cstr(&b))) == NULL)
			er = QA_ESYS;
		if (b.oom || pos.oom)
			er = QA_ESYS;
	}
	buf_free(&pos);
	buf_free(&b);
	if (*match == NULL)
		*nphr = 0;
	return er;
}

/*
 * Write the terms of sq as an FTS5 query: each term a quoted string
 * (which FTS5 reads as a phrase of the tokens in it), terms joined by OR
 * in parentheses, those groups by AND, and each exclusion after NOT:
 * `(("a" OR "b") AND "c d")` or `("a") NOT "x" NOT "y"`.  A term of
 * which the index's tokenizer makes no token is left out.  *match is an
 * arena string, or NULL when no term to look for is left (a query of
 * exclusions only is no text either).  Returns QA_OK or QA_ESYS.
 */
enum qa_err
search_match(struct db *db, struct arena *a, const struct search_query *sq,
    char **match)
{
	const struct search_term	*phr[SEARCH_TERMS_MAX];
	size_t				 n;

	return match_build(db, a, sq, match, phr, &n);
}

/*
 * Whether rc is the error FTS5 gives for a query it cannot run (a
 * syntax error, or an expression it refuses), which is the reader's
 * doing and not a failure of the site: logged (as the quoting should
 * make it impossible), but shown as a search without results.
 */
static bool
fts_refused(struct db *db, int rc)
{
	if ((rc & 0xff) != SQLITE_ERROR)
		return false;
	fprintf(stderr, "search: FTS5 refused a query: %s\n",
	    sqlite3_errmsg(db_handle(db)));
	return true;
}

/*
 * How many rows of posts_fts hold each phrase: bm25 weighs a phrase by
 * it, and FTS5 finds it by reading the phrase's whole list in the index
 * on every query, which for a common word (in half the questions of a
 * big site) costs more than all the rest of a search.  So this process
 * keeps the counts for DF_TTL seconds, in DF_SLOTS slots by a hash of
 * the phrase, each phrase in one of DF_PROBE slots from its hash's (a
 * phrase of DF_TERM_MAX bytes or more is counted each time), for one
 * connection: another one empties them.  A count a
 * little out of date only moves a weight a little.
 */
#define DF_SLOTS	256
#define DF_TERM_MAX	64
#define DF_TTL		300
#define DF_PROBE	4

static struct {
	char	 term[DF_TERM_MAX];
	int64_t	 rows;
	time_t	 at;
}		 df_cache[DF_SLOTS];
static const sqlite3	*df_owner;

/*
 * The number of rows of posts_fts that hold the phrase text, from the
 * cache or counted (SEARCH_FTS_COUNT).  Returns it, or -1 if FTS5
 * refuses the phrase or the database fails (logged).
 */
static int64_t
df_rows(struct db *db, const char *text)
{
	struct buf	 b = { 0 };
	sqlite3_stmt	*st;
	const char	*s;
	uint32_t	 h = 2166136261u;
	size_t		 i, j, old, len = strlen(text);
	time_t		 now = time(NULL);
	int64_t		 n = -1;
	int		 rc;

	if (df_owner != db_handle(db)) {
		memset(df_cache, 0, sizeof(df_cache));
		df_owner = db_handle(db);
	}
	for (s = text; *s != '\0'; s++)
		h = (h ^ (unsigned char)*s) * 16777619u;
	/* The DF_PROBE slots from the hash's; a miss takes the oldest. */
	for (i = old = h % DF_SLOTS, j = 0; len < DF_TERM_MAX &&
	    j < DF_PROBE; j++, i = (i + 1) % DF_SLOTS) {
		if (strcmp(df_cache[i].term, text) == 0 &&
		    now - df_cache[i].at < DF_TTL && now >= df_cache[i].at)
			return df_cache[i].rows;
		if (df_cache[i].at < df_cache[old].at)
			old = i;
	}
	i = old;
	quote(&b, text);
	if (b.oom || (st = db_stmt(db, &search_fts_stmts,
	    SEARCH_FTS_COUNT)) == NULL) {
		buf_free(&b);
		return -1;
	}
	sqlite3_bind_text(st, 1, buf_cstr(&b), -1, SQLITE_STATIC);
	if ((rc = sqlite3_step(st)) == SQLITE_ROW)
		n = sqlite3_column_int64(st, 0);
	else if (!fts_refused(db, rc))
		(void)db_err(db, rc, "search_run");
	db_done(st);
	buf_free(&b);
	if (n >= 0 && len < DF_TERM_MAX) {
		memcpy(df_cache[i].term, text, len + 1);
		df_cache[i].rows = n;
		df_cache[i].at = now;
	}
	return n;
}

/*
 * The counts df_rows() gives for the phrases phr[0..n) of a query, as
 * the text that bm25_rank() reads ("12 3400 0"), in the arena: 0 for an
 * exclusion (no row ranked holds it, so its weight is never used); the
 * list stops before a phrase that cannot be counted, which bm25_rank()
 * then counts itself.  NULL if out of memory.
 */
static char *
df_list(struct db *db, struct arena *a, const struct search_term **phr,
    size_t n)
{
	struct buf	 b = { 0 };
	char		*s = NULL;
	size_t		 i;
	int64_t		 rows;

	buf_puts(&b, "");
	for (i = 0; i < n; i++) {
		rows = phr[i]->exclude ? 0 : df_rows(db, phr[i]->text);
		if (rows < 0)
			break;
		buf_printf(&b, "%s%lld", i > 0 ? " " : "", (long long)rows);
	}
	if (!b.oom)
		s = arena_strdup(a, buf_cstr(&b));
	buf_free(&b);
	return s;
}

/* What bm25_rank() works out once per query (FTS5 auxiliary data). */
struct bm25_data {
	int	 nphrase;
	double	 avgdl;		/* tokens in an average row */
	double	*idf;		/* weight of each phrase */
	double	*freq;		/* of each phrase in this row */
};

/* The xQueryPhrase callback of bm25_data(): counts rows. */
static int
bm25_count(const Fts5ExtensionApi *api, Fts5Context *fts, void *ud)
{
	(void)api;
	(void)fts;
	(*(int64_t *)ud)++;
	return SQLITE_OK;
}

/*
 * The data of bm25_rank() for the current query, made on its first row
 * as FTS5's own bm25 makes it (ext/fts5/fts5_aux.c), except that the
 * number of rows holding phrase i is the i-th number of the text
 * argument after the column weights (val[ncol]) when there is one.
 * Returns an SQLite code; *out is owned by FTS5 (xSetAuxdata).
 */
static int
bm25_data(const Fts5ExtensionApi *api, Fts5Context *fts, int nval,
    sqlite3_value **val, struct bm25_data **out)
{
	struct bm25_data	*d;
	const char		*rows = NULL;
	char			*end;
	sqlite3_int64		 nrow = 0, ntok = 0, hit;
	int			 i, ncol, rc, nphrase;

	*out = NULL;
	nphrase = api->xPhraseCount(fts);
	ncol = api->xColumnCount(fts);
	if (nval > ncol && sqlite3_value_type(val[ncol]) == SQLITE_TEXT)
		rows = (const char *)sqlite3_value_text(val[ncol]);
	if ((d = sqlite3_malloc64(sizeof(*d) + 2 * (size_t)nphrase *
	    sizeof(double))) == NULL)
		return SQLITE_NOMEM;
	memset(d, 0, sizeof(*d) + 2 * (size_t)nphrase * sizeof(double));
	d->nphrase = nphrase;
	d->idf = (double *)(d + 1);
	d->freq = d->idf + nphrase;
	if ((rc = api->xRowCount(fts, &nrow)) == SQLITE_OK)
		rc = api->xColumnTotalSize(fts, -1, &ntok);
	if (rc == SQLITE_OK)
		d->avgdl = nrow > 0 ? (double)ntok / (double)nrow : 1.0;
	for (i = 0; rc == SQLITE_OK && i < nphrase; i++) {
		hit = -1;
		if (rows != NULL) {
			hit = strtoll(rows, &end, 10);
			if (end == rows || hit < 0)
				hit = -1;
			rows = end == rows ? NULL : end;
		}
		if (hit < 0) {
			hit = 0;
			rc = api->xQueryPhrase(fts, i, &hit, bm25_count);
		}
		if (hit > nrow)
			hit = nrow;
		d->idf[i] = log(((double)(nrow - hit) + 0.5) /
		    ((double)hit + 0.5));
		if (d->idf[i] <= 0.0)
			d->idf[i] = 1e-6;
	}
	if (rc == SQLITE_OK)
		rc = api->xSetAuxdata(fts, d, sqlite3_free);
	else
		sqlite3_free(d);
	if (rc == SQLITE_OK)
		*out = d;
	return rc;
}

/*
 * bm25(posts_fts, weight, ..., rows): FTS5's bm25 (the same formula, k1
 * 1.2, b 0.75, lower is better), with the optional text rows after the
 * column weights giving the number of rows that hold each phrase, so
 * that FTS5 need not read each phrase's whole list to count them (see
 * df_rows()).  Without it, it is FTS5's bm25 exactly.
 */
static void
bm25_rank(const Fts5ExtensionApi *api, Fts5Context *fts,
    sqlite3_context *ctx, int nval, sqlite3_value **val)
{
	const double		 k1 = 1.2, b = 0.75;
	struct bm25_data	*d;
	double			 score = 0.0, len = 0.0;
	int			 i, ninst = 0, ip, ic, io, ntok, rc;

	if ((d = api->xGetAuxdata(fts, 0)) == NULL &&
	    (rc = bm25_data(api, fts, nval, val, &d)) != SQLITE_OK) {
		sqlite3_result_error_code(ctx, rc);
		return;
	}
	memset(d->freq, 0, (size_t)d->nphrase * sizeof(double));
	rc = api->xInstCount(fts, &ninst);
	for (i = 0; rc == SQLITE_OK && i < ninst; i++)
		if ((rc = api->xInst(fts, i, &ip, &ic, &io)) == SQLITE_OK &&
		    ip >= 0 && ip < d->nphrase)
			d->freq[ip] += nval > ic ?
			    sqlite3_value_double(val[ic]) : 1.0;
	if (rc == SQLITE_OK && (rc = api->xColumnSize(fts, -1, &ntok)) ==
	    SQLITE_OK)
		len = (double)ntok;
	for (i = 0; rc == SQLITE_OK && i < d->nphrase; i++)
		score += d->idf[i] * (d->freq[i] * (k1 + 1.0)) /
		    (d->freq[i] + k1 * (1.0 - b + b * len / d->avgdl));
	if (rc == SQLITE_OK)
		sqlite3_result_double(ctx, -score);
	else
		sqlite3_result_error_code(ctx, rc);
}

/*
 * Make bm25_rank() this connection's bm25: FTS5 looks its auxiliary
 * functions up newest first, so it takes the place of FTS5's own for
 * every statement prepared from now on (those of other modules too,
 * which give it no counts and get FTS5's bm25 exactly).  Called when no
 * ranked statement of this module has been prepared on the connection
 * yet.  A failure is logged, and FTS5's own bm25 then ranks the same,
 * only slower.
 */
static void
bm25_register(struct db *db)
{
	fts5_api	*api;

	if ((api = fts5_of(db)) == NULL)
		return;
	if (api->xCreateFunction(api, "bm25", NULL, bm25_rank, NULL) !=
	    SQLITE_OK)
		fprintf(stderr, "search: cannot register bm25\n");
}

/*
 * Fill the struct search_hit at v from the current row of ROWS or FTS
 * ROWS (POST_LIST_COLS, read by post_list_row(), then for FTS ROWS the
 * marked title and snippet), copying text into the arena.  Returns
 * QA_ESYS if out of memory.  A db_rows() row function.
 */
static enum qa_err
hit_row(struct arena *a, sqlite3_stmt *st, void *v)
{
	struct search_hit	*h = v;
	enum qa_err		 er;

	memset(h, 0, sizeof(*h));
	if ((er = post_list_row(a, st, &h->post)) != QA_OK)
		return er;
	if (sqlite3_column_count(st) > POST_LIST_NCOLS) {
		h->title = db_col_text(a, st, POST_LIST_NCOLS);
		h->snippet = db_col_text(a, st, POST_LIST_NCOLS + 1);
		if (h->title == NULL)
			h->title = h->post.title;
		if (h->snippet == NULL && (h->snippet = arena_strdup(a, ""))
		    == NULL)
			return QA_ESYS;
	}
	return QA_OK;
}

/*
 * Bind v to parameter i of st if st has that parameter (the id lists
 * share their numbering; see IS_FILTERS).
 */
static void
bind_int(sqlite3_stmt *st, int i, int64_t v)
{
	if (i <= sqlite3_bind_parameter_count(st))
		sqlite3_bind_int64(st, i, v);
}

/*
 * The arena text "[id,id,...]" of n ids, for json_each().  NULL if out
 * of memory.
 */
static char *
json_ids(struct arena *a, const int64_t *ids, size_t n)
{
	struct buf	 b = { 0 };
	char		*s = NULL;
	size_t		 i;

	buf_putc(&b, '[');
	for (i = 0; i < n; i++)
		buf_printf(&b, "%s%lld", i > 0 ? "," : "", (long long)ids[i]);
	buf_putc(&b, ']');
	if (!b.oom)
		s = arena_strdup(a, buf_cstr(&b));
	buf_free(&b);
	return s;
}

/*
 * What search_run() has worked out before it reads: the FTS5 query (or
 * NULL), the asker's id (0: any), the tag ids and the tag to walk, as
 * a JSON array for ?9.
 */
struct plan {
	const char	*match;
	int64_t		 user_id;
	int64_t		 tag_ids[SEARCH_TERMS_MAX];
	size_t		 ntags;
	const char	*tags_json;	/* NULL when no tag: */
	const char	*rows;		/* for bm25_rank(), or NULL */
	int64_t		 walk_tag;	/* the rarest tag */
	int64_t		 walk_count;
};

/*
 * Prepare statement `which` of table t and bind the parameters it has
 * (see IS_FILTERS) from sq and pl, with ?2 = lim, ?11 = RANK_MAX - 1,
 * ?12 = floor and ?13 = pl->rows.  Returns the statement, or NULL
 * (logged by db_stmt()) if it cannot be prepared or a value cannot be
 * bound.
 */
static sqlite3_stmt *
ids_open(struct db *db, struct db_stmts *t, size_t which,
    const struct search_query *sq, const struct plan *pl, int64_t lim,
    int64_t floor)
{
	sqlite3_stmt	*st;
	int		 n;

	if ((st = db_stmt(db, t, which)) == NULL)
		return NULL;
	n = sqlite3_bind_parameter_count(st);
	if ((pl->match != NULL && n >= 1 && sqlite3_bind_text(st, 1,
	    pl->match, -1, SQLITE_STATIC) != SQLITE_OK) ||
	    (pl->tags_json != NULL && n >= 9 && sqlite3_bind_text(st, 9,
	    pl->tags_json, -1, SQLITE_STATIC) != SQLITE_OK) ||
	    (pl->rows != NULL && n >= 13 && sqlite3_bind_text(st, 13,
	    pl->rows, -1, SQLITE_STATIC) != SQLITE_OK)) {
		db_done(st);
		return NULL;
	}
	bind_int(st, 2, lim);
	bind_int(st, 3, (sq->is & (SEARCH_IS_ACCEPTED | SEARCH_IS_CLOSED))
	    != 0);
	bind_int(st, 4, pl->user_id);
	bind_int(st, 5, (sq->is & SEARCH_IS_ANSWERED) != 0);
	bind_int(st, 6, (sq->is & SEARCH_IS_UNANSWERED) != 0);
	bind_int(st, 7, (sq->is & SEARCH_IS_ACCEPTED) != 0);
	bind_int(st, 8, (sq->is & SEARCH_IS_CLOSED) != 0);
	bind_int(st, 10, pl->walk_tag);
	bind_int(st, 11, RANK_MAX - 1);
	bind_int(st, 12, floor);
	return st;
}

/*
 * The list index that a query of operators only walks: the asker's
 * questions, a tag's rows (a rare tag, or a popular one through the
 * newest questions unless the unanswered ones are fewer to walk), the
 * unanswered questions, or all of them, newest first.
 */
static enum search_stmt
ops_stmt(const struct search_query *sq, const struct plan *pl)
{
	if (pl->user_id != 0)
		return SEARCH_STMT_USER;
	if (pl->ntags > 0 && pl->walk_count < POST_LIST_WIDE)
		return SEARCH_STMT_TAG;
	if (sq->is & SEARCH_IS_UNANSWERED)
		return SEARCH_STMT_UNANSWERED;
	if (pl->ntags > 0)
		return SEARCH_STMT_TAG_WIDE;
	return SEARCH_STMT_NEWEST;
}

/*
 * Look up what the operators of sq name into pl: the user of user: and
 * the tags of tag:.  Sets r->status (and r->unknown) when one names
 * nothing.  Returns QA_OK or the database error.
 */
static enum qa_err
plan_operators(struct db *db, struct arena *a, const struct search_query *sq,
    struct plan *pl, struct search_result *r)
{
	struct user	 u;
	struct tag	 tag;
	size_t		 i;
	enum qa_err	 er;

	if (sq->bad_tag != NULL) {
		r->status = SEARCH_NO_TAG;
		r->unknown = sq->bad_tag;
		return QA_OK;
	}
	if (sq->user != NULL) {
		er = strlen(sq->user) > HANDLE_MAX ? QA_ENOTFOUND :
		    user_find_by_handle(db, a, sq->user, &u);
		if (er == QA_ENOTFOUND) {
			r->status = SEARCH_NO_USER;
			r->unknown = sq->user;
			return QA_OK;
		}
		if (er != QA_OK)
			return er;
		pl->user_id = u.id;
	}
	for (i = 0; i < sq->ntags; i++) {
		if ((er = tag_find(db, a, sq->tags[i], &tag)) == QA_ENOTFOUND) {
			r->status = SEARCH_NO_TAG;
			r->unknown = sq->tags[i];
			return QA_OK;
		}
		if (er != QA_OK)
			return er;
		pl->tag_ids[pl->ntags++] = tag.id;
		if (i == 0 || tag.qcount < pl->walk_count) {
			pl->walk_tag = tag.id;
			pl->walk_count = tag.qcount;
		}
	}
	if (pl->ntags > 0 &&
	    (pl->tags_json = json_ids(a, pl->tag_ids, pl->ntags)) == NULL)
		return QA_ESYS;
	return QA_OK;
}

/*
 * Read the page of results of ids into r (FTS ROWS with the marks when
 * match is not NULL, else ROWS), in the order of ids.  Returns QA_OK,
 * QA_ESYS, or the database error (logged).
 */
static enum qa_err
read_hits(struct db *db, struct arena *a, const char *match,
    const int64_t *ids, size_t n, struct search_result *r)
{
	sqlite3_stmt	*st;
	const char	*json;
	void		*v;
	enum qa_err	 er;
	int		 rc;

	if ((json = json_ids(a, ids, n)) == NULL)
		return QA_ESYS;
	if (match != NULL) {
		if ((st = db_stmt(db, &search_fts_stmts, SEARCH_FTS_ROWS)) ==
		    NULL)
			return QA_ESYS;
		rc = sqlite3_bind_text(st, 1, match, -1, SQLITE_STATIC);
		if (rc == SQLITE_OK)
			rc = sqlite3_bind_text(st, 2, json, -1, SQLITE_STATIC);
	} else {
		if ((st = db_stmt(db, &search_stmts, SEARCH_STMT_ROWS)) ==
		    NULL)
			return QA_ESYS;
		rc = sqlite3_bind_text(st, 1, json, -1, SQLITE_STATIC);
	}
	if (rc != SQLITE_OK) {
		db_done(st);
		return QA_ESYS;
	}
	/* FTS5 has run match already: a failure here is the site's. */
	er = db_rows(db, st, a, sizeof(*r->hits), n, hit_row, &v, &r->nhits,
	    "search_run");
	r->hits = v;
	return er;
}

/*
 * The id of the oldest match that IDS ranks: the RANK_MAX-th newest
 * match of the words, or 0 when there are fewer (*floor).
 * Returns QA_OK, the database error, or QA_EINPUT when FTS5 refuses the
 * query.
 */
static enum qa_err
rank_floor(struct db *db, const struct search_query *sq,
    const struct plan *pl, int64_t *floor)
{
	sqlite3_stmt	*st;
	int		 rc;

	*floor = 0;
	if ((st = ids_open(db, &search_fts_stmts, SEARCH_FTS_FLOOR, sq, pl,
	    0, 0)) == NULL)
		return QA_ESYS;
	if ((rc = sqlite3_step(st)) == SQLITE_ROW)
		*floor = sqlite3_column_int64(st, 0);
	db_done(st);
	if (rc == SQLITE_ROW || rc == SQLITE_DONE)
		return QA_OK;
	return fts_refused(db, rc) ? QA_EINPUT : db_err(db, rc, "search_run");
}

/*
 * Run the parsed query sq: the visible questions that match its terms
 * (search_match()) and all of its operators.
 *
 * With terms, best first by bm25 (the title weighing 10, the tags 3 and
 * the body 1; ties newest first).  Only the RANK_MAX newest questions
 * that match the words are read, and those that pass the operators
 * ranked, so that a common word costs a bounded time: the site shows
 * the best of its recent questions, and never more than RANK_MAX
 * results.  A query with user:, or with a tag on at most TAG_WALK_MAX
 * questions, looks up those questions one by one in the index instead,
 * and ranks every match.  With operators only, newest first, walking the
 * list index that fits (ops_stmt()).
 *
 * Counts the matches from offset on, up to cap (as post_list_count(),
 * for a pager), and a query with terms up to SEARCH_COUNT_MAX from the
 * first when that is more (its matches are all read to rank them
 * anyway): r->total is the count from the first match, r->more tells
 * that the count stopped there.  Then reads the questions from offset,
 * up to limit, into r->hits, with their marked title and snippet when
 * there are terms.  r->status says SEARCH_RAN, or why nothing was
 * looked for: no term nor operator (SEARCH_EMPTY), an unknown user: or
 * tag: (r->unknown), or a query FTS5 refused when it ran
 * (SEARCH_REJECTED).  Everything is in the arena.  Returns QA_OK,
 * QA_ESYS, or the database error.
 */
enum qa_err
search_run(struct db *db, struct arena *a, const struct search_query *sq,
    int64_t offset, int64_t limit, int64_t cap, struct search_result *r)
{
	const struct search_term *phr[SEARCH_TERMS_MAX];
	struct plan	 pl;
	struct db_stmts	*t = &search_fts_stmts;
	sqlite3_stmt	*st;
	int64_t		*ids = NULL, lim, k = 0, floor = 0;
	size_t		 nids = 0, which, nphr;
	char		*match;
	enum qa_err	 er;
	int		 rc;

	memset(r, 0, sizeof(*r));
	memset(&pl, 0, sizeof(pl));
	if (offset < 0)
		offset = 0;
	if (limit < 0)
		limit = 0;
	if (cap < limit)
		cap = limit;
	if ((er = plan_operators(db, a, sq, &pl, r)) != QA_OK ||
	    r->status != SEARCH_RAN)
		return er;
	if ((er = match_build(db, a, sq, &match, phr, &nphr)) != QA_OK)
		return er;
	pl.match = match;
	if (match == NULL && sq->user == NULL && sq->ntags == 0 &&
	    sq->is == 0) {
		r->status = SEARCH_EMPTY;
		return QA_OK;
	}
	lim = offset + cap;
	if (match != NULL && lim < SEARCH_COUNT_MAX + 1)
		lim = SEARCH_COUNT_MAX + 1;
	if (match == NULL) {
		t = &search_stmts;
		which = ops_stmt(sq, &pl);
	} else if (pl.user_id != 0)
		which = SEARCH_FTS_IDS_USER;
	else if (pl.ntags > 0 && pl.walk_count <= TAG_WALK_MAX)
		which = SEARCH_FTS_IDS_TAG;
	else {
		which = SEARCH_FTS_IDS;
		if ((er = rank_floor(db, sq, &pl, &floor)) == QA_EINPUT) {
			r->status = SEARCH_REJECTED;
			return QA_OK;
		}
		if (er != QA_OK)
			return er;
	}
	if (match != NULL) {
		/* A connection that has ranked nothing yet: see there. */
		if (search_fts_cache[SEARCH_FTS_IDS] == NULL &&
		    search_fts_cache[SEARCH_FTS_IDS_USER] == NULL &&
		    search_fts_cache[SEARCH_FTS_IDS_TAG] == NULL)
			bm25_register(db);
		if ((pl.rows = df_list(db, a, phr, nphr)) == NULL)
			return QA_ESYS;
	}
	if (limit > 0 && (ids = arena_calloc(a, (size_t)limit,
	    sizeof(*ids))) == NULL)
		return QA_ESYS;
	if ((st = ids_open(db, t, which, sq, &pl, lim, floor)) == NULL)
		return QA_ESYS;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (k >= offset && k < offset + limit)
			ids[nids++] = sqlite3_column_int64(st, 0);
		k++;
	}
	db_done(st);
	if (rc != SQLITE_DONE) {
		if (match != NULL && fts_refused(db, rc)) {
			r->status = SEARCH_REJECTED;
			return QA_OK;
		}
		return db_err(db, rc, "search_run");
	}
	r->more = k == lim;
	r->total = r->more ? lim - 1 : k;
	if (nids == 0)
		return QA_OK;
	return read_hits(db, a, match, ids, nids, r);
}

/*
 * Write text as HTML into the arena: '&', '<', '>', '"' and '\'' as
 * entities, control characters but tab and newline dropped, and the
 * marks of search_run() as <mark> elements: SEARCH_MARK_OPEN opens one
 * unless one is open, SEARCH_MARK_CLOSE closes the open one, other marks
 * are dropped, a mark around nothing is left out and one left open is
 * closed at the end.  So the result is always well-formed, whatever
 * marks the stored text held.  NULL for NULL text or out of memory.
 */
char *
search_html(struct arena *a, const char *text)
{
	struct buf	 b = { 0 };
	const char	*s, *e;
	char		*out = NULL;
	bool		 open = false, shown = false;

	if (text == NULL)
		return NULL;
	buf_puts(&b, "");
	for (s = text; *s != '\0'; s++) {
		if (*s == SEARCH_MARK_OPEN) {
			open = true;
			continue;
		}
		if (*s == SEARCH_MARK_CLOSE) {
			if (shown)
				buf_puts(&b, "</mark>");
			open = shown = false;
			continue;
		}
		if ((unsigned char)*s < 0x20 && *s != '\t' && *s != '\n')
			continue;
		if (*s == 0x7f)
			continue;
		if (open && !shown) {
			buf_puts(&b, "<mark>");
			shown = true;
		}
		switch (*s) {
		case '&':
			e = "&amp;";
			break;
		case '<':
			e = "&lt;";
			break;
		case '>':
			e = "&gt;";
			break;
		case '"':
			e = "&quot;";
			break;
		case '\'':
			e = "&#39;";
			break;
		default:
			e = NULL;
			break;
		}
		if (e != NULL)
			buf_puts(&b, e);
		else
			buf_putc(&b, *s);
	}
	if (shown)
		buf_puts(&b, "</mark>");
	if (!b.oom)
		out = arena_strdup(a, buf_cstr(&b));
	buf_free(&b);
	return out;
}

/*
 * The edit distance between a[0..n) and b[0..m) (both at most WORD_MAX
 * bytes): insertions, deletions, substitutions and swaps of two
 * neighbouring bytes each count 1 (optimal string alignment).
 */
static size_t
distance(const char *a, size_t n, const char *b, size_t m)
{
	unsigned char	 d[WORD_MAX + 1][WORD_MAX + 1];
	size_t		 i, j, c, v;

	for (i = 0; i <= n; i++)
		d[i][0] = (unsigned char)i;
	for (j = 0; j <= m; j++)
		d[0][j] = (unsigned char)j;
	for (i = 1; i <= n; i++)
		for (j = 1; j <= m; j++) {
			c = a[i - 1] != b[j - 1];
			v = (size_t)d[i - 1][j - 1] + c;
			if ((size_t)d[i - 1][j] + 1 < v)
				v = (size_t)d[i - 1][j] + 1;
			if ((size_t)d[i][j - 1] + 1 < v)
				v = (size_t)d[i][j - 1] + 1;
			if (i > 1 && j > 1 && a[i - 1] == b[j - 2] &&
			    a[i - 2] == b[j - 1] &&
			    (size_t)d[i - 2][j - 2] + 1 < v)
				v = (size_t)d[i - 2][j - 2] + 1;
			d[i][j] = (unsigned char)v;
		}
	return d[n][m];
}

/* Whether c may end a word compared with tags: not ASCII punctuation. */
static bool
tag_edge(unsigned char c)
{
	return c >= 0x80 || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	    (c >= '0' && c <= '9') || c == '+' || c == '#';
}

/*
 * The used tag closest to word (lower-cased ASCII, without ASCII
 * punctuation at either end), among the first 2000 tags by name that
 * start with its first byte (TAGS_NEAR): at an edit distance of 1 or 2
 * (only 1 for words under 5 bytes; none for words under 4), the nearest,
 * then the most used.  *out is an arena string or NULL.  Returns QA_OK
 * or the database error.
 */
static enum qa_err
closest_tag(struct db *db, struct arena *a, const char *word,
    const char **out)
{
	char		 w[WORD_MAX + 1], lo[2], hi[2];
	const char	*name, *e;
	sqlite3_stmt	*st;
	size_t		 n, m, d, best, maxd;
	int64_t		 uses, best_uses = 0;
	enum qa_err	 er = QA_OK;
	int		 rc;

	*out = NULL;
	while (*word != '\0' && !tag_edge((unsigned char)*word))
		word++;
	for (e = word + strlen(word); e > word &&
	    !tag_edge((unsigned char)e[-1]); e--)
		continue;
	if ((n = (size_t)(e - word)) < 4 || n > WORD_MAX ||
	    (unsigned char)word[0] == 0xff)
		return QA_OK;
	for (m = 0; m < n; m++)
		w[m] = word[m] >= 'A' && word[m] <= 'Z' ?
		    (char)(word[m] + 32) : word[m];
	w[n] = '\0';
	maxd = n < 5 ? 1 : 2;
	best = maxd + 1;
	lo[0] = w[0];
	lo[1] = '\0';
	hi[0] = (char)((unsigned char)w[0] + 1);
	hi[1] = '\0';
	if ((st = db_stmt(db, &search_stmts, SEARCH_STMT_TAGS_NEAR)) == NULL)
		return QA_ESYS;
	sqlite3_bind_text(st, 1, lo, 1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 2, hi, 1, SQLITE_TRANSIENT);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		name = (const char *)sqlite3_column_text(st, 0);
		uses = sqlite3_column_int64(st, 1);
		if (name == NULL || (m = strlen(name)) > WORD_MAX ||
		    (m > n ? m - n : n - m) > maxd)
			continue;
		d = distance(w, n, name, m);
		if (d == 0 || d > best || (d == best && uses <= best_uses))
			continue;
		if ((*out = arena_strdup(a, name)) == NULL) {
			er = QA_ESYS;
			break;
		}
		best = d;
		best_uses = uses;
	}
	if (er == QA_OK && rc != SQLITE_DONE)
		er = db_err(db, rc, "search_suggest");
	db_done(st);
	return er;
}

/*
 * Whether the one term text matches any visible question (*yes).
 * Returns QA_OK or the database error; a term FTS5 refuses matches
 * nothing.
 */
static enum qa_err
term_matches(struct db *db, const char *text, bool *yes)
{
	struct buf	 b = { 0 };
	sqlite3_stmt	*st;
	enum qa_err	 er = QA_OK;
	int		 rc;

	*yes = false;
	quote(&b, text);
	if (b.oom) {
		buf_free(&b);
		return QA_ESYS;
	}
	if ((st = db_stmt(db, &search_fts_stmts, SEARCH_FTS_ANY)) == NULL) {
		buf_free(&b);
		return QA_ESYS;
	}
	sqlite3_bind_text(st, 1, buf_cstr(&b), -1, SQLITE_STATIC);
	if ((rc = sqlite3_step(st)) == SQLITE_ROW)
		*yes = true;
	else if (rc != SQLITE_DONE && !fts_refused(db, rc))
		er = db_err(db, rc, "search_suggest");
	db_done(st);
	buf_free(&b);
	return er;
}

/*
 * A query to offer when sq found nothing ("did you mean"): each plain
 * word that matches no visible question becomes the closest used tag
 * name (closest_tag()) or, when there is none, is left out; a tag: that
 * names no tag becomes the closest one or is left out; a term of which
 * the tokenizer makes nothing is left out.  Phrases, exclusions, OR,
 * user: and is: stay as they were.  *suggestion is the new query in the
 * arena (operators last), or NULL when nothing changed or nothing would
 * be left to look for.  Costs one FTS5 lookup per word and one range of
 * the tag index per unknown word.  Returns QA_OK, QA_ESYS, or the
 * database error.
 */
enum qa_err
search_suggest(struct db *db, struct arena *a, const struct search_query *sq,
    char **suggestion)
{
	const char	*text[SEARCH_TERMS_MAX], *tags[SEARCH_TERMS_MAX];
	const char	*near;
	struct buf	 b = { 0 };
	struct tag	 tag;
	bool		 has[SEARCH_TERMS_MAX], yes, use_or;
	bool		 changed = false;
	size_t		 i, k, prev, ntags = 0, kept = 0;
	enum qa_err	 er;

	*suggestion = NULL;
	if ((er = terms_with_tokens(db, sq, has)) != QA_OK)
		return er;
	for (i = 0; i < sq->nterms; i++) {
		text[i] = sq->terms[i].text;
		if (!has[i]) {
			text[i] = NULL;
			changed = true;
			continue;
		}
		if (sq->terms[i].phrase || sq->terms[i].exclude)
			continue;
		if ((er = term_matches(db, text[i], &yes)) != QA_OK)
			return er;
		if (yes)
			continue;
		if ((er = closest_tag(db, a, text[i], &near)) != QA_OK)
			return er;
		text[i] = near;
		changed = true;
	}
	for (i = 0; i < sq->ntags; i++) {
		er = tag_find(db, a, sq->tags[i], &tag);
		if (er == QA_OK) {
			tags[ntags++] = sq->tags[i];
			continue;
		}
		if (er != QA_ENOTFOUND)
			return er;
		changed = true;
		if ((er = closest_tag(db, a, sq->tags[i], &near)) != QA_OK)
			return er;
		if (near != NULL)
			tags[ntags++] = near;
	}
	if (sq->bad_tag != NULL)
		changed = true;
	if (!changed)
		return QA_OK;
	for (i = 0, prev = SIZE_MAX; i < sq->nterms; i++) {
		if (text[i] == NULL)
			continue;
		/* OR when every term from the last one written had it. */
		for (k = prev, use_or = prev != SIZE_MAX; use_or && k < i; k++)
			use_or = sq->terms[k].or_next;
		if (b.len > 0)
			buf_puts(&b, use_or ? " OR " : " ");
		prev = i;
		if (sq->terms[i].exclude)
			buf_putc(&b, '-');
		else
			kept++;
		if (sq->terms[i].phrase)
			buf_printf(&b, "\"%s\"", text[i]);
		else
			buf_puts(&b, text[i]);
	}
	for (i = 0; i < ntags; i++)
		buf_printf(&b, "%stag:%s", b.len > 0 ? " " : "", tags[i]);
	if (sq->user != NULL)
		buf_printf(&b, "%suser:%s", b.len > 0 ? " " : "", sq->user);
	for (i = 0; i < nitems(is_names); i++)
		if (sq->is & (1u << i))
			buf_printf(&b, "%sis:%s", b.len > 0 ? " " : "",
			    is_names[i]);
	if (b.oom)
		er = QA_ESYS;
	else if (kept > 0 || ntags > 0 || sq->user != NULL || sq->is != 0)
		if ((*suggestion = arena_strdup(a, buf_cstr(&b))) == NULL)
			er = QA_ESYS;
	buf_free(&b);
	return er;
}
