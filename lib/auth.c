/*
 * auth.c: password hashing with argon2id, and random bytes.
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

#include "auth.h"

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
