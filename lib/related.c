/*
 * related.c: the related questions of a question.
 *
 * Computing them (related_compute()): the distinctive words of the title
 * (stop words and words under three characters dropped) and of the tags
 * are looked up one by one in posts_fts, title words in the title column
 * and tag words in the tags column, each lookup reading at most
 * RELATED_COMMON + 1 matches in rowid order.  A word that finds more is
 * too common to tell what is related and is left out; the others give
 * each question they find a weight that grows as the word gets rarer (an
 * idf: log2 of 2 * RELATED_COMMON over the matches), a tag word a third
 * of a title word's.  The RELATED_CANDIDATES questions of the highest
 * sums (the question itself excluded) are scored again: their sum
 * relative to the best one, plus RELATED_TAG_WEIGHT for each tag they
 * share with the question (one query over post_tags).  When fewer than
 * RELATED_MAX are found, the newest questions that share the question's
 * rarest tag (then the next rarest) fill the list.
 *
 * Why not one OR query ranked by FTS5's bm25(): bm25 reads the whole
 * doclist of every word of the query to count its documents and then
 * costs a few microseconds per matching row, so a title with one common
 * word cost 66 ms (median) on 100,000 questions.  Counting matches while
 * reading them, and stopping at RELATED_COMMON + 1, bounds the work by
 * the rare words, which are the ones that say what is related.
 *
 * The result depends on the stored posts only (no clock, no view
 * counts), so a page shows the same list whether it was read from the
 * cache or computed just now.
 *
 * Keeping them (related_get()): the table related holds each question's
 * ids best first, with the time they were computed.  A page reads the row
 * by primary key and the visible questions among those ids by primary key
 * (a hidden, deleted or purged question drops out; up to RELATED_MAX ids
 * are kept so that others take its place).  A row is computed again when
 * it is missing, unreadable, not newer than the question's last edit
 * (which changes its title and tags), or older than RELATED_TTL (new
 * questions get their chance).  Nothing in post.c has to invalidate the
 * cache: the page reads posts.edited anyway.
 *
 * A computed list is kept in this process (a small table, like the view
 * counts of views.c) until related_flush() writes it, which the view
 * program does after the response has gone, so no page waits for a
 * write.  A list lost before it is written is only computed again.
 */
#include <limits.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "db.h"
#include "post.h"
#include "related.h"
#include "settings.h"
#include "util.h"

#define RELATED_WORDS		12	/* words looked up per question */
#define RELATED_TITLE_WORDS	8	/* of them from the title at most */
#define RELATED_WORD_LEN	64	/* bytes kept of one word */
#define RELATED_TAG_WEIGHT	0.5	/* score of a shared tag */
#define RELATED_PENDING		8	/* lists waiting to be written */
#define RELATED_COMMON		250	/* matches that make a word common */
#define RELATED_TAG_WORD	(1.0 / 3)	/* weight of a tag word */
#define RELATED_IDS_LEN		(RELATED_MAX * 21)	/* "id id ..." */

enum related_stmt {
	RELATED_STMT_GET,	/* a question's cached ids */
	RELATED_STMT_SHOW,	/* the visible questions among ids */
	RELATED_STMT_TAGS,	/* a question's tags, rarest first */
	RELATED_STMT_SHARED,	/* tags candidates share with a question */
	RELATED_STMT_PUT,	/* a question's cached ids */
	RELATED_STMT__MAX
};

/* ?1 to ?10: as many parameters as RELATED_MAX. */
#define IDS10	"?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10"
/* ?2 to ?21: as many parameters as RELATED_CANDIDATES. */
#define IDS20 \
	"?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, " \
	"?16, ?17, ?18, ?19, ?20, ?21"

static const char *const related_sql[RELATED_STMT__MAX] = {
	/* GET: primary key. */
	"SELECT ids, computed FROM related WHERE question_id = ?1",
	/*
	 * SHOW: up to RELATED_MAX ids by primary key (unused parameters
	 * stay NULL and match nothing), visible questions only; the caller
	 * puts them back in the cached order.
	 */
	"SELECT id, title, slug, score, answer_count, accepted_id, closed "
	"FROM posts WHERE id IN (" IDS10 ") AND type = 1 AND status = 1",
	/* TAGS: index post_tags_post, then each tag by primary key. */
	"SELECT t.id, t.qcount FROM post_tags p CROSS JOIN tags t "
	"ON t.id = p.tag_id WHERE p.post_id = ?1 ORDER BY t.qcount, t.id",
	/*
	 * SHARED: for each candidate (?2...; unused ones NULL), how many of
	 * question ?1's tags it has; index post_tags_post.
	 */
	"SELECT post_id, count(*) FROM post_tags WHERE post_id IN (" IDS20
	") AND tag_id IN (SELECT tag_id FROM post_tags WHERE post_id = ?1) "
	"GROUP BY post_id",
	/*
	 * PUT: insert or replace the row of question ?1 if the question
	 * still exists (it may have been purged since the list was
	 * computed).
	 */
	"INSERT INTO related (question_id, ids, computed) "
	"SELECT id, ?2, ?3 FROM posts WHERE id = ?1 "
	"ON CONFLICT (question_id) DO UPDATE SET ids = excluded.ids, "
	"computed = excluded.computed",
};

static sqlite3_stmt *related_cache[RELATED_STMT__MAX];
static struct db_stmts related_stmts =
    { related_sql, RELATED_STMT__MAX, related_cache, NULL, NULL };

/*
 * The statement over the full-text index, kept apart from related_sql
 * because an FTS5 plan always reads "SCAN posts_fts VIRTUAL TABLE", which
 * the test that keeps page statements off full scans cannot tell from a
 * real scan (see post_fts_sql in post.c).  posts_fts holds the visible
 * questions only.
 */
enum related_fts_stmt {
	RELATED_FTS_FIND,	/* the questions a word is found in */
	RELATED_FTS__MAX
};

static const char *const related_fts_sql[RELATED_FTS__MAX] = {
	/*
	 * FIND: ?1 the query (one column, one word), ?2 the limit; in rowid
	 * order, unranked, so reading stops at the limit.
	 */
	"SELECT rowid FROM posts_fts WHERE posts_fts MATCH ?1 LIMIT ?2",
};

static sqlite3_stmt *related_fts_cache[RELATED_FTS__MAX];
static struct db_stmts related_fts_stmts =
    { related_fts_sql, RELATED_FTS__MAX, related_fts_cache, NULL, NULL };

/* A computed list waiting for related_flush(); question 0: free. */
struct pending {
	int64_t	 question;
	int64_t	 computed;
	char	 ids[RELATED_IDS_LEN];
};

static struct pending	 pending[RELATED_PENDING];

/*
 * Words that say little about what a question is about: function words,
 * the usual phrasing of a question, and the commonest words of time and
 * degree ("every", "day", "better").  Words under three characters never
 * count, so they are not listed.  On a big site the words found in more
 * than RELATED_COMMON questions drop out anyway; the list matters most
 * on a small one.
 */
static const char *const stop_words[] = {
	"about", "actually", "after", "again", "all", "already", "also",
	"always", "and", "any", "anyone", "anything", "are", "because", "been",
	"before", "being", "best", "better", "between", "both", "but", "can",
	"cannot", "could", "day", "days", "did", "does", "doing", "don",
	"done", "during", "each", "else", "even", "ever", "every", "everyone",
	"everything", "few", "first", "for", "from", "get", "gets", "getting",
	"going", "good", "got", "had", "has", "have", "having", "help", "her",
	"here", "him", "his", "how", "into", "its", "just", "keep", "keeps",
	"know", "last", "like", "long", "lot", "make", "many", "maybe",
	"month", "months", "more", "most", "much", "need", "never", "new",
	"normal", "not", "nothing", "now", "off", "okay", "one", "only",
	"other", "our", "out", "over", "own", "people", "person", "really",
	"same", "say", "see", "seem", "seems", "she", "should", "since",
	"some", "someone", "something", "still", "such", "take", "than",
	"that", "the", "their", "them", "then", "there", "these", "they",
	"thing", "things", "think", "this", "those", "through", "time",
	"times", "too", "try", "trying", "until", "very", "want", "was", "way",
	"week", "weeks", "were", "what", "when", "where", "which", "while",
	"who", "why", "will", "with", "without", "would", "year", "years",
	"yet", "you", "your",
};

/* The words looked up, each lower-case and at most once. */
struct words {
	char	 w[RELATED_WORDS][RELATED_WORD_LEN + 1];
	size_t	 n;
};

/* A question found by a word, with the word's weight; then its sum. */
struct cand {
	int64_t	 id;
	double	 text;		/* the words' weights */
	double	 score;		/* text relative to the best, and tags */
};

/*
 * The statement table of this module, for the test that prepares every
 * statement of every module.
 */
struct db_stmts *
related_statements(void)
{
	return &related_stmts;
}

/*
 * The statement over the full-text index (see related_fts_sql), for the
 * same test.
 */
struct db_stmts *
related_fts_statements(void)
{
	return &related_fts_stmts;
}

/*
 * How many related questions a question page shows: the setting
 * related_count (default RELATED_DEFAULT), kept within [0, RELATED_MAX];
 * 0 turns them off.
 */
int64_t
related_limit(void)
{
	int64_t	 n = settings_int("related_count", RELATED_DEFAULT);

	return n < 0 ? 0 : n > RELATED_MAX ? RELATED_MAX : n;
}

/* Whether c is an ASCII letter or digit. */
static bool
alnum(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	    (c >= '0' && c <= '9');
}

/* Whether w is a stop word or already in ws. */
static bool
word_skip(const struct words *ws, const char *w)
{
	size_t	 i;

	for (i = 0; i < nitems(stop_words); i++)
		if (strcmp(w, stop_words[i]) == 0)
			return true;
	for (i = 0; i < ws->n; i++)
		if (strcmp(w, ws->w[i]) == 0)
			return true;
	return false;
}

/*
 * Add up to max words of text to ws (which holds RELATED_WORDS at most).
 * A word is a run of ASCII letters and digits and whole non-ASCII UTF-8
 * characters, lower-cased, cut at RELATED_WORD_LEN bytes; anything else
 * separates words, as the index's tokenizer splits them ("sleep-apnea"
 * is two words).  Words under three characters, stop words and words
 * already there are skipped.  A word holds no '"', so it is safe inside
 * an FTS5 string.
 */
static void
words_add(struct words *ws, const char *text, size_t max)
{
	const unsigned char	*p = (const unsigned char *)text;
	char			 w[RELATED_WORD_LEN + 1];
	size_t			 n, len, added = 0;

	if (text == NULL)
		return;
	while (*p != '\0' && ws->n < RELATED_WORDS && added < max) {
		for (n = 0; *p != '\0'; p += len) {
			len = util_utf8_seq(p);
			if (len == 0 || (len == 1 && !alnum(*p))) {
				len = 1;
				if (n > 0)
					break;
				continue;
			}
			if (n + len > RELATED_WORD_LEN)
				continue;
			if (len > 1) {
				memcpy(w + n, p, len);
				n += len;
			} else
				w[n++] = (char)(*p >= 'A' && *p <= 'Z' ?
				    *p + 32 : *p);
		}
		w[n] = '\0';
		if (util_utf8_len(w) < 3 || word_skip(ws, w))
			continue;
		memcpy(ws->w[ws->n++], w, n + 1);
		added++;
	}
}

/*
 * log2(x) for x >= 1, to within 0.09: the power of two below x and a
 * straight line to the next one (no libm for one weight).
 */
static double
log2ish(double x)
{
	double	 k = 0;

	for (; x >= 2; x /= 2)
		k++;
	return k + (x - 1);
}

/*
 * Append to c (from *n on, room for RELATED_COMMON + 1 more) the
 * questions other than skip whose column col holds word, each with
 * weight w times the word's idf, unless the word is found in more than
 * RELATED_COMMON questions or in skip alone; then nothing is appended.
 * One full-text lookup that reads at most RELATED_COMMON + 1 matches.
 * Returns QA_OK, QA_ESYS, or the database error.
 */
static enum qa_err
find(struct db *db, struct arena *a, const char *col, const char *word,
    double w, int64_t skip, struct cand *c, size_t *n)
{
	sqlite3_stmt	*st;
	const char	*query;
	size_t		 start = *n, found = 0, i;
	int		 rc;
	enum qa_err	 er = QA_OK;

	if ((query = arena_printf(a, "%s : \"%s\"", col, word)) == NULL)
		return QA_ESYS;
	if ((st = db_stmt(db, &related_fts_stmts, RELATED_FTS_FIND)) == NULL)
		return QA_ESYS;
	if (!db_bind_text(st, 1, query)) {
		db_done(st);
		return QA_ESYS;
	}
	sqlite3_bind_int64(st, 2, RELATED_COMMON + 1);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		found++;
		if (sqlite3_column_int64(st, 0) == skip)
			continue;
		c[*n].id = sqlite3_column_int64(st, 0);
		c[*n].text = 0;
		c[*n].score = 0;
		(*n)++;
	}
	if (rc != SQLITE_DONE)
		er = db_err(db, rc, "related_compute");
	db_done(st);
	if (er != QA_OK || found > RELATED_COMMON || *n == start) {
		*n = start;
		return er;
	}
	w *= log2ish(2.0 * RELATED_COMMON / (double)found);
	for (i = start; i < *n; i++)
		c[i].text = w;
	return QA_OK;
}

/* qsort order of candidates by id. */
static int
id_cmp(const void *x, const void *y)
{
	const struct cand	*a = x, *b = y;

	return a->id < b->id ? -1 : a->id > b->id;
}

/* qsort order of candidates: best score first, then the newest. */
static int
score_cmp(const void *x, const void *y)
{
	const struct cand	*a = x, *b = y;

	if (a->score != b->score)
		return a->score > b->score ? -1 : 1;
	return a->id > b->id ? -1 : a->id < b->id;
}

/*
 * The questions that share words with question q (see the top of this
 * file), the best RELATED_CANDIDATES of them into c, best first, with
 * their text weight in text and score; *n is how many.  One full-text
 * lookup per word.  Returns QA_OK, QA_ESYS, or the database error.
 */
static enum qa_err
text_candidates(struct db *db, struct arena *a, const struct post *q,
    struct cand *c, size_t *n)
{
	struct words	 ws;
	struct cand	*h;
	size_t		 ntitle, nh = 0, i, k;
	enum qa_err	 er;

	*n = 0;
	ws.n = 0;
	words_add(&ws, q->title, RELATED_TITLE_WORDS);
	ntitle = ws.n;
	words_add(&ws, q->tags, RELATED_WORDS);
	if (ws.n == 0)
		return QA_OK;
	if ((h = arena_calloc(a, ws.n * (RELATED_COMMON + 1), sizeof(*h))) ==
	    NULL)
		return QA_ESYS;
	for (i = 0; i < ws.n; i++)
		if ((er = find(db, a, i < ntitle ? "title" : "tags", ws.w[i],
		    i < ntitle ? 1.0 : RELATED_TAG_WORD, q->id, h, &nh)) !=
		    QA_OK)
			return er;
	if (nh == 0)
		return QA_OK;
	/* One entry per question, with the sum of its words' weights. */
	qsort(h, nh, sizeof(*h), id_cmp);
	for (i = 1, k = 0; i < nh; i++)
		if (h[i].id == h[k].id)
			h[k].text += h[i].text;
		else
			h[++k] = h[i];
	nh = k + 1;
	for (i = 0; i < nh; i++)
		h[i].score = h[i].text;
	qsort(h, nh, sizeof(*h), score_cmp);
	*n = nh < RELATED_CANDIDATES ? nh : RELATED_CANDIDATES;
	memcpy(c, h, *n * sizeof(*c));
	return QA_OK;
}

/*
 * Score the n candidates c (best text weight first): text relative to
 * the best one's (in (0, 1]) plus RELATED_TAG_WEIGHT for each tag of
 * question id that a candidate has (one query), and sort them by it.
 * Returns QA_OK or the database error.
 */
static enum qa_err
score(struct db *db, int64_t id, struct cand *c, size_t n)
{
	sqlite3_stmt	*st;
	int64_t		 pid, shared;
	size_t		 i;
	int		 rc;
	enum qa_err	 er = QA_OK;

	for (i = 0; i < n; i++)
		c[i].score = c[0].text > 0 ? c[i].text / c[0].text : 1.0;
	if ((st = db_stmt(db, &related_stmts, RELATED_STMT_SHARED)) == NULL)
		return QA_ESYS;
	sqlite3_bind_int64(st, 1, id);
	for (i = 0; i < n; i++)
		sqlite3_bind_int64(st, (int)i + 2, c[i].id);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		pid = sqlite3_column_int64(st, 0);
		shared = sqlite3_column_int64(st, 1);
		for (i = 0; i < n; i++)
			if (c[i].id == pid)
				c[i].score += RELATED_TAG_WEIGHT *
				    (double)shared;
	}
	if (rc != SQLITE_DONE)
		er = db_err(db, rc, "related_compute");
	db_done(st);
	if (er == QA_OK)
		qsort(c, n, sizeof(*c), score_cmp);
	return er;
}

/* Whether id is q or one of the n ids. */
static bool
taken(int64_t q, const int64_t *ids, size_t n, int64_t id)
{
	size_t	 i;

	if (id == q)
		return true;
	for (i = 0; i < n; i++)
		if (ids[i] == id)
			return true;
	return false;
}

/* One row of TAGS: a tag id and its qcount into two int64_t. */
static enum qa_err
tag_row(struct arena *a, sqlite3_stmt *st, void *v)
{
	int64_t	*t = v;

	(void)a;
	t[0] = db_col_int(st, 0);
	t[1] = db_col_int(st, 1);
	return QA_OK;
}

/*
 * Fill ids (holding *n, room for RELATED_MAX) with the newest visible
 * questions that share a tag with question q, its rarest tag first, then
 * the next rarest, until full; q and the ids already there are skipped.
 * A tag's questions are read as its question list is (post_list()), a
 * page of them.  Returns QA_OK or the database error.
 */
static enum qa_err
fill(struct db *db, struct arena *a, const struct post *q, int64_t *ids,
    size_t *n)
{
	sqlite3_stmt	*st;
	struct post	*v;
	void		*tv;
	int64_t		*t;
	size_t		 nt, nv, i, k;
	enum qa_err	 er;

	if ((st = db_stmt(db, &related_stmts, RELATED_STMT_TAGS)) == NULL)
		return QA_ESYS;
	sqlite3_bind_int64(st, 1, q->id);
	if ((er = db_rows(db, st, a, 2 * sizeof(int64_t), DB_ROWS_ALL,
	    tag_row, &tv, &nt, "related_compute")) != QA_OK)
		return er;
	t = tv;
	for (k = 0; k < nt && *n < RELATED_MAX; k++) {
		/* Only q has the tag (qcount counts q). */
		if (t[2 * k + 1] < 2)
			continue;
		if ((er = post_list(db, a, t[2 * k + 1] >= POST_LIST_WIDE ?
		    POST_LIST_TAG_WIDE : POST_LIST_TAG, t[2 * k], 0,
		    (int64_t)(RELATED_MAX + *n + 1), &v, &nv)) != QA_OK)
			return er;
		for (i = 0; i < nv && *n < RELATED_MAX; i++)
			if (!taken(q->id, ids, *n, v[i].id))
				ids[(*n)++] = v[i].id;
	}
	return QA_OK;
}

/*
 * Compute the related questions of question q (id, title and tags are
 * used) into ids, room for RELATED_MAX, best first; *n is how many (0
 * for a question with no usable word and no tag shared with another).
 * See the top of this file for how.  One full-text lookup per word (up
 * to RELATED_WORDS), one query for shared tags, and for the filling one
 * for the tags and one per tag read; allocates from the arena.  Returns
 * QA_OK, QA_ESYS, or the database error.
 */
enum qa_err
related_compute(struct db *db, struct arena *a, const struct post *q,
    int64_t *ids, size_t *n)
{
	struct cand	 c[RELATED_CANDIDATES];
	size_t		 nc, i;
	enum qa_err	 er;

	*n = 0;
	if ((er = text_candidates(db, a, q, c, &nc)) != QA_OK)
		return er;
	if (nc > 0 && (er = score(db, q->id, c, nc)) != QA_OK)
		return er;
	for (i = 0; i < nc && *n < RELATED_MAX; i++)
		ids[(*n)++] = c[i].id;
	if (*n < RELATED_MAX)
		return fill(db, a, q, ids, n);
	return QA_OK;
}

/*
 * Parse a related.ids value (decimal ids separated by single spaces, ""
 * for none) into ids, room for RELATED_MAX.  Returns how many, or -1 for
 * a value that is not of that form or holds too many.
 */
static int
ids_parse(const char *s, int64_t *ids)
{
	const char	*p = s;
	char		*end;
	long long	 v;
	int		 n = 0;

	if (s == NULL)
		return -1;
	while (*p != '\0') {
		if (n == RELATED_MAX || *p < '1' || *p > '9')
			return -1;
		v = strtoll(p, &end, 10);
		if (v <= 0 || v == LLONG_MAX)
			return -1;
		ids[n++] = v;
		p = end;
		if (*p == ' ' && p[1] != '\0')
			p++;
		else if (*p != '\0')
			return -1;
	}
	return n;
}

/* ids as a related.ids value into s (RELATED_IDS_LEN bytes). */
static void
ids_format(char *s, const int64_t *ids, size_t n)
{
	size_t	 i, len = 0;

	s[0] = '\0';
	for (i = 0; i < n && i < RELATED_MAX; i++)
		len += (size_t)snprintf(s + len, RELATED_IDS_LEN - len,
		    "%s%lld", i > 0 ? " " : "", (long long)ids[i]);
}

/*
 * Keep the list computed at now for question id until related_flush():
 * in its slot if it has one, else in a free one; dropped when all are
 * taken (it is computed again on a later view).
 */
static void
remember(int64_t id, const int64_t *ids, size_t n, int64_t now)
{
	struct pending	*p = NULL;
	size_t		 i;

	for (i = 0; i < RELATED_PENDING; i++)
		if (pending[i].question == id) {
			p = &pending[i];
			break;
		} else if (p == NULL && pending[i].question == 0)
			p = &pending[i];
	if (p == NULL)
		return;
	p->question = id;
	p->computed = now;
	ids_format(p->ids, ids, n);
}

/* One row of GET: ids (text) and computed. */
struct cached {
	char	*ids;
	int64_t	 computed;
};

/* The row function of GET. */
static enum qa_err
cached_row(struct arena *a, sqlite3_stmt *st, void *v)
{
	struct cached	*c = v;

	c->ids = db_col_text(a, st, 0);
	c->computed = db_col_int(st, 1);
	return c->ids == NULL ? QA_ESYS : QA_OK;
}

/*
 * The row function of SHOW: a struct post with id, title, slug (made
 * from the title when the stored one is empty), score, answer_count,
 * accepted_id and closed.
 */
static enum qa_err
show_row(struct arena *a, sqlite3_stmt *st, void *v)
{
	struct post	*p = v;

	p->id = db_col_int(st, 0);
	p->type = POST_QUESTION;
	p->status = POST_VISIBLE;
	p->question_id = p->id;
	p->title = db_col_text(a, st, 1);
	p->slug = db_col_text(a, st, 2);
	p->score = db_col_int(st, 3);
	p->answer_count = db_col_int(st, 4);
	p->accepted_id = db_col_int(st, 5);
	p->closed = db_col_int(st, 6) != 0;
	if (p->title == NULL)
		return QA_ESYS;
	if ((p->slug == NULL || p->slug[0] == '\0') &&
	    (p->slug = util_slug(a, p->title)) == NULL)
		return QA_ESYS;
	return QA_OK;
}

/*
 * Read the visible questions among the n ids into *out, in the order of
 * ids, up to limit (<= RELATED_MAX): the first limit ids by primary key,
 * and when some of them are not visible as many of the next ones, until
 * limit are found or the ids run out.  One query when all are visible.
 * Returns QA_OK or the database error.
 */
static enum qa_err
show(struct db *db, struct arena *a, const int64_t *ids, size_t n,
    int64_t limit, struct post **out, size_t *nout)
{
	sqlite3_stmt	*st;
	struct post	*v, *rows;
	void		*rv;
	size_t		 want = (size_t)limit, from = 0, batch, nrows, i, k;
	enum qa_err	 er;

	if (n == 0)
		return QA_OK;
	if ((v = arena_calloc(a, want, sizeof(*v))) == NULL)
		return QA_ESYS;
	while (from < n && *nout < want) {
		batch = want - *nout;
		if (batch > n - from)
			batch = n - from;
		if ((st = db_stmt(db, &related_stmts, RELATED_STMT_SHOW)) ==
		    NULL)
			return QA_ESYS;
		for (i = 0; i < batch; i++)
			sqlite3_bind_int64(st, (int)i + 1, ids[from + i]);
		if ((er = db_rows(db, st, a, sizeof(*rows), RELATED_MAX,
		    show_row, &rv, &nrows, "related_get")) != QA_OK)
			return er;
		rows = rv;
		for (i = 0; i < batch; i++)
			for (k = 0; k < nrows; k++)
				if (rows[k].id == ids[from + i]) {
					v[(*nout)++] = rows[k];
					break;
				}
		from += batch;
	}
	if (*nout > 0)
		*out = v;
	return QA_OK;
}

/*
 * The related questions of question q (id, type, status, title, tags
 * and edited are used) as a page at time now shows them: up to limit
 * visible questions, best first, each with id, title, slug, score,
 * answer_count, accepted_id and closed.  Read from the cache when its row
 * is fresh (see the top of this file), else computed with
 * related_compute() and kept for related_flush().  Nothing for a
 * question that is not visible or a limit <= 0.  *out is an arena array
 * of *n posts (NULL when none).  Two queries on a fresh cache (more when
 * some of its questions are no longer visible).  Returns QA_OK, QA_ESYS,
 * or the database error.
 */
enum qa_err
related_get(struct db *db, struct arena *a, const struct post *q,
    int64_t limit, int64_t now, struct post **out, size_t *n)
{
	sqlite3_stmt	*st;
	struct cached	 c;
	int64_t		 ids[RELATED_MAX];
	size_t		 nids;
	int		 k = -1;
	enum qa_err	 er;

	*out = NULL;
	*n = 0;
	if (limit > RELATED_MAX)
		limit = RELATED_MAX;
	if (limit <= 0 || q->type != POST_QUESTION ||
	    q->status != POST_VISIBLE)
		return QA_OK;
	if ((st = db_stmt(db, &related_stmts, RELATED_STMT_GET)) == NULL)
		return QA_ESYS;
	sqlite3_bind_int64(st, 1, q->id);
	memset(&c, 0, sizeof(c));
	er = db_one(db, st, a, cached_row, &c, "related_get");
	if (er != QA_OK && er != QA_ENOTFOUND)
		return er;
	if (er == QA_OK && c.computed > q->edited &&
	    c.computed > now - RELATED_TTL)
		k = ids_parse(c.ids, ids);
	if (k >= 0)
		nids = (size_t)k;
	else {
		if ((er = related_compute(db, a, q, ids, &nids)) != QA_OK)
			return er;
		remember(q->id, ids, nids, now);
	}
	return show(db, a, ids, nids, limit, out, n);
}

/* Whether computed lists wait for related_flush(). */
bool
related_pending(void)
{
	size_t	 i;

	for (i = 0; i < RELATED_PENDING; i++)
		if (pending[i].question != 0)
			return true;
	return false;
}

/* Forget the lists waiting for related_flush().  For tests. */
void
related_forget(void)
{
	memset(pending, 0, sizeof(pending));
}

/*
 * Write the computed lists to the table related, in one transaction
 * (BEGIN IMMEDIATE), and forget them, written or not: a list that could
 * not be written is computed again on a later view.  The connection must
 * accept writes (the view program turns query_only off for this).  A
 * question purged meanwhile is skipped.  Returns QA_OK (also when
 * nothing waits) or the database error (logged).
 */
enum qa_err
related_flush(struct db *db)
{
	sqlite3_stmt	*st;
	size_t		 i;
	enum qa_err	 er;

	if (!related_pending())
		return QA_OK;
	if ((er = db_tx_begin(db)) != QA_OK)
		goto out;
	for (i = 0; i < RELATED_PENDING; i++) {
		if (pending[i].question == 0)
			continue;
		if ((st = db_stmt(db, &related_stmts, RELATED_STMT_PUT)) ==
		    NULL) {
			er = QA_ESYS;
			goto out;
		}
		sqlite3_bind_int64(st, 1, pending[i].question);
		sqlite3_bind_int64(st, 3, pending[i].computed);
		if (!db_bind_text(st, 2, pending[i].ids)) {
			db_done(st);
			er = QA_ESYS;
			goto out;
		}
		if ((er = db_run(db, st, "related_flush")) != QA_OK)
			goto out;
	}
out:
	if (er == QA_OK)
		er = db_tx_commit(db);
	if (er != QA_OK) {
		db_tx_rollback(db);
		fprintf(stderr, "related: related_flush: lists dropped\n");
	}
	related_forget();
	return er;
}
