/*
 * category-t: the administrators' changes to the category tree
 * (lib/category.c): the checks of a typed category, adding one down to
 * the fourth level and not below, moving a subtree (no cycles, no level
 * below the fourth, depths and counts that follow), deleting a leaf
 * (its questions to its parent) and not a parent; after each change
 * recount_all() finds nothing to correct.  And the category question
 * lists in every order, whose two plans (a sort of the subtree's rows,
 * or a walk of the site-wide index) must give the same rows.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "arena.h"
#include "db.h"
#include "category.h"
#include "post.h"
#include "recount.h"
#include "tap.h"
#include "testdb.h"

/*
 * The tree: 1 top > 2 mid > 3 leaf, and 4 other.  Questions: 10 in leaf
 * and 12 (hidden) there too, 11 in mid, 14 in top, 13 in other; 15 in
 * none; 11 has an answer, 16.  Every counter is right, as recount_all()
 * computes it: scores from the votes, activity from edits and answers.
 */
static const char fixture[] =
	"INSERT INTO categories (id, parent_id, slug, name, position, depth,"
	" qcount) VALUES (1, NULL, 'top', 'Top', 0, 0, 3),"
	" (2, 1, 'mid', 'Mid', 0, 1, 2), (3, 2, 'leaf', 'Leaf', 0, 2, 1),"
	" (4, NULL, 'other', 'Other', 1, 0, 1);"
	"INSERT INTO users (id, handle, created) VALUES (1, 'u1', 1),"
	" (2, 'u2', 1), (3, 'u3', 1), (4, 'u4', 1), (5, 'u5', 1);"
	"INSERT INTO posts (id, type, parent_id, question_id, title, slug,"
	" body_md, body_html, category_id, created, activity, edited, up,"
	" score, answer_count, status) VALUES"
	" (10, 1, NULL, 10, 'Ten', 'ten', 'q', 'q', 3, 100, 900, 900, 2, 2,"
	"  0, 1),"
	" (11, 1, NULL, 11, 'Eleven', 'eleven', 'q', 'q', 2, 110, 400, NULL,"
	"  5, 5, 1, 1),"
	" (12, 1, NULL, 12, 'Twelve', 'twelve', 'q', 'q', 3, 120, 120, NULL,"
	"  0, 0, 0, 2),"
	" (13, 1, NULL, 13, 'Thirteen', 'thirteen', 'q', 'q', 4, 130, 130,"
	"  NULL, 0, 0, 0, 1),"
	" (14, 1, NULL, 14, 'Fourteen', 'fourteen', 'q', 'q', 1, 140, 500,"
	"  500, 5, 5, 0, 1),"
	" (15, 1, NULL, 15, 'Fifteen', 'fifteen', 'q', 'q', NULL, 150, 150,"
	"  NULL, 0, 0, 0, 1),"
	" (16, 2, 11, 11, NULL, NULL, 'a', 'a', NULL, 400, 400, NULL, 0, 0,"
	"  0, 1);"
	"INSERT INTO votes (post_id, user_id, value, created) VALUES"
	" (10, 1, 1, 1), (10, 2, 1, 1), (11, 1, 1, 1), (11, 2, 1, 1),"
	" (11, 3, 1, 1), (11, 4, 1, 1), (11, 5, 1, 1), (14, 1, 1, 1),"
	" (14, 2, 1, 1), (14, 3, 1, 1), (14, 4, 1, 1), (14, 5, 1, 1);";

/* The depth and qcount of every category, "id:depth/qcount ...". */
static const char tree_sql[] =
	"SELECT group_concat(c, ' ') FROM (SELECT id || ':' || depth || '/' ||"
	" qcount AS c FROM categories ORDER BY id)";

/* Whether recount_all() finds every counter right. */
static int
counts_right(struct db *db)
{
	int64_t	 changed = -1;

	return recount_all(db, &changed) == QA_OK && changed == 0;
}

/* A checked edit of name, slug, parent and position -1, or bail. */
static struct category_edit
edit(struct arena *a, const char *name, const char *slug, int64_t parent)
{
	struct category_edit	 e;
	struct category_why	 why;

	memset(&e, 0, sizeof(e));
	e.name = name;
	e.slug = slug;
	e.parent_id = parent;
	e.position = -1;
	if (category_edit_check(a, &e, &why) != QA_OK)
		bail("a test edit does not pass its check");
	return e;
}

/* category_edit_check() on what an administrator types. */
static void
test_check(struct arena *a)
{
	struct category_edit	 e;
	struct category_why	 why;
	char			 longname[100];

	memset(&e, 0, sizeof(e));
	e.name = "  Dating & Love  ";
	e.position = -1;
	ok(category_edit_check(a, &e, &why) == QA_OK &&
	    strcmp(e.name, "Dating & Love") == 0 &&
	    strcmp(e.slug, "dating-love") == 0 &&
	    strcmp(e.description, "") == 0,
	    "check: name trimmed, slug made from it, no description");
	memset(&e, 0, sizeof(e));
	e.name = "   ";
	ok(category_edit_check(a, &e, &why) == QA_EINVALID &&
	    strcmp(why.field, "name") == 0, "check: a name is needed");
	e.name = "Two\nlines";
	ok(category_edit_check(a, &e, &why) == QA_EINVALID &&
	    strcmp(why.field, "name") == 0, "check: a name is one line");
	memset(longname, 'x', sizeof(longname) - 1);
	longname[sizeof(longname) - 1] = '\0';
	e.name = longname;
	ok(category_edit_check(a, &e, &why) == QA_EINVALID &&
	    strcmp(why.field, "name") == 0, "check: a name too long");
	e.name = "Fine";
	e.slug = "Bad Slug";
	ok(category_edit_check(a, &e, &why) == QA_EINVALID &&
	    strcmp(why.field, "slug") == 0, "check: a slug is a-z 0-9 -");
	e.slug = "-edge";
	ok(category_edit_check(a, &e, &why) == QA_EINVALID &&
	    strcmp(why.field, "slug") == 0, "check: no '-' at a slug's end");
	e.slug = "fine-2";
	e.position = 10000;
	ok(category_edit_check(a, &e, &why) == QA_EINVALID &&
	    strcmp(why.field, "position") == 0, "check: position too high");
	e.position = 3;
	ok(category_edit_check(a, &e, &why) == QA_OK &&
	    strcmp(e.slug, "fine-2") == 0, "check: a typed slug is kept");
}

/* category_create(): levels, slugs, parents, positions. */
static void
test_create(struct db *db, struct arena *a)
{
	struct category_edit	 e;
	struct category_why	 why;
	int64_t			 id;

	e = edit(a, "Deep", NULL, 3);
	ok(category_create(db, a, &e, &id, &why) == QA_OK && id == 5,
	    "create: a category at the fourth level");
	is_str(testdb_text(db, "SELECT depth || ' ' || position || ' ' ||"
	    " qcount FROM categories WHERE slug = 'deep'"), "3 0 0",
	    "create: depth 3, first of its siblings, no questions");
	e = edit(a, "Deeper", NULL, 5);
	ok(category_create(db, a, &e, &id, &why) == QA_EINVALID &&
	    strcmp(why.field, "parent") == 0 && id == 0,
	    "create: not at a fifth level");
	e = edit(a, "Top again", "top", 0);
	ok(category_create(db, a, &e, &id, &why) == QA_ECONFLICT &&
	    strcmp(why.field, "slug") == 0, "create: a slug in use");
	e = edit(a, "Orphan", NULL, 99);
	ok(category_create(db, a, &e, &id, &why) == QA_EINVALID &&
	    strcmp(why.field, "parent") == 0, "create: no such parent");
	e = edit(a, "Third root", NULL, 0);
	ok(category_create(db, a, &e, &id, &why) == QA_OK &&
	    strcmp(testdb_text(db, "SELECT coalesce(parent_id, 'top') || ' ' "
	    "|| position FROM categories WHERE slug = 'third-root'"),
	    "top 2") == 0, "create: at the top level, after the others");
	is_str(testdb_text(db, "SELECT count(*) FROM categories"), "6",
	    "create: the refused ones were not written");
	ok(counts_right(db), "create: every count right");
}

/* category_update(): renames and moves. */
static void
test_move(struct db *db, struct arena *a)
{
	struct category_edit	 e;
	struct category_why	 why;
	struct category		 old;

	e = edit(a, "Top", "top", 3);
	ok(category_update(db, a, 1, &e, &old, &why) == QA_EINVALID &&
	    strcmp(why.field, "parent") == 0, "move: not under its own leaf");
	e = edit(a, "Top", "top", 1);
	ok(category_update(db, a, 1, &e, &old, &why) == QA_EINVALID,
	    "move: not under itself");
	e = edit(a, "Other", "other", 2);
	ok(category_update(db, a, 4, &e, &old, &why) == QA_OK &&
	    old.parent_id == 0, "move: a root to the third level");
	is_str(testdb_text(db, tree_sql),
	    "1:0/4 2:1/3 3:2/1 4:2/1 5:3/0 6:0/0",
	    "move: its depth follows, its count joins its new ancestors'");
	e = edit(a, "Top", "top", 4);
	ok(category_update(db, a, 1, &e, &old, &why) == QA_EINVALID,
	    "move: not into a category below it");
	e = edit(a, "Third root", "third-root", 1);
	ok(category_update(db, a, 6, &e, &old, &why) == QA_OK,
	    "move: an empty root to the second level");
	e = edit(a, "Mid", "mid", 6);
	ok(category_update(db, a, 2, &e, &old, &why) == QA_EINVALID &&
	    strcmp(why.field, "parent") == 0,
	    "move: not when a category below would go under the fourth level");
	is_str(testdb_text(db, tree_sql),
	    "1:0/4 2:1/3 3:2/1 4:2/1 5:3/0 6:1/0",
	    "move: the refused moves changed nothing");
	e = edit(a, "Mid", "mid", 0);
	ok(category_update(db, a, 2, &e, &old, &why) == QA_OK &&
	    old.parent_id == 1, "move: a subtree of three levels to the top");
	is_str(testdb_text(db, tree_sql),
	    "1:0/1 2:0/3 3:1/1 4:1/1 5:2/0 6:1/0",
	    "move: depths of the subtree and counts of both chains follow");
	ok(counts_right(db), "move: every count right");
	e = edit(a, "Mid", "mid", 1);
	ok(category_update(db, a, 2, &e, &old, &why) == QA_OK,
	    "move: the subtree back under its root");
	is_str(testdb_text(db, tree_sql),
	    "1:0/4 2:1/3 3:2/1 4:2/1 5:3/0 6:1/0",
	    "move: depths and counts again");
	ok(counts_right(db), "move: every count right again");
	e = edit(a, "Middle", "other", 1);
	ok(category_update(db, a, 2, &e, &old, &why) == QA_ECONFLICT &&
	    strcmp(why.field, "slug") == 0, "edit: not to a slug in use");
	e = edit(a, "Middle", "middle", 1);
	e.position = 7;
	e.description = "The middle one.";
	ok(category_update(db, a, 2, &e, &old, &why) == QA_OK &&
	    strcmp(testdb_text(db, "SELECT name || '|' || slug || '|' ||"
	    " description || '|' || position FROM categories WHERE id = 2"),
	    "Middle|middle|The middle one.|7") == 0,
	    "edit: name, slug, description and position");
	e.position = -1;
	ok(category_update(db, a, 2, &e, &old, &why) == QA_OK &&
	    strcmp(testdb_text(db, "SELECT position FROM categories"
	    " WHERE id = 2"), "7") == 0, "edit: position -1 keeps it");
	is_int(category_update(db, a, 99, &e, &old, &why), QA_ENOTFOUND,
	    "edit: no such category");
}

/* category_delete(): leaves only, their questions to the parent. */
static void
test_delete(struct db *db, struct arena *a)
{
	struct category_why	 why;
	struct category		 c;
	int64_t			 moved = -1;

	ok(category_delete(db, a, 3, &c, &moved, &why) == QA_ECONFLICT &&
	    strcmp(testdb_text(db, "SELECT count(*) FROM categories"
	    " WHERE id = 3"), "1") == 0, "delete: not with a subcategory");
	ok(category_delete(db, a, 5, &c, &moved, &why) == QA_OK &&
	    moved == 0 && strcmp(c.slug, "deep") == 0,
	    "delete: an empty leaf");
	ok(category_delete(db, a, 3, &c, &moved, &why) == QA_OK && moved == 2,
	    "delete: a leaf with a visible and a hidden question");
	is_str(testdb_text(db, "SELECT group_concat(id || ':' ||"
	    " category_id, ' ') FROM posts WHERE id IN (10, 12)"), "10:2 12:2",
	    "delete: its questions are in its parent now");
	is_str(testdb_text(db, tree_sql), "1:0/4 2:1/3 4:2/1 6:1/0",
	    "delete: no count changes");
	ok(counts_right(db), "delete: every count right");
	ok(category_delete(db, a, 4, &c, &moved, &why) == QA_OK &&
	    moved == 1 && category_delete(db, a, 6, &c, &moved, &why) ==
	    QA_OK && moved == 0 && category_delete(db, a, 2, &c, &moved,
	    &why) == QA_OK && moved == 4, "delete: the leaves one by one");
	ok(category_delete(db, a, 1, &c, &moved, &why) == QA_OK &&
	    moved == 5, "delete: the last one, at the top level");
	is_str(testdb_text(db, "SELECT count(*) || ' ' || count(category_id)"
	    " FROM posts WHERE type = 1"), "6 0",
	    "delete: from the top level, questions go to no category");
	ok(counts_right(db), "delete: every count right again");
	is_int(category_delete(db, a, 99, &c, &moved, &why), QA_ENOTFOUND,
	    "delete: no such category");
}

/* The ids of a list read with post_list(), or "error". */
static const char *
list(struct db *db, struct arena *a, enum post_list l, int64_t key)
{
	struct post	*v;
	size_t		 n;

	if (post_list(db, a, l, key, 0, 20, &v, &n) != QA_OK)
		return "error";
	return testdb_ids(v, n);
}

/* post_list_count() with no offset and a cap of 20, or -1. */
static int64_t
count(struct db *db, enum post_list l, int64_t key)
{
	int64_t	 n;

	if (post_list_count(db, l, key, 0, 20, &n) != QA_OK)
		return -1;
	return n;
}

/* The category lists of every order, by both plans. */
static void
test_lists(struct db *db, struct arena *a)
{
	static const struct {
		enum post_list	 small, wide;
		const char	*want, *what;
	} lists[] = {
		{ POST_LIST_SUBTREE, POST_LIST_SUBTREE_WIDE, "14 11 10",
		    "newest" },
		{ POST_LIST_SUBTREE_ACTIVE, POST_LIST_SUBTREE_WIDE_ACTIVE,
		    "10 14 11", "active" },
		{ POST_LIST_SUBTREE_VOTES, POST_LIST_SUBTREE_WIDE_VOTES,
		    "14 11 10", "votes" },
		{ POST_LIST_SUBTREE_UNANSWERED,
		    POST_LIST_SUBTREE_WIDE_UNANSWERED, "14 10", "unanswered" },
	};
	size_t	 i;

	for (i = 0; i < nitems(lists); i++) {
		is_str(list(db, a, lists[i].small, 1), lists[i].want,
		    "list of a subtree, %s", lists[i].what);
		is_str(list(db, a, lists[i].wide, 1), lists[i].want,
		    "the same by the site-wide index, %s", lists[i].what);
	}
	is_str(list(db, a, POST_LIST_SUBTREE_VOTES, 3), "10",
	    "a leaf's list holds only its own");
	is_int(count(db, POST_LIST_SUBTREE_ACTIVE, 1), 3,
	    "count of a subtree");
	is_int(count(db, POST_LIST_SUBTREE_WIDE_UNANSWERED, 1), 2,
	    "count of a subtree's unanswered questions");
}

int
main(void)
{
	struct testdb	 t;
	struct db	*db;
	struct arena	 a;

	plan(57);
	db = testdb_open(&t, "category-t", fixture);
	arena_init(&a);

	ok(counts_right(db), "the fixture's counts are right");
	test_lists(db, &a);
	test_check(&a);
	test_create(db, &a);
	test_move(db, &a);
	test_delete(db, &a);

	arena_free(&a);
	testdb_close(&t, db);
	return done();
}
