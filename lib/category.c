/*
 * category.c: the category tree: the read queries of the pages (the
 * table is small, tens to hundreds of rows, so the whole tree is read in
 * one query and nested in memory), and the administrators' changes to
 * it: add, edit, move under another parent, delete.
 *
 * A category's qcount counts the visible questions in it and in every
 * category below it (see lib/recount.c), so a change of the tree moves
 * the counts of the ancestors with it: a category moved takes its count
 * from its old ancestors to its new ones, and the questions of a deleted
 * category go to its parent, whose count held them already.  Every write
 * runs in the caller's transaction.
 */
#include <assert.h>
#include <stdbool.h>
#include <stdint.h>
#include <string.h>

#include "arena.h"
#include "db.h"
#include "category.h"
#include "util.h"

enum category_stmt {
	CATEGORY_STMT_FIND,	/* one category by slug */
	CATEGORY_STMT_ALL,	/* every category, parents before children */
	CATEGORY_STMT_CHILDREN,	/* the children of one category */
	CATEGORY_STMT_PATH,	/* a category and its ancestors */
	CATEGORY_STMT_GET,	/* one category by id */
	CATEGORY_STMT_SLUG,	/* the id that has a slug */
	CATEGORY_STMT_NEXT_POS,	/* the position after the last child */
	CATEGORY_STMT_INSERT,	/* a new category */
	CATEGORY_STMT_UPDATE,	/* name, slug, description, position */
	CATEGORY_STMT_PARENT,	/* a new parent */
	CATEGORY_STMT_DEPTH,	/* depth += for a subtree */
	CATEGORY_STMT_BOTTOM,	/* the deepest depth in a subtree */
	CATEGORY_STMT_CHAIN,	/* qcount += up a chain of ancestors */
	CATEGORY_STMT_HAS_KIDS,	/* whether a category has children */
	CATEGORY_STMT_REFILE,	/* a category's questions to another */
	CATEGORY_STMT__MAX
};

#define CATEGORY_COLS \
	"id, parent_id, slug, name, description, qcount, depth, position"
/*
 * Category ?1 and every category below it, down to the fourth level.
 * The table is small and read whole.
 */
#define SUBTREE \
	"(SELECT id FROM categories WHERE id = ?1 OR parent_id = ?1 " \
	"OR parent_id IN (SELECT id FROM categories WHERE parent_id = ?1 " \
	"OR parent_id IN (SELECT id FROM categories WHERE parent_id = ?1)))"
/*
 * Category ?1 and up to three ancestors (the tree is four levels deep),
 * primary-key lookups only.  A recursive CTE would do, but its plan
 * scans the CTE's own table.
 */
#define CHAIN \
	"(?1, (SELECT parent_id FROM categories WHERE id = ?1), " \
	"(SELECT parent_id FROM categories WHERE id = " \
	"(SELECT parent_id FROM categories WHERE id = ?1)), " \
	"(SELECT parent_id FROM categories WHERE id = " \
	"(SELECT parent_id FROM categories WHERE id = " \
	"(SELECT parent_id FROM categories WHERE id = ?1))))"

static const char *const category_sql[CATEGORY_STMT__MAX] = {
	/* FIND: unique index on slug. */
	"SELECT " CATEGORY_COLS " FROM categories WHERE slug = ?1",
	/* ALL: the table is small; ordered so that a parent comes first. */
	"SELECT " CATEGORY_COLS " FROM categories "
	"ORDER BY depth, position, name",
	/* CHILDREN: index categories_parent. */
	"SELECT " CATEGORY_COLS " FROM categories WHERE parent_id = ?1 "
	"ORDER BY position, name",
	/* PATH: the chain of ?1, root first. */
	"SELECT " CATEGORY_COLS " FROM categories WHERE id IN " CHAIN
	" ORDER BY depth",
	/* GET: primary key. */
	"SELECT " CATEGORY_COLS " FROM categories WHERE id = ?1",
	/* SLUG: unique index on slug. */
	"SELECT id FROM categories WHERE slug = ?1",
	/* NEXT_POS: index categories_parent; ?1 NULL for the top level. */
	"SELECT coalesce(max(position), -1) + 1 FROM categories "
	"WHERE parent_id IS ?1",
	/* INSERT: ?1 parent (NULL at the top). */
	"INSERT INTO categories (parent_id, slug, name, description, "
	"position, depth) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
	/* UPDATE: primary key. */
	"UPDATE categories SET slug = ?2, name = ?3, description = ?4, "
	"position = ?5 WHERE id = ?1",
	/* PARENT: primary key; ?2 NULL for the top level. */
	"UPDATE categories SET parent_id = ?2 WHERE id = ?1",
	/* DEPTH */
	"UPDATE categories SET depth = depth + ?2 WHERE id IN " SUBTREE,
	/* BOTTOM */
	"SELECT max(depth) FROM categories WHERE id IN " SUBTREE,
	/* CHAIN */
	"UPDATE categories SET qcount = qcount + ?2 WHERE id IN " CHAIN,
	/* HAS_KIDS: index categories_parent. */
	"SELECT 1 FROM categories WHERE parent_id = ?1 LIMIT 1",
	/*
	 * REFILE: the questions of category ?1, of any status, to ?2 (NULL:
	 * none): the visible ones from index posts_q_category, the others
	 * from posts_status (answers and comments have no category).
	 */
	"UPDATE posts SET category_id = ?2 WHERE id IN (SELECT id FROM posts "
	"WHERE type = 1 AND status = 1 AND category_id = ?1 UNION ALL "
	"SELECT id FROM posts WHERE status <> 1 AND category_id = ?1)",
};

static sqlite3_stmt *category_cache[CATEGORY_STMT__MAX];
static struct db_stmts category_stmts =
    { category_sql, CATEGORY_STMT__MAX, category_cache, NULL, NULL };

/*
 * The delete, kept apart from category_sql: the foreign-key check that
 * comes with it reads the posts of the category through the index
 * posts_category (every status), and tests/unit/sql-t holds it to that.
 */
enum category_purge_stmt {
	CATEGORY_PURGE_DELETE,	/* one category */
	CATEGORY_PURGE__MAX
};

static const char *const category_purge_sql[CATEGORY_PURGE__MAX] = {
	"DELETE FROM categories WHERE id = ?1",
};

static sqlite3_stmt *category_purge_cache[CATEGORY_PURGE__MAX];
static struct db_stmts category_purge_stmts = { category_purge_sql,
    CATEGORY_PURGE__MAX, category_purge_cache, NULL, NULL };

/*
 * The statement table of this module, for tests that prepare every
 * statement of every module.
 */
struct db_stmts *
category_statements(void)
{
	return &category_stmts;
}

/* The delete statement (see category_purge_sql), for the same tests. */
struct db_stmts *
category_purge_statements(void)
{
	return &category_purge_stmts;
}

/*
 * Fill the struct category at p from the current row of a statement that
 * selected CATEGORY_COLS, copying text into the arena.  Returns QA_ESYS if
 * a copy fails.  The shape of a db_one()/db_rows() row function.
 */
static enum qa_err
category_row(struct arena *a, sqlite3_stmt *st, void *p)
{
	struct category	*c = p;

	memset(c, 0, sizeof(*c));
	c->id = db_col_int(st, 0);
	c->parent_id = db_col_int(st, 1);
	c->slug = db_col_text(a, st, 2);
	c->name = db_col_text(a, st, 3);
	c->description = db_col_text(a, st, 4);
	c->qcount = db_col_int(st, 5);
	c->depth = (int)db_col_int(st, 6);
	c->position = db_col_int(st, 7);
	if (c->slug == NULL || c->name == NULL || c->description == NULL)
		return QA_ESYS;
	return QA_OK;
}

/*
 * Read every row of a bound statement that selects CATEGORY_COLS into an
 * arena array (db_rows() with DB_ROWS_ALL).  Resets the statement.
 * Returns QA_OK with *out and *n (NULL/0 when empty) or the error, which
 * is logged with `where`.
 */
static enum qa_err
category_rows(struct db *db, struct arena *a, sqlite3_stmt *st,
    struct category **out, size_t *n, const char *where)
{
	void		*v;
	enum qa_err	 er;

	er = db_rows(db, st, a, sizeof(**out), DB_ROWS_ALL, category_row, &v,
	    n, where);
	*out = v;
	return er;
}

/*
 * Find a category by slug.  Returns QA_OK, QA_ENOTFOUND, or the database
 * error.
 */
enum qa_err
category_find(struct db *db, struct arena *a, const char *slug,
    struct category *c)
{
	sqlite3_stmt	*st;

	assert(slug != NULL);
	if ((st = db_stmt(db, &category_stmts, CATEGORY_STMT_FIND)) == NULL)
		return QA_ESYS;
	if (!db_bind_text(st, 1, slug)) {
		db_done(st);
		return QA_ESYS;
	}
	return db_one(db, st, a, category_row, c, "category_find");
}

/*
 * Read the whole tree: *roots is the first top-level category, the others
 * follow through ->next, and each node's children hang from ->children in
 * position order.  A node whose parent is missing is shown at the top.
 * *roots is NULL when there are no categories.  Returns QA_OK or the
 * error.  One query.
 */
enum qa_err
category_tree(struct db *db, struct arena *a, struct category **roots)
{
	sqlite3_stmt	 *st;
	struct category	 *v, **tail;
	struct category	 *p;
	size_t		  n, i, j;
	enum qa_err	  er;

	*roots = NULL;
	if ((st = db_stmt(db, &category_stmts, CATEGORY_STMT_ALL)) == NULL)
		return QA_ESYS;
	if ((er = category_rows(db, a, st, &v, &n, "category_tree")) != QA_OK)
		return er;
	/*
	 * Rows come parents first and in position order, so appending each
	 * node to its parent's list keeps the order.  The parent is found
	 * among the earlier rows; n is small.
	 */
	for (i = 0; i < n; i++) {
		p = NULL;
		if (v[i].parent_id != 0)
			for (j = 0; j < i; j++)
				if (v[j].id == v[i].parent_id) {
					p = &v[j];
					break;
				}
		tail = p != NULL ? &p->children : roots;
		while (*tail != NULL)
			tail = &(*tail)->next;
		*tail = &v[i];
	}
	return QA_OK;
}

/*
 * Read the direct children of a category in position order into an arena
 * array.  Returns QA_OK with *out and *n (NULL/0 for a leaf) or the error.
 */
enum qa_err
category_children(struct db *db, struct arena *a, int64_t id,
    struct category **out, size_t *n)
{
	sqlite3_stmt	*st;

	if ((st = db_stmt(db, &category_stmts,
	    CATEGORY_STMT_CHILDREN)) == NULL)
		return QA_ESYS;
	sqlite3_bind_int64(st, 1, id);
	return category_rows(db, a, st, out, n, "category_children");
}

/*
 * Read a category and its ancestors, the top level first and the category
 * itself last (for breadcrumbs).  Returns QA_OK with *out and *n (empty for an
 * unknown id) or the error.
 */
enum qa_err
category_path(struct db *db, struct arena *a, int64_t id,
    struct category **out, size_t *n)
{
	sqlite3_stmt	*st;

	if ((st = db_stmt(db, &category_stmts, CATEGORY_STMT_PATH)) == NULL)
		return QA_ESYS;
	sqlite3_bind_int64(st, 1, id);
	return category_rows(db, a, st, out, n, "category_path");
}

/*
 * Read the category with this id.  Returns QA_OK, QA_ENOTFOUND, or the
 * database error.
 */
enum qa_err
category_find_id(struct db *db, struct arena *a, int64_t id,
    struct category *c)
{
	sqlite3_stmt	*st;

	if ((st = db_stmt(db, &category_stmts, CATEGORY_STMT_GET)) == NULL)
		return QA_ESYS;
	sqlite3_bind_int64(st, 1, id);
	return db_one(db, st, a, category_row, c, "category_find_id");
}

/* Set *why to field and message; returns QA_EINVALID. */
static enum qa_err
refuse(struct category_why *why, const char *field, const char *message)
{
	if (why != NULL) {
		why->field = field;
		why->message = message;
	}
	return QA_EINVALID;
}

/* Whether s has a byte below 0x20 (a newline, a tab) or DEL. */
static bool
has_control(const char *s)
{
	for (; *s != '\0'; s++)
		if ((unsigned char)*s < 0x20 || *s == 0x7f)
			return true;
	return false;
}

/*
 * Check and complete what an administrator typed for a category, before
 * any of it is written: the name, without leading and trailing spaces,
 * must hold 1 to CATEGORY_NAME_MAX characters on one line; an empty slug
 * is made from the name (util_slug()); a slug typed must be 1 to
 * CATEGORY_SLUG_MAX bytes of a-z, 0-9 and '-', not starting or ending in
 * '-'; the description (NULL: "") has at most CATEGORY_DESC_MAX
 * characters; the position is 0 to CATEGORY_POSITION_MAX, or -1 (after
 * the last sibling; for a new category only).  e->name, e->slug and
 * e->description are replaced by their checked forms (arena memory or
 * the caller's own).  Returns QA_OK, QA_EINVALID with *why (field and
 * message, static or arena text), or QA_ESYS if out of memory.
 */
enum qa_err
category_edit_check(struct arena *a, struct category_edit *e,
    struct category_why *why)
{
	const char	*n, *s;
	size_t		 len;

	n = e->name != NULL ? e->name : "";
	while (*n == ' ')
		n++;
	for (len = strlen(n); len > 0 && n[len - 1] == ' '; len--)
		continue;
	if (len == 0)
		return refuse(why, "name", "Give the category a name.");
	if ((n = arena_strndup(a, n, len)) == NULL)
		return QA_ESYS;
	if (has_control(n))
		return refuse(why, "name", "A name is one line of text.");
	if (util_utf8_len(n) > CATEGORY_NAME_MAX)
		return refuse(why, "name", arena_printf(a, "A name has at "
		    "most %d characters.", CATEGORY_NAME_MAX));
	e->name = n;
	if (e->slug == NULL || e->slug[0] == '\0') {
		if ((e->slug = util_slug(a, n)) == NULL)
			return QA_ESYS;
		if (strlen(e->slug) > CATEGORY_SLUG_MAX)
			return refuse(why, "slug", "Give a shorter slug.");
	} else {
		s = e->slug;
		len = strlen(s);
		if (len > CATEGORY_SLUG_MAX)
			return refuse(why, "slug", arena_printf(a, "A slug "
			    "has at most %d characters.", CATEGORY_SLUG_MAX));
		if (strspn(s, "abcdefghijklmnopqrstuvwxyz0123456789-") !=
		    len || s[0] == '-' || s[len - 1] == '-')
			return refuse(why, "slug", "A slug may hold only a-z, "
			    "0-9 and - (not at either end).");
	}
	if (e->description == NULL)
		e->description = "";
	if (util_utf8_len(e->description) > CATEGORY_DESC_MAX)
		return refuse(why, "description", arena_printf(a, "A "
		    "description has at most %d characters.",
		    CATEGORY_DESC_MAX));
	if (e->position < -1 || e->position > CATEGORY_POSITION_MAX)
		return refuse(why, "position", arena_printf(a, "A position "
		    "is a number from 0 to %d.", CATEGORY_POSITION_MAX));
	if (e->parent_id < 0)
		return refuse(why, "parent", "Choose a parent from the list.");
	return QA_OK;
}

/*
 * Run statement which of this module with ?1 = a and ?2 = b (bound as
 * an id, so 0 is NULL, when b_id is true).  Returns QA_OK or the error.
 */
static enum qa_err
run2(struct db *db, enum category_stmt which, int64_t a, int64_t b,
    bool b_id, const char *where)
{
	sqlite3_stmt	*st;

	if ((st = db_stmt(db, &category_stmts, which)) == NULL)
		return QA_ESYS;
	sqlite3_bind_int64(st, 1, a);
	if (b_id)
		db_bind_id(st, 2, b);
	else
		sqlite3_bind_int64(st, 2, b);
	return db_run(db, st, where);
}

/*
 * Whether a category other than id has the slug: QA_OK if none,
 * QA_ECONFLICT with *why if one has, or the database error.
 */
static enum qa_err
slug_free(struct db *db, const char *slug, int64_t id,
    struct category_why *why)
{
	sqlite3_stmt	*st;
	int		 rc;
	int64_t		 other = 0;

	if ((st = db_stmt(db, &category_stmts, CATEGORY_STMT_SLUG)) == NULL)
		return QA_ESYS;
	if (!db_bind_text(st, 1, slug)) {
		db_done(st);
		return QA_ESYS;
	}
	if ((rc = sqlite3_step(st)) == SQLITE_ROW)
		other = sqlite3_column_int64(st, 0);
	db_done(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return db_err(db, rc, "category slug");
	if (other == 0 || other == id)
		return QA_OK;
	refuse(why, "slug", "Another category has this slug.");
	return QA_ECONFLICT;
}

/*
 * The depth a child of parent gets: 0 under none, else the parent's
 * depth + 1, read into *depth.  Returns QA_OK, QA_EINVALID with *why
 * when there is no such parent, or the database error.
 */
static enum qa_err
child_depth(struct db *db, struct arena *a, int64_t parent, int *depth,
    struct category_why *why)
{
	struct category	 p;
	enum qa_err	 er;

	*depth = 0;
	if (parent == 0)
		return QA_OK;
	if ((er = category_find_id(db, a, parent, &p)) == QA_ENOTFOUND)
		return refuse(why, "parent", "There is no such parent.");
	if (er != QA_OK)
		return er;
	*depth = p.depth + 1;
	return QA_OK;
}

/*
 * Add a category, checked by category_edit_check(), inside the caller's
 * transaction: under e->parent_id (0: at the top level), at e->position
 * (-1: after the last of its siblings), with no questions yet.  *id is
 * the new category's id.  Returns QA_OK; QA_EINVALID with *why for a
 * parent that does not exist or is at the fourth level already;
 * QA_ECONFLICT with *why for a slug in use; or the database error.
 */
enum qa_err
category_create(struct db *db, struct arena *a, const struct category_edit *e,
    int64_t *id, struct category_why *why)
{
	sqlite3_stmt	*st;
	int64_t		 pos;
	int		 depth, rc;
	enum qa_err	 er;

	*id = 0;
	if ((er = child_depth(db, a, e->parent_id, &depth, why)) != QA_OK)
		return er;
	if (depth >= CATEGORY_MAX_DEPTH)
		return refuse(why, "parent", "Categories nest at most four "
		    "levels deep: choose a parent higher up.");
	if ((er = slug_free(db, e->slug, 0, why)) != QA_OK)
		return er;
	pos = e->position;
	if (pos < 0) {
		if ((st = db_stmt(db, &category_stmts,
		    CATEGORY_STMT_NEXT_POS)) == NULL)
			return QA_ESYS;
		db_bind_id(st, 1, e->parent_id);
		rc = sqlite3_step(st);
		pos = rc == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
		db_done(st);
		if (rc != SQLITE_ROW)
			return db_err(db, rc, "category_create");
	}
	if ((st = db_stmt(db, &category_stmts, CATEGORY_STMT_INSERT)) == NULL)
		return QA_ESYS;
	db_bind_id(st, 1, e->parent_id);
	if (!db_bind_text(st, 2, e->slug) || !db_bind_text(st, 3, e->name) ||
	    !db_bind_text(st, 4, e->description)) {
		db_done(st);
		return QA_ESYS;
	}
	sqlite3_bind_int64(st, 5, pos);
	sqlite3_bind_int(st, 6, depth);
	if ((er = db_run(db, st, "category_create")) != QA_OK)
		return er;
	*id = sqlite3_last_insert_rowid(db_handle(db));
	return QA_OK;
}

/*
 * Move category c (as read) under parent (0: to the top level), inside
 * the caller's transaction: refused when parent is c or below it (a
 * cycle), or when c's subtree would then reach below the fourth level.
 * The depth of c and of everything below it follows, and c's qcount
 * leaves the counts of its old ancestors for those of its new ones.
 * Returns QA_OK, QA_EINVALID with *why, or the database error.
 */
static enum qa_err
move(struct db *db, struct arena *a, const struct category *c,
    int64_t parent, struct category_why *why)
{
	struct category	*path;
	sqlite3_stmt	*st;
	size_t		 n, i;
	int64_t		 bottom;
	int		 depth, rc;
	enum qa_err	 er;

	if ((er = child_depth(db, a, parent, &depth, why)) != QA_OK)
		return er;
	if (parent != 0) {
		if ((er = category_path(db, a, parent, &path, &n)) != QA_OK)
			return er;
		for (i = 0; i < n; i++)
			if (path[i].id == c->id)
				return refuse(why, "parent", "A category "
				    "cannot go under itself or one of its "
				    "subcategories.");
	}
	if ((st = db_stmt(db, &category_stmts, CATEGORY_STMT_BOTTOM)) == NULL)
		return QA_ESYS;
	sqlite3_bind_int64(st, 1, c->id);
	rc = sqlite3_step(st);
	bottom = rc == SQLITE_ROW ? sqlite3_column_int64(st, 0) : c->depth;
	db_done(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return db_err(db, rc, "category move");
	if (depth + (bottom - c->depth) >= CATEGORY_MAX_DEPTH)
		return refuse(why, "parent", "Categories nest at most four "
		    "levels deep, and this one would take its subcategories "
		    "deeper there.");
	if (c->qcount != 0 && c->parent_id != 0 && (er = run2(db,
	    CATEGORY_STMT_CHAIN, c->parent_id, -c->qcount, false,
	    "category move")) != QA_OK)
		return er;
	if ((er = run2(db, CATEGORY_STMT_PARENT, c->id, parent, true,
	    "category move")) != QA_OK)
		return er;
	if (depth != c->depth && (er = run2(db, CATEGORY_STMT_DEPTH, c->id,
	    depth - c->depth, false, "category move")) != QA_OK)
		return er;
	if (c->qcount != 0 && parent != 0 && (er = run2(db,
	    CATEGORY_STMT_CHAIN, parent, c->qcount, false,
	    "category move")) != QA_OK)
		return er;
	return QA_OK;
}

/*
 * Change category id to e, checked by category_edit_check(), inside the
 * caller's transaction: name, slug, description, position (-1: keep it)
 * and, when e->parent_id differs from its parent, a move under that
 * parent (0: to the top level) with its subcategories, whose depths and
 * whose count in the ancestors' counts follow.  If old is not NULL, *old
 * is the category as it was.  Returns QA_OK; QA_ENOTFOUND for no such
 * category; QA_EINVALID with *why for a parent that does not exist, is
 * the category itself or below it, or would put the category or one
 * below it under the fourth level; QA_ECONFLICT with *why for a slug
 * that another category has; or the database error.
 */
enum qa_err
category_update(struct db *db, struct arena *a, int64_t id,
    const struct category_edit *e, struct category *old,
    struct category_why *why)
{
	struct category	 c;
	sqlite3_stmt	*st;
	enum qa_err	 er;

	if ((er = category_find_id(db, a, id, &c)) != QA_OK)
		return er;
	if (old != NULL)
		*old = c;
	if ((er = slug_free(db, e->slug, id, why)) != QA_OK)
		return er;
	if (e->parent_id != c.parent_id &&
	    (er = move(db, a, &c, e->parent_id, why)) != QA_OK)
		return er;
	if ((st = db_stmt(db, &category_stmts, CATEGORY_STMT_UPDATE)) == NULL)
		return QA_ESYS;
	sqlite3_bind_int64(st, 1, id);
	if (!db_bind_text(st, 2, e->slug) || !db_bind_text(st, 3, e->name) ||
	    !db_bind_text(st, 4, e->description)) {
		db_done(st);
		return QA_ESYS;
	}
	sqlite3_bind_int64(st, 5, e->position >= 0 ? e->position :
	    c.position);
	return db_run(db, st, "category_update");
}

/*
 * Delete category id, which must have no subcategories, inside the
 * caller's transaction.  Its questions, of every status, go to its
 * parent, or to no category when it is at the top level; as the
 * parent's count (and its ancestors') held them already, no count
 * changes.  If c is not NULL, *c is the category as it was; if moved is
 * not NULL, *moved is the number of questions refiled.  Returns QA_OK,
 * QA_ENOTFOUND, QA_ECONFLICT with *why when it has subcategories, or
 * the database error.
 */
enum qa_err
category_delete(struct db *db, struct arena *a, int64_t id,
    struct category *c, int64_t *moved, struct category_why *why)
{
	struct category	 k;
	sqlite3_stmt	*st;
	int64_t		 kids;
	enum qa_err	 er;

	if (moved != NULL)
		*moved = 0;
	if ((er = category_find_id(db, a, id, &k)) != QA_OK)
		return er;
	if (c != NULL)
		*c = k;
	if ((st = db_stmt(db, &category_stmts,
	    CATEGORY_STMT_HAS_KIDS)) == NULL)
		return QA_ESYS;
	sqlite3_bind_int64(st, 1, id);
	if ((er = db_count(db, st, &kids, "category_delete")) != QA_OK)
		return er;
	if (kids > 0) {
		refuse(why, "parent", "Move or delete its subcategories "
		    "first.");
		return QA_ECONFLICT;
	}
	if ((er = run2(db, CATEGORY_STMT_REFILE, id, k.parent_id, true,
	    "category_delete")) != QA_OK)
		return er;
	if (moved != NULL)
		*moved = sqlite3_changes(db_handle(db));
	if ((st = db_stmt(db, &category_purge_stmts,
	    CATEGORY_PURGE_DELETE)) == NULL)
		return QA_ESYS;
	sqlite3_bind_int64(st, 1, id);
	return db_run(db, st, "category_delete");
}
