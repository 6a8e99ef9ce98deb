/*
 * qa-admin.c: the administration command line.
 *
 *	qa-admin [-c config] [-d dbpath] command [args]
 *
 * The database is the one given with -d, else the key `db' of the
 * configuration file (-c, else FASTQA_CONFIG, else the compiled-in path).
 * Every command writes in one transaction with bound values only.  Exit
 * status: 0 on success, 1 on failure (with one line on stderr saying
 * why; for check, when it found a problem), 2 for a usage error.
 */
#include <sys/stat.h>

#include <errno.h>
#include <getopt.h>
#include <inttypes.h>
#include <limits.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "admin.h"
#include "arena.h"
#include "auth.h"
#include "category.h"
#include "config.h"
#include "db.h"
#include "points.h"
#include "demo.h"
#include "markdown.h"
#include "moderate.h"
#include "notify.h"
#include "qa.h"
#include "recount.h"
#include "settings.h"

#ifndef QA_DB_PATH
#define QA_DB_PATH	"/var/lib/fastqa/fastqa.db"
#endif

#define HANDLE_MIN	3
#define HANDLE_MAX	32
#define EMAIL_MAX	254
#define PASSWORD_MIN	8
#define PASSWORD_MAX	1024
#define PASSWORD_GEN	16	/* length of a generated password */

/* A usage error: main() prints the usage and exits 2. */
#define QA_EUSAGE	QA_ERR__MAX

static const char *const level_names[] = {
	NULL, "registered", "expert", "editor", "moderator", "admin", "super"
};

enum admin_stmt {
	ADMIN_STMT_FIND_HANDLE,		/* stored spelling of a handle */
	ADMIN_STMT_FIND_EMAIL,		/* handle using an email */
	ADMIN_STMT_USER_INSERT,
	ADMIN_STMT_SET_LEVEL,
	ADMIN_STMT_NEXT_POST,		/* the post after an id */
	ADMIN_STMT_SET_HTML,		/* body_html, if it changed */
	ADMIN_STMT_FTS_CLEAR,
	ADMIN_STMT_NEXT_QUESTION,	/* the question after an id */
	ADMIN_STMT_FTS_INSERT,
	ADMIN_STMT__MAX
};

static const char *const admin_sql[ADMIN_STMT__MAX] = {
	/* FIND_HANDLE: the column is COLLATE NOCASE. */
	"SELECT handle FROM users WHERE handle = ?1",
	/* FIND_EMAIL */
	"SELECT handle FROM users WHERE email = ?1",
	/* USER_INSERT */
	"INSERT INTO users (handle, email, pwhash, level, created)"
	" VALUES (?1, ?2, ?3, ?4, ?5)",
	/* SET_LEVEL */
	"UPDATE users SET level = ?2 WHERE handle = ?1",
	/* NEXT_POST */
	"SELECT id, type, body_md FROM posts WHERE id > ?1 ORDER BY id"
	" LIMIT 1",
	/* SET_HTML */
	"UPDATE posts SET body_html = ?2 WHERE id = ?1 AND"
	" body_html IS NOT ?2",
	/* FTS_CLEAR */
	"DELETE FROM posts_fts",
	/* NEXT_QUESTION */
	"SELECT id, title, body_md, tags FROM posts WHERE type = 1 AND"
	" status = 1 AND id > ?1 ORDER BY id LIMIT 1",
	/* FTS_INSERT */
	"INSERT INTO posts_fts (rowid, title, body, tags) VALUES"
	" (?1, ?2, ?3, ?4)",
};

static sqlite3_stmt	*admin_cache[ADMIN_STMT__MAX];
static struct db_stmts	 admin_stmts =
    { admin_sql, ADMIN_STMT__MAX, admin_cache, NULL, NULL };

/*
 * End the transaction of a command that ends with er: commit it if er is
 * QA_OK, else (or if the commit fails) roll it back.  Returns er or the
 * commit's error.
 */
static enum qa_err
tx_end(struct db *db, enum qa_err er)
{
	if (er == QA_OK)
		er = db_tx_commit(db);
	if (er != QA_OK)
		db_tx_rollback(db);
	return er;
}

/*
 * Step `next` (NEXT_POST or NEXT_QUESTION, which select the first row
 * with an id above ?1) for the row after *id.  Returns true with that
 * row current and *id set to its id.  Returns false when there is none,
 * with the statement reset and *er left alone at the end of the table or
 * set to the database error (logged with `where`).
 */
static bool
next_row(struct db *db, sqlite3_stmt *next, int64_t *id, enum qa_err *er,
    const char *where)
{
	int	 rc;

	sqlite3_bind_int64(next, 1, *id);
	if ((rc = sqlite3_step(next)) != SQLITE_ROW) {
		db_done(next);
		if (rc != SQLITE_DONE)
			*er = db_err(db, rc, where);
		return false;
	}
	*id = sqlite3_column_int64(next, 0);
	return true;
}

/* Print the usage to stderr. */
static void
usage(void)
{
	fputs("usage: qa-admin [-c config] [-d dbpath] command [args]\n"
	    "commands:\n"
	    "  init                    create the database and its schema\n"
	    "  migrate [--no-backup]   apply pending schema migrations, "
	    "after a backup\n"
	    "                          to DB.before-migrate-vN\n"
	    "  backup [-f] FILE        copy the database, live, to FILE "
	    "(-f replaces it)\n"
	    "  restore [-f] [--no-keep] FILE\n"
	    "                          replace the database with the backup "
	    "FILE, keeping\n"
	    "                          the old one as DB.before-restore; "
	    "refused while\n"
	    "                          the site has it open, unless -f\n"
	    "  check [--quick] [--fix] [-c config]\n"
	    "                          integrity, foreign keys, counters "
	    "(--fix recounts),\n"
	    "                          search index, settings, "
	    "configuration, WAL;\n"
	    "                          exits 1 on any problem\n"
	    "  stats [--json]          counts, sizes, recent activity, top "
	    "tags\n"
	    "  create-user HANDLE EMAIL [--level LEVEL] [--password PW|-]\n"
	    "                          add an account (a password is made "
	    "up\n"
	    "                          and printed unless given; - reads it "
	    "from stdin)\n"
	    "  set-level HANDLE LEVEL  change an account's level\n"
	    "  demo [--seed N] [--password PW]\n"
	    "                          fill an empty database with demo "
	    "content\n"
	    "  reindex                 re-render every post and rebuild the "
	    "search index\n"
	    "  recount                 recompute every counter\n"
	    "  send-mail [--max N]     send up to N (100) pending mails\n"
	    "  category list           show the category tree\n"
	    "  category add NAME [--slug S] [--parent SLUG|-] "
	    "[--description TEXT]\n"
	    "      [--position N]      add a category (- : top level)\n"
	    "  category edit SLUG [--name NAME] [the options of add]\n"
	    "                          change or move a category\n"
	    "  category delete SLUG    delete a category without "
	    "subcategories\n"
	    "                          (its questions go to its parent)\n"
	    "  help                    this text\n"
	    "LEVEL is registered, expert, editor, moderator, admin or super."
	    "\n"
	    "Without -d, the database is the key db of the configuration "
	    "file\n"
	    "given with -c, else named by FASTQA_CONFIG.\n", stderr);
}

/*
 * Match argv[*i] against option name ("--level"): as "--level VALUE"
 * (consuming the next argument) or "--level=VALUE".  On a match sets
 * *val, advances *i past what was used and returns 1; returns 0 if
 * argv[*i] is another argument, and -1 (logged) if the value is missing.
 */
static int
option(int argc, char **argv, int *i, const char *name, const char **val)
{
	size_t	 n = strlen(name);

	if (strncmp(argv[*i], name, n) != 0)
		return 0;
	if (argv[*i][n] == '=') {
		*val = argv[*i] + n + 1;
		return 1;
	}
	if (argv[*i][n] != '\0')
		return 0;
	if (*i + 1 >= argc) {
		fprintf(stderr, "qa-admin: %s needs a value\n", name);
		return -1;
	}
	*val = argv[++*i];
	return 1;
}

/*
 * A level from its name ("moderator") or number ("4").  Returns 1..6, or
 * 0 (logged) if s is neither.
 */
static int
parse_level(const char *s)
{
	int	 i;

	for (i = 1; i < (int)nitems(level_names); i++)
		if (strcmp(s, level_names[i]) == 0 ||
		    (s[0] == '0' + i && s[1] == '\0'))
			return i;
	fprintf(stderr, "qa-admin: unknown level \"%s\" (registered, expert, "
	    "editor, moderator, admin or super)\n", s);
	return 0;
}

/*
 * Whether handle follows the rules: 3 to 32 characters, each an ASCII
 * letter or digit or one of "-_.".  Logs why not.
 */
static bool
handle_valid(const char *h)
{
	size_t	 n = strlen(h), i;

	if (n < HANDLE_MIN || n > HANDLE_MAX) {
		fprintf(stderr, "qa-admin: a handle has %d to %d characters\n",
		    HANDLE_MIN, HANDLE_MAX);
		return false;
	}
	for (i = 0; i < n; i++)
		if (!((h[i] >= 'a' && h[i] <= 'z') ||
		    (h[i] >= 'A' && h[i] <= 'Z') ||
		    (h[i] >= '0' && h[i] <= '9') ||
		    h[i] == '-' || h[i] == '_' || h[i] == '.')) {
			fprintf(stderr, "qa-admin: a handle has only letters, "
			    "digits, '-', '_' and '.'\n");
			return false;
		}
	return true;
}

/*
 * A plausible email address: at most 254 bytes, no space or control
 * character, one '@' with text before it, and a domain with an inner dot.
 * Logs why not.
 */
static bool
email_valid(const char *e)
{
	const char	*at = strchr(e, '@'), *dot;
	size_t		 i, n = strlen(e);

	for (i = 0; i < n; i++)
		if ((unsigned char)e[i] <= ' ' || e[i] == 0x7f)
			break;
	if (n > EMAIL_MAX || i < n || at == NULL || at == e ||
	    strchr(at + 1, '@') != NULL ||
	    (dot = strrchr(at + 1, '.')) == NULL || dot == at + 1 ||
	    dot[1] == '\0') {
		fprintf(stderr, "qa-admin: \"%s\" is not an email address\n",
		    e);
		return false;
	}
	return true;
}

/*
 * Make up a password of PASSWORD_GEN characters from an alphabet without
 * look-alikes (no 0/O, 1/l/I), uniformly (bytes past the largest multiple
 * of the alphabet size are drawn again).  out holds PASSWORD_GEN + 1.
 */
static enum qa_err
password_new(char *out)
{
	static const char	 abc[] = "abcdefghijkmnpqrstuvwxyz"
				    "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
	const unsigned int	 n = sizeof(abc) - 1;
	const unsigned int	 lim = 256 / n * n;
	unsigned char		 b[64];
	size_t			 i, k = 0;
	enum qa_err		 er;

	while (k < PASSWORD_GEN) {
		if ((er = auth_random(b, sizeof(b))) != QA_OK)
			return er;
		for (i = 0; i < sizeof(b) && k < PASSWORD_GEN; i++)
			if (b[i] < lim)
				out[k++] = abc[b[i] % n];
	}
	out[k] = '\0';
	explicit_bzero(b, sizeof(b));
	return QA_OK;
}

/*
 * Read a password from the first line of stdin into out (outsz bytes),
 * without its line end.  QA_EINVALID (logged) if there is none or it is
 * too long.
 */
static enum qa_err
password_stdin(char *out, size_t outsz)
{
	size_t	 n;

	if (fgets(out, (int)outsz, stdin) == NULL) {
		fprintf(stderr, "qa-admin: no password on stdin\n");
		return QA_EINVALID;
	}
	n = strlen(out);
	if (n > 0 && out[n - 1] == '\n')
		out[--n] = '\0';
	else if (!feof(stdin)) {
		fprintf(stderr, "qa-admin: password too long\n");
		return QA_EINVALID;
	}
	if (n > 0 && out[n - 1] == '\r')
		out[--n] = '\0';
	return QA_OK;
}

/*
 * Check that a database can be created (or opened for writing) at path,
 * and say why not: its folder must exist and be writable (SQLite's WAL
 * files go next to it), and an existing file must be a readable and
 * writable regular file.  Returns QA_OK, or QA_ESYS with one line logged:
 * "cannot create database at X: No such file or directory".
 */
static enum qa_err
check_creatable(const char *path)
{
	struct stat	 sb;
	char		 dir[PATH_MAX];
	const char	*slash;
	size_t		 n;
	int		 err = 0;

	if ((slash = strrchr(path, '/')) == NULL)
		snprintf(dir, sizeof(dir), ".");
	else if (slash == path)
		snprintf(dir, sizeof(dir), "/");
	else {
		n = (size_t)(slash - path);
		if (n >= sizeof(dir)) {
			err = ENAMETOOLONG;
			goto out;
		}
		memcpy(dir, path, n);
		dir[n] = '\0';
	}
	if (*path == '\0' || path[strlen(path) - 1] == '/')
		err = EISDIR;
	else if (stat(dir, &sb) == -1)
		err = errno;
	else if (!S_ISDIR(sb.st_mode))
		err = ENOTDIR;
	else if (stat(path, &sb) == 0) {
		if (S_ISDIR(sb.st_mode))
			err = EISDIR;
		else if (access(path, R_OK | W_OK) == -1)
			err = errno;
		else if (access(dir, W_OK | X_OK) == -1)
			err = errno;
	} else if (errno != ENOENT)
		err = errno;
	else if (access(dir, W_OK | X_OK) == -1)
		err = errno;
out:
	if (err == 0)
		return QA_OK;
	fprintf(stderr, "qa-admin: cannot create database at %s: %s\n", path,
	    strerror(err));
	return QA_ESYS;
}

/*
 * Open the existing database at path for a command.  It must exist and
 * hold a schema; unless any_version, its schema must be the one this
 * program was built for.  Returns QA_OK with *out set, or an error with
 * one line on stderr that says what to do.
 */
static enum qa_err
open_db(const char *path, bool any_version, struct db **out)
{
	struct stat	 sb;
	struct db	*db;
	enum qa_err	 er;
	int		 v;

	*out = NULL;
	if (stat(path, &sb) == -1) {
		fprintf(stderr, "qa-admin: cannot open database at %s: %s%s\n",
		    path, strerror(errno),
		    errno == ENOENT ? " (create it with qa-admin init)" : "");
		return errno == ENOENT ? QA_ENOTFOUND : QA_ESYS;
	}
	if ((er = db_open(path, 0, &db)) != QA_OK) {
		fprintf(stderr, "qa-admin: cannot open database at %s\n",
		    path);
		return er;
	}
	v = db_version(db);
	if (v <= 0) {
		fprintf(stderr, "qa-admin: %s has no schema (create it with "
		    "qa-admin init)\n", path);
		db_close(db);
		return QA_EINVALID;
	}
	if (!any_version && v != db_schema_version()) {
		fprintf(stderr, "qa-admin: %s has schema version %d, this "
		    "program needs %d%s\n", path, v, db_schema_version(),
		    v < db_schema_version() ? " (run qa-admin migrate)" : "");
		db_close(db);
		return QA_EINVALID;
	}
	*out = db;
	return QA_OK;
}

/*
 * init: create the database at path with the compiled-in schema.
 * Refuses a database that already has one.
 */
static enum qa_err
cmd_init(const char *path, int argc, char **argv)
{
	struct db	*db = NULL;
	enum qa_err	 er;

	(void)argv;
	if (argc != 1)
		return QA_EUSAGE;
	if ((er = check_creatable(path)) != QA_OK)
		return er;
	if ((er = db_open(path, DB_CREATE, &db)) != QA_OK) {
		fprintf(stderr, "qa-admin: cannot create database at %s\n",
		    path);
		return er;
	}
	er = db_init_schema(db);
	if (er == QA_ECONFLICT)
		fprintf(stderr, "qa-admin: %s already has a schema (version "
		    "%d); use qa-admin migrate to upgrade it\n", path,
		    db_version(db));
	else if (er != QA_OK)
		fprintf(stderr, "qa-admin: cannot create the schema in %s\n",
		    path);
	else
		printf("created %s, schema version %d\n", path,
		    db_version(db));
	db_close(db);
	return er;
}

/*
 * A size for people in buf (at least 48 bytes), which it returns: "512
 * bytes", or "812.0 KiB (831488 bytes)", in MiB, GiB or TiB as fits.
 */
static const char *
human(int64_t n, char *buf, size_t bufsz)
{
	static const char *const	 unit[] =
	    { "KiB", "MiB", "GiB", "TiB" };
	double				 v = (double)n;
	size_t				 i = 0;

	if (n < 1024) {
		snprintf(buf, bufsz, "%lld bytes", (long long)n);
		return buf;
	}
	for (v /= 1024; v >= 1024 && i + 1 < nitems(unit); i++)
		v /= 1024;
	snprintf(buf, bufsz, "%.1f %s (%lld bytes)", v, unit[i],
	    (long long)n);
	return buf;
}

/* Print what a backup or restore copied: "what FILE: size ... s". */
static void
copy_print(const char *what, const char *file, const struct admin_copy *c)
{
	char	 h[48];

	printf("%s %s: %s, %d pages, in %.3f s, %d step%s", what, file,
	    human(c->bytes, h, sizeof(h)), c->pages, c->seconds, c->steps,
	    c->steps == 1 ? "" : "s");
	if (c->busy > 0)
		printf(", %d waited for a lock", c->busy);
	putchar('\n');
}

/*
 * Copy the open database db to path + suffix with admin_backup() (flags
 * as there), saying so with `what` ("backup", "kept the old database
 * as").  Refuses an existing file without ADMIN_FORCE, saying what to
 * do with `hint` ("give -f to replace it").
 */
static enum qa_err
backup_to(struct db *db, const char *path, const char *suffix,
    unsigned int flags, const char *what, const char *hint)
{
	struct admin_copy	 c;
	struct stat		 sb;
	char			 file[PATH_MAX];
	enum qa_err		 er;

	if ((size_t)snprintf(file, sizeof(file), "%s%s", path, suffix) >=
	    sizeof(file)) {
		fprintf(stderr, "qa-admin: %s%s: %s\n", path, suffix,
		    strerror(ENAMETOOLONG));
		return QA_EINVALID;
	}
	if (!(flags & ADMIN_FORCE) && lstat(file, &sb) == 0) {
		fprintf(stderr, "qa-admin: %s exists: move it away, or %s\n",
		    file, hint);
		return QA_ECONFLICT;
	}
	if ((er = admin_backup(db, file, flags, &c)) != QA_OK)
		fprintf(stderr, "qa-admin: no copy written to %s\n", file);
	else
		copy_print(what, file, &c);
	return er;
}

/*
 * Apply each compiled-in migration above db's schema version, each in
 * its own transaction, printing one line per migration.  Returns QA_OK
 * or the first failure (the database then stays at the version before
 * it, which is logged).
 */
static enum qa_err
migrate_steps(struct db *db)
{
	struct timespec	 t0, t1;
	enum qa_err	 er;
	size_t		 i;

	for (i = 0; i < sql_nmigrations; i++) {
		if (sql_migrations[i].version <= db_version(db))
			continue;
		clock_gettime(CLOCK_MONOTONIC, &t0);
		if ((er = db_migrate(db, &sql_migrations[i], 1)) != QA_OK) {
			fprintf(stderr, "qa-admin: migration %s failed; the "
			    "database stays at schema version %d\n",
			    sql_migrations[i].name, db_version(db));
			return er;
		}
		clock_gettime(CLOCK_MONOTONIC, &t1);
		printf("  %s: done in %.3f s\n", sql_migrations[i].name,
		    (double)(t1.tv_sec - t0.tv_sec) +
		    (double)(t1.tv_nsec - t0.tv_nsec) / 1e9);
	}
	return QA_OK;
}

/*
 * migrate [--no-backup]: bring the database to this program's schema,
 * one migration (one transaction) at a time, after a backup to
 * DB.before-migrate-vN (N the version before), which must not exist
 * yet.  Prints the versions from and to.  A database already at the
 * schema is left alone; one newer than this program too (with a note).
 */
static enum qa_err
cmd_migrate(const char *path, int argc, char **argv)
{
	struct db	*db;
	char		 suffix[32];
	bool		 backup = true;
	enum qa_err	 er = QA_OK;
	int		 i, v, to = db_schema_version();

	for (i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--no-backup") != 0)
			return QA_EUSAGE;
		backup = false;
	}
	if ((er = open_db(path, true, &db)) != QA_OK)
		return er;
	v = db_version(db);
	snprintf(suffix, sizeof(suffix), ".before-migrate-v%d", v);
	if (v > to)
		fprintf(stderr, "qa-admin: %s has schema version %d, newer "
		    "than this program's %d: left alone\n", path, v, to);
	else if (v == to)
		printf("%s: schema version %d, nothing to migrate\n", path, v);
	else if (backup && (er = backup_to(db, path, suffix, 0, "backup",
	    "give --no-backup to migrate without a backup")) != QA_OK)
		fprintf(stderr, "qa-admin: not migrated\n");
	else {
		printf("migrating %s from schema version %d to %d\n", path, v,
		    to);
		if ((er = migrate_steps(db)) == QA_OK)
			printf("schema version %d\n", db_version(db));
	}
	db_close(db);
	return er;
}

/*
 * backup [-f] FILE: a consistent copy of the database, taken while the
 * site runs and writes (lib/admin.c), checked, then renamed to FILE.
 * Refuses an existing FILE unless -f.  Prints its size and the time.
 */
static enum qa_err
cmd_backup(const char *path, int argc, char **argv)
{
	struct db	*db;
	const char	*file = NULL;
	unsigned int	 flags = 0;
	enum qa_err	 er;
	int		 i;

	for (i = 1; i < argc; i++)
		if (strcmp(argv[i], "-f") == 0 ||
		    strcmp(argv[i], "--force") == 0)
			flags |= ADMIN_FORCE;
		else if ((argv[i][0] == '-' && argv[i][1] != '\0') ||
		    file != NULL)
			return QA_EUSAGE;
		else
			file = argv[i];
	if (file == NULL)
		return QA_EUSAGE;
	if ((er = open_db(path, true, &db)) != QA_OK)
		return er;
	er = backup_to(db, file, "", flags, "backup",
	    "give -f to replace it");
	db_close(db);
	return er;
}

/*
 * restore [-f] [--no-keep] FILE: replace the database with the backup
 * FILE.  FILE must be a fastqa database that passes its integrity check,
 * of this program's schema or older.  Unless -f, the database must not
 * be open in another process (admin_in_use(): a running FastCGI site
 * has it open; stop the site first).  The old database is copied to
 * DB.before-restore first (which must not exist, unless -f), unless
 * --no-keep.  FILE is copied in through the backup API, so the -wal
 * file and any open connection stay coherent, and then migrated to this
 * program's schema if it is older.
 */
static enum qa_err
cmd_restore(const char *path, int argc, char **argv)
{
	struct admin_report	 rep;
	struct admin_copy	 c;
	struct arena		 a;
	struct stat		 sb;
	struct db		*db = NULL;
	const char		*file = NULL;
	bool			 force = false, keep = true, exists;
	enum qa_err		 er;
	int			 i, v, used;

	for (i = 1; i < argc; i++)
		if (strcmp(argv[i], "-f") == 0 ||
		    strcmp(argv[i], "--force") == 0)
			force = true;
		else if (strcmp(argv[i], "--no-keep") == 0)
			keep = false;
		else if ((argv[i][0] == '-' && argv[i][1] != '\0') ||
		    file != NULL)
			return QA_EUSAGE;
		else
			file = argv[i];
	if (file == NULL)
		return QA_EUSAGE;
	if ((er = admin_file_check(file, &v)) != QA_OK) {
		fprintf(stderr, "qa-admin: %s cannot be restored\n", file);
		return er;
	}
	exists = stat(path, &sb) == 0;
	if (exists && !force && (used = admin_in_use(path)) != 0) {
		if (used > 0)
			fprintf(stderr, "qa-admin: %s is in use: another "
			    "program has it open; stop the site first (or "
			    "give -f to restore under it)\n", path);
		else
			fprintf(stderr, "qa-admin: cannot tell whether %s is "
			    "in use (-f restores anyway)\n", path);
		return used > 0 ? QA_ECONFLICT : QA_ESYS;
	}
	if (!exists && (er = check_creatable(path)) != QA_OK)
		return er;
	if ((er = db_open(path, exists ? 0 : DB_CREATE, &db)) != QA_OK) {
		fprintf(stderr, "qa-admin: cannot open database at %s\n",
		    path);
		return er;
	}
	if (exists && keep && (er = backup_to(db, path, ".before-restore",
	    force ? ADMIN_FORCE : 0, "kept the old database as",
	    "give -f to replace it, or --no-keep")) != QA_OK) {
		fprintf(stderr, "qa-admin: nothing restored\n");
		goto out;
	}
	if ((er = admin_restore(db, file, &c)) != QA_OK) {
		fprintf(stderr, "qa-admin: restoring %s failed\n", file);
		goto out;
	}
	copy_print("restored from", file, &c);
	if (v < db_schema_version()) {
		printf("migrating %s from schema version %d to %d\n", path, v,
		    db_schema_version());
		if ((er = migrate_steps(db)) != QA_OK)
			goto out;
	}
	arena_init(&a);
	admin_report_init(&rep, &a);
	if ((er = admin_check_integrity(db, true, &rep)) == QA_OK &&
	    rep.nfail > 0) {
		fprintf(stderr, "qa-admin: %s fails its quick_check after "
		    "the restore\n", path);
		er = QA_ESYS;
	}
	arena_free(&a);
	if (er == QA_OK)
		printf("schema version %d\n", db_version(db));
out:
	db_close(db);
	return er;
}

/*
 * The configuration file for check: -c (given as cfgpath), else
 * FASTQA_CONFIG, else the compiled-in path if it exists.  Adds its
 * findings to rep (lib/admin.c), or a NOTE when there is none.
 */
static void
check_config(const char *cfgpath, const char *path,
    struct admin_report *rep)
{
	struct config	*cfg;
	struct stat	 sb;

	if (cfgpath == NULL && (cfgpath = getenv("FASTQA_CONFIG")) != NULL &&
	    *cfgpath == '\0')
		cfgpath = NULL;
	if (cfgpath == NULL && stat(QA_CONFIG_PATH, &sb) == 0)
		cfgpath = QA_CONFIG_PATH;
	if (cfgpath == NULL) {
		admin_report_add(rep, ADMIN_NOTE, "config: none given (-c or "
		    "FASTQA_CONFIG), not checked");
		return;
	}
	if ((cfg = config_new()) == NULL ||
	    config_load(cfg, cfgpath) != QA_OK)
		admin_report_add(rep, ADMIN_FAIL, "config %s: cannot be read "
		    "or has a bad line", cfgpath);
	else
		admin_check_config(cfg, cfgpath, path, rep);
	config_free(cfg);
}

/*
 * check [--quick] [--fix] [-c config]: the checks of lib/admin.c, one
 * line each ("ok", "FAIL", "fixed" or "note" and what): the journal
 * mode (from the file, before opening it), the schema version,
 * integrity_check (quick_check with --quick), foreign_key_check, the
 * counters against a recount (rolled back; --fix commits it), the
 * search index, the settings and the configuration file.  Ends with a
 * summary line; QA_EINVALID (exit 1) when anything failed.
 */
static enum qa_err
cmd_check(const char *path, int argc, char **argv)
{
	static const char *const	 label[] = {
		[ADMIN_PASS] = "ok", [ADMIN_FAIL] = "FAIL",
		[ADMIN_FIXED] = "fixed", [ADMIN_NOTE] = "note",
	};
	struct admin_report		 rep;
	struct admin_finding		*f;
	struct arena			 a;
	struct stat			 sb;
	struct db			*db;
	const char			*cfgpath = NULL;
	bool				 quick = false, fix = false;
	enum qa_err			 er;
	int				 i, r, v;

	for (i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--quick") == 0) {
			quick = true;
			continue;
		}
		if (strcmp(argv[i], "--fix") == 0) {
			fix = true;
			continue;
		}
		if ((r = option(argc, argv, &i, "-c", &cfgpath)) == 0)
			r = option(argc, argv, &i, "--config", &cfgpath);
		if (r <= 0)
			return QA_EUSAGE;
	}
	if (stat(path, &sb) == -1) {
		fprintf(stderr, "qa-admin: cannot open database at %s: %s\n",
		    path, strerror(errno));
		return errno == ENOENT ? QA_ENOTFOUND : QA_ESYS;
	}
	arena_init(&a);
	admin_report_init(&rep, &a);
	admin_check_journal(path, &rep);
	if ((er = open_db(path, true, &db)) != QA_OK)
		goto out;
	if ((v = db_version(db)) != db_schema_version())
		admin_report_add(&rep, ADMIN_FAIL, "schema version %d, this "
		    "program needs %d%s", v, db_schema_version(),
		    v < db_schema_version() ? " (run qa-admin migrate)" : "");
	else
		admin_report_add(&rep, ADMIN_PASS, "schema version %d", v);
	(void)admin_check_integrity(db, quick, &rep);
	(void)admin_check_foreign_keys(db, &rep);
	if (v == db_schema_version()) {
		(void)admin_check_counters(db, fix, &rep);
		(void)admin_check_search(db, &rep);
		(void)admin_check_settings(db, &rep);
	}
	db_close(db);
	check_config(cfgpath, path, &rep);
	for (f = rep.head; f != NULL; f = f->next)
		printf("%-5s %s\n", label[f->status], f->text);
	if (rep.nfail > 0) {
		printf("check: %d problem%s\n", rep.nfail,
		    rep.nfail == 1 ? "" : "s");
		er = QA_EINVALID;
	} else
		printf("check: all ok\n");
out:
	arena_free(&a);
	return er;
}

/*
 * If statement st (FIND_HANDLE or FIND_EMAIL) finds a user for key, copy
 * that user's handle into who and return true.
 */
static bool
find_user(struct db *db, enum admin_stmt which, const char *key,
    char *who, size_t whosz)
{
	sqlite3_stmt	*st;
	bool		 found = false;

	if ((st = db_stmt(db, &admin_stmts, which)) == NULL)
		return false;
	db_bind_text(st, 1, key);
	if (sqlite3_step(st) == SQLITE_ROW) {
		snprintf(who, whosz, "%s", sqlite3_column_text(st, 0));
		found = true;
	}
	db_done(st);
	return found;
}

/*
 * create-user HANDLE EMAIL [--level LEVEL] [--password PW|-]: add an
 * account with an argon2id hash of the password; without --password one
 * is made up and printed once.  The account starts with the base points
 * event (setting points_base), as user_create() gives it.  QA_ECONFLICT
 * if the handle (ignoring case) or the email is taken.
 */
static enum qa_err
cmd_create_user(const char *path, int argc, char **argv)
{
	struct db	*db = NULL;
	sqlite3_stmt	*st;
	const char	*pos[2], *lv = NULL, *pw = NULL;
	char		 pwbuf[PASSWORD_MAX + 2], hash[AUTH_HASH_MAX];
	char		 who[HANDLE_MAX + 1];
	int64_t		 id, now = (int64_t)time(NULL);
	int		 i, r, npos = 0, level = 1;
	bool		 made = false, intx = false;
	enum qa_err	 er;

	for (i = 1; i < argc; i++) {
		if ((r = option(argc, argv, &i, "--level", &lv)) == 0)
			r = option(argc, argv, &i, "--password", &pw);
		if (r < 0)
			return QA_EUSAGE;
		if (r > 0)
			continue;
		if (argv[i][0] == '-' || npos == 2)
			return QA_EUSAGE;
		pos[npos++] = argv[i];
	}
	if (npos != 2)
		return QA_EUSAGE;
	if (!handle_valid(pos[0]) || !email_valid(pos[1]))
		return QA_EINVALID;
	if (lv != NULL && (level = parse_level(lv)) == 0)
		return QA_EINVALID;

	if (pw == NULL) {
		if ((er = password_new(pwbuf)) != QA_OK)
			return er;
		made = true;
	} else if (strcmp(pw, "-") == 0) {
		if ((er = password_stdin(pwbuf, sizeof(pwbuf))) != QA_OK)
			return er;
	} else
		snprintf(pwbuf, sizeof(pwbuf), "%s", pw);
	if (strlen(pwbuf) < PASSWORD_MIN || strlen(pwbuf) > PASSWORD_MAX) {
		fprintf(stderr, "qa-admin: a password has %d to %d "
		    "characters\n", PASSWORD_MIN, PASSWORD_MAX);
		er = QA_EINVALID;
		goto out;
	}
	if ((er = auth_password_hash(pwbuf, hash, sizeof(hash))) != QA_OK)
		goto out;

	if ((er = open_db(path, false, &db)) != QA_OK)
		goto out;
	if ((er = db_tx_begin(db)) != QA_OK)
		goto out;
	intx = true;
	if (find_user(db, ADMIN_STMT_FIND_HANDLE, pos[0], who, sizeof(who))) {
		fprintf(stderr, "qa-admin: handle \"%s\" is taken by \"%s\" "
		    "(handles are unique ignoring case)\n", pos[0], who);
		er = QA_ECONFLICT;
		goto out;
	}
	if (find_user(db, ADMIN_STMT_FIND_EMAIL, pos[1], who, sizeof(who))) {
		fprintf(stderr, "qa-admin: email %s is already used by "
		    "\"%s\"\n", pos[1], who);
		er = QA_ECONFLICT;
		goto out;
	}
	if ((st = db_stmt(db, &admin_stmts, ADMIN_STMT_USER_INSERT)) ==
	    NULL) {
		er = QA_ESYS;
		goto out;
	}
	db_bind_text(st, 1, pos[0]);
	db_bind_text(st, 2, pos[1]);
	db_bind_text(st, 3, hash);
	sqlite3_bind_int(st, 4, level);
	sqlite3_bind_int64(st, 5, now);
	if ((er = db_run(db, st, "create-user")) != QA_OK)
		goto out;
	id = sqlite3_last_insert_rowid(db_handle(db));
	/* The points every account starts from, as the site sets them. */
	if ((er = settings_load(db)) != QA_OK ||
	    (er = points_add(db, id, 0, 0, POINTS_BASE, +1, now)) != QA_OK)
		goto out;
	er = db_tx_commit(db);
	if (er == QA_OK) {
		printf("created user %s (id %lld, level %s)\n", pos[0],
		    (long long)id, level_names[level]);
		if (made)
			printf("password: %s\n", pwbuf);
	}
out:
	if (intx && er != QA_OK)
		db_tx_rollback(db);
	db_close(db);
	explicit_bzero(pwbuf, sizeof(pwbuf));
	return er;
}

/* set-level HANDLE LEVEL: change an account's level. */
static enum qa_err
cmd_set_level(const char *path, int argc, char **argv)
{
	struct db	*db;
	sqlite3_stmt	*st;
	enum qa_err	 er;
	int		 level;

	if (argc != 3)
		return QA_EUSAGE;
	if ((level = parse_level(argv[2])) == 0)
		return QA_EINVALID;
	if ((er = open_db(path, false, &db)) != QA_OK)
		return er;
	if ((er = db_tx_begin(db)) != QA_OK)
		goto out;
	if ((st = db_stmt(db, &admin_stmts, ADMIN_STMT_SET_LEVEL)) == NULL) {
		er = QA_ESYS;
		goto out;
	}
	db_bind_text(st, 1, argv[1]);
	sqlite3_bind_int(st, 2, level);
	if ((er = db_run(db, st, "set-level")) == QA_OK &&
	    sqlite3_changes(db_handle(db)) == 0) {
		fprintf(stderr, "qa-admin: no user \"%s\"\n", argv[1]);
		er = QA_ENOTFOUND;
	}
out:
	if ((er = tx_end(db, er)) == QA_OK)
		printf("%s is now %s\n", argv[1], level_names[level]);
	db_close(db);
	return er;
}

/*
 * demo [--seed N] [--password PW]: fill an empty database with the demo
 * site (tools/demo.c) and say what it wrote and how long it took.
 */
static enum qa_err
cmd_demo(const char *path, int argc, char **argv)
{
	struct db		*db;
	struct demo_stats	 ds;
	struct timespec		 t0, t1;
	const char		*seedarg = NULL, *pw = NULL;
	char			 hash[AUTH_HASH_MAX], *end;
	unsigned long long	 seed = 1;
	int			 i, r;
	enum qa_err		 er;

	for (i = 1; i < argc; i++) {
		if ((r = option(argc, argv, &i, "--seed", &seedarg)) == 0)
			r = option(argc, argv, &i, "--password", &pw);
		if (r <= 0)
			return QA_EUSAGE;
	}
	if (seedarg != NULL) {
		errno = 0;
		seed = strtoull(seedarg, &end, 10);
		if (errno != 0 || end == seedarg || *end != '\0' ||
		    seedarg[0] == '-') {
			fprintf(stderr, "qa-admin: bad seed \"%s\"\n",
			    seedarg);
			return QA_EINVALID;
		}
	}
	if (pw != NULL && (er = auth_password_hash(pw, hash, sizeof(hash)))
	    != QA_OK)
		return er;
	if ((er = open_db(path, false, &db)) != QA_OK)
		return er;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	er = demo_fill(db, seed, (int64_t)time(NULL), pw != NULL ? hash :
	    NULL, &ds);
	clock_gettime(CLOCK_MONOTONIC, &t1);
	if (er == QA_ECONFLICT)
		fprintf(stderr, "qa-admin: %s is not empty; the demo needs a "
		    "new database (qa-admin init)\n", path);
	else if (er != QA_OK)
		fprintf(stderr, "qa-admin: demo failed; nothing was "
		    "written\n");
	else
		printf("demo: %d categories, %d tags, %d users, %d questions, "
		    "%d answers, %d comments, %d votes, %d points events; "
		    "%d accepted, %d edited, %d anonymous; seed %llu; "
		    "%.3f s\n", ds.categories, ds.tags, ds.users,
		    ds.questions, ds.answers, ds.comments, ds.votes,
		    ds.points, ds.accepted, ds.edited, ds.anonymous, seed,
		    (double)(t1.tv_sec - t0.tv_sec) +
		    (double)(t1.tv_nsec - t0.tv_nsec) / 1e9);
	db_close(db);
	return er;
}

/*
 * Re-render body_html of every post from body_md (block Markdown for
 * questions and answers, inline for comments), one post at a time by id.
 * Adds to *n the posts seen and to *changed those whose HTML changed.
 */
static enum qa_err
rerender(struct db *db, int64_t *n, int64_t *changed)
{
	sqlite3_stmt	*next, *set;
	struct buf	 md = { 0 }, html = { 0 };
	int64_t		 id = 0;
	enum qa_err	 er = QA_OK;
	int		 type;

	if ((next = db_stmt(db, &admin_stmts, ADMIN_STMT_NEXT_POST)) ==
	    NULL || (set = db_stmt(db, &admin_stmts, ADMIN_STMT_SET_HTML)) ==
	    NULL)
		return QA_ESYS;
	while (next_row(db, next, &id, &er, "reindex: posts")) {
		type = sqlite3_column_int(next, 1);
		buf_clear(&md);
		buf_append(&md, sqlite3_column_blob(next, 2),
		    (size_t)sqlite3_column_bytes(next, 2));
		db_done(next);
		buf_clear(&html);
		if ((er = markdown_render(md.data != NULL ? md.data : "",
		    md.len, type == 3 ? MARKDOWN_INLINE : MARKDOWN_BLOCK,
		    &html)) != QA_OK || md.oom) {
			fprintf(stderr, "qa-admin: reindex: cannot render "
			    "post %lld\n", (long long)id);
			er = QA_ESYS;
			break;
		}
		sqlite3_bind_int64(set, 1, id);
		sqlite3_bind_text(set, 2, html.data != NULL ? html.data : "",
		    (int)html.len, SQLITE_STATIC);
		if ((er = db_run(db, set, "reindex: body_html")) != QA_OK)
			break;
		(*n)++;
		*changed += sqlite3_changes(db_handle(db));
	}
	buf_free(&md);
	buf_free(&html);
	return er;
}

/*
 * Empty posts_fts and index every visible question again (search never
 * shows queued, hidden or deleted posts): title, the plain text of its
 * body, its tags.  Adds to *n the questions indexed.
 */
static enum qa_err
refts(struct db *db, int64_t *n)
{
	sqlite3_stmt	*st, *next, *ins;
	struct buf	 text = { 0 };
	int64_t		 id = 0;
	enum qa_err	 er = QA_OK;

	if ((st = db_stmt(db, &admin_stmts, ADMIN_STMT_FTS_CLEAR)) == NULL ||
	    (next = db_stmt(db, &admin_stmts, ADMIN_STMT_NEXT_QUESTION)) ==
	    NULL ||
	    (ins = db_stmt(db, &admin_stmts, ADMIN_STMT_FTS_INSERT)) == NULL)
		return QA_ESYS;
	if ((er = db_run(db, st, "reindex: clear search index")) != QA_OK)
		return er;
	while (next_row(db, next, &id, &er, "reindex: questions")) {
		buf_clear(&text);
		markdown_text((const char *)sqlite3_column_text(next, 2),
		    (size_t)sqlite3_column_bytes(next, 2), &text);
		if (text.oom) {
			db_done(next);
			er = QA_ESYS;
			break;
		}
		sqlite3_bind_int64(ins, 1, id);
		sqlite3_bind_value(ins, 2, sqlite3_column_value(next, 1));
		sqlite3_bind_text(ins, 3, text.data != NULL ? text.data : "",
		    (int)text.len, SQLITE_STATIC);
		sqlite3_bind_value(ins, 4, sqlite3_column_value(next, 3));
		er = db_run(db, ins, "reindex: search index");
		db_done(next);
		if (er != QA_OK)
			break;
		(*n)++;
	}
	buf_free(&text);
	return er;
}

/*
 * reindex: re-render every post's HTML and rebuild the search index, in
 * one transaction.
 */
static enum qa_err
cmd_reindex(const char *path, int argc, char **argv)
{
	struct db	*db;
	int64_t		 nposts = 0, nchanged = 0, nq = 0;
	enum qa_err	 er;

	(void)argv;
	if (argc != 1)
		return QA_EUSAGE;
	if ((er = open_db(path, false, &db)) != QA_OK)
		return er;
	if ((er = db_tx_begin(db)) != QA_OK)
		goto out;
	if ((er = rerender(db, &nposts, &nchanged)) == QA_OK)
		er = refts(db, &nq);
	if ((er = tx_end(db, er)) == QA_OK)
		printf("reindex: %lld posts rendered (%lld changed), %lld "
		    "questions indexed\n", (long long)nposts,
		    (long long)nchanged, (long long)nq);
out:
	db_close(db);
	return er;
}

/* recount: recompute every counter and say how many rows changed. */
static enum qa_err
cmd_recount(const char *path, int argc, char **argv)
{
	struct db	*db;
	int64_t		 changed = 0;
	enum qa_err	 er;

	(void)argv;
	if (argc != 1)
		return QA_EUSAGE;
	if ((er = open_db(path, false, &db)) != QA_OK)
		return er;
	if ((er = recount_all(db, &changed)) == QA_OK)
		printf("recount: %lld rows changed\n", (long long)changed);
	db_close(db);
	return er;
}

/*
 * send-mail [--max N]: send up to N (default 100, at most 100000) due
 * mails of the outbox with the configuration's sendmail and mail_from
 * (lib/notify.c), then print "sent N, failed M, pending P" (and how many
 * of the pending were given up).  A mail that fails stays pending for a
 * later run, so for cron only a database or configuration failure is an
 * error.
 */
static enum qa_err
cmd_send_mail(const char *path, int argc, char **argv)
{
	struct config	*cfg;
	struct db	*db = NULL;
	const char	*maxarg = NULL;
	char		*end;
	long		 max = 100;
	int64_t		 pending = 0, given_up = 0;
	int		 i, sent = 0, failed = 0;
	enum qa_err	 er;

	for (i = 1; i < argc; i++)
		if (option(argc, argv, &i, "--max", &maxarg) <= 0)
			return QA_EUSAGE;
	if (maxarg != NULL) {
		errno = 0;
		max = strtol(maxarg, &end, 10);
		if (errno != 0 || end == maxarg || *end != '\0' || max < 1 ||
		    max > 100000) {
			fprintf(stderr, "qa-admin: bad --max \"%s\" (1 to "
			    "100000)\n", maxarg);
			return QA_EINVALID;
		}
	}
	if ((cfg = config_open_default()) == NULL) {
		fprintf(stderr, "qa-admin: cannot read the configuration\n");
		return QA_ESYS;
	}
	if ((er = open_db(path, false, &db)) != QA_OK)
		goto out;
	if ((er = notify_send(db, cfg, (int64_t)time(NULL), (int)max, &sent,
	    &failed)) == QA_OK)
		er = notify_pending(db, &pending, &given_up);
	if (er != QA_OK)
		fprintf(stderr, "qa-admin: send-mail stopped after sending "
		    "%d (%d failed)\n", sent, failed);
	else if (given_up > 0)
		printf("sent %d, failed %d, pending %lld (%lld given up)\n",
		    sent, failed, (long long)pending, (long long)given_up);
	else
		printf("sent %d, failed %d, pending %lld\n", sent, failed,
		    (long long)pending);
out:
	db_close(db);
	config_free(cfg);
	return er;
}

/* Print the categories of c and below, indented by depth. */
static void
category_print(const struct category *c)
{
	for (; c != NULL; c = c->next) {
		printf("%*s%s  /c/%s  id %lld, %lld question%s\n",
		    2 * c->depth, "", c->name, c->slug, (long long)c->id,
		    (long long)c->qcount, c->qcount == 1 ? "" : "s");
		category_print(c->children);
	}
}

/*
 * Read the options of category add and edit from argv[i..argc) into e:
 * --slug, --parent (a slug, or - for the top level), --description and
 * --position (0 to CATEGORY_POSITION_MAX); --name only when name_ok
 * (edit).  Returns QA_OK, QA_EUSAGE, QA_EINVALID (logged) for a bad
 * position, QA_ENOTFOUND (logged) for an unknown parent, or the
 * database error.
 */
static enum qa_err
category_opts(struct db *db, struct arena *a, int argc, char **argv, int i,
    bool name_ok, struct category_edit *e)
{
	struct category	 p;
	const char	*parent = NULL, *pos = NULL;
	char		*end;
	long long	 n;
	enum qa_err	 er;
	int		 r;

	for (; i < argc; i++) {
		r = option(argc, argv, &i, "--slug", &e->slug);
		if (r == 0)
			r = option(argc, argv, &i, "--parent", &parent);
		if (r == 0)
			r = option(argc, argv, &i, "--description",
			    &e->description);
		if (r == 0)
			r = option(argc, argv, &i, "--position", &pos);
		if (r == 0 && name_ok)
			r = option(argc, argv, &i, "--name", &e->name);
		if (r <= 0)
			return QA_EUSAGE;
	}
	if (pos != NULL) {
		errno = 0;
		n = strtoll(pos, &end, 10);
		if (errno != 0 || end == pos || *end != '\0' || n < 0 ||
		    n > CATEGORY_POSITION_MAX) {
			fprintf(stderr, "qa-admin: bad --position \"%s\" (0 "
			    "to %d)\n", pos, CATEGORY_POSITION_MAX);
			return QA_EINVALID;
		}
		e->position = n;
	}
	if (parent == NULL)
		return QA_OK;
	if (strcmp(parent, "-") == 0) {
		e->parent_id = 0;
		return QA_OK;
	}
	if ((er = category_find(db, a, parent, &p)) == QA_ENOTFOUND)
		fprintf(stderr, "qa-admin: no category \"%s\"\n", parent);
	if (er == QA_OK)
		e->parent_id = p.id;
	return er;
}

/*
 * category list | add NAME [--slug S] [--parent SLUG|-]
 * [--description TEXT] [--position N] | edit SLUG [--name NAME] [the
 * same options] | delete SLUG: print the category tree, or change it
 * with the checks and the count keeping of the administrators' page
 * (lib/category.c): add one (at most four levels deep), edit or move one
 * with what is below it (no cycles, no level below the fourth), delete
 * one without subcategories (its questions go to its parent, or to no
 * category from the top level).  Each change is one transaction with an
 * audit entry by the system, as on the page.
 */
static enum qa_err
cmd_category(const char *path, int argc, char **argv)
{
	struct mod_actor	 m;
	struct category_edit	 e;
	struct category_why	 why = { NULL, NULL };
	struct category		 c, *roots;
	struct arena		 a;
	struct db		*db = NULL;
	const char		*sub = argc > 1 ? argv[1] : "";
	int64_t			 id = 0, moved = 0;
	enum qa_err		 er;

	if ((strcmp(sub, "list") == 0 && argc != 2) ||
	    (strcmp(sub, "delete") == 0 && argc != 3) ||
	    ((strcmp(sub, "add") == 0 || strcmp(sub, "edit") == 0) &&
	    argc < 3) || (strcmp(sub, "list") != 0 &&
	    strcmp(sub, "add") != 0 && strcmp(sub, "edit") != 0 &&
	    strcmp(sub, "delete") != 0))
		return QA_EUSAGE;
	if ((er = open_db(path, false, &db)) != QA_OK)
		return er;
	arena_init(&a);
	memset(&m, 0, sizeof(m));
	m.now = (int64_t)time(NULL);
	memset(&e, 0, sizeof(e));
	e.position = -1;
	if (strcmp(sub, "list") == 0) {
		if ((er = category_tree(db, &a, &roots)) == QA_OK)
			category_print(roots);
		goto out;
	}
	if ((er = db_tx_begin(db)) != QA_OK)
		goto out;
	if (strcmp(sub, "add") == 0) {
		e.name = argv[2];
		if ((er = category_opts(db, &a, argc, argv, 3, false, &e)) ==
		    QA_OK && (er = category_edit_check(&a, &e, &why)) ==
		    QA_OK && (er = category_create(db, &a, &e, &id, &why)) ==
		    QA_OK)
			er = mod_audit(db, &m, "category-add", "category", id,
			    NULL, arena_printf(&a, "/c/%s", e.slug));
	} else if ((er = category_find(db, &a, argv[2], &c)) ==
	    QA_ENOTFOUND)
		fprintf(stderr, "qa-admin: no category \"%s\"\n", argv[2]);
	else if (er == QA_OK && strcmp(sub, "edit") == 0) {
		e.name = c.name;
		e.slug = c.slug;
		e.description = c.description;
		e.parent_id = c.parent_id;
		if ((er = category_opts(db, &a, argc, argv, 3, true, &e)) ==
		    QA_OK && (er = category_edit_check(&a, &e, &why)) ==
		    QA_OK && (er = category_update(db, &a, c.id, &e, NULL,
		    &why)) == QA_OK)
			er = mod_audit(db, &m, e.parent_id != c.parent_id ?
			    "category-move" : "category-edit", "category",
			    c.id, NULL, arena_printf(&a, "/c/%s", e.slug));
	} else if (er == QA_OK) {
		if ((er = category_delete(db, &a, c.id, NULL, &moved,
		    &why)) == QA_OK)
			er = mod_audit(db, &m, "category-delete", "category",
			    c.id, NULL, arena_printf(&a, "{\"slug\":\"%s\","
			    "\"to\":%lld,\"moved\":%lld}", c.slug,
			    (long long)c.parent_id, (long long)moved));
	}
	if ((er = tx_end(db, er)) != QA_OK) {
		if (why.message != NULL)
			fprintf(stderr, "qa-admin: %s (%s)\n", why.message,
			    why.field);
		if (er == QA_EUSAGE)
			goto out;
	} else if (strcmp(sub, "add") == 0)
		printf("added /c/%s (id %lld)\n", e.slug, (long long)id);
	else if (strcmp(sub, "edit") == 0)
		printf("saved /c/%s\n", e.slug);
	else
		printf("deleted /c/%s; %lld question%s moved %s\n", c.slug,
		    (long long)moved, moved == 1 ? "" : "s",
		    c.parent_id != 0 ? "to its parent" : "to no category");
out:
	arena_free(&a);
	db_close(db);
	return er;
}

/* Print s as a JSON string, escaped. */
static void
json_str(const char *s)
{
	putchar('"');
	for (; *s != '\0'; s++)
		if (*s == '"' || *s == '\\')
			printf("\\%c", *s);
		else if ((unsigned char)*s < 0x20)
			printf("\\u%04x", (unsigned char)*s);
		else
			putchar(*s);
	putchar('"');
}

/* Print posts by status as JSON: {"total":N,"queued":N,...}. */
static void
json_posts(const char *name, const int64_t *v)
{
	printf("\"%s\":{\"total\":%lld,\"queued\":%lld,\"visible\":%lld,"
	    "\"hidden\":%lld,\"deleted\":%lld},", name,
	    (long long)(v[0] + v[1] + v[2] + v[3]), (long long)v[0],
	    (long long)v[1], (long long)v[2], (long long)v[3]);
}

/* Print the numbers of s (of the database at path) as one JSON object. */
static void
stats_json(const struct admin_stats *s)
{
	static const char *const	 act[] = { "questions", "answers",
	    "votes", "registrations" };
	size_t				 i;
	int				 k;

	putchar('{');
	json_posts("questions", s->questions);
	json_posts("answers", s->answers);
	json_posts("comments", s->comments);
	printf("\"users\":{\"total\":%lld", (long long)s->users_all);
	for (k = 1; k < (int)nitems(level_names); k++)
		printf(",\"%s\":%lld", level_names[k], (long long)s->users[k]);
	printf(",\"blocked\":%lld},", (long long)s->users_blocked);
	printf("\"votes\":{\"total\":%lld,\"up\":%lld,\"down\":%lld},",
	    (long long)(s->votes_up + s->votes_down), (long long)s->votes_up,
	    (long long)s->votes_down);
	printf("\"tags\":{\"total\":%lld,\"used\":%lld},\"categories\":%lld,"
	    "\"flags_pending\":%lld,\"mail_pending\":%lld,",
	    (long long)s->tags, (long long)s->tags_used,
	    (long long)s->categories, (long long)s->flags_pending,
	    (long long)s->mail_pending);
	printf("\"database\":{\"bytes\":%lld,\"page_size\":%lld,"
	    "\"pages\":%lld,\"free_pages\":%lld},",
	    (long long)(s->page_count * s->page_size),
	    (long long)s->page_size, (long long)s->page_count,
	    (long long)s->freelist);
	if (s->wal_bytes < 0)
		printf("\"wal_bytes\":null,");
	else
		printf("\"wal_bytes\":%lld,", (long long)s->wal_bytes);
	printf("\"last_24h\":{");
	for (k = 0; k < 4; k++)
		printf("%s\"%s\":%lld", k > 0 ? "," : "", act[k],
		    (long long)s->day[k]);
	printf("},\"last_7d\":{");
	for (k = 0; k < 4; k++)
		printf("%s\"%s\":%lld", k > 0 ? "," : "", act[k],
		    (long long)s->week[k]);
	printf("},\"top_tags\":[");
	for (i = 0; i < s->ntop; i++) {
		printf("%s{\"name\":", i > 0 ? "," : "");
		json_str(s->top[i].name);
		printf(",\"questions\":%lld}", (long long)s->top[i].qcount);
	}
	printf("]}\n");
}

/* Print posts by status as text: "54 (visible 54, queued 0, ...)". */
static void
text_posts(const char *name, const int64_t *v)
{
	printf("%-14s%lld (visible %lld, queued %lld, hidden %lld, "
	    "deleted %lld)\n", name, (long long)(v[0] + v[1] + v[2] + v[3]),
	    (long long)v[1], (long long)v[0], (long long)v[2],
	    (long long)v[3]);
}

/* Print the numbers of s as text, one line per subject. */
static void
stats_text(const struct admin_stats *s)
{
	char		 h[48];
	size_t		 i;
	int		 k;

	text_posts("questions", s->questions);
	text_posts("answers", s->answers);
	text_posts("comments", s->comments);
	printf("%-14s%lld (", "users", (long long)s->users_all);
	for (k = 1; k < (int)nitems(level_names); k++)
		printf("%s%s %lld", k > 1 ? ", " : "", level_names[k],
		    (long long)s->users[k]);
	printf("; blocked %lld)\n", (long long)s->users_blocked);
	printf("%-14s%lld (up %lld, down %lld)\n", "votes",
	    (long long)(s->votes_up + s->votes_down), (long long)s->votes_up,
	    (long long)s->votes_down);
	printf("%-14s%lld (in use %lld)\n", "tags", (long long)s->tags,
	    (long long)s->tags_used);
	printf("%-14s%lld\n", "categories", (long long)s->categories);
	printf("%-14s%lld\n", "flags pending", (long long)s->flags_pending);
	printf("%-14s%lld\n", "mail pending", (long long)s->mail_pending);
	printf("%-14s%s: %lld pages of %lld bytes, %lld free\n",
	    "database", human(s->page_count * s->page_size, h, sizeof(h)),
	    (long long)s->page_count, (long long)s->page_size,
	    (long long)s->freelist);
	if (s->wal_bytes < 0)
		printf("%-14snone\n", "wal");
	else
		printf("%-14s%s\n", "wal", human(s->wal_bytes, h, sizeof(h)));
	printf("%-14s%lld questions, %lld answers, %lld votes, %lld "
	    "registrations\n", "last 24 h", (long long)s->day[0],
	    (long long)s->day[1], (long long)s->day[2], (long long)s->day[3]);
	printf("%-14s%lld questions, %lld answers, %lld votes, %lld "
	    "registrations\n", "last 7 days", (long long)s->week[0],
	    (long long)s->week[1], (long long)s->week[2],
	    (long long)s->week[3]);
	printf("%-14s", "top tags");
	for (i = 0; i < s->ntop; i++)
		printf("%s%s %lld", i > 0 ? ", " : "", s->top[i].name,
		    (long long)s->top[i].qcount);
	printf("%s\n", s->ntop == 0 ? "none" : "");
}

/*
 * stats [--json]: the numbers of admin_stats() (counts, sizes, activity
 * of the last 24 hours and 7 days, the ten most used tags), as text or
 * as one JSON object.
 */
static enum qa_err
cmd_stats(const char *path, int argc, char **argv)
{
	struct admin_stats	 s;
	struct arena		 a;
	struct db		*db;
	bool			 json = false;
	enum qa_err		 er;
	int			 i;

	for (i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--json") != 0)
			return QA_EUSAGE;
		json = true;
	}
	if ((er = open_db(path, false, &db)) != QA_OK)
		return er;
	arena_init(&a);
	db_query_only(db, true);
	if ((er = admin_stats(db, &a, path, (int64_t)time(NULL), 10, &s)) !=
	    QA_OK)
		fprintf(stderr, "qa-admin: cannot read the numbers of %s\n",
		    path);
	else if (json)
		stats_json(&s);
	else
		stats_text(&s);
	arena_free(&a);
	db_close(db);
	return er;
}

struct command {
	const char	*name;
	enum qa_err	(*fn)(const char *path, int argc, char **argv);
};

static const struct command commands[] = {
	{ "init",		cmd_init },
	{ "migrate",		cmd_migrate },
	{ "create-user",	cmd_create_user },
	{ "set-level",		cmd_set_level },
	{ "demo",		cmd_demo },
	{ "reindex",		cmd_reindex },
	{ "recount",		cmd_recount },
	{ "send-mail",		cmd_send_mail },
	{ "category",		cmd_category },
	{ "backup",		cmd_backup },
	{ "restore",		cmd_restore },
	{ "check",		cmd_check },
	{ "stats",		cmd_stats },
};

/*
 * Parse -c (the configuration file, which then stands in for
 * FASTQA_CONFIG) and -d, find the database path (-d, else the
 * configuration's `db'), and run the command.  Exits 0 on success, 1 on
 * failure, 2 on a usage error (usage on stderr).
 */
int
main(int argc, char *argv[])
{
	struct config	*cfg = NULL;
	const char	*path = NULL;
	const struct command *cmd = NULL;
	enum qa_err	 er;
	size_t		 i;
	int		 ch, status;

	while ((ch = getopt(argc, argv, "+c:d:h")) != -1) {
		switch (ch) {
		case 'c':
			if (setenv("FASTQA_CONFIG", optarg, 1) == -1) {
				fprintf(stderr, "qa-admin: setenv: %s\n",
				    strerror(errno));
				return 1;
			}
			break;
		case 'd':
			path = optarg;
			break;
		default:
			usage();
			return 2;
		}
	}
	argc -= optind;
	argv += optind;
	if (argc < 1) {
		usage();
		return 2;
	}
	for (i = 0; i < nitems(commands); i++)
		if (strcmp(argv[0], commands[i].name) == 0)
			cmd = &commands[i];
	if (cmd == NULL) {
		if (strcmp(argv[0], "help") != 0 &&
		    strcmp(argv[0], "--help") != 0)
			fprintf(stderr, "qa-admin: unknown command \"%s\"\n",
			    argv[0]);
		usage();
		return 2;
	}
	if (path == NULL) {
		if ((cfg = config_open_default()) == NULL) {
			fprintf(stderr, "qa-admin: cannot read the "
			    "configuration (give the database with -d)\n");
			return 1;
		}
		path = config_get(cfg, "db", QA_DB_PATH);
	}
	er = cmd->fn(path, argc, argv);
	if (er == QA_EUSAGE) {
		usage();
		status = 2;
	} else
		status = er == QA_OK ? 0 : 1;
	config_free(cfg);
	return status;
}
