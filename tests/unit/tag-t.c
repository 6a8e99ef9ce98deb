/*
 * tag-t: the tag list (lib/tag.c) in its three orders, whole and by a
 * prefix, with its bounded count; the prefix a reader types, as
 * tag_prefix() makes it; and the tag question lists in every order,
 * whose two plans (a sort of the tag's rows, or a walk of the site-wide
 * index) must give the same rows.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "arena.h"
#include "db.h"
#include "post.h"
#include "tag.h"
#include "tap.h"
#include "testdb.h"

/*
 * Tags by id (the order they were made): python 3, perl 1, php 0,
 * sql 2, психология 1, postgres 2.  Questions 10, 11 and 14 have the tag
 * python, and so has the hidden 12.
 */
static const char fixture[] =
	"INSERT INTO tags (id, name, qcount) VALUES (1, 'python', 3),"
	" (2, 'perl', 1), (3, 'php', 0), (4, 'sql', 2),"
	" (5, 'психология', 1), (6, 'postgres', 2);"
	"INSERT INTO posts (id, type, question_id, title, slug, body_md,"
	" body_html, tags, created, activity, score, answer_count, status)"
	" VALUES"
	" (10, 1, 10, 'Ten', 'ten', 'q', 'q', 'python', 100, 900, 2, 0, 1),"
	" (11, 1, 11, 'Eleven', 'eleven', 'q', 'q', 'python', 110, 400, 5, 1,"
	"  1),"
	" (12, 1, 12, 'Twelve', 'twelve', 'q', 'q', 'python', 120, 120, 9, 0,"
	"  2),"
	" (14, 1, 14, 'Fourteen', 'fourteen', 'q', 'q', 'python', 140, 500, 5,"
	"  0, 1);"
	"INSERT INTO post_tags (tag_id, post_id) VALUES (1, 10), (1, 11),"
	" (1, 12), (1, 14);";

/* The names of a page of tag_browse() as "a b c", or "error". */
static const char *
names(struct db *db, struct arena *a, enum tag_sort sort, const char *pre,
    int64_t offset, int64_t limit)
{
	static char	 s[256];
	struct tag	*v;
	size_t		 n, i, len = 0;

	if (tag_browse(db, a, sort, pre, offset, limit, &v, &n) != QA_OK)
		return "error";
	s[0] = '\0';
	for (i = 0; i < n && len < sizeof(s) - 64; i++)
		len += (size_t)snprintf(s + len, sizeof(s) - len, "%s%s:%lld",
		    i > 0 ? " " : "", v[i].name, (long long)v[i].qcount);
	return s;
}

/* tag_browse_count(), or -1 on error. */
static int64_t
count(struct db *db, const char *pre, int64_t offset, int64_t cap)
{
	int64_t	 n;

	if (tag_browse_count(db, pre, offset, cap, &n) != QA_OK)
		return -1;
	return n;
}

/* The tag list: orders, prefixes, paging and counts. */
static void
test_browse(struct db *db, struct arena *a)
{
	is_str(names(db, a, TAG_SORT_POPULAR, NULL, 0, 20),
	    "python:3 postgres:2 sql:2 perl:1 психология:1",
	    "popular: by count, ties by name, unused tags left out");
	is_str(names(db, a, TAG_SORT_NAME, "", 0, 20),
	    "perl:1 postgres:2 python:3 sql:2 психология:1", "by name");
	is_str(names(db, a, TAG_SORT_NEW, NULL, 0, 20),
	    "postgres:2 психология:1 sql:2 perl:1 python:3",
	    "newest first");
	is_str(names(db, a, TAG_SORT_POPULAR, NULL, 1, 2),
	    "postgres:2 sql:2", "a page from an offset");
	is_str(names(db, a, TAG_SORT_POPULAR, "p", 0, 20),
	    "python:3 postgres:2 perl:1", "prefix, popular");
	is_str(names(db, a, TAG_SORT_NAME, "p", 0, 20),
	    "perl:1 postgres:2 python:3", "prefix, by name");
	is_str(names(db, a, TAG_SORT_NEW, "p", 1, 20), "perl:1 python:3",
	    "prefix, newest first, from an offset");
	is_str(names(db, a, TAG_SORT_NAME, "py", 0, 20), "python:3",
	    "a longer prefix");
	is_str(names(db, a, TAG_SORT_NAME, "python", 0, 20), "python:3",
	    "a whole name is its own prefix");
	is_str(names(db, a, TAG_SORT_NAME, "пс", 0, 20), "психология:1",
	    "a prefix in another script");
	is_str(names(db, a, TAG_SORT_NAME, "php", 0, 20), "",
	    "an unused tag is not found by its prefix");
	is_str(names(db, a, TAG_SORT_NAME, "q", 0, 20), "",
	    "no name with the prefix");
	is_int(count(db, NULL, 0, 20), 5, "count of the used tags");
	is_int(count(db, NULL, 0, 3), 3, "count stops at the cap");
	is_int(count(db, NULL, 4, 20), 1, "count from an offset");
	is_int(count(db, "p", 0, 20), 3, "count of a prefix");
	is_int(count(db, "p", 2, 20), 1, "count of a prefix from an offset");
	is_int(count(db, "x", 0, 20), 0, "count of a prefix with none");
}

/* tag_prefix() on what readers type. */
static void
test_prefix(struct arena *a)
{
	is_str(tag_prefix(a, "  PyThOn, "), "python",
	    "prefix: separators trimmed, lower case");
	is_str(tag_prefix(a, "\xc3\x84\xc3\x96"), "\xc3\xa4\xc3\xb6",
	    "prefix: Latin-1 capitals lowered");
	is_str(tag_prefix(a, "ПСИ"), "пси", "prefix: Cyrillic lowered");
	is_str(tag_prefix(a, "c++"), "c++", "prefix: other characters kept");
	is_str(tag_prefix(a, NULL), "", "prefix: none");
	is_str(tag_prefix(a, " , "), "", "prefix: only separators");
}

/* The ids of a list read with post_list(), or "error". */
static const char *
list(struct db *db, struct arena *a, enum post_list l)
{
	struct post	*v;
	size_t		 n;

	if (post_list(db, a, l, 1, 0, 20, &v, &n) != QA_OK)
		return "error";
	return testdb_ids(v, n);
}

/* The tag question lists of every order, by both plans. */
static void
test_lists(struct db *db, struct arena *a)
{
	static const struct {
		enum post_list	 small, wide;
		const char	*want, *what;
	} lists[] = {
		{ POST_LIST_TAG, POST_LIST_TAG_WIDE, "14 11 10", "newest" },
		{ POST_LIST_TAG_ACTIVE, POST_LIST_TAG_WIDE_ACTIVE, "10 14 11",
		    "active" },
		{ POST_LIST_TAG_VOTES, POST_LIST_TAG_WIDE_VOTES, "14 11 10",
		    "votes" },
		{ POST_LIST_TAG_UNANSWERED, POST_LIST_TAG_WIDE_UNANSWERED,
		    "14 10", "unanswered" },
	};
	size_t	 i;
	int64_t	 n;

	for (i = 0; i < nitems(lists); i++) {
		is_str(list(db, a, lists[i].small), lists[i].want,
		    "list of a tag, %s", lists[i].what);
		is_str(list(db, a, lists[i].wide), lists[i].want,
		    "the same by the site-wide index, %s", lists[i].what);
	}
	ok(post_list_count(db, POST_LIST_TAG_VOTES, 1, 0, 20, &n) == QA_OK &&
	    n == 3, "count of a tag's questions");
	ok(post_list_count(db, POST_LIST_TAG_WIDE_UNANSWERED, 1, 0, 20,
	    &n) == QA_OK && n == 2, "count of a tag's unanswered questions");
	ok(post_list_count(db, POST_LIST_TAG_UNANSWERED, 1, 1, 20, &n) ==
	    QA_OK && n == 1, "and from an offset");
}

int
main(void)
{
	struct testdb	 t;
	struct db	*db;
	struct arena	 a;

	plan(35);
	db = testdb_open(&t, "tag-t", fixture);
	arena_init(&a);

	test_browse(db, &a);
	test_prefix(&a);
	test_lists(db, &a);

	arena_free(&a);
	testdb_close(&t, db);
	return done();
}
