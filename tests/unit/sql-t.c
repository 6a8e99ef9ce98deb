/*
 * sql-t: every statement of every model module prepares against a new
 * database built from sql/, so a typo or a schema drift fails the build's
 * tests; and no statement of a page path reads a whole big table (posts,
 * users, votes, tags, ...) without an index.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "admin.h"
#include "db.h"
#include "moderate.h"
#include "auth.h"
#include "category.h"
#include "notify.h"
#include "ratelimit.h"
#include "settings.h"
#include "points.h"
#include "post.h"
#include "recount.h"
#include "related.h"
#include "search.h"
#include "serve.h"
#include "subscribe.h"
#include "tag.h"
#include "user.h"
#include "vote.h"
#include "tap.h"

struct table {
	const char	*name;
	struct db_stmts	*(*get)(void);
	int		 page_path;	/* must use indexes */
};

static const struct table tables[] = {
	{ "post", post_statements, 1 },
	{ "post_feed", post_feed_statements, 1 },
	{ "serve", serve_statements, 1 },
	{ "user", user_statements, 1 },
	{ "tag", tag_statements, 1 },
	{ "category", category_statements, 1 },
	{ "category_purge", category_purge_statements, 1 },
	{ "recount", recount_statements, 0 },
	{ "admin", admin_statements, 0 },	/* qa-admin, whole tables */
	{ "auth", auth_statements, 1 },
	{ "ratelimit", ratelimit_statements, 0 },
	{ "settings", settings_statements, 1 },
	{ "notify", notify_statements, 0 },
	{ "user_purge", user_purge_statements, 0 },
	{ "post_fts", post_fts_statements, 0 },	/* FTS5 plans read "SCAN" */
	{ "related", related_statements, 1 },
	{ "related_fts", related_fts_statements, 0 },	/* as post_fts */
	{ "search", search_statements, 1 },
	{ "search_fts", search_fts_statements, 0 },	/* as post_fts */
	{ "subscribe", subscribe_statements, 0 },
	{ "points", points_statements, 1 },
	{ "vote", vote_statements, 1 },
	{ "moderate", mod_statements, 1 },
	{ "mod_purge", mod_purge_statements, 0 },	/* FK checks scan */
};

/*
 * Tables small enough to read whole on a page, and json_each, which
 * reads one JSON value, not a table.
 */
static const char *const small[] = { "categories", "settings", "json_each",
    NULL };

/*
 * Whether the query plan of sql reads a big table without an index;
 * writes the offending plan line into why.
 */
static int
full_scan(sqlite3 *h, const char *sql, char *why, size_t whysz)
{
	sqlite3_stmt	*st;
	char		 eqp[4096];
	const char	*d, *name;
	size_t		 i, n;
	int		 bad = 0;

	/*
	 * An INSERT ... VALUES into a table with triggers lists the foreign
	 * key lookups that deleting a REPLACEd row would make; none of our
	 * inserts replaces, so those lines say nothing about its cost.
	 */
	if (strncmp(sql, "INSERT ", 7) == 0 && strstr(sql, "SELECT") == NULL &&
	    strstr(sql, "ON CONFLICT") == NULL && strstr(sql, "REPLACE") == NULL)
		return 0;
	snprintf(eqp, sizeof(eqp), "EXPLAIN QUERY PLAN %s", sql);
	if (sqlite3_prepare_v2(h, eqp, -1, &st, NULL) != SQLITE_OK)
		return 1;
	while (!bad && sqlite3_step(st) == SQLITE_ROW) {
		d = (const char *)sqlite3_column_text(st, 3);
		if (d == NULL || strncmp(d, "SCAN ", 5) != 0 ||
		    strstr(d, " USING ") != NULL)
			continue;
		name = d + 5;
		n = strcspn(name, " ");
		bad = 1;
		for (i = 0; small[i] != NULL; i++)
			if (strlen(small[i]) == n &&
			    strncmp(small[i], name, n) == 0)
				bad = 0;
		if (strncmp(name, "CONSTANT", 8) == 0)
			bad = 0;
		if (bad)
			snprintf(why, whysz, "%s", d);
	}
	sqlite3_finalize(st);
	return bad;
}

int
main(void)
{
	char		 dir[] = "/tmp/sql-t.XXXXXX", path[256], cmd[300];
	char		 why[256];
	struct db	*db;
	struct db_stmts	*t;
	sqlite3_stmt	*st;
	size_t		 i, j, total = 0;
	int		 rc;

	for (i = 0; i < nitems(tables); i++)
		total += tables[i].get()->n * (tables[i].page_path ? 2 : 1);
	plan((int)total);
	if (mkdtemp(dir) == NULL)
		bail("mkdtemp");
	snprintf(path, sizeof(path), "%s/qa.db", dir);
	if (db_open(path, DB_CREATE, &db) != QA_OK ||
	    db_init_schema(db) != QA_OK)
		bail("cannot create database");
	for (i = 0; i < nitems(tables); i++) {
		t = tables[i].get();
		for (j = 0; j < t->n; j++) {
			rc = sqlite3_prepare_v2(db_handle(db), t->sql[j], -1,
			    &st, NULL);
			if (!ok(rc == SQLITE_OK, "%s statement %zu prepares",
			    tables[i].name, j))
				diag("%s", sqlite3_errmsg(db_handle(db)));
			sqlite3_finalize(st);
			if (!tables[i].page_path)
				continue;
			why[0] = '\0';
			if (!ok(!full_scan(db_handle(db), t->sql[j], why,
			    sizeof(why)), "%s statement %zu uses indexes",
			    tables[i].name, j))
				diag("%s: %s", why, t->sql[j]);
		}
	}
	db_close(db);
	snprintf(cmd, sizeof(cmd), "rm -rf %s", dir);
	if (system(cmd) != 0)
		diag("cleanup failed");
	return done();
}
