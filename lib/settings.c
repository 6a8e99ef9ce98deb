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

/*
 * Every site setting, by group in the order of the settings form, then
 * those not on it.
 */
const struct setting_def settings_defs[] = {
	{ "site_name", SETTING_LINE, 1, 80, "Site name", 0, "fastqa" },
	{ "site_tagline", SETTING_LINE, 0, 200, "Tagline", 0, "" },
	{ "welcome", SETTING_AREA, 0, 2000, "Welcome text on the home page", 0,
	    "" },
	{ "page_size", SETTING_INT, 5, 100, "Questions per page", 0, "20" },
	{ "tags_page_size", SETTING_INT, 10, 500, "Tags per page", 0, "120" },
	{ "related_count", SETTING_INT, 0, 10, "Related questions shown (0: "
	    "none)", 0, "5" },
	{ "feed_size", SETTING_INT, 1, 100, "Entries per feed", 0, "20" },
	{ "sitemap_size", SETTING_INT, 1, 50000, "Addresses per sitemap file",
	    0, "50000" },
	{ "anon_posting", SETTING_BOOL, 0, 1, "Visitors may post without an "
	    "account", 1, "1" },
	{ "queue_anon", SETTING_BOOL, 0, 1, "Queue visitors' posts for "
	    "approval", 1, "0" },
	{ "queue_new", SETTING_BOOL, 0, 1, "Queue new members' posts for "
	    "approval", 1, "0" },
	{ "points_base", SETTING_INT, 0, 1000000, "Points every member starts "
	    "with", 2, "100" },
	{ "points_q_post", SETTING_INT, 0, 1000, "Asking a question", 2, "2" },
	{ "points_a_post", SETTING_INT, 0, 1000, "Posting an answer", 2, "4" },
	{ "points_c_post", SETTING_INT, 0, 1000, "Posting a comment", 2, "0" },
	{ "points_q_voted_up", SETTING_INT, 0, 1000, "Question voted up", 2,
	    "1" },
	{ "points_q_voted_down", SETTING_INT, 0, 1000, "Question voted down "
	    "(taken)", 2, "1" },
	{ "points_a_voted_up", SETTING_INT, 0, 1000, "Answer voted up", 2, "2" },
	{ "points_a_voted_down", SETTING_INT, 0, 1000, "Answer voted down "
	    "(taken)", 2, "2" },
	{ "points_c_voted_up", SETTING_INT, 0, 1000, "Comment voted up", 2,
	    "0" },
	{ "points_a_selected", SETTING_INT, 0, 1000, "Answer chosen as the "
	    "best", 2, "30" },
	{ "points_select_a", SETTING_INT, 0, 1000, "Choosing a best answer", 2,
	    "3" },
	{ "points_vote_up", SETTING_INT, 0, 1000, "Voting up", 2, "1" },
	{ "points_vote_down", SETTING_INT, 0, 1000, "Voting down", 2, "1" },
	{ "priv_vote_up", SETTING_INT, 0, 1000000, "Vote up", 3, "15" },
	{ "priv_vote_down", SETTING_INT, 0, 1000000, "Vote down", 3, "125" },
	{ "priv_comment", SETTING_INT, 0, 1000000, "Comment", 3, "50" },
	{ "priv_flag", SETTING_INT, 0, 1000000, "Flag posts", 3, "15" },
	{ "priv_retag", SETTING_INT, 0, 1000000, "Retag questions", 3, "500" },
	{ "priv_edit", SETTING_INT, 0, 1000000, "Edit any post", 3, "2000" },
	{ "priv_close", SETTING_INT, 0, 1000000, "Vote to close", 3, "3000" },
	{ "rate_q_user", SETTING_INT, 0, 100000, "Questions per member", 4,
	    "10" },
	{ "rate_q_ip", SETTING_INT, 0, 100000, "Questions per address", 4,
	    "20" },
	{ "rate_a_user", SETTING_INT, 0, 100000, "Answers per member", 4, "30" },
	{ "rate_a_ip", SETTING_INT, 0, 100000, "Answers per address", 4, "60" },
	{ "rate_c_user", SETTING_INT, 0, 100000, "Comments per member", 4,
	    "60" },
	{ "rate_c_ip", SETTING_INT, 0, 100000, "Comments per address", 4,
	    "120" },
	{ "rate_v_user", SETTING_INT, 0, 100000, "Votes per member", 4, "120" },
	{ "rate_v_ip", SETTING_INT, 0, 100000, "Votes per address", 4, "600" },
	{ "flags_to_hide", SETTING_INT, 0, 100, "Flags that hide a post until a "
	    "moderator looks (0: never)", 5, "3" },
	{ "deny_words", SETTING_AREA, 0, 5000, "Words refused in posts (one a "
	    "line)", 5, "" },
	{ "deny_email_domains", SETTING_AREA, 0, 5000, "Email domains refused "
	    "at registration (one a line)", 5, "" },
	/* Not on the form: changed in the database by those who know. */
	{ "anon_vote", SETTING_BOOL, 0, 1, "Visitors may vote",
	    SETTING_HIDDEN, "0" },
	{ "confirm_email", SETTING_BOOL, 0, 1, "New members confirm their "
	    "email address", SETTING_HIDDEN, "0" },
	{ "register_open", SETTING_BOOL, 0, 1, "Anyone may register",
	    SETTING_HIDDEN, "1" },
	{ "title_min", SETTING_INT, 1, 1000, "Shortest title",
	    SETTING_HIDDEN, "10" },
	{ "title_max", SETTING_INT, 1, 1000, "Longest title",
	    SETTING_HIDDEN, "150" },
	{ "body_min", SETTING_INT, 1, 65536, "Shortest post",
	    SETTING_HIDDEN, "20" },
	{ "body_max", SETTING_INT, 1, 65536, "Longest post",
	    SETTING_HIDDEN, "30000" },
	{ "comment_min", SETTING_INT, 1, 65536, "Shortest comment",
	    SETTING_HIDDEN, "5" },
	{ "comment_max", SETTING_INT, 1, 65536, "Longest comment",
	    SETTING_HIDDEN, "600" },
	{ "tag_new_level", SETTING_INT, 1, 6, "Level that may make new tags",
	    SETTING_HIDDEN, "1" },
	{ "new_user_points", SETTING_INT, 0, 1000000, "Points below which a "
	    "member is new", SETTING_HIDDEN, "110" },
	{ "new_user_links", SETTING_INT, 0, 1000, "Links a new member's post "
	    "may hold", SETTING_HIDDEN, "2" },
	{ "form_min_seconds", SETTING_INT, 0, 3600, "Seconds before a form "
	    "may be sent", SETTING_HIDDEN, "3" },
};
_Static_assert(nitems(settings_defs) == SETTINGS_NDEFS,
    "SETTINGS_NDEFS counts settings_defs");

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
