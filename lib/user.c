/*
 * user.c: read queries over users for profiles and the user list.
 * Writes (register, login, levels) belong to the programs that make them.
 */
#include <assert.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "arena.h"
#include "db.h"
#include "user.h"

enum user_stmt {
	USER_STMT_BY_HANDLE,	/* one user by handle, any case */
	USER_STMT_BY_ID,	/* one user by id */
	USER_STMT_LIST,		/* a page of users by points */
	USER_STMT_COUNT,	/* users from an offset, up to a cap */
	USER_STMT__MAX
};

#define USER_COLS \
	"id, handle, display_name, about, level, points, qcount, acount, " \
	"created, last_seen, blocked"

static const char *const user_sql[USER_STMT__MAX] = {
	/* BY_HANDLE: the handle column is COLLATE NOCASE UNIQUE. */
	"SELECT " USER_COLS " FROM users WHERE handle = ?1",
	/* BY_ID */
	"SELECT " USER_COLS " FROM users WHERE id = ?1",
	/* LIST: index users_points. */
	"SELECT " USER_COLS " FROM users "
	"ORDER BY points DESC, id LIMIT ?1 OFFSET ?2",
	/* COUNT: the caller counts the rows, at most ?1 past the offset. */
	"SELECT 1 FROM users ORDER BY points DESC, id LIMIT ?1 OFFSET ?2",
};

static sqlite3_stmt *user_cache[USER_STMT__MAX];
static struct db_stmts user_stmts =
    { user_sql, USER_STMT__MAX, user_cache, NULL, NULL };

static const char *const level_names[USER_LEVEL__MAX] = {
	"anonymous", "registered", "expert", "editor", "moderator", "admin",
	"super",
};

/*
 * The statement table of this module, for tests that prepare every
 * statement of every module.
 */
struct db_stmts *
user_statements(void)
{
	return &user_stmts;
}

/*
 * The name of a level as the site shows it ("registered" ... "super");
 * "registered" for a value out of range.
 */
const char *
user_level_name(int level)
{
	if (level < 0 || level >= USER_LEVEL__MAX)
		return level_names[USER_REGISTERED];
	return level_names[level];
}

/*
 * Fill the struct user at p from the current row of a statement that
 * selected USER_COLS, copying text into the arena.  Returns QA_ESYS if a
 * copy fails.  The shape of a db_one()/db_rows() row function.
 */
static enum qa_err
user_row(struct arena *a, sqlite3_stmt *st, void *p)
{
	struct user	*u = p;

	u->id = db_col_int(st, 0);
	u->handle = db_col_text(a, st, 1);
	u->display_name = db_col_text(a, st, 2);
	u->about = db_col_text(a, st, 3);
	u->level = (int)db_col_int(st, 4);
	u->points = db_col_int(st, 5);
	u->qcount = db_col_int(st, 6);
	u->acount = db_col_int(st, 7);
	u->created = db_col_int(st, 8);
	u->last_seen = db_col_int(st, 9);
	u->blocked = db_col_int(st, 10) != 0;
	if (u->handle == NULL || u->about == NULL)
		return QA_ESYS;
	if (u->display_name != NULL && u->display_name[0] == '\0')
		u->display_name = NULL;
	return QA_OK;
}

/*
 * Find a user by handle, compared without regard to ASCII case (the
 * stored spelling comes back in u->handle, so a caller can redirect to
 * it).  Returns QA_OK, QA_ENOTFOUND, or QA_ESYS/QA_EBUSY.
 */
enum qa_err
user_find_by_handle(struct db *db, struct arena *a, const char *handle,
    struct user *u)
{
	sqlite3_stmt	*st;

	assert(handle != NULL);
	if ((st = db_stmt(db, &user_stmts, USER_STMT_BY_HANDLE)) == NULL)
		return QA_ESYS;
	if (!db_bind_text(st, 1, handle)) {
		db_done(st);
		return QA_ESYS;
	}
	return db_one(db, st, a, user_row, u, "user_find_by_handle");
}

/*
 * Find a user by id.  Returns QA_OK, QA_ENOTFOUND, or QA_ESYS/QA_EBUSY.
 */
enum qa_err
user_find_by_id(struct db *db, struct arena *a, int64_t id, struct user *u)
{
	sqlite3_stmt	*st;

	if ((st = db_stmt(db, &user_stmts, USER_STMT_BY_ID)) == NULL)
		return QA_ESYS;
	sqlite3_bind_int64(st, 1, id);
	return db_one(db, st, a, user_row, u, "user_find_by_id");
}

/*
 * Read up to limit users from offset, most points first (ties by id).
 * *out is an arena array of *n users (NULL when *n is 0).  Returns QA_OK
 * or the database error; on error *n is 0.
 */
enum qa_err
user_list(struct db *db, struct arena *a, int64_t offset, int64_t limit,
    struct user **out, size_t *n)
{
	sqlite3_stmt	*st;
	void		*v;
	enum qa_err	 er;

	*out = NULL;
	*n = 0;
	if (limit <= 0)
		return QA_OK;
	if ((st = db_stmt(db, &user_stmts, USER_STMT_LIST)) == NULL)
		return QA_ESYS;
	sqlite3_bind_int64(st, 1, limit);
	sqlite3_bind_int64(st, 2, offset);
	er = db_rows(db, st, a, sizeof(**out), (size_t)limit, user_row, &v, n,
	    "user_list");
	*out = v;
	return er;
}

/*
 * Count the users from offset on in list order, stopping at cap, so a
 * pager learns whether (and how many) pages follow without counting the
 * whole table.  Returns QA_OK with *count in [0, cap], or the error.
 */
enum qa_err
user_count(struct db *db, int64_t offset, int64_t cap, int64_t *count)
{
	sqlite3_stmt	*st;

	*count = 0;
	if ((st = db_stmt(db, &user_stmts, USER_STMT_COUNT)) == NULL)
		return QA_ESYS;
	sqlite3_bind_int64(st, 1, cap);
	sqlite3_bind_int64(st, 2, offset);
	return db_count(db, st, count, "user_count");
}
