/*
 * testdb.h: a throw-away database for the unit tests of the model
 * modules, and a way to compare lists of posts read from it.
 * Include after tap.h (bail() ends the test on a failed set-up).
 */
#ifndef TESTDB_H
#define TESTDB_H

#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "db.h"
#include "post.h"
#include "tap.h"

/* Where a test database lives: a new directory and qa.db in it. */
struct testdb {
	char	 dir[64];
	char	 path[128];
};

/* Read a whole file into a buffer; bail on failure. */
static inline void
testdb_slurp(const char *path, struct buf *b)
{
	FILE	*f;
	char	 chunk[4096];
	size_t	 n;

	if ((f = fopen(path, "r")) == NULL)
		bail(path);
	while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0)
		buf_append(b, chunk, n);
	fclose(f);
}

/*
 * Make a directory /tmp/NAME.XXXXXX and create qa.db in it with the
 * schema (db_init_schema()) and then, when fixture is not NULL, that
 * SQL.  Fills t with the directory and the file's path.  Returns the
 * open database; bails out of the test if any step fails.
 */
static inline struct db *
testdb_open(struct testdb *t, const char *name, const char *fixture)
{
	struct db	*db;

	snprintf(t->dir, sizeof(t->dir), "/tmp/%s.XXXXXX", name);
	if (mkdtemp(t->dir) == NULL)
		bail("mkdtemp");
	snprintf(t->path, sizeof(t->path), "%s/qa.db", t->dir);
	if (db_open(t->path, DB_CREATE, &db) != QA_OK ||
	    db_init_schema(db) != QA_OK)
		bail("cannot create the database");
	if (fixture != NULL && db_exec(db, fixture) != QA_OK)
		bail("cannot fill the database");
	return db;
}

/*
 * Close db and remove what testdb_open() made in t: qa.db with its -wal
 * and -shm files, then the directory.  Failures are ignored.
 */
static inline void
testdb_close(struct testdb *t, struct db *db)
{
	static const char *const	 files[] = { "", "-wal", "-shm" };
	char				 f[sizeof(t->path) + 8];
	size_t				 i;

	db_close(db);
	for (i = 0; i < sizeof(files) / sizeof(files[0]); i++) {
		snprintf(f, sizeof(f), "%s%s", t->path, files[i]);
		unlink(f);
	}
	rmdir(t->dir);
}

/*
 * The first column of the first row of sql on db, as text in a static
 * buffer that the next call overwrites: "(null)" for NULL, "(none)" for
 * no row, "(error)" (with a diagnostic) when the SQL fails.
 */
static inline const char *
testdb_text(struct db *db, const char *sql)
{
	static char	 out[2048];
	sqlite3_stmt	*st;
	const char	*s;
	int		 rc;

	snprintf(out, sizeof(out), "(error)");
	if (sqlite3_prepare_v2(db_handle(db), sql, -1, &st, NULL) !=
	    SQLITE_OK) {
		diag("%s", sqlite3_errmsg(db_handle(db)));
		return out;
	}
	if ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		s = (const char *)sqlite3_column_text(st, 0);
		snprintf(out, sizeof(out), "%s", s != NULL ? s : "(null)");
	} else if (rc == SQLITE_DONE)
		snprintf(out, sizeof(out), "(none)");
	sqlite3_finalize(st);
	return out;
}

/*
 * The ids of the n posts of v as "11 20 10", for one comparison per
 * list.  A static buffer that the next call overwrites; a list too long
 * for it is cut after the last id that fits.
 */
static inline const char *
testdb_ids(const struct post *v, size_t n)
{
	static char	 s[256];
	size_t		 i, len = 0;

	s[0] = '\0';
	for (i = 0; i < n && len < sizeof(s) - 24; i++)
		len += (size_t)snprintf(s + len, sizeof(s) - len, "%s%lld",
		    i > 0 ? " " : "", (long long)v[i].id);
	return s;
}

#endif /* !TESTDB_H */
