/*
 * db.c: the SQLite database.  One connection per process, opened with the
 * pragmas of the design (WAL, synchronous=FULL, foreign keys, a busy
 * timeout), statements prepared once and kept, schema from sql/.
 */
#include <assert.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "arena.h"
#include "db.h"

#define DB_BUSY_MS	5000

struct db {
	sqlite3		*h;
	struct db_stmts	*tables;	/* statement tables in use */
	bool		 query_only;
	bool		 grouping;	/* db_group_open(): tx join one */
	bool		 group_open;	/* its BEGIN IMMEDIATE ran */
	bool		 group_lost;	/* SQLite rolled it all back */
	int		 txdepth;
	unsigned long	 queries;	/* statements run: db_queries() */
	long		 busy_us;	/* waited for the current lock */
};

/*
 * Log a failed SQLite call and map its code: SQLITE_BUSY/LOCKED become
 * QA_EBUSY, a constraint QA_ECONFLICT, anything else QA_ESYS.
 */
enum qa_err
db_err(struct db *db, int rc, const char *where)
{
	fprintf(stderr, "db: %s: %s (%d)\n", where,
	    db != NULL && db->h != NULL ? sqlite3_errmsg(db->h) :
	    sqlite3_errstr(rc), rc);
	switch (rc & 0xff) {
	case SQLITE_BUSY:
	case SQLITE_LOCKED:
		return QA_EBUSY;
	case SQLITE_CONSTRAINT:
		return QA_ECONFLICT;
	default:
		return QA_ESYS;
	}
}

/* Run SQL without results (may hold several statements). */
enum qa_err
db_exec(struct db *db, const char *sql)
{
	int	 rc;

	db->queries++;
	if ((rc = sqlite3_exec(db->h, sql, NULL, NULL, NULL)) != SQLITE_OK)
		return db_err(db, rc, "exec");
	return QA_OK;
}

/*
 * SQLite's busy handler: wait and try again while another process holds
 * the write lock, for up to DB_BUSY_MS in all.  SQLite's own handler
 * sleeps in steps of up to 100 ms, which a writer that commits in a
 * millisecond does not need and which shows as a long p99 under
 * concurrent writes; this one sleeps 0.1 ms at first, doubling up to
 * 2 ms, with jitter so that waiting processes do not wake together.
 * Returns non-zero to try again, 0 to give up (SQLITE_BUSY).
 */
static int
busy_wait(void *arg, int count)
{
	struct db	*db = arg;
	struct timespec	 ts;
	long		 us;

	if (count == 0)
		db->busy_us = 0;
	if (db->busy_us >= (long)DB_BUSY_MS * 1000)
		return 0;
	us = 100L << (count < 5 ? count : 5);
	us = us / 2 + random() % (us / 2 + 1);
	ts.tv_sec = 0;
	ts.tv_nsec = us * 1000;
	nanosleep(&ts, NULL);
	db->busy_us += us;
	return 1;
}

/*
 * Open the database at path.  With DB_CREATE a missing file is created
 * (the schema is not: see db_init_schema()); without it a missing file is
 * QA_ENOTFOUND.  With DB_READONLY the connection starts query_only.  The
 * pragmas of DESIGN.md §4 are applied.  *out is set on success only.
 */
enum qa_err
db_open(const char *path, unsigned int flags, struct db **out)
{
	struct db	*db;
	int		 rc, oflags;
	enum qa_err	 er;

	*out = NULL;
	if ((db = calloc(1, sizeof(*db))) == NULL)
		return QA_ESYS;
	oflags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX;
	if (flags & DB_CREATE)
		oflags |= SQLITE_OPEN_CREATE;
	if ((rc = sqlite3_open_v2(path, &db->h, oflags, NULL)) != SQLITE_OK) {
		fprintf(stderr, "db: open %s: %s\n", path,
		    db->h ? sqlite3_errmsg(db->h) : sqlite3_errstr(rc));
		sqlite3_close(db->h);
		free(db);
		return (rc & 0xff) == SQLITE_CANTOPEN && !(flags & DB_CREATE) ?
		    QA_ENOTFOUND : QA_ESYS;
	}
	sqlite3_extended_result_codes(db->h, 1);
	sqlite3_busy_handler(db->h, busy_wait, db);
	if ((er = db_exec(db, "PRAGMA journal_mode = WAL;"
	    "PRAGMA synchronous = FULL;"
	    "PRAGMA foreign_keys = ON;"
	    "PRAGMA temp_store = MEMORY;")) != QA_OK) {
		db_close(db);
		return er;
	}
	if (flags & DB_READONLY)
		db_query_only(db, true);
	*out = db;
	return QA_OK;
}

/*
 * Finalize every cached statement, empty the caches so that a later
 * database can use them, and close the connection.  NULL does nothing.
 */
void
db_close(struct db *db)
{
	struct db_stmts	*t, *next;
	size_t		 i;

	if (db == NULL)
		return;
	for (t = db->tables; t != NULL; t = next) {
		next = t->next;
		for (i = 0; i < t->n; i++) {
			sqlite3_finalize(t->cache[i]);
			t->cache[i] = NULL;
		}
		t->owner = NULL;
		t->next = NULL;
	}
	if (sqlite3_close(db->h) != SQLITE_OK)
		fprintf(stderr, "db: close: %s\n", sqlite3_errmsg(db->h));
	free(db);
}

/* The raw handle, for tools and tests. */
sqlite3 *
db_handle(struct db *db)
{
	return db->h;
}

/*
 * Statement `which` of a table, prepared on first use (persistent) and
 * kept.  The caller binds, steps, and ends with db_done().  NULL (logged)
 * if it does not prepare, which tests/unit/sql-t.c rules out.
 */
sqlite3_stmt *
db_stmt(struct db *db, struct db_stmts *t, size_t which)
{
	int	 rc;

	assert(which < t->n);
	db->queries++;
	if (t->owner != db) {
		assert(t->owner == NULL);
		t->owner = db;
		t->next = db->tables;
		db->tables = t;
	}
	if (t->cache[which] != NULL)
		return t->cache[which];
	rc = sqlite3_prepare_v3(db->h, t->sql[which], -1,
	    SQLITE_PREPARE_PERSISTENT, &t->cache[which], NULL);
	if (rc != SQLITE_OK) {
		fprintf(stderr, "db: prepare \"%.60s\": %s\n", t->sql[which],
		    sqlite3_errmsg(db->h));
		sqlite3_finalize(t->cache[which]);
		t->cache[which] = NULL;
	}
	return t->cache[which];
}

/*
 * Step a bound statement that returns no rows (INSERT, UPDATE, DELETE),
 * then reset it.  QA_OK, or the error mapped by db_err() with where.
 */
enum qa_err
db_run(struct db *db, sqlite3_stmt *st, const char *where)
{
	int	 rc;

	rc = sqlite3_step(st);
	db_done(st);
	return rc == SQLITE_DONE ? QA_OK : db_err(db, rc, where);
}

/* Reset a statement and clear its bindings; NULL does nothing. */
void
db_done(sqlite3_stmt *st)
{
	if (st == NULL)
		return;
	sqlite3_reset(st);
	sqlite3_clear_bindings(st);
}

/*
 * Step st, whose parameters the caller has bound, for one row and convert
 * it with row(a, st, out).  Returns QA_OK, QA_ENOTFOUND if there is no
 * row, row()'s error, or the database error mapped by db_err() with
 * `where` in the log line.  Resets the statement and clears its bindings
 * in every case.
 */
enum qa_err
db_one(struct db *db, sqlite3_stmt *st, struct arena *a,
    enum qa_err (*row)(struct arena *, sqlite3_stmt *, void *), void *out,
    const char *where)
{
	enum qa_err	 er;
	int		 rc;

	if ((rc = sqlite3_step(st)) == SQLITE_ROW)
		er = row(a, st, out);
	else if (rc == SQLITE_DONE)
		er = QA_ENOTFOUND;
	else
		er = db_err(db, rc, where);
	db_done(st);
	return er;
}

/*
 * Step st, whose parameters the caller has bound, and convert up to max
 * rows with row(a, st, &v[k]) into an arena array v of elsize-byte
 * elements, each zeroed before row() fills it; rows past max are left
 * unread.  The array is allocated at the first row: max elements, or for
 * max DB_ROWS_ALL 16 and then twice as many whenever it fills.  Returns
 * QA_OK with *out the array and *n its length (*out NULL when *n is 0),
 * QA_ESYS if out of memory, row()'s error, or the database error mapped
 * by db_err() with `where` in the log line; on error *out is NULL and *n
 * is 0 (what was allocated stays in the arena).  Resets the statement and
 * clears its bindings in every case.
 */
enum qa_err
db_rows(struct db *db, sqlite3_stmt *st, struct arena *a, size_t elsize,
    size_t max, enum qa_err (*row)(struct arena *, sqlite3_stmt *, void *),
    void **out, size_t *n, const char *where)
{
	unsigned char	*v = NULL, *nv;
	size_t		 k = 0, cap = 0;
	enum qa_err	 er = QA_OK;
	int		 rc;

	*out = NULL;
	*n = 0;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW && k < max) {
		if (k == cap) {
			if (cap == 0)
				cap = max != DB_ROWS_ALL ? max : 16;
			else
				cap = cap <= max / 2 ? cap * 2 : max;
			if ((nv = arena_calloc(a, cap, elsize)) == NULL) {
				er = QA_ESYS;
				goto out;
			}
			if (k > 0)
				memcpy(nv, v, k * elsize);
			v = nv;
		}
		if ((er = row(a, st, v + k++ * elsize)) != QA_OK)
			goto out;
	}
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		er = db_err(db, rc, where);
out:
	db_done(st);
	if (er == QA_OK && k > 0) {
		*out = v;
		*n = k;
	}
	return er;
}

/*
 * Step st, whose parameters the caller has bound, to its end and set
 * *count to the number of rows (a statement with a LIMIT counts up to a
 * cap without reading a whole table).  Returns QA_OK, or the database
 * error mapped by db_err() with `where` in the log line; *count is the
 * rows seen before it.  Resets the statement and clears its bindings.
 */
enum qa_err
db_count(struct db *db, sqlite3_stmt *st, int64_t *count, const char *where)
{
	enum qa_err	 er = QA_OK;
	int		 rc;

	*count = 0;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW)
		(*count)++;
	if (rc != SQLITE_DONE)
		er = db_err(db, rc, where);
	db_done(st);
	return er;
}

/*
 * Turn PRAGMA query_only on or off, only when it changes: read-only
 * routes run with it on, so a bug cannot write.
 */
void
db_query_only(struct db *db, bool on)
{
	if (db->query_only == on)
		return;
	if (db_exec(db, on ? "PRAGMA query_only = ON" :
	    "PRAGMA query_only = OFF") == QA_OK)
		db->query_only = on;
}

/*
 * Whether the group's transaction has gone: an error that makes SQLite
 * roll back the whole transaction (a full disk, I/O, OR ROLLBACK) ends it
 * under the savepoints.  Nothing more may then run as part of the group:
 * it would commit on its own, and what went before is lost already.
 */
static bool
group_gone(struct db *db)
{
	if (db->group_open && !db->group_lost &&
	    sqlite3_get_autocommit(db->h) != 0) {
		fprintf(stderr, "db: the grouped transaction was rolled "
		    "back\n");
		db->group_lost = true;
	}
	return db->group_lost;
}

/*
 * Begin a write transaction (BEGIN IMMEDIATE: take the lock up front).
 * While requests are grouped (db_group_open()), the first one begins the
 * group's transaction and each is a savepoint inside it; QA_ESYS once
 * the group's transaction is lost.
 */
enum qa_err
db_tx_begin(struct db *db)
{
	enum qa_err	 er;

	assert(db->txdepth == 0);
	if (group_gone(db))
		return QA_ESYS;
	if (db->grouping && !db->group_open) {
		if ((er = db_exec(db, "BEGIN IMMEDIATE")) != QA_OK)
			return er;
		db->group_open = true;
	}
	if ((er = db_exec(db, db->group_open ? "SAVEPOINT tx" :
	    "BEGIN IMMEDIATE")) == QA_OK)
		db->txdepth = 1;
	return er;
}

/*
 * Commit the transaction; on failure it is still open: roll back.  In a
 * group, the savepoint is released: its changes are committed with the
 * group's (db_group_close()).
 */
enum qa_err
db_tx_commit(struct db *db)
{
	enum qa_err	 er;

	if (group_gone(db))
		return QA_ESYS;
	if ((er = db_exec(db, db->group_open ? "RELEASE tx" : "COMMIT")) ==
	    QA_OK)
		db->txdepth = 0;
	return er;
}

/* Roll back the transaction (in a group, its savepoint) if one is open. */
void
db_tx_rollback(struct db *db)
{
	if (db->group_open) {
		if (!group_gone(db) && db->txdepth > 0)
			(void)db_exec(db, "ROLLBACK TO tx; RELEASE tx");
	} else if (sqlite3_get_autocommit(db->h) == 0)
		(void)db_exec(db, "ROLLBACK");
	db->txdepth = 0;
}

/*
 * Group commit: from now on the transactions of several requests join
 * one, begun by the first db_tx_begin() and ended by db_group_close(), so
 * that they share one commit (one fsync) instead of paying one each.
 */
void
db_group_open(struct db *db)
{
	assert(db->txdepth == 0);
	db->grouping = true;
}

/*
 * Whether the group's transaction has begun and still stands: its
 * writes wait for db_group_close(), and more requests may join it.
 */
bool
db_group_pending(struct db *db)
{
	return db->group_open && !group_gone(db);
}

/*
 * End the group: commit its transaction if one began, or roll it back
 * when commit is false.  Returns QA_OK when the group's writes are kept
 * (or none began, or commit is false); an error (logged) when they could
 * not be kept: a failed COMMIT, rolled back, or a transaction SQLite had
 * already rolled back.  In either case nothing of the group is kept.
 */
enum qa_err
db_group_close(struct db *db, bool commit)
{
	enum qa_err	 er = QA_OK;
	bool		 lost;

	db->grouping = false;
	if (!db->group_open)
		return QA_OK;
	lost = group_gone(db);
	db->group_open = false;
	db->group_lost = false;
	db->txdepth = 0;
	/* query_only may be on from a read-only route of the group. */
	db_query_only(db, false);
	if (lost)
		er = QA_ESYS;
	else if (commit)
		er = db_exec(db, "COMMIT");
	if (!commit || er != QA_OK) {
		if (sqlite3_get_autocommit(db->h) == 0)
			(void)db_exec(db, "ROLLBACK");
	}
	return commit ? er : QA_OK;
}

/*
 * How many statements this connection has been given to run (db_stmt()
 * and db_exec() calls) since it was opened: the difference over a
 * request is the number of queries of its page.
 */
unsigned long
db_queries(const struct db *db)
{
	return db != NULL ? db->queries : 0;
}

/* PRAGMA user_version, or -1 on error. */
int
db_version(struct db *db)
{
	sqlite3_stmt	*st;
	int		 v = -1;

	if (sqlite3_prepare_v2(db->h, "PRAGMA user_version", -1, &st,
	    NULL) != SQLITE_OK)
		return -1;
	if (sqlite3_step(st) == SQLITE_ROW)
		v = sqlite3_column_int(st, 0);
	sqlite3_finalize(st);
	return v;
}

/*
 * The version of the compiled-in schema: the highest migration number,
 * or 1 when there are no migrations yet (schema.sql sets the same).
 */
int
db_schema_version(void)
{
	size_t	 i;
	int	 v = 1;

	for (i = 0; i < sql_nmigrations; i++)
		if (sql_migrations[i].version > v)
			v = sql_migrations[i].version;
	return v;
}

/* Whether the database holds any table of ours. */
static bool
db_empty(struct db *db)
{
	sqlite3_stmt	*st;
	bool		 empty = false;

	if (sqlite3_prepare_v2(db->h, "SELECT count(*) FROM sqlite_master",
	    -1, &st, NULL) != SQLITE_OK)
		return false;
	if (sqlite3_step(st) == SQLITE_ROW)
		empty = sqlite3_column_int(st, 0) == 0;
	sqlite3_finalize(st);
	return empty;
}

/*
 * Create the current schema in an empty database, in one transaction.
 * QA_ECONFLICT if the database already holds tables.
 */
enum qa_err
db_init_schema(struct db *db)
{
	enum qa_err	 er;

	if (!db_empty(db))
		return QA_ECONFLICT;
	if ((er = db_tx_begin(db)) != QA_OK)
		return er;
	if ((er = db_exec(db, sql_schema)) == QA_OK &&
	    db_version(db) != db_schema_version()) {
		fprintf(stderr, "db: schema.sql sets user_version %d, "
		    "migrations reach %d\n", db_version(db),
		    db_schema_version());
		er = QA_ESYS;
	}
	if (er == QA_OK)
		er = db_tx_commit(db);
	if (er != QA_OK)
		db_tx_rollback(db);
	return er;
}

/*
 * Apply, in order, each migration whose version is above the database's
 * user_version, each in its own transaction that also sets user_version,
 * so a failed migration leaves the database at the previous version.
 * An empty database is QA_EINPUT (create it with db_init_schema()); one
 * newer than every migration is left alone.
 */
enum qa_err
db_migrate(struct db *db, const struct db_migration *m, size_t n)
{
	char		 pragma[64];
	size_t		 i;
	int		 cur;
	enum qa_err	 er;

	if ((cur = db_version(db)) < 0)
		return QA_ESYS;
	if (cur == 0)
		return QA_EINPUT;
	for (i = 0; i < n; i++) {
		if (m[i].version <= cur)
			continue;
		if ((er = db_tx_begin(db)) != QA_OK)
			return er;
		snprintf(pragma, sizeof(pragma), "PRAGMA user_version = %d",
		    m[i].version);
		if ((er = db_exec(db, m[i].sql)) == QA_OK)
			er = db_exec(db, pragma);
		if (er == QA_OK)
			er = db_tx_commit(db);
		if (er != QA_OK) {
			fprintf(stderr, "db: migration %s failed\n",
			    m[i].name);
			db_tx_rollback(db);
			return er;
		}
		cur = m[i].version;
	}
	return QA_OK;
}

/* Bring the database to the compiled-in schema: create or migrate. */
enum qa_err
db_upgrade(struct db *db)
{
	if (db_version(db) == 0 && db_empty(db))
		return db_init_schema(db);
	return db_migrate(db, sql_migrations, sql_nmigrations);
}

/* Column text copied into the arena; NULL for SQL NULL or no memory. */
char *
db_col_text(struct arena *a, sqlite3_stmt *st, int col)
{
	const unsigned char	*s;

	if ((s = sqlite3_column_text(st, col)) == NULL)
		return NULL;
	return arena_strndup(a, (const char *)s,
	    (size_t)sqlite3_column_bytes(st, col));
}

int64_t
db_col_int(sqlite3_stmt *st, int col)
{
	return sqlite3_column_int64(st, col);
}

/* Bind an id, or SQL NULL when it is 0 (no parent, no category, ...). */
void
db_bind_id(sqlite3_stmt *st, int idx, int64_t id)
{
	if (id != 0)
		sqlite3_bind_int64(st, idx, id);
	else
		sqlite3_bind_null(st, idx);
}

/* Bind text (NULL binds SQL NULL); false if the bind failed. */
bool
db_bind_text(sqlite3_stmt *st, int idx, const char *s)
{
	if (s == NULL)
		return sqlite3_bind_null(st, idx) == SQLITE_OK;
	return sqlite3_bind_text(st, idx, s, -1, SQLITE_TRANSIENT) ==
	    SQLITE_OK;
}
