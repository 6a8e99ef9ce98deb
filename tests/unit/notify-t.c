/*
 * notify-t: mail through the outbox.  notify_queue() refuses header
 * injection and anything but one plain address, and writes only inside
 * the caller's transaction; notify_send() pipes well-formed messages to
 * a stand-in sendmail (a shell script in a temporary folder), records
 * success, failure, timeouts and missing programs, backs off, gives up
 * without deleting, and survives a child that stops reading (with
 * SIGPIPE at its default action).
 */
#include <sys/stat.h>

#include <signal.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "config.h"
#include "db.h"
#include "notify.h"
#include "serve.h"
#include "tap.h"

#define T0	1700000000	/* Tue, 14 Nov 2023 22:13:20 +0000 */

static char	 dir[] = "/tmp/notify-t.XXXXXX";
static char	 outpath[256];
static struct db *db;

/* Write an executable /bin/sh script `name` in dir with body. */
static void
script(const char *name, const char *body)
{
	char	 path[256];
	FILE	*f;

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	if ((f = fopen(path, "w")) == NULL)
		bail("cannot write a script");
	fprintf(f, "#!/bin/sh\n%s", body);
	if (fclose(f) != 0 || chmod(path, 0755) != 0)
		bail("cannot write a script");
}

/* The stand-in's output so far (static buffer), then empty the file. */
static const char *
take_output(void)
{
	static char	 buf[64 * 1024];
	FILE		*f;
	size_t		 n = 0;

	buf[0] = '\0';
	if ((f = fopen(outpath, "r")) != NULL) {
		n = fread(buf, 1, sizeof(buf) - 1, f);
		fclose(f);
	}
	buf[n] = '\0';
	if ((f = fopen(outpath, "w")) != NULL)
		fclose(f);
	return buf;
}

/* A configuration from text; bails if it does not parse. */
static struct config *
cfg(const char *fmt, ...)
{
	struct config	*c;
	char		 text[1024];
	va_list		 ap;

	va_start(ap, fmt);
	vsnprintf(text, sizeof(text), fmt, ap);
	va_end(ap);
	if ((c = config_new()) == NULL ||
	    config_parse(c, text, strlen(text), "test") != QA_OK)
		bail("bad test configuration");
	return c;
}

/* The integer result of sql with ?1 bound to id (-1 if NULL or none). */
static int64_t
qint(const char *sql, int64_t id)
{
	sqlite3_stmt	*st;
	int64_t		 v = -1;

	if (sqlite3_prepare_v2(db_handle(db), sql, -1, &st, NULL) !=
	    SQLITE_OK)
		bail(sqlite3_errmsg(db_handle(db)));
	sqlite3_bind_int64(st, 1, id);
	if (sqlite3_step(st) == SQLITE_ROW &&
	    sqlite3_column_type(st, 0) != SQLITE_NULL)
		v = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return v;
}

/* last_error of mail id, copied into a static buffer ("(null)" if NULL). */
static const char *
last_error(int64_t id)
{
	static char	 buf[512];
	sqlite3_stmt	*st;

	snprintf(buf, sizeof(buf), "(null)");
	if (sqlite3_prepare_v2(db_handle(db), "SELECT last_error FROM outbox"
	    " WHERE id = ?1", -1, &st, NULL) != SQLITE_OK)
		bail(sqlite3_errmsg(db_handle(db)));
	sqlite3_bind_int64(st, 1, id);
	if (sqlite3_step(st) == SQLITE_ROW &&
	    sqlite3_column_type(st, 0) != SQLITE_NULL)
		snprintf(buf, sizeof(buf), "%s", sqlite3_column_text(st, 0));
	sqlite3_finalize(st);
	return buf;
}

/* Queue one mail at T0 in its own transaction; bails on failure. */
static void
queue(const char *to, const char *subject, const char *body)
{
	if (db_tx_begin(db) != QA_OK ||
	    notify_queue(db, to, subject, body, T0) != QA_OK ||
	    db_tx_commit(db) != QA_OK)
		bail("cannot queue a mail");
}

/* The number of rows in the outbox, sent or not. */
static int64_t
count_all(void)
{
	return qint("SELECT count(*) FROM outbox WHERE ?1 = ?1", 0);
}

int
main(void)
{
	static const char *const files[] = { "qa.db", "qa.db-wal",
	    "qa.db-shm", "ok.sh", "fail.sh", "slow.sh", "early.sh",
	    "early0.sh", "out" };
	struct config	*okc, *c;
	struct serve_ctx ctx;
	struct timespec	 t0, t1;
	char		 path[256], want[1024], *big;
	const char	*out;
	int64_t		 pending, given_up;
	int		 s, f;
	size_t		 i;
	enum qa_err	 er;

	plan(54);
	signal(SIGPIPE, SIG_DFL);	/* notify must not rely on SIG_IGN */
	if (mkdtemp(dir) == NULL)
		bail("mkdtemp");
	snprintf(path, sizeof(path), "%s/qa.db", dir);
	snprintf(outpath, sizeof(outpath), "%s/out", dir);
	if (db_open(path, DB_CREATE, &db) != QA_OK ||
	    db_init_schema(db) != QA_OK)
		bail("cannot create database");
	snprintf(want, sizeof(want), "echo \"ARGS: $*\" >> %s\n"
	    "cat >> %s\necho --END-- >> %s\n", outpath, outpath, outpath);
	script("ok.sh", want);
	script("fail.sh", "cat > /dev/null\nexit 75\n");
	script("slow.sh", "sleep 5\n");
	script("early.sh", "exit 3\n");
	script("early0.sh", "exit 0\n");
	okc = cfg("sendmail = %s/ok.sh -t -i\nmail_from = Q&A site "
	    "<qa@example.org>\n", dir);

	/* Refusals: nothing is written. */
	ok(notify_queue(db, "a@example.org\r\nBcc: x@example.org", "Hi",
	    "b", T0) == QA_EINPUT, "CR LF in the address refused");
	ok(notify_queue(db, "a@example.org", "Hi\nBcc: x@example.org", "b",
	    T0) == QA_EINPUT, "LF in the subject refused");
	ok(notify_queue(db, "a@example.org", "Hi\rthere", "b", T0) ==
	    QA_EINPUT, "CR in the subject refused");
	ok(notify_queue(db, "a b@example.org", "Hi", "b", T0) == QA_EINPUT,
	    "space in the address refused");
	ok(notify_queue(db, "a@b@example.org", "Hi", "b", T0) == QA_EINPUT,
	    "two @ refused");
	ok(notify_queue(db, "a@example.org,b@example.org", "Hi", "b", T0) ==
	    QA_EINPUT, "a list refused");
	ok(notify_queue(db, "Bob <b@example.org>", "Hi", "b", T0) ==
	    QA_EINPUT, "a display form refused");
	ok(notify_queue(db, "nobody", "Hi", "b", T0) == QA_EINPUT,
	    "no @ refused");
	ok(notify_queue(db, "\"a\"@example.org", "Hi", "b", T0) ==
	    QA_EINPUT, "a quote refused");
	ok(notify_queue(db, "a@example.org", "Hi", "bad \xff byte", T0) ==
	    QA_EINPUT, "a body that is not UTF-8 refused");
	ok(notify_queue(db, "a@example.org", "", "b", T0) == QA_EINPUT,
	    "an empty subject refused");
	is_int(count_all(), 0, "nothing written by refusals");

	/* The mail exists if and only if its transaction commits. */
	ok(db_tx_begin(db) == QA_OK && notify_queue(db, "a@example.org",
	    "Hi", "b", T0) == QA_OK, "queued in a transaction");
	db_tx_rollback(db);
	is_int(count_all(), 0, "rolled back with its transaction");
	queue("alice@example.org", "Réponse à « votre question »",
	    "Hello Alice,\n.dot line\nsecond line");
	is_int(count_all(), 1, "committed with its transaction");

	/* Delivery. */
	take_output();
	er = notify_send(db, okc, T0, 10, &s, &f);
	ok(er == QA_OK && s == 1 && f == 0, "one mail sent");
	out = take_output();
	has_str(out, "ARGS: -t -i\n", "sendmail given its arguments");
	has_str(out, "From: Q&A site <qa@example.org>\n", "From header");
	has_str(out, "\nTo: alice@example.org\n", "To header");
	has_str(out, "\nSubject: =?UTF-8?B?UsOpcG9uc2Ugw6Agwqsgdm90cmUgcXVl"
	    "c3Rpb24gwrs=?=\n", "non-ASCII subject as an RFC 2047 word");
	has_str(out, "\nDate: Tue, 14 Nov 2023 22:13:20 +0000\n",
	    "Date header");
	has_str(out, "\nMessage-ID: <fastqa.1.1700000000@example.org>\n",
	    "Message-ID from the row and the sender's domain");
	has_str(out, "\nMIME-Version: 1.0\nContent-Type: text/plain; "
	    "charset=UTF-8\nContent-Transfer-Encoding: 8bit\n\nHello Alice,\n"
	    ".dot line\nsecond line\n--END--\n",
	    "MIME headers, blank line, body with its dot line and a final LF");
	ok(qint("SELECT sent FROM outbox WHERE id = ?1", 1) == T0 &&
	    strcmp(last_error(1), "(null)") == 0, "marked sent, no error");
	ok(notify_send(db, okc, T0 + 10, 10, &s, &f) == QA_OK && s == 0 &&
	    f == 0 && take_output()[0] == '\0', "not sent twice");

	/* Defaults: From, plain ASCII subject. */
	c = cfg("sendmail = %s/ok.sh -t -i\n", dir);
	queue("bob@example.org", "New answer", "x\n");
	ok(notify_send(db, c, T0, 10, &s, &f) == QA_OK && s == 1,
	    "sent with the default From");
	out = take_output();
	has_str(out, "From: fastqa <noreply@localhost>\n", "default From");
	has_str(out, "\nSubject: New answer\n", "ASCII subject verbatim");
	config_free(c);

	/* A temporary failure, the backoff, then success. */
	c = cfg("sendmail = %s/fail.sh -t -i\n", dir);
	queue("carol@example.org", "Hello", "body\n");	/* id 3 */
	ok(notify_send(db, c, T0, 10, &s, &f) == QA_OK && s == 0 && f == 1,
	    "exit 75 counts as a failure, not an error");
	config_free(c);
	ok(qint("SELECT sent FROM outbox WHERE id = ?1", 3) == -1 &&
	    qint("SELECT attempts FROM outbox WHERE id = ?1", 3) == 1,
	    "left pending with one attempt");
	is_str(last_error(3), "exit status 75", "reason recorded");
	ok(notify_send(db, okc, T0 + 30, 10, &s, &f) == QA_OK && s == 0 &&
	    f == 0, "not retried before the backoff");
	ok(notify_send(db, okc, T0 + 61, 10, &s, &f) == QA_OK && s == 1 &&
	    qint("SELECT sent FROM outbox WHERE id = ?1", 3) == T0 + 61 &&
	    strcmp(last_error(3), "(null)") == 0, "retried and sent after it");
	take_output();

	/* A missing program. */
	c = cfg("sendmail = %s/nonexistent -t\n", dir);
	queue("dave@example.org", "Hello", "body\n");	/* id 4 */
	ok(notify_send(db, c, T0, 10, &s, &f) == QA_OK && f == 1,
	    "a missing sendmail fails cleanly");
	config_free(c);
	snprintf(want, sizeof(want), "cannot exec %s/nonexistent: No such "
	    "file or directory", dir);
	is_str(last_error(4), want, "cannot exec reason");

	/* A child that hangs is killed. */
	c = cfg("sendmail = %s/slow.sh\nsendmail_timeout = 1\n", dir);
	queue("erin@example.org", "Hello", "body\n");	/* id 5 */
	clock_gettime(CLOCK_MONOTONIC, &t0);
	ok(notify_send(db, c, T0, 10, &s, &f) == QA_OK && f == 1,
	    "a hanging sendmail fails");
	clock_gettime(CLOCK_MONOTONIC, &t1);
	config_free(c);
	ok(t1.tv_sec - t0.tv_sec < 4, "after the timeout, not the sleep");
	is_str(last_error(5), "timed out", "timeout reason");

	/* A child that does not read a big message: EPIPE, no SIGPIPE. */
	if ((big = malloc(200 * 1024 + 1)) == NULL)
		bail("malloc");
	for (i = 0; i < 200 * 1024; i++)
		big[i] = i % 100 == 99 ? '\n' : 'a' + i % 26;
	big[200 * 1024] = '\0';
	queue("frank@example.org", "Big", big);		/* id 6 */
	c = cfg("sendmail = %s/early.sh\n", dir);
	ok(notify_send(db, c, T0, 10, &s, &f) == QA_OK && f == 1,
	    "a child that exits without reading: still alive");
	config_free(c);
	is_str(last_error(6), "exit status 3", "its exit status recorded");
	queue("gina@example.org", "Big", big);		/* id 7 */
	c = cfg("sendmail = %s/early0.sh\n", dir);
	ok(notify_send(db, c, T0, 10, &s, &f) == QA_OK && s == 0 && f == 1,
	    "exit 0 without reading the message is not success");
	config_free(c);
	is_str(last_error(7), "did not read the message", "and says so");
	free(big);

	/* Giving up: never retried, never deleted. */
	sqlite3_exec(db_handle(db), "UPDATE outbox SET attempts = 20"
	    " WHERE id = 4", NULL, NULL, NULL);
	ok(notify_send(db, okc, T0 + 10000000, 10, &s, &f) == QA_OK &&
	    s == 3 && f == 0, "the others are sent later");
	take_output();
	ok(qint("SELECT sent FROM outbox WHERE id = ?1", 4) == -1 &&
	    qint("SELECT attempts FROM outbox WHERE id = ?1", 4) == 20,
	    "the given-up mail is left alone");
	ok(notify_pending(db, &pending, &given_up) == QA_OK &&
	    pending == 1 && given_up == 1, "pending 1, given up 1");

	/* max, bad configuration, notify_send_soon(). */
	queue("h1@example.org", "One", "1\n");		/* id 8 */
	queue("h2@example.org", "Two", "2\n");		/* id 9 */
	queue("h3@example.org", "Three", "3\n");	/* id 10 */
	ok(notify_send(db, okc, T0, 2, &s, &f) == QA_OK && s == 2 &&
	    qint("SELECT sent FROM outbox WHERE id = ?1", 10) == -1,
	    "at most max mails, oldest first");
	take_output();
	c = cfg("sendmail = sendmail -t\n");
	ok(notify_send(db, c, T0, 10, &s, &f) == QA_ESYS && s == 0 &&
	    qint("SELECT attempts FROM outbox WHERE id = ?1", 10) == 0,
	    "a relative sendmail path is an error that touches no mail");
	config_free(c);
	c = cfg("sendmail = %s/ok.sh\nmail_immediate = 0\n", dir);
	ctx.config = c;
	ctx.db = db;
	ctx.program = "notify-t";
	notify_send_soon(&ctx);
	ok(qint("SELECT sent FROM outbox WHERE id = ?1", 10) == -1,
	    "mail_immediate = 0: nothing sent after the response");
	config_free(c);
	ctx.config = okc;
	notify_send_soon(&ctx);
	ok(qint("SELECT sent FROM outbox WHERE id = ?1", 10) > 0,
	    "otherwise sent after the response");
	take_output();

	/* A long non-ASCII subject: several words, folded. */
	for (i = 0; i < 30; i++)	/* 30 two-byte characters */
		memcpy(want + 2 * i, "é", 2);
	want[60] = '\0';
	queue("ines@example.org", want, "x\n");	/* id 11 */
	ok(notify_send(db, okc, T0, 10, &s, &f) == QA_OK && s == 1,
	    "long subject sent");
	has_str(take_output(), "Subject: =?UTF-8?B?w6nDqcOpw6nDqcOpw6nDqcOp"
	    "w6nDqcOpw6nDqcOpw6nDqcOpw6nDqcOpw6k=?=\n"
	    " =?UTF-8?B?w6nDqcOpw6nDqcOpw6nDqQ==?=\n",
	    "split between characters into folded encoded-words");

	/* A row edited into a header injection is refused for good. */
	queue("jo@example.org", "Hi", "x\n");		/* id 12 */
	sqlite3_exec(db_handle(db), "UPDATE outbox SET to_addr ="
	    " 'jo@example.org' || char(10) || 'Bcc: x@example.org'"
	    " WHERE id = 12", NULL, NULL, NULL);
	ok(notify_send(db, okc, T0, 10, &s, &f) == QA_OK && s == 0 &&
	    f == 1 && take_output()[0] == '\0', "edited recipient not sent");
	ok(strcmp(last_error(12), "invalid recipient address") == 0 &&
	    qint("SELECT attempts FROM outbox WHERE id = ?1", 12) == 20,
	    "and given up at once");
	is_int(count_all(), 12, "nothing was ever deleted");

	config_free(okc);
	db_close(db);
	for (i = 0; i < nitems(files); i++) {
		snprintf(path, sizeof(path), "%s/%s", dir, files[i]);
		(void)unlink(path);
	}
	if (rmdir(dir) != 0)
		diag("cleanup of %s failed", dir);
	return done();
}
