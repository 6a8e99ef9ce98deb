/*
 * search-t: the search query language and the search itself.  The
 * parser: each operator, phrases, exclusions, OR, case, the limits, and
 * hostile or random text, whose FTS5 query must run against a real
 * posts_fts without an error.  search_run() on a small known site: a
 * title match ranks above a body-only match, each operator filters,
 * operators alone list newest first, paging and counting, the marks,
 * the bound on the matches ranked; search_html() keeps any stored text
 * safe; search_suggest() corrects a misspelt word or tag; the bm25 that
 * search registers scores as FTS5's own.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "db.h"
#include "search.h"
#include "tap.h"
#include "testdb.h"

/*
 * The site: users alice (1) and bob (2); tags sleep, anxiety and an
 * unused one; visible questions 1-4 (see each), a hidden one (6) that is
 * not in the index, an answer (5), and questions 10-34 that differ only
 * in their number, for paging.  Every visible question is in posts_fts,
 * as lib/post.c keeps it.
 */
static const char fixture[] =
	"INSERT INTO users (id, handle, level, points, created) VALUES"
	" (1, 'alice', 1, 10, 1), (2, 'bob', 1, 20, 1);"
	"INSERT INTO tags (id, name, qcount) VALUES (1, 'sleep', 2),"
	" (2, 'anxiety', 2), (3, 'unused', 0);"
	"INSERT INTO posts (id, type, parent_id, question_id, title, slug,"
	" body_md, body_html, tags, user_id, anon_name, created, activity,"
	" answer_count, closed, status) VALUES"
	" (1, 1, NULL, 1, 'Insomnia and noise', 'insomnia-and-noise',"
	"  'I cannot sleep when the neighbour plays drums at night.', '',"
	"  'sleep', 1, NULL, 100, 100, 0, 0, 1),"
	" (2, 1, NULL, 2, 'How to sleep better', '', 'Tips about a routine.',"
	"  '', 'sleep anxiety', 2, NULL, 200, 200, 1, 0, 1),"
	" (3, 1, NULL, 3, 'Panic at work', 'panic-at-work',"
	"  'My heart races; my sleep is fine though.', '', 'anxiety', 2,"
	"  NULL, 300, 300, 0, 1, 1),"
	" (4, 1, NULL, 4, 'Drums practice schedule', 'drums',"
	"  'When may I play drums in a flat?', '', '', NULL, 'Guest', 400,"
	"  400, 0, 0, 1),"
	" (5, 2, 2, 2, NULL, NULL, 'Keep a routine.', '', '', 1, NULL, 250,"
	"  250, 0, 0, 1),"
	" (6, 1, NULL, 6, 'Hidden sleep drums', 'hidden', 'Hidden sleep.',"
	"  '', 'sleep', 1, NULL, 500, 500, 0, 0, 2);"
	"UPDATE posts SET accepted_id = 5 WHERE id = 2;"
	"INSERT INTO post_tags (tag_id, post_id) VALUES (1, 1), (1, 2),"
	" (2, 2), (2, 3), (1, 6);"
	"WITH RECURSIVE n(i) AS (SELECT 10 UNION ALL SELECT i + 1 FROM n"
	" WHERE i < 34) INSERT INTO posts (id, type, question_id, title,"
	" slug, body_md, body_html, tags, user_id, created, activity, status)"
	" SELECT i, 1, i, 'Paging question ' || i, 'paging', 'Paginate me.',"
	" '', '', 1, 1000 + i, 1000 + i, 1 FROM n;"
	"INSERT INTO posts_fts (rowid, title, body, tags) SELECT id, title,"
	" body_md, tags FROM posts WHERE type = 1 AND status = 1;";

static struct db	*db;
static struct arena	 a;
static struct testdb	 tdb;

/* Parse q into sq; bails out on an error other than QA_ETOOBIG. */
static enum qa_err
parse(const char *q, struct search_query *sq)
{
	enum qa_err	 er;

	er = search_parse(&a, q, sq);
	if (er != QA_OK && er != QA_ETOOBIG)
		bail("search_parse failed");
	return er;
}

/* The FTS5 query of q: "(null)" for no text, "error" if it fails. */
static const char *
match(const char *q)
{
	struct search_query	 sq;
	char			*m;

	if (parse(q, &sq) != QA_OK ||
	    search_match(db, &a, &sq, &m) != QA_OK)
		return "error";
	return m != NULL ? m : "(null)";
}

/*
 * Whether the FTS5 query of q runs against posts_fts without an error
 * (no text counts as running).  Writes FTS5's complaint into why.
 */
static int
runs(const char *q, char *why, size_t whysz)
{
	struct search_query	 sq;
	sqlite3_stmt		*st;
	char			*m;
	int			 rc;

	if (search_parse(&a, q, &sq) != QA_OK) {
		snprintf(why, whysz, "search_parse failed");
		return 0;
	}
	if (search_match(db, &a, &sq, &m) != QA_OK) {
		snprintf(why, whysz, "search_match failed");
		return 0;
	}
	if (m == NULL)
		return 1;
	if (sqlite3_prepare_v2(db_handle(db), "SELECT count(*) FROM posts_fts "
	    "WHERE posts_fts MATCH ?1", -1, &st, NULL) != SQLITE_OK)
		bail("cannot prepare the MATCH test");
	sqlite3_bind_text(st, 1, m, -1, SQLITE_STATIC);
	rc = sqlite3_step(st);
	if (rc != SQLITE_ROW)
		snprintf(why, whysz, "%s: %s", m,
		    sqlite3_errmsg(db_handle(db)));
	sqlite3_finalize(st);
	return rc == SQLITE_ROW;
}

/*
 * The ids search_run() finds for q from offset, up to limit, counting
 * up to cap from offset, as "1 2 3" (with r filled); "error" on failure.
 */
static const char *
find(const char *q, int64_t offset, int64_t limit, int64_t cap,
    struct search_result *r)
{
	static char		 s[256];
	struct search_query	 sq;
	size_t			 i, len = 0;

	if (parse(q, &sq) != QA_OK ||
	    search_run(db, &a, &sq, offset, limit, cap, r) != QA_OK)
		return "error";
	s[0] = '\0';
	for (i = 0; i < r->nhits && len < sizeof(s) - 24; i++)
		len += (size_t)snprintf(s + len, sizeof(s) - len, "%s%lld",
		    i > 0 ? " " : "", (long long)r->hits[i].post.id);
	return s;
}

/* find() with the first 20 and the usual count. */
static const char *
ids(const char *q)
{
	struct search_result	 r;

	return find(q, 0, 20, SEARCH_COUNT_MAX, &r);
}

/* The status of search_run() for q, or -1 on failure. */
static int
status(const char *q)
{
	struct search_result	 r;

	if (strcmp(find(q, 0, 20, SEARCH_COUNT_MAX, &r), "error") == 0)
		return -1;
	return (int)r.status;
}

/* The suggestion for q: "(null)" for none, "error" if it fails. */
static const char *
suggest(const char *q)
{
	struct search_query	 sq;
	char			*s;

	if (parse(q, &sq) != QA_OK ||
	    search_suggest(db, &a, &sq, &s) != QA_OK)
		return "error";
	return s != NULL ? s : "(null)";
}

/* How many times needle occurs in hay. */
static size_t
occurs(const char *hay, const char *needle)
{
	size_t	 n = 0;

	while (hay != NULL && (hay = strstr(hay, needle)) != NULL) {
		n++;
		hay += strlen(needle);
	}
	return n;
}

static void
test_parse(void)
{
	struct search_query	 sq;
	char			 q[SEARCH_Q_MAX + 2];

	parse("  Apple  pie\t", &sq);
	ok(sq.nterms == 2 && strcmp(sq.terms[0].text, "Apple") == 0 &&
	    strcmp(sq.terms[1].text, "pie") == 0 && !sq.terms[0].phrase &&
	    !sq.terms[0].exclude, "words");
	parse("\"apple pie\" crust", &sq);
	ok(sq.nterms == 2 && sq.terms[0].phrase &&
	    strcmp(sq.terms[0].text, "apple pie") == 0 &&
	    !sq.terms[1].phrase, "a phrase");
	parse("say \"unclosed phrase", &sq);
	ok(sq.nterms == 2 && sq.terms[1].phrase &&
	    strcmp(sq.terms[1].text, "unclosed phrase") == 0,
	    "an unclosed quote runs to the end");
	parse("a -b -\"c d\" - e", &sq);
	ok(sq.nterms == 5 && !sq.terms[0].exclude && sq.terms[1].exclude &&
	    strcmp(sq.terms[1].text, "b") == 0 && sq.terms[2].exclude &&
	    sq.terms[2].phrase && strcmp(sq.terms[2].text, "c d") == 0 &&
	    !sq.terms[3].exclude && strcmp(sq.terms[3].text, "-") == 0,
	    "exclusions; a lone minus is a word");
	parse("a OR b c", &sq);
	ok(sq.nterms == 3 && sq.terms[0].or_next && !sq.terms[1].or_next,
	    "OR between two terms");
	parse("a OR b OR \"c d\"", &sq);
	ok(sq.nterms == 3 && sq.terms[0].or_next && sq.terms[1].or_next,
	    "OR chains, with a phrase");
	parse("OR a OR", &sq);
	ok(sq.nterms == 1 && !sq.terms[0].or_next,
	    "OR at either end is ignored");
	parse("a OR -b -c OR d", &sq);
	ok(sq.nterms == 4 && !sq.terms[0].or_next && !sq.terms[1].or_next &&
	    !sq.terms[2].or_next,
	    "OR next to an exclusion is ignored");
	parse("a or b", &sq);
	ok(sq.nterms == 3 && !sq.terms[0].or_next &&
	    strcmp(sq.terms[1].text, "or") == 0, "lower-case or is a word");
	parse("a OR tag:x b", &sq);
	ok(sq.nterms == 2 && !sq.terms[0].or_next && sq.ntags == 1,
	    "OR next to an operator is ignored");
	parse("tag:Sleep TAG:anxiety,Sleep Tag:c++", &sq);
	ok(sq.nterms == 0 && sq.ntags == 3 &&
	    strcmp(sq.tags[0], "sleep") == 0 &&
	    strcmp(sq.tags[1], "anxiety") == 0 &&
	    strcmp(sq.tags[2], "c++") == 0 && sq.bad_tag == NULL,
	    "tag: in any case, lower-cased, split on commas, once each");
	parse("tag:a<b tag:ok", &sq);
	ok(sq.bad_tag != NULL && strcmp(sq.bad_tag, "a<b") == 0 &&
	    sq.ntags == 1, "a tag no tag can have is kept as bad_tag");
	parse("USER:Alice user:bob", &sq);
	ok(sq.user != NULL && strcmp(sq.user, "Alice") == 0 &&
	    sq.nterms == 0, "user: in any case; the first one counts");
	parse("IS:Answered is:UNANSWERED is:accepted Is:closed", &sq);
	is_int(sq.is, SEARCH_IS_ANSWERED | SEARCH_IS_UNANSWERED |
	    SEARCH_IS_ACCEPTED | SEARCH_IS_CLOSED, "every is: value");
	parse("is:nope x", &sq);
	ok(sq.is == 0 && sq.bad_is != NULL &&
	    strcmp(sq.bad_is, "nope") == 0 && sq.nterms == 1,
	    "an unknown is: value is kept as bad_is");
	parse("tag: user: is: title:x http://example.org :x", &sq);
	ok(sq.ntags == 0 && sq.user == NULL && sq.is == 0 &&
	    sq.nterms == 3 && strcmp(sq.terms[0].text, "title:x") == 0,
	    "empty operators are ignored; other names are plain words");
	parse("-tag:x", &sq);
	ok(sq.ntags == 0 && sq.nterms == 1 && sq.terms[0].exclude,
	    "a minus before an operator makes an excluded word");
	parse("1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 tag:x 17 18", &sq);
	ok(sq.nterms == 15 && sq.ntags == 1 && sq.truncated,
	    "at most 16 terms and operators; the rest is ignored");
	parse("1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16   ", &sq);
	ok(sq.nterms == 16 && !sq.truncated, "16 terms are not truncated");
	memset(q, 'a', SEARCH_Q_MAX);
	q[SEARCH_Q_MAX] = '\0';
	is_int(search_parse(&a, q, &sq), QA_OK, "a query of 256 bytes");
	q[SEARCH_Q_MAX] = 'a';
	q[SEARCH_Q_MAX + 1] = '\0';
	is_int(search_parse(&a, q, &sq), QA_ETOOBIG,
	    "a query of 257 bytes is too long");
	parse("a\001b \xff\xfe c\xc3", &sq);
	ok(sq.nterms == 2 && strcmp(sq.terms[0].text, "a b") == 0 &&
	    strcmp(sq.terms[1].text, "c") == 0,
	    "control characters become spaces, broken UTF-8 goes");
	parse(NULL, &sq);
	ok(sq.nterms == 0 && sq.ntags == 0, "no query");
}

static void
test_match(void)
{
	is_str(match("apple pie"), "(\"apple\" AND \"pie\")",
	    "words: quoted strings joined by AND");
	is_str(match("a OR b \"c d\""), "((\"a\" OR \"b\") AND \"c d\")",
	    "OR in parentheses, a phrase quoted");
	is_str(match("a -b -\"c d\""), "(\"a\") NOT \"b\" NOT \"c d\"",
	    "exclusions after NOT");
	is_str(match("x\"y NEAR(z"), "(\"x\"\"y\" AND \"NEAR(z\")",
	    "quotes doubled; syntax characters stay inside the strings");
	is_str(match("-a -b"), "(null)", "exclusions only: no text");
	is_str(match("*** -- ^ a"), "(\"a\")",
	    "terms without a token are left out");
	is_str(match("*** OR a"), "(\"a\")", "also inside an OR group");
	is_str(match("\xe2\x80\x94 \"\""), "(null)",
	    "only symbols: no text");
	is_str(match("tag:sleep is:answered"), "(null)",
	    "operators only: no text");
}

/* Hostile queries and random bytes: each FTS5 query must run. */
static void
test_hostile(void)
{
	static const char *const hostile[] = {
		"NEAR(a b)", "NEAR(a b, 2)", "a*", "*", "^a", "^", "a:b",
		":", "title:a", "{title body}: a", "- title : a", "a AND",
		"AND OR NOT", "NOT a", "a NOT", "\"", "\"\"", "\" \"",
		"\"\"\"\"", "(((", ")", "a + b", "+", "-", "--a", "- -",
		"a OR", "OR", "OR OR OR", "\"a\" OR \"", "col:", "rank:x",
		"rowid:1", "a\"b\"c", "\\\"", "x'y", "%", "\xc3\xbc\xe6\x97"
		"\xa5\xe6\x9c\xac", "\xe2\x80\x94", "\xf0\x9f\x98\x80",
		"\xf0\x9f\x98\x80 sleep", "a\tb\nc\rd", "\x01\x02\x7f",
		"sleep -sleep", "\"sleep\" -\"sleep\"", "posts_fts",
		"a OR -b OR c", "NEAR/3", "a NEAR b", "{", "}", "[a]",
	};
	char		 why[512], q[80];
	size_t		 i, j, len, bad = 0;
	unsigned int	 seed = 7;

	for (i = 0; i < nitems(hostile); i++) {
		why[0] = '\0';
		if (!runs(hostile[i], why, sizeof(why))) {
			bad++;
			diag("%s", why);
		}
	}
	is_int(bad, 0, "%zu hostile queries make FTS5 queries that run",
	    nitems(hostile));
	bad = 0;
	for (i = 0; i < 3000; i++) {
		seed = seed * 1103515245u + 12345u;
		len = 1 + (seed >> 16) % (sizeof(q) - 1);
		for (j = 0; j < len; j++) {
			seed = seed * 1103515245u + 12345u;
			/* Bytes 1-255, with quotes, spaces and '-' often. */
			switch ((seed >> 16) % 8) {
			case 0:
				q[j] = '"';
				break;
			case 1:
				q[j] = ' ';
				break;
			case 2:
				q[j] = "-:*^()+"[(seed >> 20) % 7];
				break;
			default:
				q[j] = (char)(1 + (seed >> 16) % 255);
				break;
			}
		}
		q[len] = '\0';
		why[0] = '\0';
		if (!runs(q, why, sizeof(why)) && bad++ < 5)
			diag("%s", why);
		if (i % 64 == 0)
			arena_reset(&a);
	}
	is_int(bad, 0, "3000 random byte strings make FTS5 queries that run");
}

static void
test_run(void)
{
	struct search_result	 r;
	struct search_hit	*h;
	const char		*s;

	is_str(ids("drums"), "4 1", "a title match ranks above a body match");
	is_str(ids("sleep"), "2 1 3",
	    "title first, then body and tags, then body alone");
	is_str(ids("SLEEP"), "2 1 3", "words in any case");
	is_str(ids("sleeping"), "2 1 3", "stemmed (porter)");
	is_str(ids("sleep drums"), "1", "every word must match");
	is_str(ids("\"neighbour plays\""), "1", "a phrase");
	is_str(ids("\"plays neighbour\""), "", "a phrase in its order only");
	is_str(ids("sleep -drums"), "2 3", "an exclusion");
	is_str(ids("insomnia OR panic"), "3 1", "OR");
	is_str(ids("hidden"), "", "a hidden question is never found");
	is_str(ids("sleep tag:anxiety"), "2 3", "tag: with words");
	is_str(ids("sleep tag:anxiety tag:sleep"), "2",
	    "tag: twice needs both");
	is_str(ids("sleep user:alice"), "1", "user: with words");
	is_str(ids("sleep USER:BOB"), "2 3", "user: in any case");
	is_str(ids("sleep is:answered"), "2", "is:answered");
	is_str(ids("sleep is:unanswered"), "1 3", "is:unanswered");
	is_str(ids("sleep is:accepted"), "2", "is:accepted");
	is_str(ids("sleep is:closed"), "3", "is:closed");
	is_str(ids("tag:sleep"), "2 1", "tag: alone: newest first");
	is_str(ids("user:bob"), "3 2", "user: alone: newest first");
	is_str(ids("user:bob tag:sleep"), "2", "user: and tag: alone");
	is_str(ids("tag:anxiety is:closed"), "3", "tag: and is: alone");
	is_str(find("is:unanswered", 0, 3, SEARCH_COUNT_MAX, &r), "34 33 32",
	    "is:unanswered alone: newest first");
	is_int(r.total, 28, "is:unanswered alone: counted");
	is_str(ids("is:answered is:accepted"), "2", "is: filters alone");
	is_int(status("tag:nosuch sleep"), SEARCH_NO_TAG, "an unknown tag");
	is_int(status("tag:a<b"), SEARCH_NO_TAG, "a tag no tag can have");
	is_int(status("user:nobody"), SEARCH_NO_USER, "an unknown user");
	is_int(status("*** -sleep"), SEARCH_EMPTY, "no text, no operator");
	is_int(status("sleep"), SEARCH_RAN, "a query that ran");

	s = find("paginate", 0, 10, SEARCH_COUNT_MAX, &r);
	is_str(s, "34 33 32 31 30 29 28 27 26 25",
	    "page 1 of 25 equal matches: newest first");
	ok(r.total == 25 && !r.more, "25 matches counted");
	is_str(find("paginate", 10, 10, SEARCH_COUNT_MAX, &r),
	    "24 23 22 21 20 19 18 17 16 15", "page 2 follows page 1");
	is_str(find("paginate", 20, 10, SEARCH_COUNT_MAX, &r),
	    "14 13 12 11 10", "page 3 has the rest");
	is_str(find("paginate", 30, 10, SEARCH_COUNT_MAX, &r), "",
	    "a page past the end is empty");
	ok(r.total == 25, "and still counts the matches");
	find("paginate", 0, 10, 12, &r);
	ok(!r.more && r.total == 25, "words: counted up to 1000");
	find("is:unanswered", 0, 3, 5, &r);
	ok(r.more && r.total == 4, "operators: the count stops at its cap");
	find("is:unanswered", 10, 3, 5, &r);
	ok(r.more && r.total == 14, "counted from the offset");

	find("drums", 0, 20, SEARCH_COUNT_MAX, &r);
	h = r.nhits > 0 ? &r.hits[0] : NULL;
	ok(h != NULL && strcmp(h->title, "\001Drums\002 practice schedule")
	    == 0, "the title comes marked");
	ok(h != NULL && strstr(h->snippet, "play \001drums\002 in") != NULL,
	    "the snippet comes marked");
	ok(h != NULL && h->post.handle == NULL &&
	    strcmp(h->post.anon_name, "Guest") == 0 &&
	    strcmp(h->post.slug, "drums") == 0 && h->post.created == 400,
	    "the row has the question's fields");
	find("sleep", 0, 20, SEARCH_COUNT_MAX, &r);
	ok(r.nhits == 3 && strcmp(r.hits[0].post.slug,
	    "how-to-sleep-better") == 0 && r.hits[0].post.accepted_id == 5 &&
	    strcmp(r.hits[0].post.handle, "bob") == 0 &&
	    strcmp(r.hits[0].post.tags, "sleep anxiety") == 0,
	    "a missing slug is made from the title");
	find("tag:sleep", 0, 20, SEARCH_COUNT_MAX, &r);
	ok(r.nhits == 2 && r.hits[0].title == NULL &&
	    r.hits[0].snippet == NULL, "operators only: nothing marked");
}

static void
test_html(void)
{
	const char	*h;

	is_str(search_html(&a, "a <b> & \"c\" 'd'"),
	    "a &lt;b&gt; &amp; &quot;c&quot; &#39;d&#39;", "text escaped");
	is_str(search_html(&a, "x \001word\002 y"), "x <mark>word</mark> y",
	    "marks become <mark>");
	is_str(search_html(&a, "\002a\001b\001c\002\002d\001e"),
	    "a<mark>bc</mark>d<mark>e</mark>",
	    "stray marks: never unbalanced");
	is_str(search_html(&a, "\001<script>\002\003\x7f"),
	    "<mark>&lt;script&gt;</mark>", "other control characters go");
	is_str(search_html(&a, "a\001\002b\001\003"), "ab",
	    "a mark around nothing is left out");

	/* Stored text that holds the marks and markup, through a search. */
	if (db_exec(db, "INSERT INTO posts_fts (rowid, title, body, tags) "
	    "VALUES (40, '\002<script>x</script> zebra\001', "
	    "'<img src=x onerror=alert(1)> \001zebra', '');"
	    "INSERT INTO posts (id, type, question_id, title, slug, body_md, "
	    "body_html, created, activity) VALUES (40, 1, 40, "
	    "'\002<script>x</script> zebra\001', 'z', 'z', '', 2000, 2000)")
	    != QA_OK)
		bail("cannot add the hostile question");
	{
		struct search_result	 r;

		find("zebra", 0, 20, SEARCH_COUNT_MAX, &r);
		h = r.nhits == 1 ? search_html(&a, r.hits[0].title) : NULL;
		ok(h != NULL && strstr(h, "<script") == NULL &&
		    strstr(h, "&lt;script&gt;") != NULL &&
		    strstr(h, "<mark>zebra</mark>") != NULL &&
		    occurs(h, "<mark>") == occurs(h, "</mark>"),
		    "a stored title with marks and a script: escaped, "
		    "marks balanced");
		h = r.nhits == 1 ? search_html(&a, r.hits[0].snippet) : NULL;
		ok(h != NULL && strstr(h, "<img") == NULL &&
		    occurs(h, "<mark>") == occurs(h, "</mark>") &&
		    occurs(h, "<") == 2 * occurs(h, "<mark>"),
		    "a stored body with marks and an img: escaped");
	}
}

static void
test_suggest(void)
{
	is_str(suggest("anxeity"), "anxiety", "a misspelt word: the tag");
	is_str(suggest("Slep"), "sleep", "a short word: one edit");
	is_str(suggest("sleep zzzq"), "sleep",
	    "a word that matches nothing is left out");
	is_str(suggest("sleep"), "(null)", "nothing to change: none");
	is_str(suggest("zzzq qqqz"), "(null)", "nothing left: none");
	is_str(suggest("tag:slep drums"), "drums tag:sleep",
	    "a misspelt tag: the closest tag");
	is_str(suggest("insomnia OR zzzq OR panic"), "insomnia OR panic",
	    "OR kept across a word left out");
	is_str(suggest("anxeity -drums user:bob is:closed"),
	    "anxiety -drums user:bob is:closed", "the rest kept");
	is_str(suggest("unusd"), "(null)", "an unused tag is not offered");
}

/*
 * More matches than are ranked: 2100 new questions with a common word,
 * and an old one (50, bob's) with it in its title.
 */
static void
test_window(void)
{
	struct search_result	 r;
	const char		*s;

	if (db_exec(db, "WITH RECURSIVE n(i) AS (SELECT 100 UNION ALL "
	    "SELECT i + 1 FROM n WHERE i < 2199) INSERT INTO posts (id, type, "
	    "question_id, title, slug, body_md, body_html, user_id, created, "
	    "activity) SELECT i, 1, i, 'Filler ' || i, 'filler', 'A common "
	    "word.', '', 1, 3000 + i, 3000 + i FROM n;"
	    "INSERT INTO posts (id, type, question_id, title, slug, body_md, "
	    "body_html, user_id, created, activity) VALUES (50, 1, 50, "
	    "'Common', 'common', 'Old.', '', 2, 50, 50);"
	    "INSERT INTO posts_fts (rowid, title, body, tags) SELECT id, "
	    "title, body_md, tags FROM posts WHERE id >= 50 AND id < 60 OR "
	    "id >= 100") != QA_OK)
		bail("cannot add the common questions");
	s = find("common", 0, 20, 61, &r);
	ok(r.nhits == 20 && r.more && r.total == SEARCH_COUNT_MAX &&
	    strncmp(s, "2199 2198 ", 10) == 0,
	    "a common word: a page, counted to 1000");
	ok(strstr(s, "50") == NULL,
	    "only the 2000 newest matches are ranked");
	is_str(find("common", 1990, 20, 61, &r), "209 208 207 206 205 204 "
	    "203 202 201 200", "the last page of the ranked ones");
	is_str(ids("common user:bob"), "50",
	    "user: ranks every match of the user's questions");
	is_str(ids("common -filler"), "50",
	    "an exclusion counts before the 2000");
}

/*
 * The bm25 scores of the rows of posts_fts that match m, by rowid, on
 * connection h, with the extra SQL arguments args (", '3 1'") after the
 * weights; into v (up to max), returning how many, or -1 on an error.
 */
static int
scores(sqlite3 *h, const char *m, const char *args, double *v, int max)
{
	sqlite3_stmt	*st;
	char		 sql[256];
	int		 n = 0, rc;

	snprintf(sql, sizeof(sql), "SELECT bm25(posts_fts, 10.0, 1.0, 3.0%s) "
	    "FROM posts_fts WHERE posts_fts MATCH ?1 ORDER BY rowid", args);
	if (sqlite3_prepare_v2(h, sql, -1, &st, NULL) != SQLITE_OK) {
		diag("%s", sqlite3_errmsg(h));
		return -1;
	}
	sqlite3_bind_text(st, 1, m, -1, SQLITE_STATIC);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW && n < max)
		v[n++] = sqlite3_column_double(st, 0);
	sqlite3_finalize(st);
	return rc == SQLITE_DONE || rc == SQLITE_ROW ? n : -1;
}

/* Whether the n scores of x and y are the same (to 1e-9 of each). */
static int
same(const double *x, const double *y, int n)
{
	int	 i;

	for (i = 0; i < n; i++)
		if (x[i] - y[i] > 1e-9 * (x[i] < 0 ? -x[i] : x[i]) + 1e-12 ||
		    y[i] - x[i] > 1e-9 * (x[i] < 0 ? -x[i] : x[i]) + 1e-12)
			return 0;
	return 1;
}

/*
 * The bm25 that a search registers on its connection gives FTS5's own
 * scores (read on a second connection, which has FTS5's bm25 only),
 * with or without the counts of rows per phrase, and uses those counts.
 */
static void
test_bm25(void)
{
	static const struct {
		const char	*match;
		const char	*rows;	/* the right counts */
	} q[] = {
		{ "(\"sleep\")", ", '3'" },
		{ "(\"sleep\" AND \"drums\")", ", '3 2'" },
		{ "((\"insomnia\" OR \"panic\") AND \"work\")",
		    ", '1 1 1'" },
		{ "(\"sleep\") NOT \"drums\"", ", '3 0'" },
	};
	sqlite3		*other;
	double		 mine[64], theirs[64], counted[64];
	int		 n, m, k, good = 1;
	size_t		 i;

	if (sqlite3_open_v2(tdb.path, &other, SQLITE_OPEN_READONLY, NULL) !=
	    SQLITE_OK)
		bail("cannot open a second connection");
	ids("sleep");		/* registers it, if not done yet */
	for (i = 0; i < nitems(q); i++) {
		n = scores(db_handle(db), q[i].match, "", mine, 64);
		m = scores(other, q[i].match, "", theirs, 64);
		k = scores(db_handle(db), q[i].match, q[i].rows, counted, 64);
		if (n <= 0 || n != m || n != k || !same(mine, theirs, n) ||
		    !same(counted, theirs, n)) {
			diag("%s: %d/%d/%d rows, %g %g %g", q[i].match, n, m,
			    k, n > 0 ? mine[0] : 0, m > 0 ? theirs[0] : 0,
			    k > 0 ? counted[0] : 0);
			good = 0;
		}
	}
	ok(good, "bm25 scores as FTS5's own, with and without counts");
	n = scores(db_handle(db), "(\"sleep\")", ", '2000'", mine, 64);
	m = scores(other, "(\"sleep\")", ", '2000'", theirs, 64);
	ok(n > 0 && n == m && !same(mine, theirs, n),
	    "the counts given are used");
	sqlite3_close(other);
}

int
main(void)
{

	plan(101);
	arena_init(&a);
	db = testdb_open(&tdb, "search-t", fixture);
	test_parse();
	test_match();
	test_hostile();
	test_run();
	test_html();
	test_suggest();
	test_bm25();
	test_window();
	arena_free(&a);
	testdb_close(&tdb, db);
	return done();
}
