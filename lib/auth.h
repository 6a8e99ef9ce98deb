/*
 * auth.h: authentication and authorisation.  Passwords (argon2id hashes
 * in their encoded form, "$argon2id$v=19$m=19456,t=2,p=1$salt$hash"),
 * login sessions, CSRF tokens, what each user level may do, and the
 * random bytes everything secret is made from.
 */
#ifndef AUTH_H
#define AUTH_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "qa.h"

struct db;
struct db_stmts;
struct qa_request;
struct user;

/* OWASP's minimum for argon2id: 19 MiB, two passes, one lane. */
#define AUTH_ARGON2_M		19456	/* memory in KiB */
#define AUTH_ARGON2_T		2	/* passes */
#define AUTH_ARGON2_P		1	/* lanes */

/* Room for any encoded hash auth_password_hash() writes, with its NUL. */
#define AUTH_HASH_MAX		128

enum qa_err	 auth_params_set(uint32_t m_kib, uint32_t t, uint32_t p);
enum qa_err	 auth_random(void *buf, size_t len);
enum qa_err	 auth_password_hash(const char *pw, char *out, size_t outsz);
enum qa_err	 auth_password_verify(const char *pw, const char *encoded);
bool		 auth_password_needs_rehash(const char *encoded);
enum qa_err	 auth_password_dummy(const char *pw);

/* Cookies: the login session, and the CSRF cookie of visitors. */
#define AUTH_COOKIE		"qa_session"
#define AUTH_CSRF_COOKIE	"qa_csrf"
#define AUTH_CSRF_FIELD		"csrf"		/* hidden form field */
#define AUTH_TOKEN_LEN		43		/* base64url of 32 bytes */

/*
 * Session lifetimes, in seconds: a session ends after AUTH_IDLE without a
 * request or AUTH_ABSOLUTE after login, whichever comes first; "remember
 * me" makes the cookie persistent and the idle limit AUTH_ABSOLUTE.
 * last_used is written at most every AUTH_TOUCH seconds.
 */
#define AUTH_IDLE		(2 * 3600)
#define AUTH_ABSOLUTE		(30 * 86400)
#define AUTH_TOUCH		300

enum qa_err	 auth_login(struct qa_request *, int64_t user_id,
		    bool remember);
enum qa_err	 auth_logout(struct qa_request *);
enum qa_err	 auth_logout_all(struct db *, int64_t user_id,
		    int64_t except_session);
enum qa_err	 auth_load(struct qa_request *);
enum qa_err	 auth_sessions_purge(struct db *, int64_t now);

const char	*auth_csrf_token(struct qa_request *);
enum qa_err	 auth_csrf_check(struct qa_request *);

/*
 * What a user may do.  auth_can() is the one place that decides; later
 * issues add point thresholds to the same table.
 */
enum auth_action {
	AUTH_ASK,
	AUTH_ANSWER,
	AUTH_COMMENT,		/* points: priv_comment */
	AUTH_VOTE,		/* AUTH_VOTE_UP, kept for callers */
	AUTH_VOTE_UP,		/* points: priv_vote_up */
	AUTH_VOTE_DOWN,		/* points: priv_vote_down */
	AUTH_FLAG,		/* points: priv_flag */
	AUTH_RETAG,		/* points: priv_retag, or editor+ */
	AUTH_EDIT_OWN,
	AUTH_EDIT_ANY,		/* points: priv_edit, or editor+ */
	AUTH_CLOSE_VOTE,	/* points: priv_close, or moderator+ */
	AUTH_MODERATE,		/* moderator+: hide, close, queue */
	AUTH_ADMIN,		/* admin+: settings, levels */
	AUTH_ACTION__MAX
};

bool		 auth_can(const struct user *, enum auth_action);
struct db_stmts	*auth_statements(void);

/* Helpers shared by the modules that keep tokens. */
void		 auth_token_new(char out[AUTH_TOKEN_LEN + 1],
		    unsigned char raw[32]);
void		 auth_sha256(const void *, size_t, unsigned char out[32]);
void		 auth_token_hash(const char *tok, unsigned char hash[32]);
enum qa_err	 auth_token_hashed(char tok[AUTH_TOKEN_LEN + 1],
		    unsigned char hash[32]);
bool		 auth_token_wellformed(const char *tok);
bool		 auth_equal(const void *, const void *, size_t);

#endif /* !AUTH_H */
