/*
 * user-t: the write side of lib/user against a new database: creating
 * accounts (handles and emails unique in any case), the login lookup by
 * handle or email, single-use expiring tokens, password, email and
 * profile changes, the JSON export, and deleting an account with its
 * posts kept anonymously or emptied.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "arena.h"
#include "db.h"
#include "user.h"
#include "tap.h"

#define NOW	1700000000

/* Posts of two users, an edit of bob's answer by alice, votes, points. */
static const char fixture[] =
	"INSERT INTO posts (id, type, parent_id, question_id, title, slug,"
	" body_md, body_html, tags, user_id, created, activity, edited,"
	" edited_by) VALUES"
	" (10, 1, NULL, 10, 'Alice asks', 'alice-asks', 'q10', '<p>q10</p>',"
	"  'c', %lld, 1, 1, NULL, NULL),"
	" (11, 2, 10, 10, NULL, NULL, 'a11', '<p>a11</p>', '', %lld, 2, 2,"
	"  3, %lld),"
	" (12, 1, NULL, 12, 'Bob asks', 'bob-asks', 'q12', '<p>q12</p>', '',"
	"  %lld, 4, 4, NULL, NULL),"
	" (13, 2, 12, 12, NULL, NULL, 'a13', '<p>a13</p>', '', %lld, 5, 5,"
	"  NULL, NULL);"
	"UPDATE posts SET accepted_id = 13 WHERE id = 12;"
	"INSERT INTO revisions (post_id, rev, user_id, created, title,"
	" body_md) VALUES (10, 1, %lld, 1, 'Alice asks', 'q10'),"
	" (11, 1, %lld, 2, NULL, 'a11'), (11, 2, %lld, 3, NULL, 'a11');"
	"INSERT INTO votes (post_id, user_id, value, created) VALUES"
	" (12, %lld, 1, 6);"
	"INSERT INTO points_log (user_id, post_id, actor_id, event, delta,"
	" created) VALUES (%lld, 12, %lld, 'upvoted', 10, 6);"
	"INSERT INTO tags (id, name, qcount) VALUES (1, 'c', 1);"
	"INSERT INTO post_tags (tag_id, post_id) VALUES (1, 10);"
	"INSERT INTO posts_fts (rowid, title, body, tags) VALUES"
	" (10, 'Alice asks', 'q10', 'c'), (12, 'Bob asks', 'q12', '');";

/* One integer from a query, or -1. */
static long long
one(struct db *db, const char *sql)
{
	sqlite3_stmt	*st;
	long long	 v = -1;

	if (sqlite3_prepare_v2(db_handle(db), sql, -1, &st, NULL) !=
	    SQLITE_OK) {
		diag("%s: %s", sql, sqlite3_errmsg(db_handle(db)));
		return -1;
	}
	if (sqlite3_step(st) == SQLITE_ROW)
		v = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return v;
}

/* One text from a query, copied into a static buffer, or "". */
static const char *
text(struct db *db, const char *sql)
{
	static char	 buf[256];
	sqlite3_stmt	*st;
	const unsigned char *s;

	buf[0] = '\0';
	if (sqlite3_prepare_v2(db_handle(db), sql, -1, &st, NULL) !=
	    SQLITE_OK)
		return buf;
	if (sqlite3_step(st) == SQLITE_ROW &&
	    (s = sqlite3_column_text(st, 0)) != NULL)
		snprintf(buf, sizeof(buf), "%s", s);
	sqlite3_finalize(st);
	return buf;
}

int
main(void)
{
	char		 dir[] = "/tmp/user-t.XXXXXX", path[256], cmd[300];
	char		 sql[2048];
	char		 tok[AUTH_TOKEN_LEN + 1], tok2[AUTH_TOKEN_LEN + 1];
	struct arena	 a;
	struct db	*db;
	struct user	 u;
	int64_t		 alice, bob, carol, id;
	char		*hash, *json;

	plan(62);
	arena_init(&a);
	if (mkdtemp(dir) == NULL)
		bail("mkdtemp");
	snprintf(path, sizeof(path), "%s/qa.db", dir);
	if (db_open(path, DB_CREATE, &db) != QA_OK ||
	    db_init_schema(db) != QA_OK)
		bail("cannot create database");

	/* Creating accounts. */
	is_int(user_create(db, "alice", "Alice@Example.org", "Alice A.",
	    "$argon2id$alice", NOW, &alice), QA_OK, "create alice");
	ok(alice > 0, "alice has an id");
	is_int(user_create(db, "ALICE", "other@example.org", NULL,
	    "$argon2id$x", NOW, &id), QA_ECONFLICT,
	    "the same handle in another case conflicts");
	is_int(id, 0, "no id for a conflict");
	is_int(user_create(db, "bob", "alice@EXAMPLE.ORG", NULL,
	    "$argon2id$x", NOW, &id), QA_ECONFLICT,
	    "the same email in another case conflicts");
	is_int(user_create(db, "bob", "bob@example.org", "", "$argon2id$bob",
	    NOW, &bob), QA_OK, "create bob");
	is_int(user_create(db, "carol", NULL, NULL, "$argon2id$carol", NOW,
	    &carol), QA_OK, "create carol without email");
	is_int(one(db, "SELECT level FROM users WHERE handle = 'bob'"), 1,
	    "a new account is registered (level 1)");

	/* Reading back. */
	is_int(user_find_by_id(db, &a, alice, &u), QA_OK, "find alice by id");
	is_str(u.email, "Alice@Example.org", "email as given");
	ok(!u.email_confirmed, "email not confirmed");
	ok(u.notify, "notify on by default");
	is_str(u.display_name, "Alice A.", "display name");
	is_int(user_find_by_id(db, &a, bob, &u), QA_OK, "find bob by id");
	ok(u.display_name == NULL, "empty display name reads as none");
	is_int(user_find_by_id(db, &a, carol, &u), QA_OK, "find carol");
	ok(u.email == NULL, "no email reads as NULL");

	/* The login lookup. */
	is_int(user_find_login(db, &a, "Alice", &id, &hash), QA_OK,
	    "login by handle, other case");
	ok(id == alice && hash != NULL && strcmp(hash, "$argon2id$alice") ==
	    0, "handle gives alice's id and hash");
	is_int(user_find_login(db, &a, "ALICE@example.org", &id, &hash),
	    QA_OK, "login by email, other case");
	is_int(id, alice, "email gives alice");
	is_int(user_find_login(db, &a, "nobody", &id, &hash), QA_ENOTFOUND,
	    "unknown login");
	sqlite3_exec(db_handle(db), "INSERT INTO users (handle, created) "
	    "VALUES ('demo', 1)", NULL, NULL, NULL);
	is_int(user_find_login(db, &a, "demo", &id, &hash), QA_OK,
	    "an account without a password is found");
	ok(hash == NULL, "... with a NULL hash");
	is_int(user_pwhash(db, &a, bob, &hash), QA_OK, "user_pwhash");
	is_str(hash, "$argon2id$bob", "bob's hash");

	/* Tokens: single use, expiring, of one kind. */
	is_int(user_token_create(db, alice, USER_TOKEN_RESET, 3600, NOW, tok),
	    QA_OK, "reset token made");
	is_int(strlen(tok), AUTH_TOKEN_LEN, "token has AUTH_TOKEN_LEN chars");
	snprintf(sql, sizeof(sql), "SELECT count(*) FROM user_tokens WHERE "
	    "token_hash = CAST('%s' AS BLOB) OR length(token_hash) <> 32",
	    tok);
	is_int(one(db, sql), 0, "only a 32-byte hash is stored");
	is_int(user_token_find(db, tok, USER_TOKEN_CONFIRM, NOW, &id),
	    QA_ENOTFOUND, "a reset token is no confirm token");
	is_int(user_token_find(db, tok, USER_TOKEN_RESET, NOW + 10, &id),
	    QA_OK, "find leaves it live");
	is_int(id, alice, "... for alice");
	is_int(user_token_use(db, tok, USER_TOKEN_RESET, NOW + 10, &id),
	    QA_OK, "use it");
	is_int(id, alice, "... for alice");
	is_int(user_token_use(db, tok, USER_TOKEN_RESET, NOW + 11, &id),
	    QA_ENOTFOUND, "a second use fails");
	is_int(user_token_create(db, alice, USER_TOKEN_RESET, 3600, NOW, tok),
	    QA_OK, "another reset token");
	is_int(user_token_use(db, tok, USER_TOKEN_RESET, NOW + 3600, &id),
	    QA_ENOTFOUND, "expired at created + ttl");
	tok[5] = tok[5] == 'A' ? 'B' : 'A';
	is_int(user_token_use(db, tok, USER_TOKEN_RESET, NOW, &id),
	    QA_ENOTFOUND, "a changed token fails");
	is_int(user_token_use(db, "short", USER_TOKEN_RESET, NOW, &id),
	    QA_ENOTFOUND, "a malformed token fails");
	is_int(user_token_use(db, NULL, USER_TOKEN_RESET, NOW, &id),
	    QA_ENOTFOUND, "no token fails");

	/* A password change ends pending resets; an email change all. */
	user_token_create(db, alice, USER_TOKEN_RESET, 3600, NOW, tok);
	user_token_create(db, alice, USER_TOKEN_CONFIRM, 3600, NOW, tok2);
	is_int(user_set_password(db, alice, "$argon2id$new"), QA_OK,
	    "set password");
	is_int(user_pwhash(db, &a, alice, &hash) == QA_OK &&
	    strcmp(hash, "$argon2id$new") == 0, 1, "new hash stored");
	is_int(user_token_use(db, tok, USER_TOKEN_RESET, NOW, &id),
	    QA_ENOTFOUND, "reset token dead after a password change");
	is_int(user_set_email(db, alice, "BOB@example.org", true),
	    QA_ECONFLICT, "another account's email conflicts");
	is_int(user_set_email(db, alice, "alice@new.example", true), QA_OK,
	    "set email");
	is_int(user_token_use(db, tok2, USER_TOKEN_CONFIRM, NOW, &id),
	    QA_ENOTFOUND, "confirm token dead after an email change");
	user_find_by_id(db, &a, alice, &u);
	ok(u.email != NULL && strcmp(u.email, "alice@new.example") == 0 &&
	    u.email_confirmed, "new email, confirmed as asked");
	is_int(user_set_profile(db, alice, "Alice B.", false), QA_OK,
	    "set profile");
	user_find_by_id(db, &a, alice, &u);
	ok(u.display_name != NULL && strcmp(u.display_name, "Alice B.") ==
	    0 && !u.notify, "profile stored");

	/* Posts, the export, and deleting. */
	snprintf(sql, sizeof(sql), fixture, (long long)alice,
	    (long long)bob, (long long)alice, (long long)bob, (long long)bob,
	    (long long)alice, (long long)bob, (long long)alice,
	    (long long)alice, (long long)bob, (long long)alice);
	if (sqlite3_exec(db_handle(db), sql, NULL, NULL, NULL) != SQLITE_OK)
		bail(sqlite3_errmsg(db_handle(db)));
	is_int(user_export_json(db, &a, alice, &json), QA_OK, "export");
	ok(json != NULL && strstr(json, "\"handle\":\"alice\"") != NULL &&
	    strstr(json, "argon2") == NULL && strstr(json, "pwhash") == NULL,
	    "export has the handle and no password hash");
	ok(json != NULL && strstr(json, "\"body_md\":\"q10\"") != NULL &&
	    strstr(json, "\"votes\":[{\"post_id\":12") != NULL,
	    "export has posts and votes");

	is_int(user_delete(db, bob, false), QA_OK, "delete bob, keep posts");
	is_str(text(db, "SELECT body_md || '/' || coalesce(user_id, 'null') "
	    "FROM posts WHERE id = 12"), "q12/null",
	    "bob's question kept without author");
	is_int(one(db, "SELECT count(*) FROM revisions WHERE post_id = 11 AND "
	    "user_id IS NULL"), 1, "bob's revision kept without author");

	is_int(user_delete(db, alice, true), QA_OK, "delete alice and posts");
	is_str(text(db, "SELECT status || '/' || title || '/' || body_md || "
	    "body_html || '/' || coalesce(user_id, 'null') FROM posts "
	    "WHERE id = 10"), "3/[deleted]//null",
	    "alice's question emptied, marked deleted");
	is_int(one(db, "SELECT count(*) FROM revisions WHERE post_id = 10"),
	    0, "its revisions are gone");
	is_int(one(db, "SELECT count(*) FROM posts WHERE edited_by IS NOT "
	    "NULL OR user_id IS NOT NULL"), 0,
	    "no post names a deleted user");
	is_int(one(db, "SELECT count(*) FROM posts_fts WHERE rowid = 10"), 0,
	    "the deleted question is out of search");
	is_int(one(db, "SELECT count(*) FROM users WHERE id IN (1, 2) OR "
	    "handle IN ('alice', 'bob')"), 0, "both users are gone");
	is_int(user_delete(db, alice, true), QA_ENOTFOUND,
	    "deleting twice: not found");

	db_close(db);
	arena_free(&a);
	snprintf(cmd, sizeof(cmd), "rm -rf %s", dir);
	if (system(cmd) != 0)
		diag("cleanup failed");
	return done();
}
