/*
 * auth.h: authentication.  For now, passwords: argon2id hashes in their
 * encoded form ("$argon2id$v=19$m=19456,t=2,p=1$salt$hash"), and the
 * random bytes everything secret is made from.
 */
#ifndef AUTH_H
#define AUTH_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "qa.h"

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

#endif /* !AUTH_H */
