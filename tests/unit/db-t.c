/*
 * db-t: opening, pragmas, statements, reading rows, transactions,
 * migrations and group commit.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/wait.h>

#include "arena.h"
#include "db.h"
#include "tap.h"

static const char *const t_sql[] = {
	"SELECT value FROM settings WHERE key = ?1",
	"INSERT INTO settings (key, value) VALUES (?1, ?2)",
	/* ROWS: x and 'n' || x for x from 1 to ?1. */
	"WITH RECURSIVE c(x) AS (SELECT 1 WHERE ?1 > 0 UNION ALL "
	"SELECT x + 1 FROM c WHERE x < ?1) SELECT x, 'n' || x FROM c",
	/* FAIL: an error at the first step. */
	"SELECT abs(-9223372036854775807 - 1)",
};
static sqlite3_stmt	*t_cache[4];
static struct db_stmts	 t_stmts = { t_sql, 4, t_cache, NULL, NULL };

enum { T_ROWS = 2, T_FAIL = 3 };

struct trow {
	int64_t		 x;
	char		*s;
};

/* The failing row for trow_fill; 0 for none. */
static int64_t	 fail_at;

/*
 * A db_rows() row function: fill the struct trow at p from (x, s), or
 * return QA_EINPUT at the row whose x is fail_at.
 */
static enum qa_err
trow_fill(struct arena *a, sqlite3_stmt *st, void *p)
{
	struct trow	*r = p;

	if (r->x != 0 || r->s != NULL)
		return QA_ESYS;		/* not zeroed */
	r->x = db_col_int(st, 0);
	r->s = db_col_text(a, st, 1);
	if (r->x == fail_at)
		return QA_EINPUT;
	return r->s == NULL ? QA_ESYS : QA_OK;
}

/* The ROWS statement bound to read rows 1 to n. */
static sqlite3_stmt *
rows_stmt(struct db *db, int n)
{
	sqlite3_stmt	*st;

	if ((st = db_stmt(db, &t_stmts, T_ROWS)) != NULL)
		sqlite3_bind_int(st, 1, n);
	return st;
}

static char *
pragma(struct db *db, const char *sql)
{
	sqlite3_stmt	*st;
	static char	 v[64];

	v[0] = '\0';
	if (sqlite3_prepare_v2(db_handle(db), sql, -1, &st, NULL) == SQLITE_OK &&
	    sqlite3_step(st) == SQLITE_ROW)
		snprintf(v, sizeof(v), "%s", sqlite3_column_text(st, 0));
	sqlite3_finalize(st);
	return v;
}

static int
count(struct db *db, const char *sql)
{
	return atoi(pragma(db, sql));
}

/*
 * A request's write as the programs make it: db_tx_begin(), insert x
 * into table g, then db_tx_commit(), or db_tx_rollback() when commit is
 * false (as a handler does on an error).  True if each step succeeded.
 */
static bool
request(struct db *db, int x, bool commit)
{
	char	 sql[64];
	bool	 good;

	snprintf(sql, sizeof(sql), "INSERT INTO g VALUES (%d)", x);
	if (db_tx_begin(db) != QA_OK)
		return false;
	good = db_exec(db, sql) == QA_OK;
	if (good && commit)
		return db_tx_commit(db) == QA_OK;
	db_tx_rollback(db);
	return good;
}

/* The rows of g from lo to hi as db reads them, as "10 11" ("" if none). */
static const char *
rows_of(struct db *db, int lo, int hi)
{
	char	 sql[128];

	snprintf(sql, sizeof(sql), "SELECT coalesce(group_concat(x, ' '), '') "
	    "FROM (SELECT x FROM g WHERE x BETWEEN %d AND %d ORDER BY x)",
	    lo, hi);
	return pragma(db, sql);
}

/* No transaction is open on db (autocommit again), no group pending. */
static bool
idle(struct db *db)
{
	return sqlite3_get_autocommit(db_handle(db)) != 0 &&
	    !db_group_pending(db);
}

int
main(void)
{
	char			 dir[] = "/tmp/db-t.XXXXXX", path[256], cmd[300];
	struct db		*db, *other;
	struct arena		 a;
	sqlite3_stmt		*st;
	struct trow		*v, one;
	void			*vp;
	size_t			 n;
	int64_t			 cnt;
	enum qa_err		 er;
	const struct db_migration good[] = {
		{ 901, "901-test", "CREATE TABLE extra (x INTEGER);"
		    "INSERT INTO extra VALUES (42);" },
		{ 902, "902-more", "ALTER TABLE extra ADD COLUMN y TEXT;" },
	};
	const struct db_migration bad[] = {
		{ 903, "903-ok", "CREATE TABLE t4 (x);" },
		{ 904, "904-broken", "CREATE TABLE t5 (x); SELECT nonsense();" },
	};

	plan(69);
	if (mkdtemp(dir) == NULL)
		bail("mkdtemp");
	snprintf(path, sizeof(path), "%s/qa.db", dir);

	ok(db_open(path, 0, &db) == QA_ENOTFOUND, "missing file without create");
	ok(db_open("/nonexistent-dir/qa.db", DB_CREATE, &db) == QA_ESYS,
	    "unwritable path fails");
	ok(db_open(path, DB_CREATE, &db) == QA_OK, "create");
	is_str(pragma(db, "PRAGMA journal_mode"), "wal", "WAL");
	is_str(pragma(db, "PRAGMA synchronous"), "2", "synchronous FULL");
	is_str(pragma(db, "PRAGMA foreign_keys"), "1", "foreign keys on");
	{
		/* Another process holds the write lock for 200 ms. */
		pid_t	 pid;
		int	 status;

		if ((pid = fork()) == 0) {
			sqlite3	*h;

			if (sqlite3_open(path, &h) != SQLITE_OK ||
			    sqlite3_exec(h, "BEGIN IMMEDIATE", NULL, NULL,
			    NULL) != SQLITE_OK)
				_exit(1);
			usleep(200000);
			sqlite3_exec(h, "COMMIT", NULL, NULL, NULL);
			sqlite3_close(h);
			_exit(0);
		}
		usleep(50000);
		ok(db_exec(db, "CREATE TABLE waited (x)") == QA_OK,
		    "a write waits for another process's lock");
		waitpid(pid, &status, 0);
		db_exec(db, "DROP TABLE waited");
	}
	is_int(db_version(db), 0, "empty database is version 0");
	ok(db_migrate(db, good, 2) == QA_EINPUT, "migrate refuses empty db");
	ok(db_init_schema(db) == QA_OK, "schema created");
	is_int(db_version(db), db_schema_version(), "schema version set");
	ok(db_init_schema(db) == QA_ECONFLICT, "schema not created twice");
	is_int(count(db, "SELECT count(*) FROM settings WHERE key = 'site_name'"),
	    1, "default settings");

	/* Statements. */
	st = db_stmt(db, &t_stmts, 1);
	ok(st != NULL && db_bind_text(st, 1, "k") && db_bind_text(st, 2, "v") &&
	    sqlite3_step(st) == SQLITE_DONE, "cached insert");
	db_done(st);
	ok(db_stmt(db, &t_stmts, 1) == st, "statement kept");
	st = db_stmt(db, &t_stmts, 0);
	db_bind_text(st, 1, "k");
	ok(sqlite3_step(st) == SQLITE_ROW &&
	    strcmp((const char *)sqlite3_column_text(st, 0), "v") == 0,
	    "cached select");
	db_done(st);

	/* Reading rows. */
	arena_init(&a);
	er = db_rows(db, rows_stmt(db, 5), &a, sizeof(*v), 10, trow_fill,
	    &vp, &n, "t");
	v = vp;
	ok(er == QA_OK && n == 5 && v != NULL && v[0].x == 1 &&
	    strcmp(v[0].s, "n1") == 0 && v[4].x == 5 &&
	    strcmp(v[4].s, "n5") == 0, "db_rows converts every row");
	er = db_rows(db, st = rows_stmt(db, 5), &a, sizeof(*v), 3, trow_fill,
	    &vp, &n, "t");
	v = vp;
	ok(er == QA_OK && n == 3 && v[2].x == 3 && !sqlite3_stmt_busy(st),
	    "db_rows stops at max and resets");
	er = db_rows(db, rows_stmt(db, 40), &a, sizeof(*v), DB_ROWS_ALL,
	    trow_fill, &vp, &n, "t");
	v = vp;
	ok(er == QA_OK && n == 40 && v[0].x == 1 && v[16].x == 17 &&
	    v[39].x == 40 && strcmp(v[39].s, "n40") == 0,
	    "db_rows with DB_ROWS_ALL grows the array");
	er = db_rows(db, rows_stmt(db, 0), &a, sizeof(*v), 10, trow_fill,
	    &vp, &n, "t");
	ok(er == QA_OK && vp == NULL && n == 0, "db_rows: no rows, NULL");
	fail_at = 3;
	er = db_rows(db, st = rows_stmt(db, 5), &a, sizeof(*v), 10, trow_fill,
	    &vp, &n, "t");
	fail_at = 0;
	ok(er == QA_EINPUT && vp == NULL && n == 0 && !sqlite3_stmt_busy(st) &&
	    sqlite3_step(st) == SQLITE_DONE,
	    "a row function's error propagates; statement reset, unbound");
	db_done(st);
	er = db_count(db, st = rows_stmt(db, 7), &cnt, "t");
	ok(er == QA_OK && cnt == 7 && !sqlite3_stmt_busy(st),
	    "db_count counts the rows and resets");
	er = db_count(db, db_stmt(db, &t_stmts, T_FAIL), &cnt, "t");
	ok(er == QA_ESYS && cnt == 0, "db_count maps a step error");
	memset(&one, 0, sizeof(one));
	ok(db_one(db, rows_stmt(db, 3), &a, trow_fill, &one, "t") == QA_OK &&
	    one.x == 1 && strcmp(one.s, "n1") == 0, "db_one reads the first");
	ok(db_one(db, rows_stmt(db, 0), &a, trow_fill, &one, "t") ==
	    QA_ENOTFOUND, "db_one: no row, QA_ENOTFOUND");
	arena_free(&a);

	/* Transactions. */
	ok(db_tx_begin(db) == QA_OK, "begin");
	db_exec(db, "DELETE FROM settings");
	db_tx_rollback(db);
	ok(count(db, "SELECT count(*) FROM settings") > 0, "rollback undoes");
	db_query_only(db, true);
	ok(db_exec(db, "DELETE FROM settings") != QA_OK, "query_only refuses");
	db_query_only(db, false);

	/* Migrations on an existing database keep its data. */
	db_close(db);
	ok(db_open(path, 0, &db) == QA_OK, "reopen");
	ok(db_migrate(db, good, 2) == QA_OK && db_version(db) == 902 &&
	    count(db, "SELECT x FROM extra") == 42 &&
	    count(db, "SELECT count(*) FROM settings WHERE key = 'k'") == 1,
	    "migrations applied, data kept");
	ok(db_migrate(db, good, 2) == QA_OK && db_version(db) == 902 &&
	    count(db, "SELECT count(*) FROM extra") == 1,
	    "applied migrations are not run again");
	ok(db_migrate(db, bad, 2) != QA_OK && db_version(db) == 903,
	    "a failed migration stops at the last good version");
	ok(count(db, "SELECT count(*) FROM sqlite_master WHERE name = 't5'")
	    == 0, "a failed migration is rolled back");
	db_close(db);

	/*
	 * Group commit, in a database of its own, which a second connection
	 * (another process of the site) reads: the table g stands for what
	 * the requests write, gc for rows whose parent in gp is checked only
	 * at COMMIT (a deferred foreign key), so that a COMMIT can fail.
	 */
	snprintf(path, sizeof(path), "%s/group.db", dir);
	if (db_open(path, DB_CREATE, &db) != QA_OK ||
	    db_exec(db, "CREATE TABLE g (x INTEGER PRIMARY KEY);"
	    "CREATE TABLE gp (id INTEGER PRIMARY KEY);"
	    "CREATE TABLE gc (p INTEGER REFERENCES gp(id) "
	    "DEFERRABLE INITIALLY DEFERRED);") != QA_OK ||
	    db_open(path, 0, &other) != QA_OK)
		bail("cannot create the group database");

	/* Outside a group, as before: each transaction on its own. */
	ok(request(db, 1, true) && strcmp(rows_of(other, 1, 9), "1") == 0 &&
	    idle(db), "outside a group, a commit is seen at once elsewhere");
	ok(request(db, 2, false) && strcmp(rows_of(db, 1, 9), "1") == 0 &&
	    idle(db), "outside a group, a rollback undoes its write");
	ok(db_tx_begin(db) == QA_OK && db_exec(db, "INSERT INTO g VALUES (3)")
	    == QA_OK && strcmp(rows_of(other, 1, 9), "1") == 0,
	    "outside a group, a write in a transaction is not seen before "
	    "its commit");
	ok(db_tx_commit(db) == QA_OK && strcmp(rows_of(other, 1, 9), "1 3")
	    == 0, "... and is seen after it");

	/* Two requests share one transaction, committed by the close. */
	db_group_open(db);
	ok(!db_group_pending(db), "a group is not pending before a tx begins");
	ok(request(db, 10, true), "a first request in a group commits");
	ok(db_group_pending(db), "the group is pending once a tx began");
	ok(request(db, 11, true), "a second request in the group commits");
	is_str(rows_of(db, 10, 19), "10 11", "the group's connection sees "
	    "both writes");
	is_str(rows_of(other, 10, 19), "", "another connection sees none "
	    "before the group closes");
	ok(db_group_close(db, true) == QA_OK, "the group closes with a commit");
	is_str(rows_of(other, 10, 19), "10 11", "both writes are kept and "
	    "seen by another connection");
	ok(idle(db), "after the close no transaction is open, none pending");
	ok(request(db, 12, true) && strcmp(rows_of(other, 10, 19), "10 11 12")
	    == 0, "after the close, a commit is seen at once again");

	/* A request that rolls back loses its own write only. */
	db_group_open(db);
	ok(request(db, 20, true) && request(db, 21, false) &&
	    request(db, 22, true), "a group with a request rolled back");
	ok(db_group_pending(db), "the group is still pending");
	ok(db_group_close(db, true) == QA_OK, "it closes with a commit");
	is_str(rows_of(other, 20, 29), "20 22",
	    "the rolled-back request's write is gone, the others' kept");

	/* Closing without a commit keeps nothing of the group. */
	db_group_open(db);
	ok(request(db, 30, true) && request(db, 31, true),
	    "two requests in a group that will not commit");
	(void)db_group_close(db, false);
	is_str(rows_of(db, 30, 39), "", "closed without a commit: nothing "
	    "kept");
	ok(idle(db), "... and no transaction left open");

	/*
	 * A write without db_tx_begin() (a rate-limit counter) after the
	 * group's transaction began is part of it.
	 */
	db_group_open(db);
	ok(request(db, 40, true) && db_exec(db, "INSERT INTO g VALUES (41)") ==
	    QA_OK, "an autocommit write after a request of the group");
	is_str(rows_of(other, 40, 49), "", "it is not seen elsewhere before "
	    "the close");
	(void)db_group_close(db, false);
	is_str(rows_of(db, 40, 49), "", "it goes with the group closed "
	    "without a commit");

	/* A group in which no transaction began changes nothing. */
	db_group_open(db);
	ok(db_exec(db, "INSERT INTO g VALUES (45)") == QA_OK &&
	    strcmp(rows_of(other, 40, 49), "45") == 0 && !db_group_pending(db),
	    "before a tx begins, a write commits on its own, nothing pending");
	ok(db_group_close(db, false) == QA_OK && idle(db),
	    "a group where no tx began closes with QA_OK");
	is_str(rows_of(other, 40, 49), "45", "... and changes nothing");

	/* A read-only request of the group left query_only on. */
	db_group_open(db);
	ok(request(db, 50, true), "a request writes in a group");
	db_query_only(db, true);
	ok(db_group_close(db, true) == QA_OK &&
	    strcmp(rows_of(other, 50, 59), "50") == 0,
	    "the group commits after a read-only request set query_only");
	ok(request(db, 51, true), "... and the connection writes again");

	/*
	 * A COMMIT that fails: a deferred foreign key, which a savepoint's
	 * RELEASE does not check, violated by the second request.
	 */
	db_group_open(db);
	ok(request(db, 60, true), "a good request in a group");
	ok(db_tx_begin(db) == QA_OK &&
	    db_exec(db, "INSERT INTO gc VALUES (999)") == QA_OK &&
	    db_tx_commit(db) == QA_OK, "a request breaks a deferred "
	    "foreign key (not checked yet)");
	ok(db_group_close(db, true) != QA_OK, "the group's COMMIT fails "
	    "and the close says so");
	ok(idle(db), "no transaction is left open");
	ok(strcmp(rows_of(db, 60, 69), "") == 0 &&
	    count(db, "SELECT count(*) FROM gc") == 0 &&
	    strcmp(rows_of(other, 60, 69), "") == 0,
	    "nothing of the failed group is kept");
	ok(request(db, 61, true) && strcmp(rows_of(other, 60, 69), "61") == 0,
	    "the connection commits again after a failed group");
	db_close(other);
	db_close(db);

	snprintf(cmd, sizeof(cmd), "rm -rf %s", dir);
	if (system(cmd) != 0)
		diag("cleanup failed");
	return done();
}
