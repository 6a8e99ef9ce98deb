/*
 * settings.c: site settings from the settings table, read once per
 * process into memory.  A later change makes moderators' edits reach
 * running processes at once.
 */
#include <stdio.h>
#include <stdlib.h>
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

/* Store a setting and reload the cache. */
enum qa_err
settings_set(struct db *db, const char *key, const char *val)
{
	sqlite3_stmt	*st;
	int		 rc;

	if ((rc = sqlite3_prepare_v2(db_handle(db),
	    "INSERT INTO settings (key, value) VALUES (?1, ?2) "
	    "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
	    -1, &st, NULL)) != SQLITE_OK)
		return db_err(db, rc, "settings_set");
	sqlite3_bind_text(st, 1, key, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, val, -1, SQLITE_STATIC);
	rc = sqlite3_step(st);
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE)
		return db_err(db, rc, "settings_set");
	return settings_load(db);
}
