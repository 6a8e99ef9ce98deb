/*
 * moderate-t: the moderators' actions of lib/moderate.c: each one's
 * effect and its audit entry, refusals in the wrong state, flags that
 * hide a post, a nuke undone exactly, address blocks, the deny lists,
 * and, after a mix of all of them with votes, counters that
 * recount_all() finds right.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "db.h"
#include "moderate.h"
#include "post.h"
#include "recount.h"
#include "settings.h"
#include "vote.h"
#include "tap.h"
#include "testdb.h"

#define NOW	1700000000

static struct db	*db;
static struct arena	 ar;

static const char fixture[] =
	"INSERT INTO users (id, handle, email, level, created) VALUES"
	" (1, 'mod', 'mod@example.org', 4, 0),"
	" (2, 'alice', 'alice@example.org', 1, 0),"
	" (3, 'bob', 'bob@example.org', 1, 0),"
	" (4, 'carol', 'carol@example.org', 1, 0),"
	" (5, 'dave', 'dave@spam.example', 1, 0);"
	"INSERT INTO categories (id, parent_id, slug, name, depth) VALUES"
	" (1, NULL, 'a', 'A', 0), (2, 1, 'b', 'B', 1), (3, NULL, 'c', 'C', 0);";

/* The first column of the first row of sql, as text in a static buffer. */
static const char *
q(const char *sql)
{
	static char	 out[256];
	sqlite3_stmt	*st;

	out[0] = '\0';
	if (sqlite3_prepare_v2(db_handle(db), sql, -1, &st, NULL) !=
	    SQLITE_OK)
		bail(sql);
	if (sqlite3_step(st) == SQLITE_ROW &&
	    sqlite3_column_text(st, 0) != NULL)
		snprintf(out, sizeof(out), "%s", sqlite3_column_text(st, 0));
	sqlite3_finalize(st);
	return out;
}

/* An integer query made with printf from fmt. */
static long long	qi(const char *, ...)
			    __attribute__((format(printf, 1, 2)));

static long long
qi(const char *fmt, ...)
{
	char	 sql[256];
	va_list	 ap;

	va_start(ap, fmt);
	vsnprintf(sql, sizeof(sql), fmt, ap);
	va_end(ap);
	return atoll(q(sql));
}

/* The status of post id. */
static int
status(int64_t id)
{
	return (int)qi("SELECT status FROM posts WHERE id = %lld",
	    (long long)id);
}

/* The audit entries of action name. */
static long long
audits(const char *name)
{
	char	 sql[128];

	snprintf(sql, sizeof(sql), "SELECT count(*) FROM audit "
	    "WHERE action = '%s'", name);
	return atoll(q(sql));
}

/* A new post; bails on failure. */
static int64_t
mk(int type, int64_t parent, int64_t user, int st, const char *ip,
    int64_t cat)
{
	struct post_new	 n;
	int64_t		 id;

	memset(&n, 0, sizeof(n));
	n.type = type;
	n.parent_id = parent;
	n.title = type == POST_QUESTION ? "A question about moderation" :
	    NULL;
	n.body_md = "Some body text for the post.";
	n.tags = type == POST_QUESTION ? "mod test" : NULL;
	n.category_id = cat;
	n.user_id = user;
	n.ip = ip;
	n.status = st;
	n.now = NOW;
	if (db_tx_begin(db) != QA_OK ||
	    post_create(db, &ar, &n, &id) != QA_OK ||
	    db_tx_commit(db) != QA_OK)
		bail("post_create");
	return id;
}

/* Whether recount_all() changes nothing. */
static bool
counted(void)
{
	int64_t	 changed = -1;

	return recount_all(db, &changed) == QA_OK && changed == 0;
}

int
main(void)
{
	struct testdb		 t;
	struct mod_actor	 m = { 1, "192.0.2.1", NOW, NULL };
	struct mod_item		*items;
	struct audit_entry	*log;
	const char		**ips;
	size_t			 n;
	long long		 qa, c2;	/* for qi() */
	int64_t			 qb, a1, a2, c1, d1, d2, d3, id, aud;
	int64_t			 b4, b24, b64;
	bool			 hidden;

	plan(125);
	db = testdb_open(&t, "moderate-t", fixture);
	arena_init(&ar);
	if (settings_load(db) != QA_OK)
		bail("settings_load");
	is_str(settings_get("flags_to_hide", ""), "3", "flags_to_hide is 3");

	qa = mk(POST_QUESTION, 0, 2, POST_VISIBLE, "198.51.100.7", 2);
	qb = mk(POST_QUESTION, 0, 3, POST_VISIBLE, "198.51.100.8", 1);
	a1 = mk(POST_ANSWER, qa, 3, POST_VISIBLE, "198.51.100.8", 0);
	a2 = mk(POST_ANSWER, qa, 4, POST_QUEUED, "198.51.100.9", 0);
	c1 = mk(POST_COMMENT, a1, 2, POST_VISIBLE, "198.51.100.7", 0);

	/* Flags. */
	is_int(mod_flag(db, qa, 3, FLAG_SPAM, NULL, NOW, &hidden), QA_OK,
	    "bob flags alice's question");
	ok(!hidden, "one flag does not hide");
	is_int(mod_flag(db, qa, 3, FLAG_OTHER, "again", NOW, &hidden),
	    QA_ECONFLICT, "a second flag by the same user is a conflict");
	is_int(mod_flag(db, qa, 2, FLAG_SPAM, NULL, NOW, &hidden),
	    QA_EFORBIDDEN, "no flag on one's own post");
	is_int(mod_flag(db, a2, 3, FLAG_SPAM, NULL, NOW, &hidden),
	    QA_ENOTFOUND, "no flag on a queued post");
	is_int(mod_flag(db, qa, 4, FLAG_OTHER, "rude words", NOW, &hidden),
	    QA_OK, "carol flags it");
	ok(!hidden && status(qa) == POST_VISIBLE, "two flags do not hide");
	is_int(qi("SELECT flag_count FROM posts WHERE id = %lld", qa), 2,
	    "flag_count counts open flags");
	is_int(mod_queue(db, &ar, 0, 10, &items, &n), QA_OK, "mod_queue");
	ok(n == 2 && items[0].post_id == qa && items[1].post_id == a2,
	    "the queue holds the flagged and the queued post, oldest first");
	is_str(n > 0 && items[0].flag_reasons != NULL ?
	    items[0].flag_reasons : "", "spam, other: rude words",
	    "with the flags' reasons");
	ok(n > 1 && items[0].flag_count == 2 && items[0].author_posts == 2 &&
	    items[0].author_hidden == 0 && items[1].handle != NULL &&
	    strcmp(items[1].handle, "carol") == 0 && items[1].ip != NULL &&
	    strcmp(items[1].ip, "198.51.100.9") == 0,
	    "with the author's history, handle and address");
	is_int(mod_flag(db, qa, 5, FLAG_OFFENSIVE, NULL, NOW, &hidden), QA_OK,
	    "a third flag");
	ok(hidden && status(qa) == POST_HIDDEN, "the third flag hides it");
	is_int(audits("flag"), 3, "one audit entry per flag");
	is_int(audits("auto-hide"), 1, "and one for the automatic hide");
	is_int(qi("SELECT count(*) FROM audit WHERE action = 'auto-hide' "
	    "AND actor_id IS NULL AND target_id = %lld", qa), 1,
	    "by the system");
	ok(counted(), "counters right after the automatic hide");
	is_int(mod_post(db, &ar, &m, qa, MOD_CLEAR_FLAGS, NULL), QA_OK,
	    "clear flags");
	is_int(qi("SELECT flag_count + (SELECT count(*) FROM flags WHERE "
	    "post_id = %1$lld AND resolved = 0) FROM posts WHERE id = %1$lld",
	    qa), 0, "no open flag left");
	is_int(mod_post(db, &ar, &m, qa, MOD_CLEAR_FLAGS, NULL), QA_ECONFLICT,
	    "clearing no flags is a conflict");

	/* Status actions. */
	is_int(mod_post(db, &ar, &m, qa, MOD_HIDE, NULL), QA_ECONFLICT,
	    "hiding a hidden post is a conflict");
	is_int(mod_post(db, &ar, &m, qa, MOD_RESHOW, "fine"), QA_OK,
	    "reshow");
	is_int(status(qa), POST_VISIBLE, "reshown: visible");
	is_int(qi("SELECT count(*) FROM posts_fts WHERE rowid = %lld", qa), 1,
	    "back in the search index");
	is_int(mod_post(db, &ar, &m, qa, MOD_HIDE, "spam"), QA_OK, "hide");
	is_int(status(qa), POST_HIDDEN, "hidden");
	is_int(qi("SELECT count(*) FROM posts_fts WHERE rowid = %lld", qa), 0,
	    "out of the search index");
	is_int(mod_post(db, &ar, &m, qa, MOD_RESHOW, NULL), QA_OK, "reshow");
	is_int(mod_post(db, &ar, &m, qa, MOD_APPROVE, NULL), QA_ECONFLICT,
	    "approving a visible post is a conflict");
	is_int(mod_post(db, &ar, &m, a2, MOD_APPROVE, NULL), QA_OK,
	    "approve");
	is_int(status(a2), POST_VISIBLE, "approved: visible");
	is_int(qi("SELECT answer_count FROM posts WHERE id = %lld", qa), 2,
	    "the approved answer counts");
	is_int(mod_post(db, &ar, &m, a2, MOD_REJECT, NULL), QA_ECONFLICT,
	    "rejecting a visible post is a conflict");
	id = mk(POST_ANSWER, qa, 4, POST_QUEUED, "198.51.100.9", 0);
	is_int(mod_post(db, &ar, &m, id, MOD_REJECT, "junk"), QA_OK,
	    "reject");
	is_int(status(id), POST_DELETED, "rejected: deleted");
	is_int(mod_post(db, &ar, &m, a1, MOD_RESTORE, NULL), QA_ECONFLICT,
	    "restoring a visible post is a conflict");
	is_int(mod_post(db, &ar, &m, a1, MOD_DELETE, NULL), QA_OK, "delete");
	is_int(status(a1), POST_DELETED, "deleted");
	is_int(mod_post(db, &ar, &m, a1, MOD_DELETE, NULL), QA_ECONFLICT,
	    "deleting twice is a conflict");
	is_int(mod_post(db, &ar, &m, a1, MOD_RESTORE, NULL), QA_OK,
	    "restore");
	is_int(status(a1), POST_VISIBLE, "restored: visible");
	is_int(mod_post(db, &ar, &m, a1, MOD_PURGE, NULL), QA_ECONFLICT,
	    "purging a visible post is a conflict");
	is_int(mod_post(db, &ar, &m, qa, MOD_LOCK, NULL), QA_OK, "lock");
	ok(qi("SELECT comments_locked FROM posts WHERE id = %lld", qa) == 1,
	    "comments locked");
	is_int(mod_post(db, &ar, &m, qa, MOD_LOCK, NULL), QA_ECONFLICT,
	    "locking twice is a conflict");
	is_int(mod_post(db, &ar, &m, qa, MOD_UNLOCK, NULL), QA_OK, "unlock");
	ok(qi("SELECT comments_locked FROM posts WHERE id = %lld", qa) == 0,
	    "comments unlocked");
	is_int(audits("hide") + audits("reshow") + audits("approve") +
	    audits("reject") + audits("delete") + audits("restore") +
	    audits("lock") + audits("unlock") + audits("clear-flags"), 10,
	    "one audit entry per action done, none for refusals");
	is_int(qi("SELECT count(*) FROM audit WHERE action = 'hide' AND "
	    "actor_id = 1 AND target_type = 'post' AND target_id = %lld "
	    "AND reason = 'spam' AND ip = '192.0.2.1'", qa), 1,
	    "the audit entry names actor, target, reason and address");

	/* Close, reopen, move. */
	is_int(mod_post(db, &ar, &m, qb, MOD_REOPEN, NULL), QA_ECONFLICT,
	    "reopening an open question is a conflict");
	is_int(mod_close(db, &m, qb, "duplicate", qb), QA_EINPUT,
	    "not a duplicate of itself");
	is_int(mod_close(db, &m, qb, "duplicate", a1), QA_EINPUT,
	    "only of a question");
	is_int(mod_close(db, &m, qb, "duplicate", qa), QA_OK, "close");
	is_str(q("SELECT closed || ',' || close_reason || ',' || duplicate_of"
	    " FROM posts WHERE id = 2"), "1,duplicate,1",
	    "closed with reason and duplicate");
	is_int(mod_close(db, &m, qb, NULL, 0), QA_ECONFLICT,
	    "closing twice is a conflict");
	is_int(mod_post(db, &ar, &m, qb, MOD_REOPEN, NULL), QA_OK, "reopen");
	is_str(q("SELECT closed || ',' || coalesce(duplicate_of, 0) "
	    "FROM posts WHERE id = 2"), "0,0", "reopened");
	is_int(mod_move(db, &ar, &m, qa, 3), QA_OK, "move");
	is_str(q("SELECT group_concat(qcount, ',') FROM (SELECT qcount FROM "
	    "categories ORDER BY id)"), "1,0,1", "category counts moved");
	is_int(mod_move(db, &ar, &m, qa, 3), QA_ECONFLICT,
	    "moving where it is is a conflict");
	is_int(mod_move(db, &ar, &m, qa, 99), QA_EINPUT,
	    "no move to a missing category");
	is_int(mod_move(db, &ar, &m, a1, 1), QA_EINPUT, "answers do not move");
	ok(counted(), "counters right after close and move");

	/* Users. */
	is_int(mod_user_block(db, &m, 4, true, "spam"), QA_OK, "block");
	is_int(qi("SELECT blocked FROM users WHERE id = 4"), 1,
	    "blocked");
	is_int(mod_user_block(db, &m, 4, true, NULL), QA_ECONFLICT,
	    "blocking twice is a conflict");
	is_int(mod_user_block(db, &m, 4, false, NULL), QA_OK, "unblock");
	is_int(mod_user_level(db, &m, 3, 3), QA_OK, "level");
	is_int(qi("SELECT level FROM users WHERE id = 3"), 3,
	    "level set");
	is_int(mod_user_level(db, &m, 3, 7), QA_EINPUT, "level 7 refused");
	is_int(mod_user_level(db, &m, 99, 2), QA_ENOTFOUND, "unknown user");
	is_str(q("SELECT detail FROM audit WHERE action = 'level'"),
	    "{\"from\":1,\"to\":3}", "the level's audit detail");

	/* Address blocks. */
	is_int(mod_ip_block(db, &m, "203.0.113.5", NULL, &b4), QA_OK,
	    "block one IPv4 address");
	is_int(mod_ip_block(db, &m, "10.1.2.0/24", "net", &b24), QA_OK,
	    "block an IPv4 /24");
	is_int(mod_ip_block(db, &m, "2001:db8:1:2::/64", NULL, &b64), QA_OK,
	    "block an IPv6 /64");
	is_int(mod_ip_block(db, &m, "10.1.2.0/33", NULL, &id), QA_EINPUT,
	    "an IPv4 prefix over 32 is refused");
	is_int(mod_ip_block(db, &m, "not an address", NULL, &id), QA_EINPUT,
	    "text that is no address is refused");
	ok(mod_ip_blocked(db, "203.0.113.5") &&
	    !mod_ip_blocked(db, "203.0.113.6") &&
	    !mod_ip_blocked(db, "203.0.113.4"), "one address, not its "
	    "neighbours");
	ok(mod_ip_blocked(db, "10.1.2.0") && mod_ip_blocked(db, "10.1.2.255")
	    && !mod_ip_blocked(db, "10.1.3.0") &&
	    !mod_ip_blocked(db, "10.1.1.255"), "the /24 and not past it");
	ok(mod_ip_blocked(db, "2001:db8:1:2::1") &&
	    mod_ip_blocked(db, "2001:db8:1:2:ffff:ffff:ffff:ffff") &&
	    !mod_ip_blocked(db, "2001:db8:1:3::") &&
	    !mod_ip_blocked(db, "2001:db8:1:1:ffff:ffff:ffff:ffff"),
	    "the /64 and not past it");
	ok(mod_ip_blocked(db, "::ffff:10.1.2.9") &&
	    !mod_ip_blocked(db, "garbage"), "IPv4-mapped IPv6 text matches");
	is_int(mod_ip_unblock(db, &m, b24), QA_OK, "unblock the /24");
	ok(!mod_ip_blocked(db, "10.1.2.9"), "no longer blocked");
	is_int(mod_ip_unblock(db, &m, b24), QA_ENOTFOUND,
	    "unblocking twice: not found");
	is_int(audits("ip-block") + audits("ip-unblock"), 4,
	    "address blocks audited");

	/* Deny lists. */
	ok(mod_deny_problem("Buy VIAGRA now", "x@example.org") == NULL,
	    "nothing denied while the lists are empty");
	if (settings_set(db, "deny_words", "viagra, buy now\ncasino") !=
	    QA_OK || settings_set(db, "deny_email_domains",
	    "spam.example,\nbad.test") != QA_OK)
		bail("settings_set");
	ok(mod_deny_problem("Cheap Viagra here!", NULL) != NULL,
	    "a denied word in any case");
	ok(mod_deny_problem("please BUY  NOW", NULL) == NULL &&
	    mod_deny_problem("buy now.", NULL) != NULL,
	    "a denied phrase as written");
	ok(mod_deny_problem("casinos and the casino-like", NULL) != NULL &&
	    mod_deny_problem("occasional casinos", NULL) == NULL,
	    "whole words only");
	ok(mod_deny_problem("hello", "x@spam.example") != NULL &&
	    mod_deny_problem("hello", "x@mail.BAD.test") != NULL,
	    "a denied domain and one below it");
	ok(mod_deny_problem("hello", "x@notspam.example") == NULL &&
	    mod_deny_problem("hello", "x@bad.test.org") == NULL &&
	    mod_deny_problem("hello", NULL) == NULL,
	    "other domains pass");

	/* Votes, then nuke and unnuke. */
	d1 = mk(POST_QUESTION, 0, 5, POST_VISIBLE, "203.0.113.77", 1);
	d2 = mk(POST_ANSWER, qb, 5, POST_VISIBLE, "203.0.113.78", 0);
	d3 = mk(POST_COMMENT, qb, 5, POST_QUEUED, "203.0.113.5", 0);
	ok(vote_cast(db, 2, d1, 1, NOW, NULL, NULL) == QA_OK &&
	    vote_cast(db, 3, d2, -1, NOW, NULL, NULL) == QA_OK &&
	    vote_cast(db, 5, qa, 1, NOW, NULL, NULL) == QA_OK &&
	    vote_cast(db, 4, a1, 1, NOW, NULL, NULL) == QA_OK &&
	    vote_cast(db, 5, c1, 1, NOW, NULL, NULL) == QA_OK, "votes cast");
	is_int(mod_user_ips(db, &ar, 5, &ips, &n), QA_OK, "mod_user_ips");
	ok(n == 3 && strcmp(ips[0], "203.0.113.5") == 0 &&
	    strcmp(ips[2], "203.0.113.78") == 0, "dave's three addresses");
	is_int(db_tx_begin(db), QA_OK, "begin");
	is_int(mod_nuke(db, &ar, &m, 5, "spammer", &aud), QA_OK, "nuke");
	is_int(db_tx_commit(db), QA_OK, "commit");
	ok(status(d1) == POST_HIDDEN && status(d2) == POST_HIDDEN &&
	    status(d3) == POST_HIDDEN, "every post of the user hidden");
	ok(qi("SELECT blocked FROM users WHERE id = 5") == 1 &&
	    mod_ip_blocked(db, "203.0.113.77") &&
	    mod_ip_blocked(db, "203.0.113.78"), "user and addresses blocked");
	is_int(audits("nuke"), 1, "one audit entry for the nuke");
	is_str(q("SELECT json_extract(detail, '$.posts') || "
	    "json_extract(detail, '$.queued') || json_array_length(detail, "
	    "'$.ips') FROM audit WHERE action = 'nuke'"),
	    "[7,8][9]2", "its detail lists the posts and the new blocks");
	ok(counted(), "counters right after the nuke");
	is_int(mod_post(db, &ar, &m, d2, MOD_RESHOW, NULL), QA_OK,
	    "a moderator reshows one post by hand");
	is_int(mod_post(db, &ar, &m, d2, MOD_HIDE, NULL), QA_OK,
	    "and hides it again");
	is_int(mod_unnuke(db, &ar, &m, aud), QA_OK, "unnuke");
	ok(status(d1) == POST_VISIBLE && status(d2) == POST_VISIBLE &&
	    status(d3) == POST_QUEUED, "posts back as they were");
	ok(qi("SELECT blocked FROM users WHERE id = 5") == 0 &&
	    !mod_ip_blocked(db, "203.0.113.77") &&
	    !mod_ip_blocked(db, "203.0.113.78") &&
	    mod_ip_blocked(db, "203.0.113.5"),
	    "user unblocked, its blocks gone, the older block kept");
	is_int(mod_unnuke(db, &ar, &m, aud), QA_ECONFLICT,
	    "undoing twice is a conflict");
	is_int(mod_unnuke(db, &ar, &m, 1), QA_ENOTFOUND,
	    "only a nuke is undone");
	ok(counted(), "counters right after the unnuke");

	/* Purge: a deleted question with answers, comments and votes. */
	c2 = mk(POST_COMMENT, qa, 3, POST_VISIBLE, "198.51.100.8", 0);
	if (db_tx_begin(db) != QA_OK || post_accept(db, qa, a1, NOW) !=
	    QA_OK || db_tx_commit(db) != QA_OK)
		bail("post_accept");
	is_int(mod_close(db, &m, qb, "dup", qa), QA_OK, "close as duplicate");
	is_int(mod_post(db, &ar, &m, qa, MOD_DELETE, NULL), QA_OK,
	    "delete the question");
	is_int(db_tx_begin(db), QA_OK, "begin");
	is_int(mod_post(db, &ar, &m, qa, MOD_PURGE, "gone"), QA_OK, "purge");
	is_int(db_tx_commit(db), QA_OK, "commit");
	is_int(qi("SELECT count(*) FROM posts WHERE id IN (%1$lld, 3, 4, 5) "
	    "OR parent_id = %1$lld", qa) + qi("SELECT count(*) FROM posts "
	    "WHERE id = %lld", c2), 0, "the question and all under it gone");
	is_int(qi("SELECT count(*) FROM votes WHERE post_id IN (%lld, 3, 5)",
	    qa) + qi("SELECT count(*) FROM revisions WHERE post_id = %lld",
	    qa), 0, "with their votes and revisions");
	ok(q("SELECT duplicate_of FROM posts WHERE id = 2")[0] == '\0',
	    "a duplicate of it points nowhere");
	is_int(qi("SELECT sum(delta) FROM points_log WHERE user_id = %lld "
	    "AND post_id IS NULL AND event IN ('vote_up', 'vote_down')", 5LL),
	    0, "the voter's points for votes on it are taken back");
	ok(counted(), "counters right after the purge");

	/* The log. */
	is_int(mod_log(db, &ar, 0, 3, &log, &n), QA_OK, "mod_log");
	ok(n == 3 && strcmp(log[0].action, "purge") == 0 &&
	    strcmp(log[1].action, "delete") == 0 && log[0].actor != NULL &&
	    strcmp(log[0].actor, "mod") == 0 && log[0].id > log[1].id,
	    "newest first, with the actor's handle");
	ok(n > 0 && strstr(log[0].detail, "\"posts\":[") != NULL,
	    "the purge's detail lists what went");

	testdb_close(&t, db);
	arena_free(&ar);
	return done();
}
