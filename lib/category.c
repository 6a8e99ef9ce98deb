/*
 * category.c: read queries over the category tree.  The table is small
 * (tens to hundreds of rows), so the whole tree is read in one query and
 * nested in memory.
 */
#include <assert.h>
#include <stdint.h>
#include <string.h>

#include "arena.h"
#include "db.h"
#include "category.h"

enum category_stmt {
	CATEGORY_STMT_FIND,	/* one category by slug */
	CATEGORY_STMT_ALL,	/* every category, parents before children */
	CATEGORY_STMT_CHILDREN,	/* the children of one category */
	CATEGORY_STMT_PATH,	/* a category and its ancestors */
	CATEGORY_STMT__MAX
};

#define CATEGORY_COLS \
	"id, parent_id, slug, name, description, qcount, depth"

static const char *const category_sql[CATEGORY_STMT__MAX] = {
	/* FIND: unique index on slug. */
	"SELECT " CATEGORY_COLS " FROM categories WHERE slug = ?1",
	/* ALL: the table is small; ordered so that a parent comes first. */
	"SELECT " CATEGORY_COLS " FROM categories "
	"ORDER BY depth, position, name",
	/* CHILDREN: index categories_parent. */
	"SELECT " CATEGORY_COLS " FROM categories WHERE parent_id = ?1 "
	"ORDER BY position, name",
	/*
	 * PATH: the category and up to three ancestors (the tree is four
	 * levels deep), primary-key lookups only, root first.  A recursive
	 * CTE would do, but its plan scans the CTE's own table.
	 */
	"SELECT " CATEGORY_COLS " FROM categories WHERE id IN (?1, "
	"(SELECT parent_id FROM categories WHERE id = ?1), "
	"(SELECT parent_id FROM categories WHERE id = "
	"(SELECT parent_id FROM categories WHERE id = ?1)), "
	"(SELECT parent_id FROM categories WHERE id = "
	"(SELECT parent_id FROM categories WHERE id = "
	"(SELECT parent_id FROM categories WHERE id = ?1)))) "
	"ORDER BY depth",
};

static sqlite3_stmt *category_cache[CATEGORY_STMT__MAX];
static struct db_stmts category_stmts =
    { category_sql, CATEGORY_STMT__MAX, category_cache, NULL, NULL };

/*
 * The statement table of this module, for tests that prepare every
 * statement of every module.
 */
struct db_stmts *
category_statements(void)
{
	return &category_stmts;
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
