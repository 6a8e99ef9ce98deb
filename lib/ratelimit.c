/*
 * ratelimit.c: counting events per key in the ratelimits table.  A key
 * is text such as "login:ip:192.0.2.1".  Events are counted in fixed
 * windows of `period` seconds (identified by their start time), and a
 * key's count is that of the current window plus the previous one, so
 * a limit holds across a window boundary: a burst just before it is not
 * forgotten just after it.  Writes are single statements (autocommit) so
 * that they count even when the request that made them fails.
 */
#include <stdio.h>

#include "db.h"
#include "ratelimit.h"

enum rl_stmt {
	RL_STMT_GET,
	RL_STMT_HIT,
	RL_STMT_CLEAR,
	RL_STMT_PURGE,
	RL_STMT__MAX
};

static const char *const rl_sql[RL_STMT__MAX] = {
	/* GET: this window and the one before */
	"SELECT total(count), max(last) FROM ratelimits"
	" WHERE key = ?1 AND window IN (?2, ?3)",
	/* HIT */
	"INSERT INTO ratelimits (key, window, count, last)"
	" VALUES (?1, ?2, 1, ?3)"
	" ON CONFLICT (key, window) DO UPDATE"
	" SET count = count + 1, last = excluded.last",
	/* CLEAR */
	"DELETE FROM ratelimits WHERE key = ?1",
	/* PURGE: windows that ended a day ago or more */
	"DELETE FROM ratelimits WHERE window < ?1",
};

static sqlite3_stmt	*rl_cache[RL_STMT__MAX];
static struct db_stmts	 rl_stmts =
    { rl_sql, RL_STMT__MAX, rl_cache, NULL, NULL };

/* The statement table, for tests that prepare every statement. */
struct db_stmts *
ratelimit_statements(void)
{
	return &rl_stmts;
}

static int64_t
window_of(int64_t now, int64_t period)
{
	if (period <= 0)
		period = 1;
	return now - (now % period + period) % period;
}

/*
 * The state of key at now: how many events in the current window of
 * `period` seconds and the one before it, the time of the latest, and
 * when the current window ends.
 */
enum qa_err
ratelimit_get(struct db *db, const char *key, int64_t period, int64_t now,
    struct ratelimit *out)
{
	sqlite3_stmt	*st;
	int		 rc;
	int64_t		 w = window_of(now, period);

	out->count = 0;
	out->last = 0;
	out->window_end = w + (period > 0 ? period : 1);
	if ((st = db_stmt(db, &rl_stmts, RL_STMT_GET)) == NULL)
		return QA_ESYS;
	sqlite3_bind_text(st, 1, key, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 2, w);
	sqlite3_bind_int64(st, 3, w - (period > 0 ? period : 1));
	if ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		out->count = sqlite3_column_int64(st, 0);
		out->last = sqlite3_column_int64(st, 1);
	}
	db_done(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return db_err(db, rc, "ratelimit_get");
	return QA_OK;
}

/* Count one event for key now. */
enum qa_err
ratelimit_hit(struct db *db, const char *key, int64_t period, int64_t now)
{
	sqlite3_stmt	*st;

	if ((st = db_stmt(db, &rl_stmts, RL_STMT_HIT)) == NULL)
		return QA_ESYS;
	sqlite3_bind_text(st, 1, key, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 2, window_of(now, period));
	sqlite3_bind_int64(st, 3, now);
	return db_run(db, st, "ratelimit_hit");
}

/* Forget every window of key (e.g. failures, after a good login). */
enum qa_err
ratelimit_clear(struct db *db, const char *key)
{
	sqlite3_stmt	*st;

	if ((st = db_stmt(db, &rl_stmts, RL_STMT_CLEAR)) == NULL)
		return QA_ESYS;
	sqlite3_bind_text(st, 1, key, -1, SQLITE_STATIC);
	return db_run(db, st, "ratelimit_clear");
}

/* Delete windows that started more than a day before now. */
enum qa_err
ratelimit_purge(struct db *db, int64_t now)
{
	sqlite3_stmt	*st;

	if ((st = db_stmt(db, &rl_stmts, RL_STMT_PURGE)) == NULL)
		return QA_ESYS;
	sqlite3_bind_int64(st, 1, now - 86400);
	return db_run(db, st, "ratelimit_purge");
}

/*
 * Whether one more event for key is allowed: QA_ELIMIT when key already
 * has `limit` events (see ratelimit_get()) and the latest was less than
 * `period` ago, with *retry_after set to the seconds until it is a
 * period old; QA_OK otherwise.  It counts nothing: call ratelimit_hit()
 * for the event.
 */
enum qa_err
ratelimit_check(struct db *db, const char *key, int64_t limit,
    int64_t period, int64_t now, int64_t *retry_after)
{
	struct ratelimit	 rl;
	enum qa_err		 er;

	*retry_after = 0;
	if ((er = ratelimit_get(db, key, period, now, &rl)) != QA_OK)
		return er;
	if (rl.count < limit || now - rl.last >= period)
		return QA_OK;
	*retry_after = rl.last + period - now;
	return QA_ELIMIT;
}
