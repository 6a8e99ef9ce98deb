/*
 * auth-t.c: password hashing and verification, tokens, and who may do
 * what (lib/auth.c).
 */
#include <stdbool.h>
#include <string.h>

#include "auth.h"
#include "db.h"
#include "settings.h"
#include "user.h"
#include "tap.h"
#include "testdb.h"

/*
 * Replace the character at offset off of s by another one from the same
 * base64 alphabet, so that the string still parses but says something
 * else.
 */
static void
flip(char *s, size_t off)
{
	s[off] = s[off] == 'A' ? 'B' : 'A';
}

int
main(void)
{
	char		 h1[AUTH_HASH_MAX], h2[AUTH_HASH_MAX];
	char		 t[AUTH_HASH_MAX], small[32];
	unsigned char	 r1[32], r2[32];
	const char	*pw = "correct horse battery staple";
	char		*last;

	plan(45);

	/* Default parameters: OWASP's minimum. */
	ok(auth_password_hash(pw, h1, sizeof(h1)) == QA_OK, "hash ok");
	ok(strncmp(h1, "$argon2id$v=19$m=19456,t=2,p=1$", 31) == 0,
	    "encoded argon2id with m=19456,t=2,p=1");
	ok(auth_password_verify(pw, h1) == QA_OK, "right password verifies");
	is_int(auth_password_verify("correct horse battery stapl", h1),
	    QA_EFORBIDDEN, "wrong password fails");
	is_int(auth_password_verify("", h1), QA_EFORBIDDEN,
	    "empty password fails");
	ok(auth_password_hash(pw, h2, sizeof(h2)) == QA_OK &&
	    strcmp(h1, h2) != 0, "a new salt each time");
	ok(auth_password_verify(pw, h2) == QA_OK, "second hash verifies");

	/* Tampering with the hash, the salt or the parameters. */
	memcpy(t, h1, sizeof(t));
	last = strrchr(t, '$');
	flip(t, (size_t)(last - t) + 5);
	is_int(auth_password_verify(pw, t), QA_EFORBIDDEN,
	    "tampered hash fails");
	memcpy(t, h1, sizeof(t));
	last = strrchr(t, '$');
	flip(t, (size_t)(last - t) - 3);
	is_int(auth_password_verify(pw, t), QA_EFORBIDDEN,
	    "tampered salt fails");
	memcpy(t, h1, sizeof(t));
	t[strlen("$argon2id$v=19$m=19456,t=")] = '3';
	is_int(auth_password_verify(pw, t), QA_EFORBIDDEN,
	    "tampered parameters fail");
	is_int(auth_password_verify(pw, "$argon2id$v=19$garbage"),
	    QA_EFORBIDDEN, "malformed hash fails");
	is_int(auth_password_verify(pw, NULL), QA_EFORBIDDEN,
	    "no stored hash fails");

	/* Rehash when the parameters change. */
	ok(!auth_password_needs_rehash(h1), "fresh hash needs no rehash");
	ok(auth_password_needs_rehash(NULL) &&
	    auth_password_needs_rehash("") &&
	    auth_password_needs_rehash("$argon2i$v=19$m=19456,t=2,p=1$a$b") &&
	    auth_password_needs_rehash("$argon2id$v=16$m=19456,t=2,p=1$a$b") &&
	    auth_password_needs_rehash("$argon2id$v=19$m=019456,t=2,p=1$a$b"),
	    "other algorithms, versions and junk need a rehash");
	ok(auth_params_set(0, 2, 1) == QA_EINPUT &&
	    auth_params_set(19456, 0, 1) == QA_EINPUT &&
	    auth_params_set(19456, 2, 0) == QA_EINPUT,
	    "invalid parameters refused");
	ok(!auth_password_needs_rehash(h1), "refused parameters kept old ones");
	ok(auth_params_set(8192, 3, 1) == QA_OK, "new parameters accepted");
	ok(auth_password_needs_rehash(h1), "old hash needs a rehash");
	ok(auth_password_hash(pw, h2, sizeof(h2)) == QA_OK &&
	    strncmp(h2, "$argon2id$v=19$m=8192,t=3,p=1$", 30) == 0 &&
	    !auth_password_needs_rehash(h2),
	    "new hash uses the new parameters");
	ok(auth_password_verify(pw, h1) == QA_OK &&
	    auth_password_verify(pw, h2) == QA_OK,
	    "old and new hashes both verify");

	/* Buffers and randomness. */
	is_int(auth_password_hash(pw, small, sizeof(small)), QA_EINPUT,
	    "too small a buffer is refused");
	ok(auth_random(r1, sizeof(r1)) == QA_OK &&
	    auth_random(r2, sizeof(r2)) == QA_OK &&
	    memcmp(r1, r2, sizeof(r1)) != 0, "random bytes differ");

	/* Unknown accounts cost a verify and always fail. */
	is_int(auth_password_dummy(pw), QA_EFORBIDDEN, "dummy verify fails");
	is_int(auth_password_dummy("not a password"), QA_EFORBIDDEN,
	    "even with the dummy's own password");

	/* Tokens. */
	{
		char		 t1[AUTH_TOKEN_LEN + 1], t2[AUTH_TOKEN_LEN + 1];
		unsigned char	 raw1[32], raw2[32], h[32];

		auth_token_new(t1, raw1);
		auth_token_new(t2, raw2);
		ok(strlen(t1) == AUTH_TOKEN_LEN && strspn(t1, "ABCDEFGHIJKLMNOP"
		    "QRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_") ==
		    AUTH_TOKEN_LEN, "token is 43 base64url characters");
		ok(strcmp(t1, t2) != 0, "tokens differ");
		auth_sha256("abc", 3, h);
		ok(h[0] == 0xba && h[1] == 0x78 && h[31] == 0xad,
		    "SHA-256 of abc");
		auth_token_hash("abc", h);
		ok(h[0] == 0xba && h[31] == 0xad, "a token's hash is of its "
		    "text");
		is_int(auth_token_hashed(t1, h), QA_OK, "hashed token made");
		auth_sha256(t1, strlen(t1), raw1);
		ok(memcmp(h, raw1, 32) == 0, "its hash is the SHA-256 of the "
		    "text");
		ok(auth_token_wellformed(t1) && auth_token_wellformed(t2),
		    "new tokens are well-formed");
		t2[5] = '+';
		ok(!auth_token_wellformed(t2) && !auth_token_wellformed("abc")
		    && !auth_token_wellformed(NULL),
		    "other alphabet, short, NULL: not well-formed");
	}

	/*
	 * Permissions: the one table, with the points thresholds of a new
	 * site's settings (vote up 15, comment 50, vote down 125, retag
	 * 500, edit 2000, close 3000; a new account has 100).
	 */
	{
		struct testdb	 tdb;
		struct db	*db;
		struct user	 u = { .level = USER_REGISTERED };

		db = testdb_open(&tdb, "auth-t", NULL);
		if (settings_load(db) != QA_OK)
			bail("cannot load the settings");
		ok(auth_can(NULL, AUTH_ASK) && auth_can(NULL, AUTH_ANSWER),
		    "visitors may ask and answer (anonymous posting on)");
		ok(!auth_can(NULL, AUTH_VOTE) && !auth_can(NULL, AUTH_EDIT_OWN),
		    "visitors may not vote or edit");
		ok(!auth_can(&u, AUTH_VOTE_UP) && !auth_can(&u, AUTH_COMMENT) &&
		    auth_can(&u, AUTH_ASK) && auth_can(&u, AUTH_EDIT_OWN),
		    "0 points: ask and edit own, no vote, no comment");
		u.points = 15;
		ok(auth_can(&u, AUTH_VOTE_UP) && auth_can(&u, AUTH_VOTE) &&
		    auth_can(&u, AUTH_FLAG) && !auth_can(&u, AUTH_COMMENT),
		    "15 points: vote up and flag, no comment");
		u.points = 100;
		ok(auth_can(&u, AUTH_VOTE_UP) && auth_can(&u, AUTH_COMMENT) &&
		    !auth_can(&u, AUTH_VOTE_DOWN),
		    "100 points (a new account): vote up, comment, not down");
		ok(!auth_can(&u, AUTH_EDIT_ANY) && !auth_can(&u, AUTH_RETAG) &&
		    !auth_can(&u, AUTH_CLOSE_VOTE),
		    "100 points: no editing others, retagging, closing");
		u.points = 125;
		ok(auth_can(&u, AUTH_VOTE_DOWN), "125 points: vote down");
		u.points = 2000;
		ok(auth_can(&u, AUTH_EDIT_ANY) && auth_can(&u, AUTH_RETAG) &&
		    !auth_can(&u, AUTH_CLOSE_VOTE) &&
		    !auth_can(&u, AUTH_MODERATE),
		    "2000 points: edit and retag, no close vote or moderation");
		u.points = 0;
		u.level = USER_EXPERT;
		ok(auth_can(&u, AUTH_VOTE_DOWN) && auth_can(&u, AUTH_COMMENT) &&
		    !auth_can(&u, AUTH_EDIT_ANY),
		    "experts vote and comment with any points, edit no others");
		u.level = USER_EDITOR;
		ok(auth_can(&u, AUTH_EDIT_ANY) && auth_can(&u, AUTH_RETAG) &&
		    !auth_can(&u, AUTH_CLOSE_VOTE) &&
		    !auth_can(&u, AUTH_MODERATE),
		    "editors edit and retag, do not close or moderate");
		u.level = USER_MODERATOR;
		ok(auth_can(&u, AUTH_MODERATE) &&
		    auth_can(&u, AUTH_CLOSE_VOTE) && !auth_can(&u, AUTH_ADMIN),
		    "moderators moderate, do not administer");
		u.level = USER_SUPER;
		ok(auth_can(&u, AUTH_ADMIN), "super users administer");
		u.blocked = true;
		ok(!auth_can(&u, AUTH_ASK) && !auth_can(&u, AUTH_VOTE_UP),
		    "blocked users post and vote nothing");
		settings_clear();
		testdb_close(&tdb, db);
	}
	return done();
}
