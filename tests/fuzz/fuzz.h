/*
 * fuzz.h: what the libFuzzer targets of tests/fuzz share: the check that
 * stops a run on a broken invariant, and checks of text and of decoded
 * pairs that more than one target makes.  Each target is one program
 * (tests/fuzz/run builds them), so everything here is static.
 */
#ifndef FUZZ_H
#define FUZZ_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "http.h"

/* What libFuzzer calls: each input, and once at start if defined. */
int	 LLVMFuzzerTestOneInput(const uint8_t *, size_t);
int	 LLVMFuzzerInitialize(int *, char ***);

/* The sanitizers' (weak: a coverage build has none). */
void	 __sanitizer_report_error_summary(const char *)
	    __attribute__((weak));

/*
 * Stop on a broken invariant.  The message goes where the sanitizers
 * report (tests/fuzz/run closes the target's own stderr, which the
 * library logs to) as well as to stderr; then abort(), which libFuzzer
 * reports as a crash and saves the input of.
 */
#define FUZZ_CHECK(cond) do {						\
	if (!(cond))							\
		fuzz_fail(__FILE__, __LINE__, #cond);			\
} while (0)

static inline void __attribute__((noreturn))
fuzz_fail(const char *file, int line, const char *what)
{
	char	 msg[512];

	snprintf(msg, sizeof(msg), "fastqa invariant broken: %s:%d: %s",
	    file, line, what);
	fprintf(stderr, "%s\n", msg);
	if (__sanitizer_report_error_summary != NULL)
		__sanitizer_report_error_summary(msg);
	abort();
}

/*
 * The code point that starts s[0..len) into *cp, and the length of its
 * sequence; 0 if it is not a whole, shortest, non-surrogate sequence of
 * at most U+10FFFF.  Written apart from http_utf8_valid() (by the ranges
 * of the Unicode standard's table 3-7) so that the two check each other.
 */
static inline size_t
fuzz_utf8_next(const unsigned char *s, size_t len, uint32_t *cp)
{
	static const struct {
		unsigned char	 lo, hi;	/* lead byte */
		unsigned char	 lo2, hi2;	/* second byte */
		size_t		 n;
	} row[] = {
		{ 0xc2, 0xdf, 0x80, 0xbf, 2 },
		{ 0xe0, 0xe0, 0xa0, 0xbf, 3 },
		{ 0xe1, 0xec, 0x80, 0xbf, 3 },
		{ 0xed, 0xed, 0x80, 0x9f, 3 },
		{ 0xee, 0xef, 0x80, 0xbf, 3 },
		{ 0xf0, 0xf0, 0x90, 0xbf, 4 },
		{ 0xf1, 0xf3, 0x80, 0xbf, 4 },
		{ 0xf4, 0xf4, 0x80, 0x8f, 4 },
	};
	size_t	 i, k;

	if (len == 0)
		return 0;
	if (s[0] < 0x80) {
		*cp = s[0];
		return 1;
	}
	for (i = 0; i < sizeof(row) / sizeof(row[0]); i++) {
		if (s[0] < row[i].lo || s[0] > row[i].hi)
			continue;
		if (len < row[i].n || s[1] < row[i].lo2 || s[1] > row[i].hi2)
			return 0;
		*cp = s[0] & (0xff >> (row[i].n + 1));
		for (k = 1; k < row[i].n; k++) {
			if ((s[k] & 0xc0) != 0x80)
				return 0;
			*cp = *cp << 6 | (s[k] & 0x3f);
		}
		return row[i].n;
	}
	return 0;
}

/* Whether s[0..len) is well-formed UTF-8 (control characters allowed). */
static inline bool
fuzz_utf8_ok(const char *s, size_t len)
{
	const unsigned char	*p = (const unsigned char *)s;
	size_t			 i, k;
	uint32_t		 cp;

	for (i = 0; i < len; i += k)
		if ((k = fuzz_utf8_next(p + i, len - i, &cp)) == 0)
			return false;
	return true;
}

/*
 * What http_utf8_valid() must say of s[0..len): well-formed, and no
 * C0 or C1 control character nor DEL, except tab and (when newlines)
 * newline.
 */
static inline bool
fuzz_text_ok(const char *s, size_t len, bool newlines)
{
	const unsigned char	*p = (const unsigned char *)s;
	size_t			 i, k;
	uint32_t		 cp;

	for (i = 0; i < len; i += k) {
		if ((k = fuzz_utf8_next(p + i, len - i, &cp)) == 0)
			return false;
		if (cp == '\t' || (cp == '\n' && newlines))
			continue;
		if (cp < 0x20 || (cp >= 0x7f && cp <= 0x9f))
			return false;
	}
	return true;
}

/* Whether a field name is 1..HTTP_MAX_NAME bytes of [a-z0-9_-]. */
static inline bool
fuzz_name_ok(const char *s)
{
	size_t	 n = strlen(s);

	return n >= 1 && n <= HTTP_MAX_NAME &&
	    strspn(s, "abcdefghijklmnopqrstuvwxyz0123456789_-") == n;
}

/*
 * The invariants of pairs that http_pairs_parse() gave: at most max of
 * them, names valid and each once, values NUL-terminated at their
 * length (so no NUL inside), at most HTTP_MAX_VALUE bytes, and text that
 * http_utf8_valid() accepts (newlines only in a form or query, whose
 * values are decoded, not in a cookie).
 */
static inline void
fuzz_check_pairs(const struct http_pair *v, size_t n, size_t max,
    bool cookie)
{
	size_t	 i, j;

	FUZZ_CHECK(n <= max);
	FUZZ_CHECK(n == 0 || v != NULL);
	for (i = 0; i < n; i++) {
		FUZZ_CHECK(v[i].name != NULL && fuzz_name_ok(v[i].name));
		FUZZ_CHECK(v[i].value != NULL);
		FUZZ_CHECK(strlen(v[i].value) == v[i].valuelen);
		FUZZ_CHECK(v[i].valuelen <= HTTP_MAX_VALUE);
		FUZZ_CHECK(fuzz_text_ok(v[i].value, v[i].valuelen, !cookie));
		for (j = 0; j < i; j++)
			FUZZ_CHECK(strcmp(v[i].name, v[j].name) != 0);
	}
}

/*
 * Check an HTTP date read by http_date_parse(): written again with
 * http_date() and read back, it is the same time.
 */
static inline void
fuzz_check_date(const char *s)
{
	char	 out[HTTP_DATE_LEN];
	int64_t	 t, t2;

	if (s == NULL || !http_date_parse(s, &t))
		return;
	http_date(t, out);
	if (out[0] == '\0')
		return;		/* a year strftime cannot write */
	FUZZ_CHECK(http_date_parse(out, &t2) && t2 == t);
}

#endif /* !FUZZ_H */
