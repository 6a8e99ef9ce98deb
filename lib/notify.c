/*
 * notify.c: outgoing mail.  notify_queue() adds a row to the outbox table
 * inside the caller's transaction, so a mail exists if and only if the
 * event it tells about was committed.  notify_send() later pipes pending
 * mails, oldest first, to the sendmail program (fork + execv of a fixed
 * path with an argv array, never a shell) and records the outcome of each
 * in its own small transaction.  Rows are never deleted: a mail that
 * keeps failing stays pending with its last error for an admin to see.
 *
 * Retries back off.  The outbox has no column for the time of the last
 * attempt, so the schedule counts from the time the mail was queued: after
 * n failed attempts the next one is due at
 *
 *	created + sum(k = 1..n) min(60 * 2^(k-1), 6 h)
 *
 * which, when senders run often, means 60 s, 2 min, 4 min, ... up to 6 h
 * between attempts (the way an MTA's queue lifetime counts from the
 * queueing time).  After NOTIFY_MAX_ATTEMPTS (about 2.9 days) the mail is
 * left alone.  A mail is claimed before it is piped by counting the
 * attempt and setting last_error to "interrupted while sending", which
 * also moves its due time forward by at least 60 s, longer than the
 * sendmail timeout; so a crash between the pipe and the record costs at
 * most one duplicate (sent again after the backoff, with the same
 * Message-ID), and two processes sending at once do not pick the same
 * mail.  "attempts" therefore counts every try, the successful one too.
 */
#include <sys/types.h>
#include <sys/wait.h>

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "arena.h"
#include "config.h"
#include "db.h"
#include "http.h"
#include "notify.h"
#include "serve.h"

#define NOTIFY_FROM_DEFAULT	"fastqa <noreply@localhost>"
#define NOTIFY_SENDMAIL_DEFAULT	"/usr/sbin/sendmail -t -i"
#define NOTIFY_TIMEOUT_DEFAULT	30	/* seconds for one sendmail run */
#define NOTIFY_ARGV_MAX		16	/* words of the sendmail command */
#define NOTIFY_LINE_MAX		998	/* RFC 5322 line limit, bytes */
#define NOTIFY_WORD_BYTES	45	/* UTF-8 bytes per encoded-word */
#define NOTIFY_SOON_MAX		5	/* mails sent after a response */
#define NOTIFY_SOON_PAUSE	60	/* seconds after a failed try */
#define NOTIFY_CLAIMED		"interrupted while sending"

enum notify_stmt {
	NOTIFY_STMT_INSERT,	/* queue one mail */
	NOTIFY_STMT_NEXT,	/* the oldest due mail after a cursor */
	NOTIFY_STMT_CLAIM,	/* count the attempt before sending */
	NOTIFY_STMT_SENT,	/* the child exited 0 */
	NOTIFY_STMT_FAILED,	/* it did not: why */
	NOTIFY_STMT_PENDING,	/* pending and given-up counts */
	NOTIFY_STMT__MAX
};

static const char *const notify_sql[NOTIFY_STMT__MAX] = {
	/* INSERT */
	"INSERT INTO outbox (to_addr, subject, body, created)"
	" VALUES (?1, ?2, ?3, ?4)",
	/*
	 * NEXT: ?1 now, (?2, ?3) the (created, id) cursor, ?4 the attempt
	 * limit.  The CASE is the schedule of the file comment in closed
	 * form: 60 * (2^n - 1) while the steps are under 6 h (n <= 9),
	 * then 30660 s for the first nine plus 21600 s a step.
	 */
	"SELECT id, to_addr, subject, body, created, attempts FROM outbox"
	" WHERE sent IS NULL AND attempts < ?4 AND (created, id) > (?2, ?3)"
	" AND created + CASE WHEN attempts <= 9"
	"  THEN 60 * ((1 << attempts) - 1)"
	"  ELSE 30660 + (attempts - 9) * 21600 END <= ?1"
	" ORDER BY created, id LIMIT 1",
	/* CLAIM */
	"UPDATE outbox SET attempts = attempts + 1, last_error = ?2"
	" WHERE id = ?1 AND sent IS NULL",
	/*
	 * SENT: the body goes, because it may hold a live single-use link
	 * (password reset, email confirmation) that nobody reading the
	 * database or a backup should be able to use.
	 */
	"UPDATE outbox SET sent = ?2, last_error = NULL, body = ''"
	" WHERE id = ?1",
	/* FAILED: ?3 raises attempts to the limit for a permanent error. */
	"UPDATE outbox SET last_error = ?2, attempts = max(attempts, ?3)"
	" WHERE id = ?1",
	/* PENDING: ?1 the attempt limit. */
	"SELECT count(*), coalesce(sum(attempts >= ?1), 0) FROM outbox"
	" WHERE sent IS NULL",
};

static sqlite3_stmt	*notify_cache[NOTIFY_STMT__MAX];
static struct db_stmts	 notify_stmts =
    { notify_sql, NOTIFY_STMT__MAX, notify_cache, NULL, NULL };

/* One claimed mail; the strings are in the caller's arena. */
struct mail {
	int64_t		 id;
	int64_t		 created;
	char		*to;
	char		*subject;
	char		*body;
};

/* How to send: from the configuration, checked once per notify_send(). */
struct sender {
	char		*argv[NOTIFY_ARGV_MAX + 1];
	char		*words;		/* malloc'd copy argv points into */
	const char	*from;
	char		 domain[256];	/* for Message-ID */
	int		 timeout;	/* seconds */
};

/* The statement table of this module, for tests that prepare them all. */
struct db_stmts *
notify_statements(void)
{
	return &notify_stmts;
}

/*
 * Whether `to` is a plausible single address: 3 to NOTIFY_ADDR_MAX bytes,
 * exactly one '@' with text on both sides, no byte below 0x21 (space,
 * CR, LF, controls), no DEL, and none of the characters that would make
 * it a list or a display form: , ; < > " ( ) and backslash.
 */
static bool
address_valid(const char *to)
{
	const char	*at;
	size_t		 n = strlen(to), i;

	if (n < 3 || n > NOTIFY_ADDR_MAX)
		return false;
	for (i = 0; i < n; i++)
		if ((unsigned char)to[i] <= ' ' || to[i] == 0x7f ||
		    strchr(",;<>\"()\\", to[i]) != NULL)
			return false;
	if ((at = strchr(to, '@')) == NULL || at == to || at[1] == '\0' ||
	    strchr(at + 1, '@') != NULL)
		return false;
	return true;
}

/*
 * Queue one mail to `to` with `subject` and plain UTF-8 `body`, created at
 * `now`, as a statement of the caller's transaction (the mail is sent
 * only if that transaction commits).  Refuses with QA_EINPUT, writing
 * nothing: a `to` that address_valid() rejects; a subject that is empty,
 * longer than NOTIFY_SUBJECT_MAX bytes, not UTF-8 or holding any control
 * character but tab (so no CR, LF or NUL: no header injection); a body
 * longer than NOTIFY_BODY_MAX or not UTF-8 with only tab and LF as
 * control characters.  Returns QA_OK, or the database error (logged).
 */
enum qa_err
notify_queue(struct db *db, const char *to, const char *subject,
    const char *body, int64_t now)
{
	sqlite3_stmt	*st;
	size_t		 slen = strlen(subject), blen = strlen(body);

	if (!address_valid(to) || slen == 0 || slen > NOTIFY_SUBJECT_MAX ||
	    !http_utf8_valid(subject, slen, false) ||
	    blen > NOTIFY_BODY_MAX || !http_utf8_valid(body, blen, true))
		return QA_EINPUT;
	if ((st = db_stmt(db, &notify_stmts, NOTIFY_STMT_INSERT)) == NULL)
		return QA_ESYS;
	db_bind_text(st, 1, to);
	db_bind_text(st, 2, subject);
	db_bind_text(st, 3, body);
	sqlite3_bind_int64(st, 4, now);
	return db_run(db, st, "notify_queue");
}

/*
 * Fill s from the configuration: `sendmail` (default NOTIFY_SENDMAIL_
 * DEFAULT) split on spaces and tabs into argv, whose first word must be
 * an absolute path; `mail_from` (default NOTIFY_FROM_DEFAULT), printable
 * ASCII only, and the domain of its address (else "localhost") for
 * Message-IDs; `sendmail_timeout` in seconds (1 to 3600, default 30).
 * Returns QA_OK (free s->words later), or QA_ESYS with the reason logged.
 */
static enum qa_err
sender_init(struct sender *s, const struct config *cfg)
{
	const char	*cmd, *at, *p;
	char		*w, *save = NULL;
	size_t		 n = 0, i;
	int64_t		 t;

	memset(s, 0, sizeof(*s));
	cmd = config_get(cfg, "sendmail", NOTIFY_SENDMAIL_DEFAULT);
	s->from = config_get(cfg, "mail_from", NOTIFY_FROM_DEFAULT);
	t = config_int(cfg, "sendmail_timeout", NOTIFY_TIMEOUT_DEFAULT);
	s->timeout = t >= 1 && t <= 3600 ? (int)t : NOTIFY_TIMEOUT_DEFAULT;
	if ((s->words = strdup(cmd)) == NULL) {
		fprintf(stderr, "notify: sender_init: %s\n", strerror(errno));
		return QA_ESYS;
	}
	for (w = strtok_r(s->words, " \t", &save); w != NULL;
	    w = strtok_r(NULL, " \t", &save)) {
		if (n == NOTIFY_ARGV_MAX) {
			fprintf(stderr, "notify: sendmail: more than %d "
			    "words\n", NOTIFY_ARGV_MAX);
			goto bad;
		}
		s->argv[n++] = w;
	}
	s->argv[n] = NULL;
	if (n == 0 || s->argv[0][0] != '/') {
		fprintf(stderr, "notify: sendmail \"%s\" is not an absolute "
		    "path\n", cmd);
		goto bad;
	}
	for (i = 0; s->from[i] != '\0'; i++)
		if (s->from[i] < ' ' || s->from[i] > '~') {
			fprintf(stderr, "notify: mail_from must be printable "
			    "ASCII\n");
			goto bad;
		}
	snprintf(s->domain, sizeof(s->domain), "localhost");
	if ((at = strrchr(s->from, '@')) != NULL) {
		for (p = at + 1; (*p >= 'a' && *p <= 'z') ||
		    (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') ||
		    *p == '.' || *p == '-'; p++)
			continue;
		if (p > at + 1 && (size_t)(p - at - 1) < sizeof(s->domain) &&
		    (*p == '\0' || *p == '>'))
			snprintf(s->domain, sizeof(s->domain), "%.*s",
			    (int)(p - at - 1), at + 1);
	}
	return QA_OK;
bad:
	free(s->words);
	s->words = NULL;
	return QA_ESYS;
}

/* Append the base64 of src[0..len) to m. */
static void
base64(struct buf *m, const unsigned char *src, size_t len)
{
	static const char	 b64[] =
	    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
	uint32_t		 v;
	size_t			 i;

	for (i = 0; i + 2 < len; i += 3) {
		v = (uint32_t)src[i] << 16 | (uint32_t)src[i + 1] << 8 |
		    src[i + 2];
		buf_putc(m, b64[v >> 18]);
		buf_putc(m, b64[(v >> 12) & 63]);
		buf_putc(m, b64[(v >> 6) & 63]);
		buf_putc(m, b64[v & 63]);
	}
	if (i < len) {
		v = (uint32_t)src[i] << 16;
		if (i + 1 < len)
			v |= (uint32_t)src[i + 1] << 8;
		buf_putc(m, b64[v >> 18]);
		buf_putc(m, b64[(v >> 12) & 63]);
		buf_putc(m, i + 1 < len ? b64[(v >> 6) & 63] : '=');
		buf_putc(m, '=');
	}
}

/*
 * Append the Subject header for s (UTF-8 without control characters but
 * tab).  Printable ASCII that holds no "=?" goes verbatim; anything else
 * becomes RFC 2047 encoded-words "=?UTF-8?B?...?=" of at most
 * NOTIFY_WORD_BYTES bytes each (72 characters), never splitting a UTF-8
 * sequence, folded onto continuation lines.
 */
static void
put_subject(struct buf *m, const char *s)
{
	const unsigned char	*p = (const unsigned char *)s;
	size_t			 len = strlen(s), i, n;
	bool			 plain = strstr(s, "=?") == NULL;

	for (i = 0; plain && i < len; i++)
		if (p[i] < ' ' || p[i] > '~')
			plain = false;
	buf_puts(m, "Subject: ");
	if (plain) {
		buf_puts(m, s);
		buf_putc(m, '\n');
		return;
	}
	for (i = 0; i < len; i += n) {
		n = len - i < NOTIFY_WORD_BYTES ? len - i : NOTIFY_WORD_BYTES;
		while (i + n < len && (p[i + n] & 0xc0) == 0x80)
			n--;
		if (i > 0)
			buf_puts(m, "\n ");
		buf_puts(m, "=?UTF-8?B?");
		base64(m, p + i, n);
		buf_puts(m, "?=");
	}
	buf_putc(m, '\n');
}

/*
 * Append the body: CRs dropped, lines longer than NOTIFY_LINE_MAX bytes
 * broken before that limit at a UTF-8 boundary, and a final LF added if
 * missing.  Lines starting with '.' are left alone (sendmail runs with
 * -i).
 */
static void
put_body(struct buf *m, const char *b)
{
	const unsigned char	*p = (const unsigned char *)b;
	size_t			 col = 0, n, i;

	for (; *p != '\0'; p += n) {
		if (*p == '\r') {
			n = 1;
			continue;
		}
		if (*p == '\n') {
			buf_putc(m, '\n');
			col = 0;
			n = 1;
			continue;
		}
		/* One character: a lead byte and its continuation bytes. */
		for (n = 1; p[n] != '\0' && (p[n] & 0xc0) == 0x80 && n < 4;
		    n++)
			continue;
		if (col + n > NOTIFY_LINE_MAX) {
			buf_putc(m, '\n');
			col = 0;
		}
		for (i = 0; i < n; i++)
			buf_putc(m, (char)p[i]);
		col += n;
	}
	if (col > 0)
		buf_putc(m, '\n');
}

/*
 * Build the RFC 5322 message of ml into m (emptied first): From, To,
 * Subject, Date (`now`, UTC, English names), a Message-ID made of the
 * row's id and creation time (the same on every retry, so a duplicate
 * after a crash can be recognised), the MIME headers of 8-bit plain
 * UTF-8 text, a blank line and the body.  Line ends are LF; sendmail
 * writes them as the transport needs.  Returns false if out of memory.
 */
static bool
build(struct buf *m, const struct sender *s, const struct mail *ml,
    int64_t now)
{
	static const char *const days[] =
	    { "Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat" };
	static const char *const months[] = { "Jan", "Feb", "Mar", "Apr",
	    "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec" };
	struct tm	 tm;
	time_t		 t = (time_t)now;

	buf_clear(m);
	if (gmtime_r(&t, &tm) == NULL)
		return false;
	buf_printf(m, "From: %s\nTo: %s\n", s->from, ml->to);
	put_subject(m, ml->subject);
	buf_printf(m, "Date: %s, %02d %s %04d %02d:%02d:%02d +0000\n",
	    days[tm.tm_wday], tm.tm_mday, months[tm.tm_mon],
	    tm.tm_year + 1900, tm.tm_hour, tm.tm_min, tm.tm_sec);
	buf_printf(m, "Message-ID: <fastqa.%lld.%lld@%s>\n",
	    (long long)ml->id, (long long)ml->created, s->domain);
	buf_puts(m, "MIME-Version: 1.0\n"
	    "Content-Type: text/plain; charset=UTF-8\n"
	    "Content-Transfer-Encoding: 8bit\n\n");
	put_body(m, ml->body);
	return !m->oom;
}

/* Milliseconds left until the monotonic deadline (at most INT_MAX). */
static int
left_ms(const struct timespec *deadline)
{
	struct timespec	 now;
	int64_t		 ms;

	clock_gettime(CLOCK_MONOTONIC, &now);
	ms = (int64_t)(deadline->tv_sec - now.tv_sec) * 1000 +
	    (deadline->tv_nsec - now.tv_nsec) / 1000000;
	if (ms < 0)
		return 0;
	return ms > 0x7fffffff ? 0x7fffffff : (int)ms;
}

/*
 * In the child: make `in` its stdin and /dev/null its stdout and stderr,
 * close every other descriptor but `st` (close-on-exec), restore SIGPIPE
 * and the signal mask, go into a process group of its own (so a timeout
 * kills what it started too) and execv argv.  If anything fails, write
 * errno to st and exit 127.  Only async-signal-safe calls.
 */
static void __attribute__((noreturn))
child(char *const argv[], int in, int st)
{
	struct sigaction	 sa;
	sigset_t		 none;
	int			 fd, err, max;

	(void)setpgid(0, 0);
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = SIG_DFL;
	sigemptyset(&sa.sa_mask);
	(void)sigaction(SIGPIPE, &sa, NULL);
	sigemptyset(&none);
	(void)sigprocmask(SIG_SETMASK, &none, NULL);
	if (st <= 2 && (st = fcntl(st, F_DUPFD_CLOEXEC, 3)) == -1)
		goto fail;
	if (in <= 2 && (in = fcntl(in, F_DUPFD_CLOEXEC, 3)) == -1)
		goto fail;
	if (dup2(in, 0) == -1)
		goto fail;
	if ((fd = open("/dev/null", O_WRONLY)) == -1)
		goto fail;
	if (dup2(fd, 1) == -1 || dup2(fd, 2) == -1)
		goto fail;
#if defined(__GLIBC__) && (__GLIBC__ > 2 || __GLIBC_MINOR__ >= 34)
	if ((st == 3 || close_range(3, (unsigned int)st - 1, 0) == 0) &&
	    close_range((unsigned int)st + 1, ~0U, 0) == 0)
		goto exec;
#endif
	max = (int)sysconf(_SC_OPEN_MAX);
	if (max < 0 || max > 65536)
		max = 65536;
	for (fd = 3; fd < max; fd++)
		if (fd != st)
			(void)close(fd);
#if defined(__GLIBC__) && (__GLIBC__ > 2 || __GLIBC_MINOR__ >= 34)
exec:
#endif
	execv(argv[0], argv);
fail:
	err = errno;
	(void)!write(st, &err, sizeof(err));
	_exit(127);
}

/*
 * Run argv with msg[0..len) on its stdin, stdout and stderr to
 * /dev/null, and wait at most timeout seconds for the whole of it.
 * Returns true if the child read the whole message and exited 0.
 * Otherwise writes a short reason into why: "cannot exec PATH: strerror",
 * "exit status N", "killed by signal N", "timed out" (the child's
 * process group is then killed and reaped), "did not read the message",
 * or the failing system call.  SIGPIPE is ignored while the pipe is
 * written (a child that exits early gives EPIPE, not a dead process)
 * and restored after.
 */
static bool
run(char *const argv[], const char *msg, size_t len, int timeout,
    char *why, size_t whysz)
{
	struct sigaction	 ign, old;
	struct timespec		 deadline, nap;
	struct pollfd		 pfd;
	pid_t			 pid = -1, r;
	ssize_t			 n;
	size_t			 off = 0;
	int			 in[2] = { -1, -1 }, st[2] = { -1, -1 };
	int			 err, status, ms;
	bool			 ok = false, epipe = false;

	memset(&ign, 0, sizeof(ign));
	ign.sa_handler = SIG_IGN;
	sigemptyset(&ign.sa_mask);
	sigaction(SIGPIPE, &ign, &old);
	clock_gettime(CLOCK_MONOTONIC, &deadline);
	deadline.tv_sec += timeout;
	if (pipe2(in, O_CLOEXEC) == -1 || pipe2(st, O_CLOEXEC) == -1) {
		snprintf(why, whysz, "pipe: %s", strerror(errno));
		goto out;
	}
	if ((pid = fork()) == -1) {
		snprintf(why, whysz, "fork: %s", strerror(errno));
		goto out;
	}
	if (pid == 0)
		child(argv, in[0], st[1]);
	(void)setpgid(pid, pid);	/* whichever of the two runs first */
	close(in[0]);
	close(st[1]);
	in[0] = st[1] = -1;

	/* EOF: execv worked (close-on-exec); an int: its errno. */
	while ((n = read(st[0], &err, sizeof(err))) == -1 && errno == EINTR)
		continue;
	if (n == (ssize_t)sizeof(err)) {
		snprintf(why, whysz, "cannot exec %s: %s", argv[0],
		    strerror(err));
		while (waitpid(pid, &status, 0) == -1 && errno == EINTR)
			continue;
		pid = -1;
		goto out;
	}

	if (fcntl(in[1], F_SETFL, O_NONBLOCK) == -1) {
		snprintf(why, whysz, "fcntl: %s", strerror(errno));
		goto out;
	}
	while (off < len) {
		if ((ms = left_ms(&deadline)) == 0) {
			snprintf(why, whysz, "timed out");
			goto out;
		}
		pfd.fd = in[1];
		pfd.events = POLLOUT;
		if (poll(&pfd, 1, ms) == -1 && errno != EINTR) {
			snprintf(why, whysz, "poll: %s", strerror(errno));
			goto out;
		}
		if ((n = write(in[1], msg + off, len - off)) >= 0) {
			off += (size_t)n;
			continue;
		}
		if (errno == EAGAIN || errno == EINTR)
			continue;
		if (errno == EPIPE) {
			epipe = true;
			break;
		}
		snprintf(why, whysz, "write: %s", strerror(errno));
		goto out;
	}
	close(in[1]);
	in[1] = -1;

	/* Wait for the exit, napping 1 ms, 2 ms, ... 50 ms between looks. */
	nap.tv_sec = 0;
	nap.tv_nsec = 1000000;
	for (;;) {
		if ((r = waitpid(pid, &status, WNOHANG)) == pid)
			break;
		if (r == -1 && errno != EINTR) {
			snprintf(why, whysz, "waitpid: %s", strerror(errno));
			pid = -1;
			goto out;
		}
		if (left_ms(&deadline) == 0) {
			snprintf(why, whysz, "timed out");
			goto out;
		}
		nanosleep(&nap, NULL);
		if (nap.tv_nsec < 50000000)
			nap.tv_nsec *= 2;
	}
	pid = -1;
	if (WIFEXITED(status) && WEXITSTATUS(status) == 0 && !epipe)
		ok = true;
	else if (WIFEXITED(status) && WEXITSTATUS(status) == 0)
		snprintf(why, whysz, "did not read the message");
	else if (WIFEXITED(status))
		snprintf(why, whysz, "exit status %d", WEXITSTATUS(status));
	else if (WIFSIGNALED(status))
		snprintf(why, whysz, "killed by signal %d", WTERMSIG(status));
	else
		snprintf(why, whysz, "wait status %d", status);
out:
	if (pid > 0) {
		/* Timed out or failed while it runs: end it and reap it. */
		(void)kill(-pid, SIGKILL);
		(void)kill(pid, SIGKILL);
		while (waitpid(pid, &status, 0) == -1 && errno == EINTR)
			continue;
	}
	if (in[0] != -1)
		close(in[0]);
	if (in[1] != -1)
		close(in[1]);
	if (st[0] != -1)
		close(st[0]);
	if (st[1] != -1)
		close(st[1]);
	sigaction(SIGPIPE, &old, NULL);
	return ok;
}

/*
 * In one transaction: find the oldest due mail (see NEXT) after the
 * cursor (*c_created, *c_id), copy it into the arena, count the attempt
 * and mark it NOTIFY_CLAIMED.  Moves the cursor to it.  Returns QA_OK,
 * QA_ENOTFOUND if no mail is due, or the database error (logged).
 */
static enum qa_err
claim(struct db *db, struct arena *a, int64_t now, int64_t *c_created,
    int64_t *c_id, struct mail *ml)
{
	sqlite3_stmt	*st;
	enum qa_err	 er;
	int		 rc;

	if ((er = db_tx_begin(db)) != QA_OK)
		return er;
	if ((st = db_stmt(db, &notify_stmts, NOTIFY_STMT_NEXT)) == NULL) {
		er = QA_ESYS;
		goto out;
	}
	sqlite3_bind_int64(st, 1, now);
	sqlite3_bind_int64(st, 2, *c_created);
	sqlite3_bind_int64(st, 3, *c_id);
	sqlite3_bind_int(st, 4, NOTIFY_MAX_ATTEMPTS);
	if ((rc = sqlite3_step(st)) != SQLITE_ROW) {
		er = rc == SQLITE_DONE ? QA_ENOTFOUND :
		    db_err(db, rc, "notify_send: next");
		db_done(st);
		goto out;
	}
	ml->id = db_col_int(st, 0);
	ml->to = db_col_text(a, st, 1);
	ml->subject = db_col_text(a, st, 2);
	ml->body = db_col_text(a, st, 3);
	ml->created = db_col_int(st, 4);
	db_done(st);
	if (ml->to == NULL || ml->subject == NULL || ml->body == NULL) {
		er = QA_ESYS;
		goto out;
	}
	if ((st = db_stmt(db, &notify_stmts, NOTIFY_STMT_CLAIM)) == NULL) {
		er = QA_ESYS;
		goto out;
	}
	sqlite3_bind_int64(st, 1, ml->id);
	db_bind_text(st, 2, NOTIFY_CLAIMED);
	er = db_run(db, st, "notify_send: claim");
out:
	if (er == QA_OK)
		er = db_tx_commit(db);
	if (er != QA_OK) {
		db_tx_rollback(db);
		return er;
	}
	*c_created = ml->created;
	*c_id = ml->id;
	return QA_OK;
}

/*
 * In one transaction, record the outcome of mail id: sent at `now`
 * (why NULL), or failed with why; a permanent failure also raises its
 * attempts to NOTIFY_MAX_ATTEMPTS so that it is not tried again.
 */
static enum qa_err
record(struct db *db, int64_t id, int64_t now, const char *why,
    bool permanent)
{
	sqlite3_stmt	*st;
	enum qa_err	 er;

	if ((er = db_tx_begin(db)) != QA_OK)
		return er;
	if ((st = db_stmt(db, &notify_stmts, why == NULL ?
	    NOTIFY_STMT_SENT : NOTIFY_STMT_FAILED)) == NULL) {
		er = QA_ESYS;
		goto out;
	}
	sqlite3_bind_int64(st, 1, id);
	if (why == NULL)
		sqlite3_bind_int64(st, 2, now);
	else {
		db_bind_text(st, 2, why);
		sqlite3_bind_int(st, 3, permanent ? NOTIFY_MAX_ATTEMPTS : 0);
	}
	er = db_run(db, st, "notify_send: record");
out:
	if (er == QA_OK)
		er = db_tx_commit(db);
	if (er != QA_OK)
		db_tx_rollback(db);
	return er;
}

/*
 * Send up to max due mails (pending, fewer than NOTIFY_MAX_ATTEMPTS
 * attempts, past their backoff at `now`), oldest first, each at most once
 * per call.  For each: claim it (one transaction), build the message
 * (build()), pipe it to the configured sendmail (run()), then record it
 * (one transaction): sent = now if the child exited 0, else last_error
 * set to the reason.  A recipient that fails address_valid() (the row
 * was edited) is a permanent failure, "invalid recipient address".
 * Must not be called inside a transaction.  *sent and *failed (either
 * may be NULL) are set to the mails sent and the attempts that failed.
 * Returns QA_OK even if mails failed; QA_ESYS (logged, no mail touched)
 * if the configuration is unusable (see sender_init()); or a database
 * error, which stops the batch: a mail claimed but not recorded is
 * tried again after its backoff.
 */
enum qa_err
notify_send(struct db *db, const struct config *cfg, int64_t now, int max,
    int *sent, int *failed)
{
	struct sender	 s;
	struct arena	 a;
	struct buf	 m = { 0 };
	struct mail	 ml;
	char		 why[256];
	int64_t		 c_created = INT64_MIN, c_id = INT64_MIN;
	int		 nsent = 0, nfailed = 0, i;
	bool		 permanent;
	enum qa_err	 er;

	if (sent != NULL)
		*sent = 0;
	if (failed != NULL)
		*failed = 0;
	if ((er = sender_init(&s, cfg)) != QA_OK)
		return er;
	arena_init(&a);
	for (i = 0; i < max; i++) {
		arena_reset(&a);
		memset(&ml, 0, sizeof(ml));
		if ((er = claim(db, &a, now, &c_created, &c_id, &ml)) !=
		    QA_OK) {
			if (er == QA_ENOTFOUND)
				er = QA_OK;
			break;
		}
		why[0] = '\0';
		permanent = false;
		if (!address_valid(ml.to)) {
			snprintf(why, sizeof(why), "invalid recipient address");
			permanent = true;
		} else if (!build(&m, &s, &ml, now))
			snprintf(why, sizeof(why), "out of memory");
		else if (run(s.argv, m.data, m.len, s.timeout, why,
		    sizeof(why)))
			why[0] = '\0';
		if (why[0] != '\0') {
			fprintf(stderr, "notify: mail %lld: %s\n",
			    (long long)ml.id, why);
			nfailed++;
		} else
			nsent++;
		if ((er = record(db, ml.id, now, why[0] != '\0' ? why : NULL,
		    permanent)) != QA_OK)
			break;
	}
	arena_free(&a);
	buf_free(&m);
	free(s.words);
	if (sent != NULL)
		*sent = nsent;
	if (failed != NULL)
		*failed = nfailed;
	return er;
}

/*
 * Count the pending mails (sent IS NULL) into *pending and, of those, the
 * ones given up (NOTIFY_MAX_ATTEMPTS reached) into *given_up (may be
 * NULL).  Returns QA_OK, or the database error (logged).
 */
enum qa_err
notify_pending(struct db *db, int64_t *pending, int64_t *given_up)
{
	sqlite3_stmt	*st;
	enum qa_err	 er = QA_OK;
	int		 rc;

	*pending = 0;
	if (given_up != NULL)
		*given_up = 0;
	if ((st = db_stmt(db, &notify_stmts, NOTIFY_STMT_PENDING)) == NULL)
		return QA_ESYS;
	sqlite3_bind_int(st, 1, NOTIFY_MAX_ATTEMPTS);
	if ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		*pending = sqlite3_column_int64(st, 0);
		if (given_up != NULL)
			*given_up = sqlite3_column_int64(st, 1);
	} else
		er = db_err(db, rc, "notify_pending");
	db_done(st);
	return er;
}

/*
 * For serve_after(req, notify_send_soon, &serve): once the response is
 * out, send up to NOTIFY_SOON_MAX due mails with the program's database
 * and configuration, unless the configuration sets mail_immediate = 0
 * (then qa-admin send-mail from cron does it).  After a run with a
 * failure this process waits NOTIFY_SOON_PAUSE seconds before trying
 * again, so a broken sendmail does not cost every request a fork.  The
 * route may have left the connection query_only; writing the outbox is
 * this function's purpose, so it is turned off (the router sets it again
 * for the next request).  Errors are logged, never returned.
 */
void
notify_send_soon(void *arg)
{
	static time_t		 failed_at;
	struct serve_ctx	*ctx = arg;
	time_t			 now = time(NULL);
	int			 failed = 0;

	if (ctx == NULL || ctx->db == NULL || ctx->config == NULL ||
	    config_int(ctx->config, "mail_immediate", 1) == 0)
		return;
	if (failed_at != 0 && now - failed_at < NOTIFY_SOON_PAUSE &&
	    now >= failed_at)
		return;
	db_query_only(ctx->db, false);
	if (notify_send(ctx->db, ctx->config, (int64_t)now, NOTIFY_SOON_MAX,
	    NULL, &failed) != QA_OK || failed > 0)
		failed_at = now;
	else
		failed_at = 0;
}
