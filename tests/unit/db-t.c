/* db-t: opening, pragmas, statements, transactions and migrations. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "db.h"
#include "tap.h"

static const char *const t_sql[] = {
	"SELECT value FROM settings WHERE key = ?1",
	"INSERT INTO settings (key, value) VALUES (?1, ?2)",
};
static sqlite3_stmt	*t_cache[2];
static struct db_stmts	 t_stmts = { t_sql, 2, t_cache, NULL, NULL };

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

int
main(void)
{
	char			 dir[] = "/tmp/db-t.XXXXXX", path[256], cmd[300];
	struct db		*db;
	sqlite3_stmt		*st;
	const struct db_migration good[] = {
		{ 2, "002-test", "CREATE TABLE extra (x INTEGER);"
		    "INSERT INTO extra VALUES (42);" },
		{ 3, "003-more", "ALTER TABLE extra ADD COLUMN y TEXT;" },
	};
	const struct db_migration bad[] = {
		{ 4, "004-ok", "CREATE TABLE t4 (x);" },
		{ 5, "005-broken", "CREATE TABLE t5 (x); SELECT nonsense();" },
	};

	plan(24);
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
	ok(atoi(pragma(db, "PRAGMA busy_timeout")) >= 1000, "busy timeout set");
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
	ok(db_migrate(db, good, 2) == QA_OK && db_version(db) == 3 &&
	    count(db, "SELECT x FROM extra") == 42 &&
	    count(db, "SELECT count(*) FROM settings WHERE key = 'k'") == 1,
	    "migrations applied, data kept");
	ok(db_migrate(db, good, 2) == QA_OK && db_version(db) == 3 &&
	    count(db, "SELECT count(*) FROM extra") == 1,
	    "applied migrations are not run again");
	ok(db_migrate(db, bad, 2) != QA_OK && db_version(db) == 4,
	    "a failed migration stops at the last good version");
	ok(count(db, "SELECT count(*) FROM sqlite_master WHERE name = 't5'")
	    == 0, "a failed migration is rolled back");
	db_close(db);

	snprintf(cmd, sizeof(cmd), "rm -rf %s", dir);
	if (system(cmd) != 0)
		diag("cleanup failed");
	return done();
}
