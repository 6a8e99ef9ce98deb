/*
 * admin-t: the operations of lib/admin.c on a small site (the rows of
 * tests/sql/data-005.sql, whose counters are right): backup, the checks
 * of a backup file and of whether a database is in use, restore, each
 * check finding what was broken on purpose, and the statistics.
 */
#include <sys/stat.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "admin.h"
#include "arena.h"
#include "config.h"
#include "db.h"
#include "tap.h"
#include "testdb.h"

/* The report's lines of one status, joined by " | ". */
static const char *
lines(const struct admin_report *r, enum admin_status status)
{
	static char		 out[4096];
	struct admin_finding	*f;
	size_t			 len = 0;

	out[0] = '\0';
	for (f = r->head; f != NULL; f = f->next)
		if (f->status == status && len < sizeof(out))
			len += (size_t)snprintf(out + len, sizeof(out) - len,
			    "%s%s", len > 0 ? " | " : "", f->text);
	return out;
}

/* Run one check on a new report in a; returns the report. */
static struct admin_report *
report(struct arena *a)
{
	struct admin_report	*r;

	arena_reset(a);
	if ((r = arena_alloc(a, sizeof(*r))) == NULL)
		bail("out of memory");
	admin_report_init(r, a);
	return r;
}

/* Whether a file exists. */
static int
there(const char *path)
{
	struct stat	 sb;

	return stat(path, &sb) == 0;
}

int
main(void)
{
	struct testdb		 t;
	struct admin_copy	 c;
	struct admin_stats	 s;
	struct admin_report	*r;
	struct arena		 a;
	struct config		*cfg;
	struct buf		 fixture = { 0 };
	struct db		*db, *copy;
	const char		*src;
	char			 path[512], bk[256], tmp[256], txt[256];
	char			 conf[1024], cmd[600];
	long long		 stamp;
	int			 v;
	FILE			*f;

	plan(73);
	if ((src = getenv("top_srcdir")) == NULL)
		src = ".";
	snprintf(path, sizeof(path), "%s/tests/sql/data-005.sql", src);
	testdb_slurp(path, &fixture);
	db = testdb_open(&t, "admin-t", buf_cstr(&fixture));
	arena_init(&a);
	snprintf(bk, sizeof(bk), "%s/backup.db", t.dir);
	snprintf(tmp, sizeof(tmp), "%s/backup.db.tmp", t.dir);
	snprintf(txt, sizeof(txt), "%s/notes.txt", t.dir);

	/* --- backup -------------------------------------------------- */
	is_int(admin_backup(db, bk, 0, &c), QA_OK, "backup: written");
	ok(c.bytes > 0 && c.pages > 0 && c.steps >= 1, "backup: %lld bytes, "
	    "%d pages, %d steps", (long long)c.bytes, c.pages, c.steps);
	ok(there(bk) && !there(tmp), "backup: the file, no .tmp left");
	if (db_open(bk, 0, &copy) != QA_OK)
		bail("cannot open the backup");
	is_str(testdb_text(copy, "SELECT count(*) || ' ' || sum(score) FROM "
	    "posts"), "9 4", "backup: the posts are in the copy");
	is_str(testdb_text(copy, "PRAGMA integrity_check"), "ok",
	    "backup: the copy passes integrity_check");
	db_close(copy);
	db_exec(db, "UPDATE settings SET value = 'after' WHERE "
	    "key = 'site_name'");
	is_int(admin_backup(db, bk, 0, &c), QA_ECONFLICT,
	    "backup: an existing file is refused");
	if (db_open(bk, 0, &copy) != QA_OK)
		bail("cannot open the backup");
	is_str(testdb_text(copy, "SELECT value FROM settings WHERE "
	    "key = 'site_name'"), "Old site, version 5",
	    "backup: ... and left as it was");
	db_close(copy);
	is_int(admin_backup(db, bk, ADMIN_FORCE, &c), QA_OK,
	    "backup: replaced with ADMIN_FORCE");
	is_int(admin_backup(db, t.path, ADMIN_FORCE, &c), QA_ECONFLICT,
	    "backup: never over the database itself");
	snprintf(path, sizeof(path), "%s/journal.db", t.dir);
	if (db_exec(db, "PRAGMA journal_mode = DELETE") != QA_OK)
		bail("cannot leave WAL mode");
	is_int(admin_backup(db, path, 0, &c), QA_OK,
	    "backup: of a database with a rollback journal too");
	if (db_open(path, 0, &copy) != QA_OK)
		bail("cannot open the backup");
	is_str(testdb_text(copy, "SELECT count(*) FROM votes"), "6",
	    "backup: ... with its rows");
	db_close(copy);
	if (db_exec(db, "PRAGMA journal_mode = WAL") != QA_OK)
		bail("cannot go back to WAL mode");

	/* --- a backup file --------------------------------------------- */
	is_int(admin_file_check(bk, &v), QA_OK, "file check: a backup passes");
	is_int(v, 6, "file check: its schema version");
	snprintf(path, sizeof(path), "%s/none.db", t.dir);
	is_int(admin_file_check(path, &v), QA_ENOTFOUND,
	    "file check: a missing file");
	if ((f = fopen(txt, "w")) == NULL)
		bail(txt);
	fputs("not a database, only words; more words to fill a page.\n", f);
	fclose(f);
	is_int(admin_file_check(txt, &v), QA_EINVALID,
	    "file check: a text file is refused");
	snprintf(path, sizeof(path), "%s/other.db", t.dir);
	if (db_open(path, DB_CREATE, &copy) != QA_OK ||
	    db_exec(copy, "CREATE TABLE posts (x); CREATE TABLE users (x);"
	    " PRAGMA user_version = 3") != QA_OK)
		bail("cannot make other.db");
	db_close(copy);
	is_int(admin_file_check(path, &v), QA_EINVALID,
	    "file check: an SQLite file of other tables is refused");
	if (db_open(path, 0, &copy) != QA_OK ||
	    db_exec(copy, "CREATE TABLE settings (x);"
	    " PRAGMA user_version = 99") != QA_OK)
		bail("cannot change other.db");
	db_close(copy);
	is_int(admin_file_check(path, &v), QA_EINVALID,
	    "file check: a newer schema is refused");
	is_int(v, 99, "file check: ... whose version it reads");

	/* --- in use ---------------------------------------------------- */
	is_int(admin_in_use(bk), 0, "in use: a file nobody has open");
	if (db_open(bk, 0, &copy) != QA_OK)
		bail("cannot open the backup");
	testdb_text(copy, "SELECT count(*) FROM posts");
	is_int(admin_in_use(bk), 1, "in use: one connection open on it");
	db_close(copy);
	is_int(admin_in_use(bk), 0, "in use: not after it closed");
	r = report(&a);
	admin_check_journal(bk, r);
	is_str(lines(r, ADMIN_PASS), "journal mode: WAL",
	    "in use: the probe leaves the file in WAL mode");
	r = report(&a);
	admin_check_journal(txt, r);
	is_int(r->nfail, 1, "journal: a text file is no database");

	/* --- restore --------------------------------------------------- */
	db_exec(db, "UPDATE settings SET value = 'changed' WHERE "
	    "key = 'site_name'; DELETE FROM votes");
	stamp = atoll(testdb_text(db, "SELECT n FROM stamp"));
	is_int(admin_restore(db, bk, &c), QA_OK, "restore: done");
	ok(c.pages > 0 && c.bytes > 0, "restore: %d pages, %lld bytes",
	    c.pages, (long long)c.bytes);
	is_str(testdb_text(db, "SELECT value FROM settings WHERE "
	    "key = 'site_name'"), "after", "restore: the setting is back");
	is_str(testdb_text(db, "SELECT count(*) FROM votes"), "6",
	    "restore: the votes are back");
	ok(atoll(testdb_text(db, "SELECT n FROM stamp")) > stamp,
	    "restore: the change stamp moved past the old one");
	is_str(testdb_text(db, "PRAGMA journal_mode"), "wal",
	    "restore: still in WAL mode");
	is_str(testdb_text(db, "PRAGMA integrity_check"), "ok",
	    "restore: integrity_check ok");

	/* --- checks of a right database -------------------------------- */
	r = report(&a);
	is_int(admin_check_integrity(db, false, r), QA_OK, "integrity: runs");
	has_str(lines(r, ADMIN_PASS), "integrity_check: ok",
	    "integrity: passes");
	r = report(&a);
	admin_check_integrity(db, true, r);
	has_str(lines(r, ADMIN_PASS), "quick_check: ok", "quick_check: passes");
	r = report(&a);
	is_int(admin_check_foreign_keys(db, r), QA_OK, "foreign keys: runs");
	is_int(r->nfail, 0, "foreign keys: none broken");
	r = report(&a);
	is_int(admin_check_counters(db, false, r), QA_OK, "counters: run");
	is_int(r->nfail, 0, "counters: all right") ;
	r = report(&a);
	admin_check_search(db, r);
	is_str(lines(r, ADMIN_PASS), "search index: 2 rows for 2 visible "
	    "questions", "search index: right");
	r = report(&a);
	admin_check_settings(db, r);
	is_int(r->nfail, 0, "settings: right");
	r = report(&a);
	admin_check_journal(t.path, r);
	is_str(lines(r, ADMIN_PASS), "journal mode: WAL", "journal: WAL");

	/* --- what was broken on purpose -------------------------------- */
	db_exec(db, "UPDATE posts SET answer_count = 99 WHERE id = 1;"
	    "UPDATE tags SET qcount = 0 WHERE id IN (1, 2)");
	r = report(&a);
	is_int(admin_check_counters(db, false, r), QA_OK,
	    "broken counters: the check runs");
	is_int(r->nfail, 2, "broken counters: two counters wrong");
	has_str(lines(r, ADMIN_FAIL), "counter posts.answer_count: wrong in 1 "
	    "post, off by 97 in all: post 1 has 99, a recount gives 2",
	    "broken counters: which, where and by how much");
	has_str(lines(r, ADMIN_FAIL), "counter tags.qcount: wrong in 2 tags, "
	    "off by 2", "broken counters: the tags too");
	is_str(testdb_text(db, "SELECT answer_count FROM posts WHERE id = 1"),
	    "99", "broken counters: the check changed nothing");
	is_str(testdb_text(db, "SELECT count(*) FROM sqlite_temp_master"), "0",
	    "broken counters: no temporary table left");
	r = report(&a);
	is_int(admin_check_counters(db, true, r), QA_OK, "fix: runs");
	is_int(r->nfail, 0, "fix: no failure left");
	has_str(lines(r, ADMIN_FIXED), "posts.answer_count", "fix: says what");
	is_str(testdb_text(db, "SELECT answer_count FROM posts WHERE id = 1"),
	    "2", "fix: the counter is right again");
	r = report(&a);
	admin_check_counters(db, false, r);
	is_int(r->nfail, 0, "fix: a check after it passes");

	db_exec(db, "DELETE FROM posts_fts WHERE rowid = 2;"
	    "INSERT INTO posts_fts (rowid, title, body, tags) VALUES"
	    " (3, 'spam', 'spam', '')");
	r = report(&a);
	admin_check_search(db, r);
	has_str(lines(r, ADMIN_FAIL), "1 not indexed, 1 of no visible "
	    "question", "search index: a missing and an extra row");

	db_exec(db, "UPDATE settings SET value = '1000' WHERE key = "
	    "'page_size'; UPDATE settings SET value = 'x' WHERE key = "
	    "'rate_q_ip'; UPDATE settings SET value = '200' WHERE key = "
	    "'title_min'; UPDATE settings SET value = 'short' WHERE key = "
	    "'csrf_secret'");
	r = report(&a);
	admin_check_settings(db, r);
	is_int(r->nfail, 4, "settings: four problems");
	has_str(lines(r, ADMIN_FAIL), "page_size is \"1000\", not a whole "
	    "number from 5 to 100", "settings: page_size out of range");
	has_str(lines(r, ADMIN_FAIL), "rate_q_ip is \"x\"",
	    "settings: not a number");
	has_str(lines(r, ADMIN_FAIL), "title_min (200) is above title_max "
	    "(150)", "settings: a minimum above its maximum");
	has_str(lines(r, ADMIN_FAIL), "csrf_secret has 5 characters",
	    "settings: a short secret");
	db_exec(db, "DELETE FROM settings WHERE key = 'csrf_secret'");
	r = report(&a);
	admin_check_settings(db, r);
	has_str(lines(r, ADMIN_FAIL), "csrf_secret is missing",
	    "settings: a missing secret");

	db_exec(db, "PRAGMA foreign_keys = OFF; INSERT INTO votes (post_id, "
	    "user_id, value, created) VALUES (1, 77, 1, 1);"
	    "PRAGMA foreign_keys = ON");
	r = report(&a);
	admin_check_foreign_keys(db, r);
	has_str(lines(r, ADMIN_FAIL), "foreign keys: a row of votes refers "
	    "to a missing row of users", "foreign keys: a vote of a missing "
	    "user");

	/* --- the configuration ----------------------------------------- */
	snprintf(conf, sizeof(conf), "db = %s\ntemplates = %s/templates\n"
	    "base_url = https://qa.example.org\nsendmail = /bin/sh -c true\n",
	    t.path, src);
	if ((cfg = config_new()) == NULL ||
	    config_parse(cfg, conf, strlen(conf), "good") != QA_OK)
		bail("config");
	r = report(&a);
	admin_check_config(cfg, "good", t.path, r);
	is_int(r->nfail, 0, "config: a good one passes");
	if (r->nfail != 0)
		diag("%s", lines(r, ADMIN_FAIL));
	config_free(cfg);
	snprintf(conf, sizeof(conf), "db = %s/missing.db\ntemplates = %s\n"
	    "base_url = ftp://qa.example.org\nsendmail = sendmail -t\n"
	    "log = /nonexistent/dir/fastqa.log\n", t.dir, t.dir);
	if ((cfg = config_new()) == NULL ||
	    config_parse(cfg, conf, strlen(conf), "bad") != QA_OK)
		bail("config");
	r = report(&a);
	admin_check_config(cfg, "bad", t.path, r);
	is_int(r->nfail, 5, "config: a bad one has five problems");
	has_str(lines(r, ADMIN_FAIL), "base_url \"ftp://qa.example.org\" is "
	    "not an http:// or https:// URL", "config: base_url");
	has_str(lines(r, ADMIN_FAIL), "missing.db: No such file",
	    "config: db");
	has_str(lines(r, ADMIN_FAIL), "has no readable layout.tpl",
	    "config: templates");
	has_str(lines(r, ADMIN_FAIL), "sendmail \"sendmail\" is not an "
	    "absolute path", "config: sendmail");
	config_free(cfg);

	/* --- statistics ------------------------------------------------ */
	db_exec(db, "DELETE FROM votes WHERE user_id = 77");
	is_int(admin_stats(db, &a, t.path, 1700001500 + 86400, 2, &s), QA_OK,
	    "stats: read");
	ok(s.questions[1] == 2 && s.questions[0] == 1 && s.questions[2] == 1 &&
	    s.answers[1] == 2 && s.answers[3] == 1 && s.comments[1] == 2,
	    "stats: posts by status");
	ok(s.users_all == 4 && s.users[1] == 1 && s.users[2] == 1 &&
	    s.users[4] == 1 && s.users[5] == 1, "stats: users by level");
	ok(s.votes_up == 5 && s.votes_down == 1, "stats: votes");
	ok(s.tags == 3 && s.categories == 2 && s.flags_pending == 1 &&
	    s.mail_pending == 1, "stats: tags, categories, flags, mail");
	ok(s.page_size > 0 && s.page_count > 0 && s.wal_bytes >= 0,
	    "stats: sizes");
	ok(s.day[0] == 2 && s.week[0] == 4 && s.day[2] == 0 &&
	    s.week[2] == 6, "stats: activity (%lld %lld %lld %lld)",
	    (long long)s.day[0], (long long)s.week[0], (long long)s.day[2],
	    (long long)s.week[2]);
	ok(s.ntop == 2 && strcmp(s.top[0].name, "anxiety") == 0,
	    "stats: top tags");

	arena_free(&a);
	buf_free(&fixture);
	testdb_close(&t, db);
	snprintf(cmd, sizeof(cmd), "rm -rf %s", t.dir);
	if (system(cmd) != 0)
		diag("cleanup failed");
	return done();
}
