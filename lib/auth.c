/*
 * auth.c: password hashing with argon2id, login sessions, CSRF tokens,
 * what each level may do, and random bytes.
 *
 * Hashes are stored in argon2's encoded form, which carries its own
 * parameters and salt, so the parameters can be raised at any time:
 * auth_password_needs_rehash() tells a login handler that a user's hash
 * was made with other parameters and should be replaced.
 */
#include <errno.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>

#include <argon2.h>
#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>

#include "auth.h"
#include "db.h"
#include "http.h"
#include "serve.h"
#include "settings.h"
#include "user.h"

#define SALT_LEN	16	/* bytes of salt in every new hash */
#define HASH_LEN	32	/* bytes of argon2id output */

/* The parameters new hashes are made with; see auth_params_set(). */
static uint32_t	 param_m = AUTH_ARGON2_M;
static uint32_t	 param_t = AUTH_ARGON2_T;
static uint32_t	 param_p = AUTH_ARGON2_P;

/*
 * Set the argon2id parameters used by auth_password_hash() and expected by
 * auth_password_needs_rehash(): memory m_kib in KiB, t passes, p lanes.
 * Returns QA_EINPUT, leaving the parameters as they were, unless
 * 1 <= t, 1 <= p <= 255 and 8 * p <= m_kib <= 4 GiB in KiB (argon2's own
 * limits, narrowed to what a web server can afford).  QA_OK otherwise.
 */
enum qa_err
auth_params_set(uint32_t m_kib, uint32_t t, uint32_t p)
{
	if (t < 1 || p < 1 || p > 255 || m_kib < 8 * p ||
	    m_kib > 4U * 1024 * 1024) {
		fprintf(stderr, "auth: auth_params_set: invalid argon2id "
		    "parameters m=%lu t=%lu p=%lu\n", (unsigned long)m_kib,
		    (unsigned long)t, (unsigned long)p);
		return QA_EINPUT;
	}
	param_m = m_kib;
	param_t = t;
	param_p = p;
	return QA_OK;
}

/*
 * Fill buf with len bytes from the kernel's random source (getrandom(2),
 * blocking until it is seeded, retried on EINTR and short reads).
 * Returns QA_OK, or QA_ESYS (logged) if the kernel refuses.
 */
enum qa_err
auth_random(void *buf, size_t len)
{
	unsigned char	*p = buf;
	ssize_t		 n;

	while (len > 0) {
		n = getrandom(p, len, 0);
		if (n < 0) {
			if (errno == EINTR)
				continue;
			fprintf(stderr, "auth: getrandom: %s\n",
			    strerror(errno));
			return QA_ESYS;
		}
		p += n;
		len -= (size_t)n;
	}
	return QA_OK;
}

/*
 * Hash password pw (a NUL-terminated string, possibly empty) with argon2id
 * under the current parameters and a new 16-byte random salt, and write the
 * encoded hash with its NUL into out, which holds outsz bytes
 * (AUTH_HASH_MAX is always enough).  Returns QA_OK; QA_EINPUT if out is too
 * small; QA_ESYS if randomness or argon2 (e.g. out of memory) fails.  All
 * failures are logged; the password never is.
 */
enum qa_err
auth_password_hash(const char *pw, char *out, size_t outsz)
{
	unsigned char	 salt[SALT_LEN];
	size_t		 need;
	enum qa_err	 er;
	int		 rc;

	need = argon2_encodedlen(param_t, param_m, param_p, SALT_LEN,
	    HASH_LEN, Argon2_id);
	if (outsz < need) {
		fprintf(stderr, "auth: auth_password_hash: buffer of %zu "
		    "bytes, need %zu\n", outsz, need);
		return QA_EINPUT;
	}
	if ((er = auth_random(salt, sizeof(salt))) != QA_OK)
		return er;
	rc = argon2id_hash_encoded(param_t, param_m, param_p, pw, strlen(pw),
	    salt, sizeof(salt), HASH_LEN, out, outsz);
	explicit_bzero(salt, sizeof(salt));
	if (rc != ARGON2_OK) {
		fprintf(stderr, "auth: argon2id_hash_encoded: %s\n",
		    argon2_error_message(rc));
		return QA_ESYS;
	}
	return QA_OK;
}

/*
 * Check password pw against an encoded argon2id hash.  The comparison of
 * the derived hash is constant-time (libargon2 does it).  Returns QA_OK if
 * the password matches; QA_EFORBIDDEN if it does not, if encoded is NULL
 * (an account without a password) or if encoded is not a valid argon2id
 * hash (logged, since a stored hash should always be valid); QA_ESYS if
 * argon2 could not run (out of memory), logged.
 */
enum qa_err
auth_password_verify(const char *pw, const char *encoded)
{
	int	 rc;

	if (encoded == NULL)
		return QA_EFORBIDDEN;
	rc = argon2id_verify(encoded, pw, strlen(pw));
	switch (rc) {
	case ARGON2_OK:
		return QA_OK;
	case ARGON2_VERIFY_MISMATCH:
		return QA_EFORBIDDEN;
	case ARGON2_MEMORY_ALLOCATION_ERROR:
	case ARGON2_THREAD_FAIL:
		fprintf(stderr, "auth: argon2id_verify: %s\n",
		    argon2_error_message(rc));
		return QA_ESYS;
	default:
		fprintf(stderr, "auth: argon2id_verify: stored hash "
		    "rejected: %s\n", argon2_error_message(rc));
		return QA_EFORBIDDEN;
	}
}

/*
 * Read an unsigned decimal number of at most 10 digits at *sp that fits
 * in 32 bits, store it in *out and advance *sp past it.  Returns false if
 * there is no digit, a leading zero, or overflow.
 */
static bool
parse_u32(const char **sp, uint32_t *out)
{
	const char	*s = *sp;
	uint64_t	 v = 0;
	size_t		 n = 0;

	if (s[0] == '0' && s[1] >= '0' && s[1] <= '9')
		return false;
	while (s[n] >= '0' && s[n] <= '9') {
		v = v * 10 + (uint64_t)(s[n] - '0');
		if (++n > 10 || v > UINT32_MAX)
			return false;
	}
	if (n == 0)
		return false;
	*out = (uint32_t)v;
	*sp = s + n;
	return true;
}

/*
 * Whether the encoded hash should be replaced by a new one: true unless it
 * is an argon2id hash of the current version (v=19) made with exactly the
 * current m, t and p.  NULL or unparseable text also answers true.  Only
 * the "$argon2id$v=19$m=M,t=T,p=P$" prefix is read.
 */
bool
auth_password_needs_rehash(const char *encoded)
{
	static const char	 prefix[] = "$argon2id$v=";
	const char		*s = encoded;
	uint32_t		 v, m, t, p;

	if (s == NULL || strncmp(s, prefix, sizeof(prefix) - 1) != 0)
		return true;
	s += sizeof(prefix) - 1;
	if (!parse_u32(&s, &v) || v != ARGON2_VERSION_NUMBER)
		return true;
	if (strncmp(s, "$m=", 3) != 0)
		return true;
	s += 3;
	if (!parse_u32(&s, &m) || strncmp(s, ",t=", 3) != 0)
		return true;
	s += 3;
	if (!parse_u32(&s, &t) || strncmp(s, ",p=", 3) != 0)
		return true;
	s += 3;
	if (!parse_u32(&s, &p) || *s != '$')
		return true;
	return m != param_m || t != param_t || p != param_p;
}

/*
 * Verify pw against a fixed hash made with the current parameters, and
 * answer QA_EFORBIDDEN: a login for an unknown account takes as long as
 * one for a known account with a wrong password, so timing tells nothing.
 */
enum qa_err
auth_password_dummy(const char *pw)
{
	static char	 dummy[AUTH_HASH_MAX];
	static uint32_t	 dm, dt, dp;
	enum qa_err	 er;

	if (dummy[0] == '\0' || dm != param_m || dt != param_t ||
	    dp != param_p) {
		if ((er = auth_password_hash("not a password", dummy,
		    sizeof(dummy))) != QA_OK)
			return er;
		dm = param_m;
		dt = param_t;
		dp = param_p;
	}
	(void)auth_password_verify(pw, dummy);
	return QA_EFORBIDDEN;
}

/* --- tokens ------------------------------------------------------------- */

static const char b64url[] =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

/* Encode 32 bytes as 43 characters of unpadded base64url, NUL-ended. */
static void
b64_encode32(const unsigned char in[32], char out[AUTH_TOKEN_LEN + 1])
{
	size_t		 i, o = 0;
	uint32_t	 v;

	for (i = 0; i + 3 <= 30; i += 3) {
		v = (uint32_t)in[i] << 16 | (uint32_t)in[i + 1] << 8 | in[i + 2];
		out[o++] = b64url[v >> 18 & 63];
		out[o++] = b64url[v >> 12 & 63];
		out[o++] = b64url[v >> 6 & 63];
		out[o++] = b64url[v & 63];
	}
	v = (uint32_t)in[30] << 16 | (uint32_t)in[31] << 8;
	out[o++] = b64url[v >> 18 & 63];
	out[o++] = b64url[v >> 12 & 63];
	out[o++] = b64url[v >> 6 & 63];
	out[o] = '\0';
}

/*
 * Decode a 43-character base64url token into 32 bytes.  Returns false if
 * s is not exactly such a token (wrong length, other characters, or
 * non-zero padding bits), so every token has one spelling.
 */
static bool
b64_decode32(const char *s, unsigned char out[32])
{
	const char	*p;
	uint32_t	 v = 0;
	size_t		 i, o = 0;
	int		 bits = 0;

	if (s == NULL || strlen(s) != AUTH_TOKEN_LEN)
		return false;
	for (i = 0; i < AUTH_TOKEN_LEN; i++) {
		if (s[i] == '\0' || (p = strchr(b64url, s[i])) == NULL)
			return false;
		v = v << 6 | (uint32_t)(p - b64url);
		bits += 6;
		if (bits >= 8) {
			bits -= 8;
			if (o < 32)
				out[o++] = (unsigned char)(v >> bits);
			v &= (1U << bits) - 1;
		}
	}
	return o == 32 && v == 0;
}

/*
 * A new random token: 32 bytes from getrandom() into raw, and their
 * base64url spelling into out.  If the kernel fails (logged), out is the
 * empty string and raw is zero, which no lookup ever matches.
 */
void
auth_token_new(char out[AUTH_TOKEN_LEN + 1], unsigned char raw[32])
{
	if (auth_random(raw, 32) != QA_OK) {
		memset(raw, 0, 32);
		out[0] = '\0';
		return;
	}
	b64_encode32(raw, out);
}

/* SHA-256 of len bytes of p. */
void
auth_sha256(const void *p, size_t len, unsigned char out[32])
{
	unsigned int	 n = 32;

	if (EVP_Digest(p, len, out, &n, EVP_sha256(), NULL) != 1)
		memset(out, 0, 32);
}

/*
 * The stored form of a token that comes back as text in a link or a form
 * (manage keys, reset and confirmation links): the SHA-256 of the text
 * of tok into hash.  The text is what comes back, so no decoding is
 * needed to look it up, and the database never holds anything a link
 * could be made from.
 */
void
auth_token_hash(const char *tok, unsigned char hash[32])
{
	auth_sha256(tok, strlen(tok), hash);
}

/*
 * A new token of that kind: auth_token_new() into tok (its random bytes
 * are wiped) and auth_token_hash() of it into hash, for the caller to
 * store while it hands out the text.  Returns QA_OK, or QA_ESYS if the
 * kernel gave no random bytes (tok is then "" and hash is zero).
 */
enum qa_err
auth_token_hashed(char tok[AUTH_TOKEN_LEN + 1], unsigned char hash[32])
{
	unsigned char	 raw[32];

	auth_token_new(tok, raw);
	explicit_bzero(raw, sizeof(raw));
	if (tok[0] == '\0') {
		memset(hash, 0, 32);
		return QA_ESYS;
	}
	auth_token_hash(tok, hash);
	return QA_OK;
}

/*
 * Whether tok has the shape of auth_token_new()'s output: exactly
 * AUTH_TOKEN_LEN characters of the base64url alphabet.  Others cannot
 * match a stored token and are not worth a query.
 */
bool
auth_token_wellformed(const char *tok)
{
	return tok != NULL && strlen(tok) == AUTH_TOKEN_LEN &&
	    strspn(tok, b64url) == AUTH_TOKEN_LEN;
}

/* Constant-time comparison of two byte strings of length n. */
bool
auth_equal(const void *a, const void *b, size_t n)
{
	return CRYPTO_memcmp(a, b, n) == 0;
}

/* --- sessions ----------------------------------------------------------- */

enum auth_stmt {
	AUTH_STMT_SESSION_GET,		/* by token hash */
	AUTH_STMT_SESSION_TOUCH,	/* last_used */
	AUTH_STMT_SESSION_INSERT,
	AUTH_STMT_SESSION_DELETE,	/* one, by id */
	AUTH_STMT_SESSION_DELETE_USER,	/* all of a user's but one */
	AUTH_STMT_SESSION_PURGE,	/* expired ones */
	AUTH_STMT__MAX
};

static const char *const auth_sql[AUTH_STMT__MAX] = {
	/* SESSION_GET */
	"SELECT id, user_id, csrf, last_used, expires, idle FROM sessions"
	" WHERE token_hash = ?1",
	/* SESSION_TOUCH */
	"UPDATE sessions SET last_used = ?2 WHERE id = ?1",
	/* SESSION_INSERT */
	"INSERT INTO sessions (token_hash, user_id, csrf, created, last_used,"
	" expires, ip, user_agent, idle)"
	" VALUES (?1, ?2, ?3, ?4, ?4, ?5, ?6, substr(?7, 1, 200), ?8)",
	/* SESSION_DELETE */
	"DELETE FROM sessions WHERE id = ?1",
	/* SESSION_DELETE_USER */
	"DELETE FROM sessions WHERE user_id = ?1 AND id <> ?2",
	/* SESSION_PURGE */
	"DELETE FROM sessions WHERE expires < ?1",
};

static sqlite3_stmt	*auth_cache[AUTH_STMT__MAX];
static struct db_stmts	 auth_stmts =
    { auth_sql, AUTH_STMT__MAX, auth_cache, NULL, NULL };

/* The statement table, for tests that prepare every statement. */
struct db_stmts *
auth_statements(void)
{
	return &auth_stmts;
}

/* Add a Set-Cookie header with the attributes every cookie of ours has. */
static void
set_cookie(struct qa_request *req, const char *name, const char *value,
    int64_t max_age)
{
	char	 s[256];

	if (max_age >= 0)
		snprintf(s, sizeof(s), "%s=%s; Path=/; Max-Age=%lld; HttpOnly;"
		    " SameSite=Lax%s", name, value, (long long)max_age,
		    req->https ? "; Secure" : "");
	else
		snprintf(s, sizeof(s), "%s=%s; Path=/; HttpOnly; SameSite=Lax%s",
		    name, value, req->https ? "; Secure" : "");
	http_header(req, "Set-Cookie", s);
}

/*
 * Start a login session for user_id: a new random token (only its SHA-256
 * is stored), a new CSRF secret, the cookie (persistent for AUTH_ABSOLUTE
 * when remember, else for the browser's session), and req->user.  Any
 * session the request came with is ended first, so every login gets a new
 * token.  Expired sessions are purged on the way.  Must run on a write
 * route.  Returns QA_OK or a database error.
 */
enum qa_err
auth_login(struct qa_request *req, int64_t user_id, bool remember)
{
	struct db	*db = serve.db;
	sqlite3_stmt	*st;
	unsigned char	 raw[32], hash[32], csrf[32];
	char		 tok[AUTH_TOKEN_LEN + 1];
	struct user	*u;
	enum qa_err	 er;

	if (req->session_id != 0 && (er = auth_logout(req)) != QA_OK)
		return er;
	(void)auth_sessions_purge(db, req->now);
	auth_token_new(tok, raw);
	if (tok[0] == '\0' || auth_random(csrf, sizeof(csrf)) != QA_OK)
		return QA_ESYS;
	auth_sha256(raw, sizeof(raw), hash);
	explicit_bzero(raw, sizeof(raw));
	if ((st = db_stmt(db, &auth_stmts, AUTH_STMT_SESSION_INSERT)) == NULL)
		return QA_ESYS;
	sqlite3_bind_blob(st, 1, hash, sizeof(hash), SQLITE_TRANSIENT);
	sqlite3_bind_int64(st, 2, user_id);
	sqlite3_bind_blob(st, 3, csrf, sizeof(csrf), SQLITE_TRANSIENT);
	sqlite3_bind_int64(st, 4, req->now);
	sqlite3_bind_int64(st, 5, req->now + AUTH_ABSOLUTE);
	db_bind_text(st, 6, req->remote_addr);
	db_bind_text(st, 7, req->user_agent);
	sqlite3_bind_int64(st, 8, remember ? AUTH_ABSOLUTE : AUTH_IDLE);
	if ((er = db_run(db, st, "auth_login")) != QA_OK)
		return er;
	req->session_id = sqlite3_last_insert_rowid(db_handle(db));
	memcpy(req->session_csrf, csrf, sizeof(csrf));
	req->csrf = NULL;
	set_cookie(req, AUTH_COOKIE, tok, remember ? AUTH_ABSOLUTE : -1);
	explicit_bzero(tok, sizeof(tok));
	if ((u = arena_calloc(&req->arena, 1, sizeof(*u))) != NULL &&
	    user_find_by_id(db, &req->arena, user_id, u) == QA_OK)
		req->user = u;
	return QA_OK;
}

/*
 * End the request's session: delete its row and expire the cookie.  A
 * request without a session just gets the cookie expired.
 */
enum qa_err
auth_logout(struct qa_request *req)
{
	struct db	*db = serve.db;
	sqlite3_stmt	*st;
	enum qa_err	 er = QA_OK;

	if (req->session_id != 0) {
		if ((st = db_stmt(db, &auth_stmts, AUTH_STMT_SESSION_DELETE))
		    == NULL)
			return QA_ESYS;
		sqlite3_bind_int64(st, 1, req->session_id);
		if ((er = db_run(db, st, "auth_logout")) != QA_OK)
			return er;
	}
	set_cookie(req, AUTH_COOKIE, "", 0);
	req->session_id = 0;
	req->user = NULL;
	req->csrf = NULL;
	return er;
}

/* Delete every session of user_id except except_session (0: all). */
enum qa_err
auth_logout_all(struct db *db, int64_t user_id, int64_t except_session)
{
	sqlite3_stmt	*st;

	if ((st = db_stmt(db, &auth_stmts, AUTH_STMT_SESSION_DELETE_USER))
	    == NULL)
		return QA_ESYS;
	sqlite3_bind_int64(st, 1, user_id);
	sqlite3_bind_int64(st, 2, except_session);
	return db_run(db, st, "auth_logout_all");
}

/* Delete sessions past their absolute expiry. */
enum qa_err
auth_sessions_purge(struct db *db, int64_t now)
{
	sqlite3_stmt	*st;

	if ((st = db_stmt(db, &auth_stmts, AUTH_STMT_SESSION_PURGE)) == NULL)
		return QA_ESYS;
	sqlite3_bind_int64(st, 1, now);
	return db_run(db, st, "auth_sessions_purge");
}

/*
 * Find the request's session from its cookie and set req->user,
 * req->session_id and req->session_csrf.  No cookie, a malformed one, an
 * unknown token, or a session past its idle or absolute expiry leaves the
 * request anonymous (QA_OK); an expired session's row is deleted.  The
 * session's last_used is written at most every AUTH_TOUCH seconds, even
 * on read-only routes.  A database error is returned (the request is
 * then answered with an error page).
 */
enum qa_err
auth_load(struct qa_request *req)
{
	struct db	*db = serve.db;
	sqlite3_stmt	*st;
	unsigned char	 raw[32], hash[32];
	const void	*csrf;
	int64_t		 id, uid, last, expires, idle;
	struct user	*u;
	enum qa_err	 er;
	int		 rc;

	if (!b64_decode32(http_cookie(req, AUTH_COOKIE), raw))
		return QA_OK;
	auth_sha256(raw, sizeof(raw), hash);
	if ((st = db_stmt(db, &auth_stmts, AUTH_STMT_SESSION_GET)) == NULL)
		return QA_ESYS;
	sqlite3_bind_blob(st, 1, hash, sizeof(hash), SQLITE_STATIC);
	if ((rc = sqlite3_step(st)) != SQLITE_ROW) {
		db_done(st);
		return rc == SQLITE_DONE ? QA_OK : db_err(db, rc, "auth_load");
	}
	id = sqlite3_column_int64(st, 0);
	uid = sqlite3_column_int64(st, 1);
	csrf = sqlite3_column_blob(st, 2);
	if (csrf == NULL || sqlite3_column_bytes(st, 2) != 32) {
		db_done(st);
		return QA_OK;
	}
	memcpy(req->session_csrf, csrf, 32);
	last = sqlite3_column_int64(st, 3);
	expires = sqlite3_column_int64(st, 4);
	idle = sqlite3_column_int64(st, 5);
	db_done(st);

	req->session_id = id;
	if (req->now >= expires || req->now - last >= idle) {
		db_query_only(db, false);
		er = auth_logout(req);
		return er;
	}
	if (req->now - last >= AUTH_TOUCH) {
		db_query_only(db, false);
		if ((st = db_stmt(db, &auth_stmts, AUTH_STMT_SESSION_TOUCH))
		    == NULL)
			er = QA_ESYS;
		else {
			sqlite3_bind_int64(st, 1, id);
			sqlite3_bind_int64(st, 2, req->now);
			er = db_run(db, st, "auth_load");
		}
		/* A busy database must not log anyone out: go on. */
		if (er != QA_OK && er != QA_EBUSY)
			return er;
	}
	if ((u = arena_calloc(&req->arena, 1, sizeof(*u))) == NULL)
		return QA_ESYS;
	if ((er = user_find_by_id(db, &req->arena, uid, u)) != QA_OK) {
		req->session_id = 0;
		return er == QA_ENOTFOUND ? QA_OK : er;
	}
	req->user = u;
	return QA_OK;
}

/* --- CSRF --------------------------------------------------------------- */

/*
 * The site secret that signs CSRF tokens: the csrf_secret setting (made
 * when the database is created).  Without it (a broken database) a
 * per-process random secret is used, which still fails closed.
 */
static const unsigned char *
csrf_secret(size_t *len)
{
	static unsigned char	 fallback[32];
	static bool		 have;
	const char		*s;

	if ((s = settings_get("csrf_secret", NULL)) != NULL &&
	    strlen(s) >= 32) {
		*len = strlen(s);
		return (const unsigned char *)s;
	}
	if (!have && auth_random(fallback, sizeof(fallback)) == QA_OK)
		have = true;
	*len = sizeof(fallback);
	return fallback;
}

/*
 * The token for binding: HMAC-SHA256(secret, kind || binding), spelled in
 * base64url.  kind 's' binds to a session's CSRF secret, 'a' to a
 * visitor's CSRF cookie.
 */
static void
csrf_make(char kind, const unsigned char binding[32],
    char out[AUTH_TOKEN_LEN + 1])
{
	const unsigned char	*key;
	unsigned char		 msg[33], mac[EVP_MAX_MD_SIZE];
	unsigned int		 maclen = 0;
	size_t			 keylen;

	key = csrf_secret(&keylen);
	msg[0] = (unsigned char)kind;
	memcpy(msg + 1, binding, 32);
	if (HMAC(EVP_sha256(), key, (int)keylen, msg, sizeof(msg), mac,
	    &maclen) == NULL || maclen < 32) {
		out[0] = '\0';
		return;
	}
	b64_encode32(mac, out);
}

/*
 * The CSRF token that forms on this page must carry.  Signed in: bound to
 * the session.  Otherwise bound to the visitor's qa_csrf cookie, which is
 * made (and sent) here if the request has no valid one, so pages without
 * forms set no cookie.  On a shared page (req->shared: one that every
 * visitor gets, see serve.c) a visitor's forms carry no token: "".
 * Returns arena memory, or NULL if out of memory or randomness.
 */
const char *
auth_csrf_token(struct qa_request *req)
{
	unsigned char	 raw[32];
	char		 cookie[AUTH_TOKEN_LEN + 1], *tok;

	if (req->csrf != NULL)
		return req->csrf;
	if (req->shared && req->session_id == 0)
		return "";	/* a page for everyone: see auth_csrf_check() */
	if ((tok = arena_alloc(&req->arena, AUTH_TOKEN_LEN + 1)) == NULL)
		return NULL;
	if (req->session_id != 0)
		csrf_make('s', req->session_csrf, tok);
	else {
		if (!b64_decode32(http_cookie(req, AUTH_CSRF_COOKIE), raw)) {
			auth_token_new(cookie, raw);
			if (cookie[0] == '\0')
				return NULL;
			set_cookie(req, AUTH_CSRF_COOKIE, cookie, -1);
		}
		csrf_make('a', raw, tok);
	}
	if (tok[0] == '\0')
		return NULL;
	req->csrf = tok;
	return tok;
}

/*
 * Whether origin ("scheme://host[:port]") names this site as the request
 * reached it: the scheme of the request and its Host header.
 */
static bool
same_origin(const struct qa_request *req, const char *origin)
{
	const char	*scheme = req->https ? "https://" : "http://";
	size_t		 n = strlen(scheme);

	if (req->host == NULL || strncmp(origin, scheme, n) != 0)
		return false;
	return strcasecmp(origin + n, req->host) == 0;
}

/*
 * The check every POST passes before its handler runs: the request must
 * come from our own pages (Sec-Fetch-Site, when the browser sends it, is
 * "same-origin"; Origin, when sent, is this site) and carry in its csrf
 * field the token auth_csrf_token() gives for the same session or
 * visitor cookie.  A visitor without a session may instead send no token
 * at all, from the forms of pages every visitor shares (which nginx
 * caches, so they cannot carry a token of their own), when the browser
 * proves the request same-origin by Sec-Fetch-Site or Origin (checked
 * above): a cross-site form or script cannot send either header with our
 * values, and a browser that sends neither needs the token.  Returns
 * QA_OK or QA_EFORBIDDEN.
 */
enum qa_err
auth_csrf_check(struct qa_request *req)
{
	const char	*got;
	char		 want[AUTH_TOKEN_LEN + 1];
	unsigned char	 raw[32];

	if (req->fetch_site != NULL &&
	    strcmp(req->fetch_site, "same-origin") != 0)
		return QA_EFORBIDDEN;
	if (req->origin != NULL && !same_origin(req, req->origin))
		return QA_EFORBIDDEN;
	got = http_formval(req, AUTH_CSRF_FIELD);
	if (req->session_id == 0 && (got == NULL || got[0] == '\0'))
		return req->fetch_site != NULL || req->origin != NULL ?
		    QA_OK : QA_EFORBIDDEN;
	if (got == NULL || strlen(got) != AUTH_TOKEN_LEN)
		return QA_EFORBIDDEN;
	if (req->session_id != 0)
		csrf_make('s', req->session_csrf, want);
	else if (b64_decode32(http_cookie(req, AUTH_CSRF_COOKIE), raw))
		csrf_make('a', raw, want);
	else
		return QA_EFORBIDDEN;
	if (want[0] == '\0' || !auth_equal(got, want, AUTH_TOKEN_LEN))
		return QA_EFORBIDDEN;
	return QA_OK;
}

/* --- permissions -------------------------------------------------------- */

/*
 * Who may do each action: the lowest level that may (USER_ANONYMOUS
 * means visitors too, while the site allows anonymous posting), the
 * setting that holds the points needed below the bypass level (NULL:
 * none), and the level from which no points are needed.
 */
static const struct {
	int		 level;
	const char	*points;
	int64_t		 dflt;		/* points when the setting is unset */
	int		 bypass;
} rules[AUTH_ACTION__MAX] = {
	[AUTH_ASK] =		{ USER_ANONYMOUS, NULL, 0, 0 },
	[AUTH_ANSWER] =		{ USER_ANONYMOUS, NULL, 0, 0 },
	[AUTH_COMMENT] =	{ USER_ANONYMOUS, "priv_comment", 50,
				    USER_EXPERT },
	[AUTH_VOTE] =		{ USER_REGISTERED, "priv_vote_up", 15,
				    USER_EXPERT },
	[AUTH_VOTE_UP] =	{ USER_REGISTERED, "priv_vote_up", 15,
				    USER_EXPERT },
	[AUTH_VOTE_DOWN] =	{ USER_REGISTERED, "priv_vote_down", 125,
				    USER_EXPERT },
	[AUTH_FLAG] =		{ USER_REGISTERED, "priv_flag", 15,
				    USER_EXPERT },
	[AUTH_RETAG] =		{ USER_REGISTERED, "priv_retag", 500,
				    USER_EDITOR },
	[AUTH_EDIT_OWN] =	{ USER_REGISTERED, NULL, 0, 0 },
	[AUTH_EDIT_ANY] =	{ USER_REGISTERED, "priv_edit", 2000,
				    USER_EDITOR },
	[AUTH_CLOSE_VOTE] =	{ USER_REGISTERED, "priv_close", 3000,
				    USER_MODERATOR },
	[AUTH_MODERATE] =	{ USER_MODERATOR, NULL, 0, 0 },
	[AUTH_ADMIN] =		{ USER_ADMIN, NULL, 0, 0 },
};

/*
 * Whether user (NULL for a visitor) may do action: the one place that
 * decides.  Visitors may ask, answer and comment only while the
 * anon_posting setting is on, and nothing else.  Blocked users may do
 * nothing that writes; so may users whose email is unconfirmed while
 * confirm_email is on (moderators excepted).  Otherwise the user's
 * level must reach the action's, and below the action's bypass level
 * the user's points must reach the action's points setting (Stack
 * Exchange's privileges: vote up 15, vote down 125, ...).
 */
bool
auth_can(const struct user *u, enum auth_action action)
{
	if ((unsigned)action >= AUTH_ACTION__MAX)
		return false;
	if (u == NULL)
		return rules[action].level == USER_ANONYMOUS &&
		    settings_int("anon_posting", 1) != 0;
	if (u->blocked)
		return false;
	if (settings_int("confirm_email", 0) != 0 && !u->email_confirmed &&
	    u->level < USER_MODERATOR)
		return false;
	if (u->level < rules[action].level)
		return false;
	if (rules[action].points == NULL || u->level >= rules[action].bypass)
		return true;
	return u->points >= settings_int(rules[action].points,
	    rules[action].dflt);
}
