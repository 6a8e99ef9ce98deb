/* ratelimit-t: counting events per key in fixed windows. */
#include <stdio.h>
#include <stdlib.h>

#include "db.h"
#include "ratelimit.h"
#include "tap.h"

int
main(void)
{
	char			 dir[] = "/tmp/ratelimit-t.XXXXXX", path[256];
	char			 cmd[300];
	struct db		*db;
	struct ratelimit	 rl;
	int64_t			 retry, now = 1000000;
	int			 i;

	plan(13);
	if (mkdtemp(dir) == NULL)
		bail("mkdtemp");
	snprintf(path, sizeof(path), "%s/qa.db", dir);
	if (db_open(path, DB_CREATE, &db) != QA_OK ||
	    db_init_schema(db) != QA_OK)
		bail("cannot create database");

	ok(ratelimit_get(db, "k", 900, now, &rl) == QA_OK && rl.count == 0 &&
	    rl.last == 0, "an unknown key has no events");
	ok(ratelimit_check(db, "k", 3, 900, now, &retry) == QA_OK,
	    "allowed below the limit");
	for (i = 0; i < 3; i++)
		ratelimit_hit(db, "k", 900, now + i);
	ok(ratelimit_get(db, "k", 900, now + 2, &rl) == QA_OK &&
	    rl.count == 3 && rl.last == now + 2, "hits counted, last kept");
	ok(ratelimit_check(db, "k", 3, 900, now + 2, &retry) == QA_ELIMIT,
	    "refused at the limit");
	is_int(retry, 900, "retry a period after the latest event");
	ok(ratelimit_check(db, "other", 3, 900, now, &retry) == QA_OK,
	    "keys are separate");
	ok(ratelimit_check(db, "k", 3, 900, now + 901, &retry) == QA_ELIMIT,
	    "the limit holds across a window boundary");
	ok(ratelimit_check(db, "k", 3, 900, now + 902, &retry) == QA_OK,
	    "until the latest event is a period old");
	ok(ratelimit_check(db, "k", 3, 900, now + 1800, &retry) == QA_OK,
	    "and two windows on, the count is gone");
	ok(ratelimit_check(db, "k", 3, 61, now + 2, &retry) == QA_OK,
	    "periods are separate windows");
	ok(ratelimit_clear(db, "k") == QA_OK &&
	    ratelimit_check(db, "k", 3, 900, now + 2, &retry) == QA_OK,
	    "clear forgets the key");
	ratelimit_hit(db, "old", 900, now - 2 * 86400);
	ok(ratelimit_purge(db, now) == QA_OK, "purge runs");
	ok(ratelimit_get(db, "old", 900, now - 2 * 86400, &rl) == QA_OK &&
	    rl.count == 0, "purge drops old windows");
	db_close(db);
	snprintf(cmd, sizeof(cmd), "rm -rf %s", dir);
	if (system(cmd) != 0)
		diag("cleanup failed");
	return done();
}
