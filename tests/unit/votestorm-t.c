/*
 * votestorm-t: votes cast at once by several processes, each with its own
 * connection to one database, as FastCGI workers do.  A site of USERS
 * users and POSTS posts (questions, answers and comments by different
 * users) takes PROCS x VOTES random votes (random user, post and value
 * up, down or withdrawn), retried on QA_EBUSY.  Afterwards every counter
 * must agree with the rows (recount_all() changes nothing), the database
 * must pass its integrity check, no user may have two votes on a post,
 * and the points of every author and voter must be what the remaining
 * votes give.
 *
 * Speed: the database lives in /dev/shm when there is one (else /tmp),
 * and every connection of this test sets PRAGMA synchronous = NORMAL, so
 * that a commit is not an fsync; the site runs with FULL.  Neither
 * changes how transactions exclude each other, which is what is tested.
 */
#include <sys/types.h>
#include <sys/wait.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "arena.h"
#include "db.h"
#include "post.h"
#include "recount.h"
#include "user.h"
#include "vote.h"
#include "tap.h"
#include "testdb.h"

#define USERS	20
#define POSTS	30
#define PROCS	4
#define VOTES	1000
#define NOW	1700000000

/* What a voting process did, sent to the parent through a pipe. */
struct tally {
	int	 ok;		/* votes applied or already there */
	int	 refused;	/* own post, comment down */
	int	 busy;		/* QA_EBUSY, retried */
	int	 failed;	/* anything else, or out of retries */
};

static char	 dir[64], path[128];

/*
 * Create the site: USERS users (base points), then POSTS visible posts
 * in one transaction: every third post a question, then an answer to
 * it, then a comment on that answer, each by a different user in turn.
 * Post ids are 1 .. POSTS.  Bails on failure.
 */
static void
site(void)
{
	struct db	*db;
	struct arena	 a;
	struct post_new	 n;
	char		 handle[32], title[64];
	int64_t		 uid, id, qid = 0, aid = 0;
	int		 i;

	if (db_open(path, DB_CREATE, &db) != QA_OK ||
	    db_init_schema(db) != QA_OK ||
	    db_exec(db, "PRAGMA synchronous = NORMAL") != QA_OK)
		bail("cannot create the database");
	arena_init(&a);
	if (db_tx_begin(db) != QA_OK)
		bail("begin");
	for (i = 1; i <= USERS; i++) {
		snprintf(handle, sizeof(handle), "user%d", i);
		if (user_create(db, handle, NULL, NULL, "x", NOW, &uid) !=
		    QA_OK || uid != i)
			bail("cannot create the users");
	}
	for (i = 0; i < POSTS; i++) {
		memset(&n, 0, sizeof(n));
		n.type = i % 3 + 1;
		n.parent_id = n.type == POST_ANSWER ? qid : aid;
		snprintf(title, sizeof(title), "Question number %d of many",
		    i);
		n.title = n.type == POST_QUESTION ? title : NULL;
		n.body_md = "A body long enough for any kind of post.";
		n.tags = "";
		n.user_id = i % USERS + 1;
		n.status = POST_VISIBLE;
		n.now = NOW;
		if (post_create(db, &a, &n, &id) != QA_OK || id != i + 1)
			bail("cannot create the posts");
		if (n.type == POST_QUESTION)
			qid = id;
		else if (n.type == POST_ANSWER)
			aid = id;
	}
	if (db_tx_commit(db) != QA_OK)
		bail("commit");
	arena_free(&a);
	db_close(db);
}

/*
 * A voting process: its own connection, VOTES random votes from seed,
 * each retried on QA_EBUSY up to 100 times; the tally goes to fd.
 * Never returns.
 */
static void
voter(unsigned int seed, int fd)
{
	struct db		*db;
	struct vote_result	 r;
	struct tally		 t = { 0, 0, 0, 0 };
	enum qa_err		 er;
	int64_t			 user, post;
	int			 i, tries, value;

	if (db_open(path, 0, &db) != QA_OK ||
	    db_exec(db, "PRAGMA synchronous = NORMAL") != QA_OK)
		_exit(2);
	for (i = 0; i < VOTES; i++) {
		user = rand_r(&seed) % USERS + 1;
		post = rand_r(&seed) % POSTS + 1;
		value = rand_r(&seed) % 3 - 1;
		tries = 0;
		while ((er = vote_cast(db, user, post, value, NOW + i, &r,
		    NULL)) == QA_EBUSY && ++tries < 100)
			t.busy++;
		if (er == QA_OK)
			t.ok++;
		else if (er == QA_EFORBIDDEN || er == QA_EINPUT)
			t.refused++;
		else
			t.failed++;
	}
	db_close(db);
	if (write(fd, &t, sizeof(t)) != (ssize_t)sizeof(t))
		_exit(3);
	_exit(0);
}

int
main(void)
{
	struct db	*db;
	struct tally	 t, all = { 0, 0, 0, 0 };
	pid_t		 pid[PROCS];
	int		 fds[PROCS][2], i, wst, good = 1;
	int64_t		 changed = -1;
	time_t		 start;
	char		 cmd[160];

	plan(9);
	snprintf(dir, sizeof(dir), "%s/votestorm-t.XXXXXX",
	    access("/dev/shm", W_OK) == 0 ? "/dev/shm" : "/tmp");
	if (mkdtemp(dir) == NULL)
		bail("mkdtemp");
	snprintf(path, sizeof(path), "%s/qa.db", dir);
	site();
	ok(1, "a site of %d users and %d posts", USERS, POSTS);

	start = time(NULL);
	fflush(stdout);
	for (i = 0; i < PROCS; i++) {
		if (pipe(fds[i]) != 0)
			bail("pipe");
		if ((pid[i] = fork()) == -1)
			bail("fork");
		if (pid[i] == 0) {
			close(fds[i][0]);
			voter(1000 + (unsigned int)i, fds[i][1]);
		}
		close(fds[i][1]);
	}
	for (i = 0; i < PROCS; i++) {
		memset(&t, 0, sizeof(t));
		if (read(fds[i][0], &t, sizeof(t)) != (ssize_t)sizeof(t))
			good = 0;
		close(fds[i][0]);
		if (waitpid(pid[i], &wst, 0) != pid[i] || !WIFEXITED(wst) ||
		    WEXITSTATUS(wst) != 0)
			good = 0;
		all.ok += t.ok;
		all.refused += t.refused;
		all.busy += t.busy;
		all.failed += t.failed;
	}
	diag("%d votes in %lld s: %d done, %d refused, %d busy retries, "
	    "%d failed", PROCS * VOTES, (long long)(time(NULL) - start),
	    all.ok, all.refused, all.busy, all.failed);
	ok(good, "%d processes voted and exited cleanly", PROCS);
	ok(all.failed == 0 && all.ok + all.refused == PROCS * VOTES &&
	    all.ok > PROCS * VOTES / 2, "every vote done or refused");

	if (db_open(path, 0, &db) != QA_OK)
		bail("cannot open the database");
	is_str(testdb_text(db, "PRAGMA integrity_check"), "ok", "integrity check");
	is_str(testdb_text(db, "SELECT count(*) FROM (SELECT 1 FROM votes"
	    " GROUP BY post_id, user_id HAVING count(*) > 1)"), "0",
	    "at most one vote per user and post");
	ok(recount_all(db, &changed) == QA_OK && changed == 0,
	    "recount_all() changes nothing");
	if (changed != 0)
		diag("changed %lld rows", (long long)changed);
	/* Voters: vote_up and vote_down, 1 each, on questions and answers. */
	is_str(testdb_text(db, "SELECT count(*) FROM users u WHERE"
	    " (SELECT coalesce(sum(delta), 0) FROM points_log l"
	    "  WHERE l.user_id = u.id AND l.event IN ('vote_up', 'vote_down'))"
	    " <> (SELECT count(*) FROM votes v JOIN posts p ON p.id = v.post_id"
	    "  WHERE v.user_id = u.id AND p.type <> 3)"), "0",
	    "every voter's points are those of the votes left");
	/* Authors: 1 a question vote, 2 an answer vote, 0 a comment vote. */
	is_str(testdb_text(db, "SELECT count(*) FROM users u WHERE"
	    " (SELECT coalesce(sum(delta), 0) FROM points_log l"
	    "  WHERE l.user_id = u.id AND l.event LIKE '%\\_voted\\_%'"
	    "  ESCAPE '\\')"
	    " <> (SELECT coalesce(sum(v.value * CASE p.type WHEN 1 THEN 1"
	    "  WHEN 2 THEN 2 ELSE 0 END), 0) FROM votes v"
	    "  JOIN posts p ON p.id = v.post_id WHERE p.user_id = u.id)"), "0",
	    "every author's points are those of the votes left");
	is_str(testdb_text(db, "SELECT (SELECT count(*) FROM votes) ="
	    " (SELECT sum(up + down) FROM posts)"), "1",
	    "as many votes as the posts count");
	db_close(db);
	snprintf(cmd, sizeof(cmd), "rm -rf %s", dir);
	if (system(cmd) != 0)
		diag("cleanup failed");
	return done();
}
