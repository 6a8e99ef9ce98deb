/*
 * settings.c: site settings from the settings table, kept in memory per
 * process.  A change made anywhere (the settings page of one program,
 * qa-admin, another process) reaches every running process at its next
 * request: settings_set() bumps the row settings_stamp in the same
 * statement batch, and settings_refresh() (run by serve before each
 * request) reloads when the stamp moved.  It only reads the stamp when
 * SQLite's data_version says another connection has committed, so a
 * quiet site pays nothing and a busy one one indexed lookup.
 */
#include <stdio.h>
#include <stdlib.h>
#include <stdbool.h>
#include <string.h>

#include "db.h"
#include "http.h"
#include "settings.h"

#define SETTINGS_MAX	256

struct setting {
	char	*key;
	char	*value;
};

static struct setting	 cache[SETTINGS_MAX];
static size_t		 ncache;
static int64_t		 data_version = -1;	/* at the last check */

/* Forget the cached settings. */
void
settings_clear(void)
{
	size_t	 i;

	for (i = 0; i < ncache; i++) {
		free(cache[i].key);
		free(cache[i].value);
	}
	ncache = 0;
}

/*
 * Read every setting into the process cache, replacing what was there.
 * QA_ESYS (logged) on a database error; the old cache is then kept.
 */
enum qa_err
settings_load(struct db *db)
{
	sqlite3_stmt	*st;
	struct setting	 next[SETTINGS_MAX];
	size_t		 n = 0, i;
	int		 rc;

	if ((rc = sqlite3_prepare_v2(db_handle(db),
	    "SELECT key, value FROM settings ORDER BY key", -1, &st, NULL))
	    != SQLITE_OK)
		return db_err(db, rc, "settings_load");
	while ((rc = sqlite3_step(st)) == SQLITE_ROW && n < SETTINGS_MAX) {
		next[n].key = strdup((const char *)sqlite3_column_text(st, 0));
		next[n].value =
		    strdup((const char *)sqlite3_column_text(st, 1));
		if (next[n].key == NULL || next[n].value == NULL) {
			free(next[n].key);
			free(next[n].value);
			break;
		}
		n++;
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE) {
		for (i = 0; i < n; i++) {
			free(next[i].key);
			free(next[i].value);
		}
		return db_err(db, rc, "settings_load");
	}
	settings_clear();
	memcpy(cache, next, n * sizeof(next[0]));
	ncache = n;
	return QA_OK;
}

/* A setting's value, or dflt when it is not set. */
const char *
settings_get(const char *key, const char *dflt)
{
	size_t	 i;

	for (i = 0; i < ncache; i++)
		if (strcmp(cache[i].key, key) == 0)
			return cache[i].value;
	return dflt;
}

/* An integer setting, or dflt when unset or not an integer. */
int64_t
settings_int(const char *key, int64_t dflt)
{
	const char	*v;
	int64_t		 n;

	if ((v = settings_get(key, NULL)) == NULL ||
	    http_parse_int(v, INT64_MIN, INT64_MAX, &n) != QA_OK)
		return dflt;
	return n;
}

enum settings_stmt {
	SETTINGS_STMT_SET,
	SETTINGS_STMT_BUMP,
	SETTINGS_STMT_STAMP,
	SETTINGS_STMT_VERSION,
	SETTINGS_STMT__MAX
};

static const char *const settings_sql[SETTINGS_STMT__MAX] = {
	/* SET */
	"INSERT INTO settings (key, value) VALUES (?1, ?2) "
	"ON CONFLICT (key) DO UPDATE SET value = excluded.value",
	/* BUMP: the stamp every process compares */
	"INSERT INTO settings (key, value) VALUES ('settings_stamp', '1') "
	"ON CONFLICT (key) DO UPDATE SET value = CAST(value AS INTEGER) + 1",
	/* STAMP */
	"SELECT value FROM settings WHERE key = 'settings_stamp'",
	/* VERSION */
	"PRAGMA data_version",
};

static sqlite3_stmt	*settings_cache[SETTINGS_STMT__MAX];
static struct db_stmts	 settings_stmts =
    { settings_sql, SETTINGS_STMT__MAX, settings_cache, NULL, NULL };

/* The statement table, for tests that prepare every statement. */
struct db_stmts *
settings_statements(void)
{
	return &settings_stmts;
}

/*
 * Store a setting (in the caller's transaction, if one is open) and bump
 * settings_stamp, so that every process reloads; this process's cache is
 * reloaded at once.
 */
enum qa_err
settings_set(struct db *db, const char *key, const char *val)
{
	sqlite3_stmt	*st;
	enum qa_err	 er;

	if ((st = db_stmt(db, &settings_stmts, SETTINGS_STMT_SET)) == NULL)
		return QA_ESYS;
	sqlite3_bind_text(st, 1, key, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, val, -1, SQLITE_STATIC);
	if ((er = db_run(db, st, "settings_set")) != QA_OK)
		return er;
	if ((st = db_stmt(db, &settings_stmts, SETTINGS_STMT_BUMP)) == NULL)
		return QA_ESYS;
	if ((er = db_run(db, st, "settings_set")) != QA_OK)
		return er;
	return settings_load(db);
}

/*
 * Reload the settings if another connection changed them since this
 * process last looked.  Cheap: PRAGMA data_version first, the stamp only
 * when that moved.  A failure keeps the old settings (logged).
 */
enum qa_err
settings_refresh(struct db *db)
{
	sqlite3_stmt	*st;
	const char	*stamp, *mine;
	int64_t		 v;
	bool		 changed;

	if ((st = db_stmt(db, &settings_stmts, SETTINGS_STMT_VERSION)) ==
	    NULL)
		return QA_ESYS;
	v = sqlite3_step(st) == SQLITE_ROW ? sqlite3_column_int64(st, 0) : -1;
	db_done(st);
	if (v == data_version)
		return QA_OK;
	data_version = v;
	if ((st = db_stmt(db, &settings_stmts, SETTINGS_STMT_STAMP)) == NULL)
		return QA_ESYS;
	stamp = sqlite3_step(st) == SQLITE_ROW ?
	    (const char *)sqlite3_column_text(st, 0) : NULL;
	mine = settings_get("settings_stamp", NULL);
	changed = (stamp == NULL) != (mine == NULL) ||
	    (stamp != NULL && strcmp(stamp, mine) != 0);
	db_done(st);
	return changed ? settings_load(db) : QA_OK;
}
