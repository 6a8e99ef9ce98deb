/*
 * admin.c: operations on a whole database for the people who run a site.
 *
 * Backup and restore go through SQLite's online backup API, never a file
 * copy, so that the copy is consistent while the site writes, and the
 * WAL of a live database is taken into account.  A backup reads the
 * source inside one read transaction: in WAL mode a reader never blocks
 * a writer, and the snapshot it sees is the database as it was when the
 * backup began, however many commits come while it runs (without the
 * transaction, every commit by another process would restart the copy).
 * It copies a few hundred pages at a time with a short sleep between, to
 * leave the disk to the site, into FILE.tmp, which is checked, synced
 * and renamed into place.  (A database out of WAL mode, which db_open()
 * never leaves, is copied without the transaction, so that each step
 * holds up writers only while it runs.)
 *
 * The checks add one line each to a report (struct admin_report): the
 * database's integrity and foreign keys, every counter against a
 * recount, the search index against the visible questions, the site
 * settings, the configuration file and the journal mode.
 */
#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "admin.h"
#include "arena.h"
#include "config.h"
#include "db.h"
#include "recount.h"
#include "settings.h"

#define STEP_PAGES	256		/* pages per backup step (1 MiB) */
#define STEP_SLEEP_US	2000		/* between two steps */
#define BUSY_SLEEP_US	10000		/* after a step found a lock */
#define BUSY_MAX_US	(60L * 1000000)	/* then give up */
#define RESTARTS_MAX	5		/* of a copy, then one step */
#define REPORT_ROWS	20		/* lines of one check's failures */
#define EXAMPLES	3		/* rows shown of a wrong counter */

enum admin_stmt {
	ADMIN_STMT_INTEGRITY,		/* integrity_check */
	ADMIN_STMT_QUICK,		/* quick_check */
	ADMIN_STMT_FOREIGN_KEYS,
	ADMIN_STMT_FTS_ROWS,		/* rows of the search index */
	ADMIN_STMT_VISIBLE,		/* visible questions */
	ADMIN_STMT_FTS_MISSING,		/* visible questions not indexed */
	ADMIN_STMT_FTS_EXTRA,		/* index rows of no visible question */
	ADMIN_STMT_POSTS_BY,		/* posts by type and status */
	ADMIN_STMT_USERS_BY,		/* users by level */
	ADMIN_STMT_VOTES,		/* up and down votes */
	ADMIN_STMT_COUNTS,		/* tags, categories, flags, mail */
	ADMIN_STMT_SIZE,		/* pages */
	ADMIN_STMT_ACTIVITY,		/* new rows since a time */
	ADMIN_STMT_TOP_TAGS,
	ADMIN_STMT_HAS_STAMP,		/* whether the table stamp exists */
	ADMIN_STMT_STAMP,		/* the change stamp */
	ADMIN_STMT_STAMP_BUMP,		/* move it past a value */
	ADMIN_STMT__MAX
};

static const char *const admin_sql[ADMIN_STMT__MAX] = {
	/* INTEGRITY, QUICK: at most REPORT_ROWS messages. */
	"PRAGMA integrity_check(20)",
	"PRAGMA quick_check(20)",
	/* FOREIGN_KEYS: table, rowid, parent table, key number. */
	"PRAGMA foreign_key_check",
	/* FTS_ROWS */
	"SELECT count(*) FROM posts_fts",
	/* VISIBLE: index posts_q_newest. */
	"SELECT count(*) FROM posts WHERE type = 1 AND status = 1",
	/* FTS_MISSING: one rowid lookup in the index per question. */
	"SELECT count(*) FROM posts p WHERE p.type = 1 AND p.status = 1 AND"
	" NOT EXISTS (SELECT 1 FROM posts_fts f WHERE f.rowid = p.id)",
	/* FTS_EXTRA */
	"SELECT count(*) FROM posts_fts f WHERE NOT EXISTS (SELECT 1 FROM"
	" posts p WHERE p.id = f.rowid AND p.type = 1 AND p.status = 1)",
	/* POSTS_BY */
	"SELECT type, status, count(*) FROM posts GROUP BY type, status",
	/* USERS_BY */
	"SELECT level, count(*), sum(blocked <> 0) FROM users GROUP BY level",
	/* VOTES */
	"SELECT coalesce(sum(value > 0), 0), coalesce(sum(value < 0), 0)"
	" FROM votes",
	/* COUNTS: flags_open and outbox_pending are partial indexes. */
	"SELECT (SELECT count(*) FROM tags),"
	" (SELECT count(*) FROM tags WHERE qcount > 0),"
	" (SELECT count(*) FROM categories),"
	" (SELECT count(*) FROM flags WHERE resolved = 0),"
	" (SELECT count(*) FROM outbox WHERE sent IS NULL)",
	/* SIZE */
	"SELECT * FROM pragma_page_count(), pragma_page_size(),"
	" pragma_freelist_count()",
	/* ACTIVITY: rows made at ?1 or later. */
	"SELECT (SELECT count(*) FROM posts WHERE type = 1 AND"
	" created >= ?1),"
	" (SELECT count(*) FROM posts WHERE type = 2 AND created >= ?1),"
	" (SELECT count(*) FROM votes WHERE created >= ?1),"
	" (SELECT count(*) FROM users WHERE created >= ?1)",
	/* TOP_TAGS: index tags_qcount. */
	"SELECT name, qcount FROM tags WHERE qcount > 0"
	" ORDER BY qcount DESC, name LIMIT ?1",
	/* HAS_STAMP: schema version 6 made it. */
	"SELECT count(*) FROM sqlite_master WHERE type = 'table' AND"
	" name = 'stamp'",
	/* STAMP */
	"SELECT n FROM stamp WHERE id = 1",
	/* STAMP_BUMP: above ?1, changed at ?2 or later. */
	"UPDATE stamp SET n = max(n, ?1) + 1, changed = max(changed + 1, ?2)"
	" WHERE id = 1",
};

static sqlite3_stmt	*admin_cache[ADMIN_STMT__MAX];
static struct db_stmts	 admin_stmts =
    { admin_sql, ADMIN_STMT__MAX, admin_cache, NULL, NULL };

/* The statement table of this module, for tests that prepare them all. */
struct db_stmts *
admin_statements(void)
{
	return &admin_stmts;
}

/*
 * Step statement `which` for its one row, with ?1 bound to param if it
 * has a parameter, and read its first n columns as integers into out
 * (zeros when there is no row).  QA_OK or the database error (logged).
 */
static enum qa_err
ints(struct db *db, enum admin_stmt which, int64_t param, int64_t *out,
    int n)
{
	sqlite3_stmt	*st;
	enum qa_err	 er = QA_OK;
	int		 i, rc;

	if ((st = db_stmt(db, &admin_stmts, which)) == NULL)
		return QA_ESYS;
	if (sqlite3_bind_parameter_count(st) > 0)
		sqlite3_bind_int64(st, 1, param);
	rc = sqlite3_step(st);
	for (i = 0; i < n; i++)
		out[i] = rc == SQLITE_ROW ? sqlite3_column_int64(st, i) : 0;
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		er = db_err(db, rc, admin_sql[which]);
	db_done(st);
	return er;
}

/*
 * The database's pages, page size and (if freelist is not NULL) free
 * pages.  QA_OK or the database error.
 */
static enum qa_err
size_of(struct db *db, int64_t *pages, int64_t *pagesz, int64_t *freelist)
{
	int64_t		 v[3];
	enum qa_err	 er;

	if ((er = ints(db, ADMIN_STMT_SIZE, 0, v, 3)) != QA_OK)
		return er;
	*pages = v[0];
	*pagesz = v[1];
	if (freelist != NULL)
		*freelist = v[2];
	return QA_OK;
}

/* --- files ------------------------------------------------------------- */

/* Sleep us microseconds. */
static void
sleep_us(long us)
{
	struct timespec	 ts;

	ts.tv_sec = us / 1000000;
	ts.tv_nsec = (us % 1000000) * 1000;
	nanosleep(&ts, NULL);
}

/* Seconds on the monotonic clock. */
static double
now_s(void)
{
	struct timespec	 ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/*
 * Write suffixed to path into out (outsz bytes).  Returns false (logged)
 * if it does not fit.
 */
static bool
path_with(char *out, size_t outsz, const char *path, const char *suffix)
{
	if ((size_t)snprintf(out, outsz, "%s%s", path, suffix) < outsz)
		return true;
	fprintf(stderr, "admin: %s%s: %s\n", path, suffix,
	    strerror(ENAMETOOLONG));
	return false;
}

/* Whether path (with suffix) names an existing file. */
static bool
exists(const char *path, const char *suffix)
{
	struct stat	 sb;
	char		 p[PATH_MAX];

	return path_with(p, sizeof(p), path, suffix) && lstat(p, &sb) == 0;
}

/*
 * Remove a database file that is not in use and its companions: -wal,
 * -shm, -journal.  Failures are ignored.
 */
static void
remove_db_files(const char *path)
{
	static const char *const	 suffix[] =
	    { "", "-wal", "-shm", "-journal" };
	char				 p[PATH_MAX];
	size_t				 i;

	for (i = 0; i < nitems(suffix); i++)
		if (path_with(p, sizeof(p), path, suffix[i]))
			(void)unlink(p);
}

/*
 * The folder of path into dir (dirsz bytes): "." for a bare name.
 * Returns false if it does not fit.
 */
static bool
parent_dir(const char *path, char *dir, size_t dirsz)
{
	const char	*slash;
	size_t		 n;

	if ((slash = strrchr(path, '/')) == NULL)
		n = (size_t)snprintf(dir, dirsz, ".");
	else if (slash == path)
		n = (size_t)snprintf(dir, dirsz, "/");
	else
		n = (size_t)snprintf(dir, dirsz, "%.*s", (int)(slash - path),
		    path);
	return n < dirsz;
}

/*
 * fsync the file at path (and, if dir, the folder it is in, so that a
 * rename into it is on disk too).  QA_ESYS (logged) on failure.
 */
static enum qa_err
sync_path(const char *path, bool dir)
{
	char	 d[PATH_MAX];
	int	 fd;

	if (dir) {
		if (!parent_dir(path, d, sizeof(d)))
			return QA_ESYS;
		path = d;
	}
	if ((fd = open(path, O_RDONLY | (dir ? O_DIRECTORY : 0))) == -1 ||
	    fsync(fd) == -1) {
		fprintf(stderr, "admin: fsync %s: %s\n", path,
		    strerror(errno));
		if (fd != -1)
			close(fd);
		return QA_ESYS;
	}
	close(fd);
	return QA_OK;
}

/*
 * Whether PRAGMA integrity_check on h says "ok" (logging up to
 * REPORT_ROWS of what it says otherwise, with `what`).
 */
static bool
integrity_ok(sqlite3 *h, const char *what)
{
	sqlite3_stmt	*st;
	const char	*msg;
	bool		 good = false;
	int		 rc, n = 0;

	if ((rc = sqlite3_prepare_v2(h, "PRAGMA integrity_check(20)", -1,
	    &st, NULL)) != SQLITE_OK) {
		fprintf(stderr, "admin: %s: %s\n", what, sqlite3_errmsg(h));
		return false;
	}
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		msg = (const char *)sqlite3_column_text(st, 0);
		if (n++ == 0 && msg != NULL && strcmp(msg, "ok") == 0)
			good = true;
		else {
			good = false;
			fprintf(stderr, "admin: %s: %s\n", what,
			    msg != NULL ? msg : "?");
		}
	}
	if (rc != SQLITE_DONE) {
		fprintf(stderr, "admin: %s: %s\n", what, sqlite3_errmsg(h));
		good = false;
	}
	sqlite3_finalize(st);
	return good;
}

/* Whether the database of h is in WAL mode. */
static bool
is_wal(sqlite3 *h)
{
	sqlite3_stmt	*st;
	const char	*mode;
	bool		 wal = false;

	if (sqlite3_prepare_v2(h, "PRAGMA journal_mode", -1, &st, NULL) !=
	    SQLITE_OK)
		return false;
	if (sqlite3_step(st) == SQLITE_ROW &&
	    (mode = (const char *)sqlite3_column_text(st, 0)) != NULL)
		wal = strcmp(mode, "wal") == 0;
	sqlite3_finalize(st);
	return wal;
}

/*
 * Run sqlite3_backup from src to dst until done: npages pages per step
 * (-1: all in one), sleeping STEP_SLEEP_US between steps, and waiting
 * BUSY_SLEEP_US before trying a step again that found a lock, for up to
 * BUSY_MAX_US in all.  A copy that another process's commit made start
 * over (which only happens when src holds no read transaction) starts
 * over RESTARTS_MAX times at most, then copies the rest in one step.
 * Counts pages, steps and busy steps into c.  Returns QA_OK, QA_EBUSY
 * or QA_ESYS (logged with what).
 */
static enum qa_err
copy_pages(sqlite3 *dst, sqlite3 *src, int npages, struct admin_copy *c,
    const char *what)
{
	sqlite3_backup	*b;
	long		 waited = 0;
	int		 rc, left = -1, restarts = 0;

	if ((b = sqlite3_backup_init(dst, "main", src, "main")) == NULL) {
		fprintf(stderr, "admin: %s: %s\n", what, sqlite3_errmsg(dst));
		return QA_ESYS;
	}
	for (;;) {
		rc = sqlite3_backup_step(b, npages);
		c->steps++;
		if (rc == SQLITE_DONE)
			break;
		if (rc == SQLITE_OK) {
			if (left >= 0 && sqlite3_backup_remaining(b) > left &&
			    ++restarts >= RESTARTS_MAX)
				npages = -1;
			left = sqlite3_backup_remaining(b);
			sleep_us(STEP_SLEEP_US);
			continue;
		}
		if ((rc & 0xff) != SQLITE_BUSY && (rc & 0xff) != SQLITE_LOCKED)
			break;
		c->busy++;
		if (waited >= BUSY_MAX_US)
			break;
		sleep_us(BUSY_SLEEP_US);
		waited += BUSY_SLEEP_US;
	}
	c->pages = sqlite3_backup_pagecount(b);
	if (rc == SQLITE_DONE && (rc = sqlite3_backup_finish(b)) == SQLITE_OK)
		return QA_OK;
	if (rc != SQLITE_DONE && rc != SQLITE_OK)
		(void)sqlite3_backup_finish(b);
	fprintf(stderr, "admin: %s: %s\n", what, sqlite3_errstr(rc));
	return (rc & 0xff) == SQLITE_BUSY || (rc & 0xff) == SQLITE_LOCKED ?
	    QA_EBUSY : QA_ESYS;
}

/*
 * Copy the database db into a new file at path while others may use
 * and write it: the snapshot of one read transaction (see the top of
 * this file), copied STEP_PAGES at a time into path.tmp, which is then
 * turned into a self-contained rollback-journal file (no -wal needed to
 * read it), checked with PRAGMA integrity_check, fsync'd and renamed to
 * path (and the folder fsync'd).  Fills c (bytes: the file's size).
 *
 * Refuses, before writing anything, with QA_ECONFLICT (logged): an
 * existing path unless flags has ADMIN_FORCE, path being db's own file,
 * and a path with a -wal file next to it (a database in use, which the
 * new file would be mixed up with).  A copy that fails its check is
 * removed and gives QA_EINVALID; QA_EBUSY if locks kept the copy from
 * going on for a minute; QA_ESYS for other failures.  A stale path.tmp
 * is replaced; nothing is left behind on failure.
 */
enum qa_err
admin_backup(struct db *db, const char *path, unsigned int flags,
    struct admin_copy *c)
{
	struct stat	 sb, own;
	sqlite3		*dst = NULL;
	const char	*src = sqlite3_db_filename(db_handle(db), "main");
	char		 tmp[PATH_MAX];
	double		 t0 = now_s();
	bool		 intx = false;
	enum qa_err	 er;
	int		 rc;

	memset(c, 0, sizeof(*c));
	if (!path_with(tmp, sizeof(tmp), path, ".tmp"))
		return QA_EINPUT;
	if (lstat(path, &sb) == 0) {
		if (src != NULL && stat(src, &own) == 0 &&
		    sb.st_dev == own.st_dev && sb.st_ino == own.st_ino) {
			fprintf(stderr, "admin: %s is the database itself\n",
			    path);
			return QA_ECONFLICT;
		}
		if (!(flags & ADMIN_FORCE)) {
			fprintf(stderr, "admin: %s exists\n", path);
			return QA_ECONFLICT;
		}
	}
	if (exists(path, "-wal")) {
		fprintf(stderr, "admin: %s-wal exists: %s looks in use\n",
		    path, path);
		return QA_ECONFLICT;
	}
	remove_db_files(tmp);
	if ((rc = sqlite3_open_v2(tmp, &dst, SQLITE_OPEN_READWRITE |
	    SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, NULL)) != SQLITE_OK) {
		fprintf(stderr, "admin: create %s: %s\n", tmp,
		    dst != NULL ? sqlite3_errmsg(dst) : sqlite3_errstr(rc));
		er = QA_ESYS;
		goto fail;
	}
	/*
	 * The snapshot: a read transaction held from here to the end, in
	 * WAL mode only, where it holds up no writer; with a rollback
	 * journal, each step holds the read lock only while it runs.
	 */
	if (is_wal(db_handle(db))) {
		if ((er = db_exec(db, "BEGIN; SELECT count(*) FROM "
		    "sqlite_master")) != QA_OK)
			goto fail;
		intx = true;
	}
	if ((er = copy_pages(dst, db_handle(db), STEP_PAGES, c, tmp)) !=
	    QA_OK)
		goto fail;
	if (intx)
		db_tx_rollback(db);
	intx = false;
	if ((rc = sqlite3_exec(dst, "PRAGMA journal_mode = DELETE", NULL,
	    NULL, NULL)) != SQLITE_OK) {
		fprintf(stderr, "admin: %s: %s\n", tmp, sqlite3_errmsg(dst));
		er = QA_ESYS;
		goto fail;
	}
	if (!integrity_ok(dst, tmp)) {
		fprintf(stderr, "admin: the copy fails its integrity check; "
		    "removed\n");
		er = QA_EINVALID;
		goto fail;
	}
	if ((rc = sqlite3_close(dst)) != SQLITE_OK) {
		fprintf(stderr, "admin: close %s: %s\n", tmp,
		    sqlite3_errstr(rc));
		dst = NULL;
		er = QA_ESYS;
		goto fail;
	}
	dst = NULL;
	if ((er = sync_path(tmp, false)) != QA_OK)
		goto fail;
	if (rename(tmp, path) == -1) {
		fprintf(stderr, "admin: rename %s to %s: %s\n", tmp, path,
		    strerror(errno));
		er = QA_ESYS;
		goto fail;
	}
	if ((er = sync_path(path, true)) != QA_OK)
		return er;
	c->bytes = stat(path, &sb) == 0 ? (int64_t)sb.st_size : 0;
	c->seconds = now_s() - t0;
	return QA_OK;
fail:
	if (intx)
		db_tx_rollback(db);
	sqlite3_close(dst);
	remove_db_files(tmp);
	return er;
}

/*
 * Open the database file at path read-only into *h.  QA_ENOTFOUND if
 * it does not exist, QA_ESYS (logged) if it does not open.
 */
static enum qa_err
open_readonly(const char *path, sqlite3 **h)
{
	struct stat	 sb;
	int		 rc;

	*h = NULL;
	if (stat(path, &sb) == -1) {
		fprintf(stderr, "admin: %s: %s\n", path, strerror(errno));
		return errno == ENOENT ? QA_ENOTFOUND : QA_ESYS;
	}
	if ((rc = sqlite3_open_v2(path, h, SQLITE_OPEN_READONLY |
	    SQLITE_OPEN_NOMUTEX, NULL)) != SQLITE_OK) {
		fprintf(stderr, "admin: open %s: %s\n", path,
		    *h != NULL ? sqlite3_errmsg(*h) : sqlite3_errstr(rc));
		sqlite3_close(*h);
		*h = NULL;
		return QA_ESYS;
	}
	sqlite3_busy_timeout(*h, 5000);
	return QA_OK;
}

/*
 * Whether the file at path is a fastqa database that this program can
 * use: an SQLite database that passes PRAGMA integrity_check, whose
 * user_version is 1 up to db_schema_version(), with the tables posts,
 * users and settings.  Sets *version.  Returns QA_OK, QA_ENOTFOUND, or
 * QA_EINVALID with the reason logged.
 */
enum qa_err
admin_file_check(const char *path, int *version)
{
	sqlite3		*h;
	sqlite3_stmt	*st = NULL;
	enum qa_err	 er;
	int		 ntables = 0;

	*version = -1;
	if ((er = open_readonly(path, &h)) != QA_OK)
		return er == QA_ESYS ? QA_EINVALID : er;
	er = QA_EINVALID;
	if (sqlite3_prepare_v2(h, "SELECT (SELECT user_version FROM"
	    " pragma_user_version), (SELECT count(*) FROM sqlite_master"
	    " WHERE type = 'table' AND name IN ('posts', 'users',"
	    " 'settings'))", -1, &st, NULL) != SQLITE_OK ||
	    sqlite3_step(st) != SQLITE_ROW) {
		fprintf(stderr, "admin: %s is not an SQLite database: %s\n",
		    path, sqlite3_errmsg(h));
		goto out;
	}
	*version = sqlite3_column_int(st, 0);
	ntables = sqlite3_column_int(st, 1);
	if (ntables != 3 || *version < 1)
		fprintf(stderr, "admin: %s is not a fastqa database\n", path);
	else if (*version > db_schema_version())
		fprintf(stderr, "admin: %s has schema version %d, newer than "
		    "this program's %d\n", path, *version,
		    db_schema_version());
	else if (!integrity_ok(h, path))
		fprintf(stderr, "admin: %s fails its integrity check\n", path);
	else
		er = QA_OK;
out:
	sqlite3_finalize(st);
	sqlite3_close(h);
	return er;
}

/*
 * Whether another connection has the WAL database at path open: every
 * connection to a database in WAL mode holds a shared lock on its file
 * for as long as it is open, and leaving WAL mode needs the exclusive
 * lock, so the probe tries to switch the journal mode to DELETE (waiting
 * a quarter of a second) and, when that works, back to WAL.  A FastCGI
 * program keeps its connection open, so a running site is found; a
 * plain-CGI request only while it runs.  A database in another journal
 * mode is left alone and reported as not in use (its idle connections
 * hold no lock to find).  Must be called with no connection of this
 * process open on path (they share locks).  Returns 1 in use, 0 not, -1
 * (logged) if the probe failed otherwise.
 */
int
admin_in_use(const char *path)
{
	sqlite3		*h = NULL;
	sqlite3_stmt	*st = NULL;
	const char	*mode;
	bool		 wal;
	int		 rc, used = -1;

	if ((rc = sqlite3_open_v2(path, &h, SQLITE_OPEN_READWRITE |
	    SQLITE_OPEN_NOMUTEX, NULL)) != SQLITE_OK)
		goto err;
	sqlite3_busy_timeout(h, 250);
	if ((rc = sqlite3_prepare_v2(h, "PRAGMA journal_mode", -1, &st,
	    NULL)) != SQLITE_OK || (rc = sqlite3_step(st)) != SQLITE_ROW)
		goto err;
	mode = (const char *)sqlite3_column_text(st, 0);
	wal = mode != NULL && strcmp(mode, "wal") == 0;
	sqlite3_finalize(st);
	st = NULL;
	if (!wal) {
		used = 0;
		goto out;
	}
	rc = sqlite3_exec(h, "PRAGMA journal_mode = DELETE", NULL, NULL,
	    NULL);
	if ((rc & 0xff) == SQLITE_BUSY || (rc & 0xff) == SQLITE_LOCKED) {
		used = 1;
		goto out;
	}
	if (rc != SQLITE_OK || (rc = sqlite3_exec(h,
	    "PRAGMA journal_mode = WAL", NULL, NULL, NULL)) != SQLITE_OK)
		goto err;
	used = 0;
	goto out;
err:
	fprintf(stderr, "admin: %s: %s\n", path, h != NULL ?
	    sqlite3_errmsg(h) : sqlite3_errstr(rc));
out:
	sqlite3_finalize(st);
	sqlite3_close(h);
	return used;
}

/*
 * The change stamp of db (the table stamp, which pages' ETag and
 * Last-Modified come from) into *n: 0 when the schema has none.
 */
static enum qa_err
stamp_of(struct db *db, int64_t *n)
{
	enum qa_err	 er;

	*n = 0;
	if ((er = ints(db, ADMIN_STMT_HAS_STAMP, 0, n, 1)) != QA_OK ||
	    *n == 0)
		return er;
	return ints(db, ADMIN_STMT_STAMP, 0, n, 1);
}

/*
 * Move the change stamp of db (if its schema has one) past `above` and
 * its change time to now or later, so that no page validator given out
 * before matches a page made from what db holds now.
 */
static enum qa_err
stamp_bump(struct db *db, int64_t above)
{
	sqlite3_stmt	*st;
	int64_t		 has;
	enum qa_err	 er;

	if ((er = ints(db, ADMIN_STMT_HAS_STAMP, 0, &has, 1)) != QA_OK ||
	    has == 0)
		return er;
	if ((st = db_stmt(db, &admin_stmts, ADMIN_STMT_STAMP_BUMP)) == NULL)
		return QA_ESYS;
	sqlite3_bind_int64(st, 1, above);
	sqlite3_bind_int64(st, 2, (int64_t)time(NULL));
	return db_run(db, st, "admin: stamp");
}

/*
 * Replace the content of the database db with that of the database file
 * at from, through the backup API in one step (a write transaction of
 * db, so its WAL and other connections see the change as any commit),
 * then checkpoint db's WAL and move the change stamp past both the old
 * and the restored one (pages cached by browsers or nginx under the old
 * stamp must not be taken for pages of the restored content).  The
 * caller checked from (admin_file_check()) and kept what db held.
 * Fills c (bytes: pages times page size).  Returns QA_OK, QA_ENOTFOUND,
 * QA_EBUSY or QA_ESYS (logged).
 */
enum qa_err
admin_restore(struct db *db, const char *from, struct admin_copy *c)
{
	sqlite3		*src;
	double		 t0 = now_s();
	int64_t		 pages, pagesz, before;
	enum qa_err	 er;

	memset(c, 0, sizeof(*c));
	if ((er = stamp_of(db, &before)) != QA_OK)
		return er;
	if ((er = open_readonly(from, &src)) != QA_OK)
		return er;
	er = copy_pages(db_handle(db), src, -1, c, from);
	sqlite3_close(src);
	if (er != QA_OK || (er = stamp_bump(db, before)) != QA_OK)
		return er;
	(void)db_exec(db, "PRAGMA wal_checkpoint(TRUNCATE)");
	if ((er = size_of(db, &pages, &pagesz, NULL)) != QA_OK)
		return er;
	c->bytes = pages * pagesz;
	c->seconds = now_s() - t0;
	return QA_OK;
}

/* --- the report -------------------------------------------------------- */

/* An empty report whose lines are allocated in a. */
void
admin_report_init(struct admin_report *r, struct arena *a)
{
	memset(r, 0, sizeof(*r));
	r->arena = a;
	r->tail = &r->head;
}

/*
 * Add a line to the report, formatted as printf; a FAIL line counts in
 * r->nfail.  Out of memory, the line is lost but still counted.
 */
void
admin_report_add(struct admin_report *r, enum admin_status status,
    const char *fmt, ...)
{
	struct admin_finding	*f;
	va_list			 ap;
	char			 line[1024], *s;

	if (status == ADMIN_FAIL)
		r->nfail++;
	va_start(ap, fmt);
	vsnprintf(line, sizeof(line), fmt, ap);
	va_end(ap);
	if ((s = arena_strdup(r->arena, line)) == NULL ||
	    (f = arena_calloc(r->arena, 1, sizeof(*f))) == NULL)
		return;
	f->status = status;
	f->text = s;
	*r->tail = f;
	r->tail = &f->next;
}

/* --- checks ------------------------------------------------------------ */

/*
 * PRAGMA integrity_check, or quick_check when quick (which skips the
 * comparison of indexes with their tables, in a fraction of the time):
 * one PASS line, or a FAIL line per message (at most REPORT_ROWS).
 * Returns QA_OK when the check ran, else the database error (also a
 * FAIL line).
 */
enum qa_err
admin_check_integrity(struct db *db, bool quick, struct admin_report *r)
{
	sqlite3_stmt	*st;
	const char	*what = quick ? "quick_check" : "integrity_check";
	const char	*msg;
	enum qa_err	 er = QA_OK;
	bool		 good = false;
	int		 rc, n = 0;

	if ((st = db_stmt(db, &admin_stmts, quick ? ADMIN_STMT_QUICK :
	    ADMIN_STMT_INTEGRITY)) == NULL) {
		admin_report_add(r, ADMIN_FAIL, "%s: cannot run", what);
		return QA_ESYS;
	}
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		msg = (const char *)sqlite3_column_text(st, 0);
		if (n++ == 0 && msg != NULL && strcmp(msg, "ok") == 0)
			good = true;
		else
			admin_report_add(r, ADMIN_FAIL, "%s: %s", what,
			    msg != NULL ? msg : "?");
	}
	if (rc != SQLITE_DONE) {
		admin_report_add(r, ADMIN_FAIL, "%s: %s", what,
		    sqlite3_errmsg(db_handle(db)));
		er = db_err(db, rc, what);
	} else if (good)
		admin_report_add(r, ADMIN_PASS, "%s: ok", what);
	db_done(st);
	return er;
}

/*
 * PRAGMA foreign_key_check: a FAIL line per row that refers to a
 * missing row (at most REPORT_ROWS, then one line with how many more),
 * or one PASS line.  Returns QA_OK when the check ran, else the
 * database error (also a FAIL line).
 */
enum qa_err
admin_check_foreign_keys(struct db *db, struct admin_report *r)
{
	sqlite3_stmt	*st;
	enum qa_err	 er = QA_OK;
	int64_t		 n = 0;
	int		 rc;

	if ((st = db_stmt(db, &admin_stmts, ADMIN_STMT_FOREIGN_KEYS)) ==
	    NULL) {
		admin_report_add(r, ADMIN_FAIL, "foreign keys: cannot run");
		return QA_ESYS;
	}
	while ((rc = sqlite3_step(st)) == SQLITE_ROW)
		if (n++ < REPORT_ROWS && sqlite3_column_type(st, 1) ==
		    SQLITE_NULL)
			admin_report_add(r, ADMIN_FAIL, "foreign keys: a row "
			    "of %s refers to a missing row of %s",
			    sqlite3_column_text(st, 0),
			    sqlite3_column_text(st, 2));
		else if (n <= REPORT_ROWS)
			admin_report_add(r, ADMIN_FAIL, "foreign keys: row "
			    "%lld of %s refers to a missing row of %s",
			    (long long)sqlite3_column_int64(st, 1),
			    sqlite3_column_text(st, 0),
			    sqlite3_column_text(st, 2));
	if (rc != SQLITE_DONE) {
		admin_report_add(r, ADMIN_FAIL, "foreign keys: %s",
		    sqlite3_errmsg(db_handle(db)));
		er = db_err(db, rc, "foreign_key_check");
	} else if (n > REPORT_ROWS)
		admin_report_add(r, ADMIN_FAIL, "foreign keys: %lld more rows "
		    "refer to missing rows", (long long)(n - REPORT_ROWS));
	else if (n == 0)
		admin_report_add(r, ADMIN_PASS, "foreign keys: no row refers "
		    "to a missing row");
	db_done(st);
	return er;
}

/*
 * The counters of recount.c, copied before a recount runs so that each
 * can be compared with what the recount made of it.  Temporary tables,
 * made and dropped inside the transaction of admin_check_counters().
 */
static const char snapshot_sql[] =
	"CREATE TEMP TABLE admin_posts (id INTEGER PRIMARY KEY, up, down,"
	" score, answer_count, comment_count, activity);"
	"INSERT INTO admin_posts SELECT id, up, down, score, answer_count,"
	" comment_count, activity FROM main.posts;"
	"CREATE TEMP TABLE admin_users (id INTEGER PRIMARY KEY, qcount,"
	" acount, points);"
	"INSERT INTO admin_users SELECT id, qcount, acount, points"
	" FROM main.users;"
	"CREATE TEMP TABLE admin_tags (id INTEGER PRIMARY KEY, qcount);"
	"INSERT INTO admin_tags SELECT id, qcount FROM main.tags;"
	"CREATE TEMP TABLE admin_categories (id INTEGER PRIMARY KEY, qcount);"
	"INSERT INTO admin_categories SELECT id, qcount FROM main.categories;";

static const char snapshot_drop_sql[] =
	"DROP TABLE temp.admin_posts; DROP TABLE temp.admin_users;"
	"DROP TABLE temp.admin_tags; DROP TABLE temp.admin_categories;";

/* The rows where counter c of table t was not what the recount made. */
#define DIFF(t, c)							\
	"SELECT '" t "." c "', o.id, o." c ", x." c " FROM temp.admin_" t \
	" o JOIN main." t " x ON x.id = o.id WHERE x." c " IS NOT o." c

/*
 * Every wrong counter as (counter, id, stored, recounted), by counter
 * and id.  Not in the statement table: it reads the temporary tables,
 * which exist only while a check runs.
 */
static const char diff_sql[] =
	DIFF("posts", "up") " UNION ALL " DIFF("posts", "down") " UNION ALL "
	DIFF("posts", "score") " UNION ALL "
	DIFF("posts", "answer_count") " UNION ALL "
	DIFF("posts", "comment_count") " UNION ALL "
	DIFF("posts", "activity") " UNION ALL "
	DIFF("users", "qcount") " UNION ALL "
	DIFF("users", "acount") " UNION ALL "
	DIFF("users", "points") " UNION ALL "
	DIFF("tags", "qcount") " UNION ALL "
	DIFF("categories", "qcount") " ORDER BY 1, 2";

#define NCOUNTERS	11

/* One wrong counter, while its rows are read. */
struct wrong {
	char		 name[32];	/* "posts.answer_count" */
	int64_t		 rows;		/* rows where it is wrong */
	int64_t		 off;		/* sum of |stored - recounted| */
	char		 examples[512];
	size_t		 len;
};

/*
 * The noun of a row of a counter's table ("posts.up": "post"), plural
 * when n is not 1.
 */
static const char *
row_noun(const char *counter, int64_t n)
{
	static const char *const	 nouns[][3] = {
		{ "posts.", "post", "posts" },
		{ "users.", "user", "users" },
		{ "tags.", "tag", "tags" },
		{ "categories.", "category", "categories" },
	};
	size_t				 i;

	for (i = 0; i < nitems(nouns); i++)
		if (strncmp(counter, nouns[i][0], strlen(nouns[i][0])) == 0)
			return nouns[i][n == 1 ? 1 : 2];
	return n == 1 ? "row" : "rows";
}

/* Add w's line to the report (if w holds a counter), and clear w. */
static void
wrong_report(struct wrong *w, bool fixed, struct admin_report *r)
{
	if (w->rows == 0)
		return;
	admin_report_add(r, fixed ? ADMIN_FIXED : ADMIN_FAIL,
	    "counter %s: wrong in %lld %s, off by %lld in all: %s%s",
	    w->name, (long long)w->rows, row_noun(w->name, w->rows),
	    (long long)w->off, w->examples,
	    w->rows > EXAMPLES ? "; and more" : "");
	memset(w, 0, sizeof(*w));
}

/*
 * Compare every counter that recount.c recomputes (posts: up, down,
 * score, answer_count, comment_count, activity; users: qcount, acount,
 * points; tags and categories: qcount) with what a recount makes of it:
 * in one write transaction, copy the counters, run the recount, read
 * the rows that changed, then roll back, or commit when fix (the same as
 * qa-admin recount).  Adds a line per wrong counter: how many rows, how
 * far off in all, the first EXAMPLES rows (FIXED lines when fix, else
 * FAIL), or one PASS line.  Returns QA_OK when the comparison ran, else
 * the database error (also a FAIL line; nothing is changed).
 */
enum qa_err
admin_check_counters(struct db *db, bool fix, struct admin_report *r)
{
	struct db_stmts	*rs = recount_statements();
	struct wrong	 w;
	sqlite3_stmt	*st = NULL;
	const char	*name;
	int64_t		 stored, counted, nrows = 0;
	enum qa_err	 er;
	size_t		 i;
	int		 rc;

	memset(&w, 0, sizeof(w));
	if ((er = db_tx_begin(db)) != QA_OK) {
		admin_report_add(r, ADMIN_FAIL, "counters: cannot begin a "
		    "transaction");
		return er;
	}
	if ((er = db_exec(db, snapshot_sql)) != QA_OK)
		goto out;
	for (i = 0; i < rs->n; i++) {
		if ((st = db_stmt(db, rs, i)) == NULL) {
			er = QA_ESYS;
			goto out;
		}
		rc = sqlite3_step(st);
		db_done(st);
		st = NULL;
		if (rc != SQLITE_DONE) {
			er = db_err(db, rc, "counters: recount");
			goto out;
		}
	}
	if ((rc = sqlite3_prepare_v2(db_handle(db), diff_sql, -1, &st,
	    NULL)) != SQLITE_OK) {
		er = db_err(db, rc, "counters: compare");
		goto out;
	}
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		name = (const char *)sqlite3_column_text(st, 0);
		if (name == NULL)
			continue;
		if (strcmp(name, w.name) != 0) {
			wrong_report(&w, fix, r);
			snprintf(w.name, sizeof(w.name), "%s", name);
		}
		stored = sqlite3_column_int64(st, 2);
		counted = sqlite3_column_int64(st, 3);
		w.off += stored > counted ? stored - counted :
		    counted - stored;
		if (w.rows++ < EXAMPLES && w.len < sizeof(w.examples))
			w.len += (size_t)snprintf(w.examples + w.len,
			    sizeof(w.examples) - w.len, "%s%s %lld has %lld, "
			    "a recount gives %lld", w.len > 0 ? "; " : "",
			    row_noun(name, 1),
			    (long long)sqlite3_column_int64(st, 1),
			    (long long)stored, (long long)counted);
		nrows++;
	}
	if (rc != SQLITE_DONE) {
		er = db_err(db, rc, "counters: compare");
		goto out;
	}
	wrong_report(&w, fix, r);
	if (nrows == 0)
		admin_report_add(r, ADMIN_PASS, "counters: all %d kinds agree "
		    "with a recount", NCOUNTERS);
	er = db_exec(db, snapshot_drop_sql);
out:
	sqlite3_finalize(st);
	if (er == QA_OK && fix && nrows > 0)
		er = db_tx_commit(db);
	else if (er == QA_OK)
		db_tx_rollback(db);
	if (er != QA_OK) {
		db_tx_rollback(db);
		admin_report_add(r, ADMIN_FAIL, "counters: cannot compare "
		    "with a recount: %s", qa_strerror(er));
	}
	return er;
}

/*
 * The search index (posts_fts) against the visible questions: one row
 * each, no more.  One PASS or FAIL line.  Returns QA_OK when the check
 * ran, else the database error (also a FAIL line).
 */
enum qa_err
admin_check_search(struct db *db, struct admin_report *r)
{
	int64_t		 rows, visible, missing, extra;
	enum qa_err	 er;

	if ((er = ints(db, ADMIN_STMT_FTS_ROWS, 0, &rows, 1)) != QA_OK ||
	    (er = ints(db, ADMIN_STMT_VISIBLE, 0, &visible, 1)) != QA_OK ||
	    (er = ints(db, ADMIN_STMT_FTS_MISSING, 0, &missing, 1)) !=
	    QA_OK ||
	    (er = ints(db, ADMIN_STMT_FTS_EXTRA, 0, &extra, 1)) != QA_OK) {
		admin_report_add(r, ADMIN_FAIL, "search index: cannot count: "
		    "%s", qa_strerror(er));
		return er;
	}
	if (missing == 0 && extra == 0)
		admin_report_add(r, ADMIN_PASS, "search index: %lld rows for "
		    "%lld visible questions", (long long)rows,
		    (long long)visible);
	else
		admin_report_add(r, ADMIN_FAIL, "search index: %lld rows for "
		    "%lld visible questions (%lld not indexed, %lld of no "
		    "visible question); qa-admin reindex rebuilds it",
		    (long long)rows, (long long)visible, (long long)missing,
		    (long long)extra);
	return QA_OK;
}

/* Pairs of settings where the first may not be above the second. */
static const char *const ordered[][2] = {
	{ "title_min", "title_max" },
	{ "body_min", "body_max" },
	{ "comment_min", "comment_max" },
};

/*
 * Setting key as a whole number in *n: false if it is set to anything
 * else, or not set (then *n is untouched).
 */
static bool
setting_num(const char *key, int64_t *n)
{
	const char	*v = settings_get(key, NULL);
	char		*end;
	long long	 x;

	if (v == NULL || *v == '\0' || *v == ' ')
		return false;
	errno = 0;
	x = strtoll(v, &end, 10);
	if (errno != 0 || *end != '\0')
		return false;
	*n = x;
	return true;
}

/*
 * The site settings: each whole-number setting that is set lies within
 * its range in settings_defs, the pairs of minimum and maximum are in
 * order, site_name is not empty and csrf_secret holds at least
 * ADMIN_SECRET_MIN characters (without it, each process signs forms
 * with its own random secret, so a form from one fails at another).
 * A FAIL line per problem, or one PASS line.  Loads the settings cache
 * of this process.  Returns QA_OK when the check ran, else the database
 * error (also a FAIL line).
 */
enum qa_err
admin_check_settings(struct db *db, struct admin_report *r)
{
	const struct setting_def *d;
	const char	*v;
	int64_t		 n, lo, hi;
	enum qa_err	 er;
	size_t		 i;
	int		 before = r->nfail, checked = 0;

	if ((er = settings_load(db)) != QA_OK) {
		admin_report_add(r, ADMIN_FAIL, "settings: cannot read them");
		return er;
	}
	for (i = 0; i < SETTINGS_NDEFS; i++) {
		d = &settings_defs[i];
		if ((d->kind != SETTING_INT && d->kind != SETTING_BOOL) ||
		    (v = settings_get(d->key, NULL)) == NULL)
			continue;
		checked++;
		if (!setting_num(d->key, &n) || n < d->min || n > d->max)
			admin_report_add(r, ADMIN_FAIL, "setting %s is "
			    "\"%.40s\", not a whole number from %lld to %lld",
			    d->key, v, (long long)d->min, (long long)d->max);
	}
	for (i = 0; i < nitems(ordered); i++)
		if (setting_num(ordered[i][0], &lo) &&
		    setting_num(ordered[i][1], &hi) && lo > hi)
			admin_report_add(r, ADMIN_FAIL, "setting %s (%lld) is "
			    "above %s (%lld)", ordered[i][0], (long long)lo,
			    ordered[i][1], (long long)hi);
	v = settings_get("site_name", NULL);
	if (v != NULL && *v == '\0')
		admin_report_add(r, ADMIN_FAIL, "setting site_name is empty");
	v = settings_get("csrf_secret", NULL);
	if (v == NULL)
		admin_report_add(r, ADMIN_FAIL, "setting csrf_secret is "
		    "missing: each program signs forms with a secret of its "
		    "own, so forms fail between them");
	else if (strlen(v) < ADMIN_SECRET_MIN)
		admin_report_add(r, ADMIN_FAIL, "setting csrf_secret has %zu "
		    "characters, fewer than %d", strlen(v), ADMIN_SECRET_MIN);
	if (r->nfail == before)
		admin_report_add(r, ADMIN_PASS, "settings: %d numbers within "
		    "their limits, csrf_secret set", checked);
	return QA_OK;
}

/* Default of the config key sendmail, as lib/notify.c has it. */
#define SENDMAIL_DEFAULT	"/usr/sbin/sendmail -t -i"

/* Whether url is "http://" or "https://" and then a host. */
static bool
http_url(const char *url)
{
	size_t	 n;

	if (strncmp(url, "http://", 7) == 0)
		n = 7;
	else if (strncmp(url, "https://", 8) == 0)
		n = 8;
	else
		return false;
	return url[n] != '\0' && url[n] != '/' &&
	    strpbrk(url, " \t\"<>") == NULL;
}

/*
 * Whether this user may write the file at path (if it exists) and
 * create files in its folder (SQLite's WAL and a new log need that).
 * On false, *why says what is wrong.
 */
static bool
writable(const char *path, const char **why)
{
	struct stat	 sb;
	char		 dir[PATH_MAX];

	if (!parent_dir(path, dir, sizeof(dir))) {
		*why = strerror(ENAMETOOLONG);
		return false;
	}
	if (stat(path, &sb) == 0 && access(path, R_OK | W_OK) == -1) {
		*why = "the file is not writable by this user";
		return false;
	}
	if (access(dir, W_OK | X_OK) == -1) {
		*why = errno == ENOENT ? "its folder does not exist" :
		    "its folder is not writable by this user";
		return false;
	}
	return true;
}

/*
 * The configuration file (origin names it in the lines): base_url an
 * http(s) URL; db an existing database that this user may write, in a
 * folder it may write (a NOTE when it is not the database dbpath being
 * checked); templates a folder with layout.tpl; the first word of
 * sendmail an absolute path to an executable file; log, when set,
 * writable.  A line per key.
 */
void
admin_check_config(const struct config *cfg, const char *origin,
    const char *dbpath, struct admin_report *r)
{
	struct stat	 sb, db;
	const char	*v, *why;
	char		 path[PATH_MAX], word[PATH_MAX];
	size_t		 n;

	if ((v = config_get(cfg, "base_url", NULL)) == NULL)
		admin_report_add(r, ADMIN_FAIL, "config %s: base_url is not "
		    "set (links in mail would go to http://127.0.0.1:8080)",
		    origin);
	else if (!http_url(v))
		admin_report_add(r, ADMIN_FAIL, "config %s: base_url \"%.80s\" "
		    "is not an http:// or https:// URL", origin, v);
	else
		admin_report_add(r, ADMIN_PASS, "config %s: base_url %s",
		    origin, v);

	v = config_get(cfg, "db", QA_DB_PATH);
	if (stat(v, &sb) == -1)
		admin_report_add(r, ADMIN_FAIL, "config %s: db %s: %s",
		    origin, v, strerror(errno));
	else if (!writable(v, &why))
		admin_report_add(r, ADMIN_FAIL, "config %s: db %s: %s", origin,
		    v, why);
	else if (dbpath != NULL && stat(dbpath, &db) == 0 &&
	    (db.st_dev != sb.st_dev || db.st_ino != sb.st_ino))
		admin_report_add(r, ADMIN_NOTE, "config %s: db %s is writable, "
		    "but it is not %s, the database checked here", origin, v,
		    dbpath);
	else
		admin_report_add(r, ADMIN_PASS, "config %s: db %s is writable",
		    origin, v);

	v = config_get(cfg, "templates", QA_TEMPLATE_DIR);
	if (!path_with(path, sizeof(path), v, "/layout.tpl") ||
	    stat(v, &sb) == -1 || !S_ISDIR(sb.st_mode))
		admin_report_add(r, ADMIN_FAIL, "config %s: templates %s is "
		    "not a folder", origin, v);
	else if (access(path, R_OK) == -1)
		admin_report_add(r, ADMIN_FAIL, "config %s: templates %s has "
		    "no readable layout.tpl", origin, v);
	else
		admin_report_add(r, ADMIN_PASS, "config %s: templates %s",
		    origin, v);

	v = config_get(cfg, "sendmail", SENDMAIL_DEFAULT);
	v += strspn(v, " \t");
	n = strcspn(v, " \t");
	snprintf(word, sizeof(word), "%.*s", (int)n, v);
	if (word[0] != '/')
		admin_report_add(r, ADMIN_FAIL, "config %s: sendmail \"%s\" "
		    "is not an absolute path", origin, word);
	else if (stat(word, &sb) == -1 || !S_ISREG(sb.st_mode) ||
	    access(word, X_OK) == -1)
		admin_report_add(r, ADMIN_FAIL, "config %s: sendmail %s is not "
		    "an executable file", origin, word);
	else
		admin_report_add(r, ADMIN_PASS, "config %s: sendmail %s",
		    origin, word);

	if ((v = config_get(cfg, "log", NULL)) != NULL) {
		if (!writable(v, &why))
			admin_report_add(r, ADMIN_FAIL, "config %s: log %s: %s",
			    origin, v, why);
		else
			admin_report_add(r, ADMIN_PASS, "config %s: log %s",
			    origin, v);
	}
}

/*
 * The journal mode recorded in the database file at dbpath, read from
 * its header (bytes 18 and 19 are 2 in WAL mode), so before anything
 * opens it and sets WAL: one PASS or FAIL line.
 */
void
admin_check_journal(const char *dbpath, struct admin_report *r)
{
	unsigned char	 h[100];
	ssize_t		 n = -1;
	int		 fd;

	if ((fd = open(dbpath, O_RDONLY)) != -1) {
		n = read(fd, h, sizeof(h));
		close(fd);
	}
	if (n != (ssize_t)sizeof(h) ||
	    memcmp(h, "SQLite format 3", 16) != 0)
		admin_report_add(r, ADMIN_FAIL, "journal mode: %s is not an "
		    "SQLite database", dbpath);
	else if (h[18] == 2 && h[19] == 2)
		admin_report_add(r, ADMIN_PASS, "journal mode: WAL");
	else
		admin_report_add(r, ADMIN_FAIL, "journal mode: not WAL (a "
		    "rollback journal makes readers and writers wait for "
		    "each other; the programs set WAL when they open it)");
}

/* --- statistics -------------------------------------------------------- */

/* db_rows() callback: one most used tag. */
static enum qa_err
tag_row(struct arena *a, sqlite3_stmt *st, void *out)
{
	struct admin_tag	*t = out;

	if ((t->name = db_col_text(a, st, 0)) == NULL)
		return QA_ESYS;
	t->qcount = sqlite3_column_int64(st, 1);
	return QA_OK;
}

/*
 * Fill s with the numbers of the database db at dbpath, seen at time
 * now: posts by type and status, users by level (and blocked), votes,
 * tags (and those in use), categories, open flags, mail not yet sent,
 * the file's pages (size, count, free), the size of its -wal file (-1
 * without one), the questions, answers, votes and users made in the last
 * 24 hours and 7 days, and the ntop most used tags (in a).  Returns
 * QA_OK or the database error (logged).
 */
enum qa_err
admin_stats(struct db *db, struct arena *a, const char *dbpath,
    int64_t now, size_t ntop, struct admin_stats *s)
{
	sqlite3_stmt	*st;
	struct stat	 sb;
	char		 wal[PATH_MAX];
	int64_t		 v[5], n;
	enum qa_err	 er = QA_OK;
	void		*top;
	int		 type, status, level, rc;

	memset(s, 0, sizeof(*s));
	if ((st = db_stmt(db, &admin_stmts, ADMIN_STMT_POSTS_BY)) == NULL)
		return QA_ESYS;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		type = sqlite3_column_int(st, 0);
		status = sqlite3_column_int(st, 1);
		n = sqlite3_column_int64(st, 2);
		if (status < 0 || status > 3)
			continue;
		if (type == 1)
			s->questions[status] += n;
		else if (type == 2)
			s->answers[status] += n;
		else if (type == 3)
			s->comments[status] += n;
	}
	db_done(st);
	if (rc != SQLITE_DONE)
		return db_err(db, rc, "admin_stats: posts");
	if ((st = db_stmt(db, &admin_stmts, ADMIN_STMT_USERS_BY)) == NULL)
		return QA_ESYS;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		level = sqlite3_column_int(st, 0);
		n = sqlite3_column_int64(st, 1);
		if (level >= 1 && level <= 6)
			s->users[level] += n;
		s->users_all += n;
		s->users_blocked += sqlite3_column_int64(st, 2);
	}
	db_done(st);
	if (rc != SQLITE_DONE)
		return db_err(db, rc, "admin_stats: users");
	if ((er = ints(db, ADMIN_STMT_VOTES, 0, v, 2)) != QA_OK)
		return er;
	s->votes_up = v[0];
	s->votes_down = v[1];
	if ((er = ints(db, ADMIN_STMT_COUNTS, 0, v, 5)) != QA_OK)
		return er;
	s->tags = v[0];
	s->tags_used = v[1];
	s->categories = v[2];
	s->flags_pending = v[3];
	s->mail_pending = v[4];
	if ((er = size_of(db, &s->page_count, &s->page_size, &s->freelist))
	    != QA_OK)
		return er;
	s->wal_bytes = path_with(wal, sizeof(wal), dbpath, "-wal") &&
	    stat(wal, &sb) == 0 ? (int64_t)sb.st_size : -1;
	if ((er = ints(db, ADMIN_STMT_ACTIVITY, now - 86400, s->day, 4)) !=
	    QA_OK ||
	    (er = ints(db, ADMIN_STMT_ACTIVITY, now - 7 * 86400, s->week, 4))
	    != QA_OK)
		return er;
	if (ntop == 0)
		return QA_OK;
	if ((st = db_stmt(db, &admin_stmts, ADMIN_STMT_TOP_TAGS)) == NULL)
		return QA_ESYS;
	sqlite3_bind_int64(st, 1, (int64_t)ntop);
	if ((er = db_rows(db, st, a, sizeof(struct admin_tag), ntop, tag_row,
	    &top, &s->ntop, "admin_stats: tags")) == QA_OK)
		s->top = top;
	return er;
}
