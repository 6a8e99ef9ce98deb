/*
 * search: what a reader types into the search box, through lib/search.c:
 * search_parse(), its FTS5 query (search_match()), search_run() and
 * search_suggest() against a small site, and search_html().
 *
 * The input is the query, up to its first NUL (the form parser lets no
 * NUL through).  The site is an in-memory database with the schema, made
 * once at start: two users, a few tags, visible questions, a hidden one
 * and an answer, and two thousand questions of one tag, all in posts_fts
 * as lib/post.c keeps it.
 *
 * Checked: a query over SEARCH_Q_MAX bytes is QA_ETOOBIG, any other
 * parses; the parsed terms and tags keep their limits, terms are text
 * without control characters, a phrase holds no '"', OR joins only two
 * positive terms, tags are normalized; the FTS5 query runs (FTS5 reads
 * no syntax of the reader's); search_run() and search_suggest() return
 * QA_OK with no query refused by FTS5, and find only visible questions,
 * within the page asked for; a suggestion parses and runs as well; and
 * search_html() of the query and of every marked title and snippet is
 * text and <mark> elements only, well-formed, that reads back as the
 * text without its control characters.
 */
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "db.h"
#include "search.h"
#include "tag.h"
#include "fuzz.h"

#define PAGE	5	/* results asked for */

/*
 * Questions BIG_FIRST on, all tagged "common" and with the words of
 * their title and body: more than RANK_MAX matches of a word (the floor
 * of the ranking) and TAG_WALK_MAX and POST_LIST_WIDE questions of a tag
 * (the popular tag's plans).
 */
#define BIG_FIRST	"100"
#define BIG_N		"2100"

static const char fixture[] =
	"INSERT INTO users (id, handle, level, points, created) VALUES"
	" (1, 'alice', 1, 10, 1), (2, 'bob', 1, 20, 1);"
	"INSERT INTO tags (id, name, qcount) VALUES (1, 'sleep', 2),"
	" (2, 'anxiety', 2), (3, 'unused', 0), (4, 'c++', 1),"
	" (5, 'sleeping', 1), (6, 'психология', 1);"
	"INSERT INTO posts (id, type, parent_id, question_id, title, slug,"
	" body_md, body_html, tags, user_id, anon_name, created, activity,"
	" answer_count, closed, status) VALUES"
	" (1, 1, NULL, 1, 'Insomnia and noise', 'insomnia-and-noise',"
	"  'I cannot sleep when the neighbour plays drums at night.', '',"
	"  'sleep', 1, NULL, 100, 100, 0, 0, 1),"
	" (2, 1, NULL, 2, 'How to sleep better', 'sleep',"
	"  'Tips & a \"routine\".', '', 'sleep anxiety', 2, NULL, 200, 200, 1,"
	"  0, 1),"
	" (3, 1, NULL, 3, 'Panic <at> work', 'panic-at-work',"
	"  'My heart races; my sleep is fine though. Café crème.', '',"
	"  'anxiety c++', 2, NULL, 300, 300, 0, 1, 1),"
	" (4, 1, NULL, 4, 'Сон и тревога', 'son',"
	"  'Не могу уснуть: психология сна, sleeping', '',"
	"  'психология sleeping', NULL, 'Guest', 400, 400, 0, 0, 1),"
	" (5, 2, 2, 2, NULL, NULL, 'Keep a routine.', '', '', 1, NULL, 250,"
	"  250, 0, 0, 1),"
	" (6, 1, NULL, 6, 'Hidden sleep drums', 'hidden', 'Hidden sleep.',"
	"  '', 'sleep', 1, NULL, 500, 500, 0, 0, 2);"
	"UPDATE posts SET accepted_id = 5 WHERE id = 2;"
	"INSERT INTO post_tags (tag_id, post_id) VALUES (1, 1), (1, 2),"
	" (2, 2), (2, 3), (4, 3), (5, 4), (6, 4), (1, 6);"
	/* Enough of one kind for the paths of a big site (see below). */
	"INSERT INTO tags (id, name, qcount) VALUES (7, 'common', "
	" " BIG_N ");"
	"WITH RECURSIVE n(i) AS (SELECT " BIG_FIRST " UNION ALL SELECT i + 1"
	" FROM n WHERE i < " BIG_FIRST " + " BIG_N " - 1)"
	" INSERT INTO posts (id, type, question_id, title, slug, body_md,"
	" body_html, tags, user_id, created, activity, answer_count, status)"
	" SELECT i, 1, i, 'Paging question ' || i, 'paging',"
	" 'Common words about paging.', '', 'common', 1, 1000 + i,"
	" 1000 + i, i % 3 = 0, 1 FROM n;"
	"INSERT INTO post_tags (tag_id, post_id) SELECT 7, id FROM posts"
	" WHERE id >= " BIG_FIRST ";"
	"INSERT INTO posts_fts (rowid, title, body, tags) SELECT id, title,"
	" body_md, tags FROM posts WHERE type = 1 AND status = 1;";

static struct db	*db;
static sqlite3_stmt	*match_st;

/*
 * The invariants of search_html() output: text, in which '&' starts one
 * of the five entities it writes and no '<', '>', '"' or '\'' stands
 * alone, and <mark>...</mark> around something, never nested, never
 * left open.  When text is not NULL, the output read back (marks
 * dropped, entities decoded) is text without its control characters
 * but tab and newline.
 */
static void
check_marked(const char *html, const char *text)
{
	static const char *const ent[][2] = {
		{ "&amp;", "&" }, { "&lt;", "<" }, { "&gt;", ">" },
		{ "&quot;", "\"" }, { "&#39;", "'" },
	};
	struct buf	 back = { 0 }, want = { 0 };
	const char	*p;
	size_t		 k;
	bool		 open = false;

	FUZZ_CHECK(html != NULL);
	for (p = html; *p != '\0'; ) {
		if (strncmp(p, "<mark>", 6) == 0) {
			FUZZ_CHECK(!open && strncmp(p + 6, "</mark>", 7) != 0);
			open = true;
			p += 6;
			continue;
		}
		if (strncmp(p, "</mark>", 7) == 0) {
			FUZZ_CHECK(open);
			open = false;
			p += 7;
			continue;
		}
		FUZZ_CHECK(strchr("<>\"'\x7f", *p) == NULL);
		FUZZ_CHECK((unsigned char)*p >= 0x20 || *p == '\t' ||
		    *p == '\n');
		if (*p == '&') {
			for (k = 0; k < nitems(ent); k++)
				if (strncmp(p, ent[k][0],
				    strlen(ent[k][0])) == 0)
					break;
			FUZZ_CHECK(k < nitems(ent));
			buf_puts(&back, ent[k][1]);
			p += strlen(ent[k][0]);
			continue;
		}
		buf_putc(&back, *p++);
	}
	FUZZ_CHECK(!open);
	if (text != NULL) {
		for (p = text; *p != '\0'; p++)
			if (((unsigned char)*p >= 0x20 && *p != 0x7f) ||
			    *p == '\t' || *p == '\n')
				buf_putc(&want, *p);
		buf_puts(&back, "");
		buf_puts(&want, "");
		FUZZ_CHECK(strcmp(buf_cstr(&back), buf_cstr(&want)) == 0);
	}
	buf_free(&back);
	buf_free(&want);
}

/* A string of search_parse(): text, no control character. */
static void
check_text(const char *s)
{
	const char	*p;

	FUZZ_CHECK(s != NULL && fuzz_utf8_ok(s, strlen(s)));
	for (p = s; *p != '\0'; p++)
		FUZZ_CHECK((unsigned char)*p >= 0x20 && *p != 0x7f);
}

static void
check_query(struct arena *a, const struct search_query *sq)
{
	const struct search_term	*t;
	char				*norm;
	const char			*why;
	size_t				 i, j, n;

	FUZZ_CHECK(sq->nterms <= SEARCH_TERMS_MAX);
	FUZZ_CHECK(sq->ntags <= SEARCH_TERMS_MAX);
	for (i = 0; i < sq->nterms; i++) {
		t = &sq->terms[i];
		check_text(t->text);
		FUZZ_CHECK(strspn(t->text, " ") < strlen(t->text));
		if (t->phrase)
			FUZZ_CHECK(strchr(t->text, '"') == NULL);
		if (t->or_next)
			FUZZ_CHECK(i + 1 < sq->nterms && !t->exclude &&
			    !sq->terms[i + 1].exclude);
	}
	for (i = 0; i < sq->ntags; i++) {
		check_text(sq->tags[i]);
		/* Normalized: normalizing again changes nothing. */
		FUZZ_CHECK(tag_normalize(a, sq->tags[i], &norm, &n, &why) ==
		    QA_OK && n == 1 && strcmp(norm, sq->tags[i]) == 0);
		for (j = 0; j < i; j++)
			FUZZ_CHECK(strcmp(sq->tags[i], sq->tags[j]) != 0);
	}
	if (sq->user != NULL)
		check_text(sq->user);
	if (sq->bad_tag != NULL)
		check_text(sq->bad_tag);
	if (sq->bad_is != NULL)
		check_text(sq->bad_is);
}

/*
 * Run sq from offset (and, when deep, its suggestion); check what comes
 * back.
 */
static void
check_run(struct arena *a, const struct search_query *sq, int64_t offset,
    bool deep)
{
	struct search_query	 sq2;
	struct search_result	 r;
	char			*m, *s;
	size_t			 i;
	int			 rc;
	enum qa_err		 er;

	FUZZ_CHECK(search_match(db, a, sq, &m) == QA_OK);
	if (m != NULL) {
		sqlite3_bind_text(match_st, 1, m, -1, SQLITE_STATIC);
		rc = sqlite3_step(match_st);
		sqlite3_reset(match_st);
		sqlite3_clear_bindings(match_st);
		FUZZ_CHECK(rc == SQLITE_ROW);
	}
	FUZZ_CHECK(search_run(db, a, sq, offset, PAGE, 20, &r) == QA_OK);
	FUZZ_CHECK(r.status != SEARCH_REJECTED);
	FUZZ_CHECK(r.status != SEARCH_EMPTY || m == NULL);
	FUZZ_CHECK(r.nhits <= PAGE && r.total >= (int64_t)r.nhits);
	for (i = 0; i < r.nhits; i++) {
		/* The visible questions only: not 5 nor 6. */
		FUZZ_CHECK((r.hits[i].post.id >= 1 && r.hits[i].post.id <= 4) ||
		    (r.hits[i].post.id >= atoi(BIG_FIRST) &&
		    r.hits[i].post.id < atoi(BIG_FIRST) + atoi(BIG_N)));
		if (r.hits[i].title != NULL)
			check_marked(search_html(a, r.hits[i].title), NULL);
		if (r.hits[i].snippet != NULL)
			check_marked(search_html(a, r.hits[i].snippet), NULL);
	}
	if (!deep)
		return;
	FUZZ_CHECK(search_suggest(db, a, sq, &s) == QA_OK);
	if (s == NULL)
		return;
	er = search_parse(a, s, &sq2);
	FUZZ_CHECK(er == QA_OK || er == QA_ETOOBIG);
	if (er == QA_OK) {
		check_query(a, &sq2);
		check_run(a, &sq2, 0, false);
	}
}

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	if (db_open(":memory:", DB_CREATE, &db) != QA_OK ||
	    db_init_schema(db) != QA_OK || db_exec(db, fixture) != QA_OK ||
	    sqlite3_prepare_v2(db_handle(db), "SELECT count(*) FROM "
	    "posts_fts WHERE posts_fts MATCH ?1", -1, &match_st, NULL) !=
	    SQLITE_OK) {
		fprintf(stderr, "search: cannot make the site\n");
		exit(1);
	}
	/* The site's pages run so (lib/serve.c): search never writes. */
	db_query_only(db, true);
	return 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct search_query	 sq;
	struct arena		 a;
	char			*q;
	enum qa_err		 er;

	arena_init(&a);
	if ((q = arena_strndup(&a, (const char *)data, size)) == NULL) {
		arena_free(&a);
		return 0;
	}
	check_marked(search_html(&a, q), q);
	er = search_parse(&a, q, &sq);
	if (strlen(q) > SEARCH_Q_MAX)
		FUZZ_CHECK(er == QA_ETOOBIG);
	else {
		FUZZ_CHECK(er == QA_OK);
		check_query(&a, &sq);
		/* Pages 1 to 4 of 3 results, by the query's length. */
		check_run(&a, &sq, (int64_t)(size % 4) * 3, true);
	}
	arena_free(&a);
	return 0;
}
