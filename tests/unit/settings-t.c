/*
 * settings-t: site settings are read once per process, and a change made
 * through settings_set() by any other process reaches this one at its
 * next settings_refresh(), which serve runs before every request.
 */
#include <string.h>

#include "db.h"
#include "settings.h"
#include "tap.h"
#include "testdb.h"

/* Run SQL on a connection of its own, as another process would. */
static void
outside(const char *path, const char *sql)
{
	sqlite3	*h;

	if (sqlite3_open(path, &h) != SQLITE_OK ||
	    sqlite3_exec(h, sql, NULL, NULL, NULL) != SQLITE_OK)
		bail("outside connection");
	sqlite3_close(h);
}

int
main(void)
{
	struct testdb	 t;
	struct db	*db;

	plan(8);
	db = testdb_open(&t, "settings-t", NULL);
	ok(settings_load(db) == QA_OK, "settings load");
	is_str(settings_get("site_name", NULL), "fastqa", "default site name");
	is_int(settings_int("page_size", 0), 20, "integer setting");
	is_int(settings_int("no_such_key", 7), 7, "missing key gives default");
	ok(settings_refresh(db) == QA_OK &&
	    strcmp(settings_get("site_name", ""), "fastqa") == 0,
	    "refresh without a change keeps the settings");

	/* What settings_set() does, from another process. */
	outside(t.path, "UPDATE settings SET value = 'Live name' WHERE key = "
	    "'site_name'; INSERT INTO settings (key, value) VALUES "
	    "('settings_stamp', '1') ON CONFLICT (key) DO UPDATE SET value = "
	    "CAST(value AS INTEGER) + 1");
	settings_refresh(db);
	is_str(settings_get("site_name", NULL), "Live name",
	    "a change by another process shows at the next refresh");

	ok(settings_set(db, "welcome", "Hello") == QA_OK &&
	    strcmp(settings_get("welcome", ""), "Hello") == 0,
	    "settings_set applies at once in its own process");
	outside(t.path, "SELECT value FROM settings WHERE key = "
	    "'settings_stamp'");
	ok(settings_refresh(db) == QA_OK &&
	    strcmp(settings_get("welcome", ""), "Hello") == 0,
	    "a refresh after reads only keeps the settings");
	settings_clear();
	testdb_close(&t, db);
	return done();
}
