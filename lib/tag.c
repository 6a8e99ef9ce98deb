/*
 * tag.c: read queries over tags: one tag, the tag list by use, and the
 * splitting of posts.tags into names.
 */
#include <assert.h>
#include <stdint.h>
#include <string.h>

#include "arena.h"
#include "db.h"
#include "tag.h"

enum tag_stmt {
	TAG_STMT_FIND,		/* one tag by exact name */
	TAG_STMT_LIST,		/* a page of used tags, most used first */
	TAG_STMT_COUNT,		/* used tags from an offset, up to a cap */
	TAG_STMT__MAX
};

static const char *const tag_sql[TAG_STMT__MAX] = {
	/* FIND: unique index on name. */
	"SELECT id, name, description, qcount FROM tags WHERE name = ?1",
	/* LIST: index tags_qcount. */
	"SELECT id, name, description, qcount FROM tags WHERE qcount > 0 "
	"ORDER BY qcount DESC, name LIMIT ?1 OFFSET ?2",
	/* COUNT: the caller counts the rows, at most ?1 past the offset. */
	"SELECT 1 FROM tags WHERE qcount > 0 ORDER BY qcount DESC, name "
	"LIMIT ?1 OFFSET ?2",
};

static sqlite3_stmt *tag_cache[TAG_STMT__MAX];
static struct db_stmts tag_stmts =
    { tag_sql, TAG_STMT__MAX, tag_cache, NULL, NULL };

/*
 * The statement table of this module, for tests that prepare every
 * statement of every module.
 */
struct db_stmts *
tag_statements(void)
{
	return &tag_stmts;
}

/*
 * Fill the struct tag at p from the current row (id, name, description,
 * qcount), copying text into the arena.  Returns QA_ESYS if a copy fails.
 * The shape of a db_one()/db_rows() row function.
 */
static enum qa_err
tag_row(struct arena *a, sqlite3_stmt *st, void *p)
{
	struct tag	*t = p;

	t->id = db_col_int(st, 0);
	t->name = db_col_text(a, st, 1);
	t->description = db_col_text(a, st, 2);
	t->qcount = db_col_int(st, 3);
	return t->name == NULL || t->description == NULL ? QA_ESYS : QA_OK;
}

/*
 * Find a tag by its exact name.  Returns QA_OK, QA_ENOTFOUND, or the
 * database error.
 */
enum qa_err
tag_find(struct db *db, struct arena *a, const char *name, struct tag *t)
{
	sqlite3_stmt	*st;

	assert(name != NULL);
	if ((st = db_stmt(db, &tag_stmts, TAG_STMT_FIND)) == NULL)
		return QA_ESYS;
	if (!db_bind_text(st, 1, name)) {
		db_done(st);
		return QA_ESYS;
	}
	return db_one(db, st, a, tag_row, t, "tag_find");
}

/*
 * Read up to limit tags that have questions, from offset, most used
 * first (ties by name).  *out is an arena array of *n tags (NULL when *n
 * is 0).  Returns QA_OK or the database error; on error *n is 0.
 */
enum qa_err
tag_list(struct db *db, struct arena *a, int64_t offset, int64_t limit,
    struct tag **out, size_t *n)
{
	sqlite3_stmt	*st;
	void		*v;
	enum qa_err	 er;

	*out = NULL;
	*n = 0;
	if (limit <= 0)
		return QA_OK;
	if ((st = db_stmt(db, &tag_stmts, TAG_STMT_LIST)) == NULL)
		return QA_ESYS;
	sqlite3_bind_int64(st, 1, limit);
	sqlite3_bind_int64(st, 2, offset);
	er = db_rows(db, st, a, sizeof(**out), (size_t)limit, tag_row, &v, n,
	    "tag_list");
	*out = v;
	return er;
}

/*
 * Count the used tags from offset on in list order, stopping at cap.
 * Returns QA_OK with *count in [0, cap], or the database error.
 */
enum qa_err
tag_count(struct db *db, int64_t offset, int64_t cap, int64_t *count)
{
	sqlite3_stmt	*st;

	*count = 0;
	if ((st = db_stmt(db, &tag_stmts, TAG_STMT_COUNT)) == NULL)
		return QA_ESYS;
	sqlite3_bind_int64(st, 1, cap);
	sqlite3_bind_int64(st, 2, offset);
	return db_count(db, st, count, "tag_count");
}

/*
 * Split a posts.tags value (names separated by spaces; runs of spaces and
 * leading or trailing ones are tolerated) into an arena array of names.
 * Returns the number of names; *names is NULL when it is 0 or when the
 * arena is out of memory (then 0 is returned).
 */
size_t
tag_split(struct arena *a, const char *tags, const char ***names)
{
	const char	**v;
	const char	 *p, *e;
	size_t		  n = 0, k = 0;
	int		  in = 0;

	*names = NULL;
	if (tags == NULL)
		return 0;
	for (p = tags; *p != '\0'; p++) {
		if (*p != ' ' && !in)
			n++;
		in = *p != ' ';
	}
	if (n == 0 || (v = arena_calloc(a, n, sizeof(*v))) == NULL)
		return 0;
	for (p = tags; *p != '\0' && k < n; p = e) {
		while (*p == ' ')
			p++;
		for (e = p; *e != '\0' && *e != ' '; e++)
			continue;
		if (e > p && (v[k++] = arena_strndup(a, p,
		    (size_t)(e - p))) == NULL)
			return 0;
	}
	*names = v;
	return k;
}
