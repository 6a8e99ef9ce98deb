/*
 * util.c: slugs, points and times as people read them, URL path
 * segments, the shape of an email address and the length of text in
 * characters.
 */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "arena.h"
#include "util.h"

#define SLUG_MAX	80

/*
 * Write the URL slug of a title into dst (at most dstsz - 1 bytes): ASCII
 * letters and digits lower-cased, every other run of bytes one '-', no
 * leading or trailing '-', cut at a word boundary near SLUG_MAX.  A title
 * with no ASCII letter or digit gives "q" (and any title "" when dstsz is
 * 1).
 */
void
util_slugn(char *dst, size_t dstsz, const char *title)
{
	size_t		 n = 0, max;
	int		 dash = 0;
	unsigned char	 c;

	if (dstsz == 0)
		return;
	max = dstsz - 1 < SLUG_MAX ? dstsz - 1 : SLUG_MAX;
	for (; *title != '\0' && n < max; title++) {
		c = (unsigned char)*title;
		if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
		    (c >= 'A' && c <= 'Z')) {
			if (dash && n > 0) {
				if (n + 1 >= max)
					break;
				dst[n++] = '-';
			}
			dash = 0;
			dst[n++] = (char)(c >= 'A' && c <= 'Z' ? c + 32 : c);
		} else if (c != '\'')
			dash = 1;
	}
	/* Do not end in the middle of a word that was cut. */
	if (*title != '\0' && n == max) {
		while (n > 0 && dst[n - 1] != '-')
			n--;
		if (n > 0)
			n--;
	}
	/* max is 0 when dst has room for the NUL only. */
	if (n == 0 && max > 0)
		dst[n++] = 'q';
	dst[n] = '\0';
}

/* util_slugn() into arena memory. */
char *
util_slug(struct arena *a, const char *title)
{
	char	 s[SLUG_MAX + 1];

	util_slugn(s, sizeof(s), title);
	return arena_strdup(a, s);
}

/*
 * Percent-encode s as one URL path segment: every byte but the RFC 3986
 * unreserved characters (ASCII letters and digits, '-', '.', '_', '~')
 * becomes "%XX" with upper-case hex digits, so that '/', '?', '#', '%'
 * and non-ASCII bytes cannot change the meaning of the address it is put
 * in.  Returns arena memory (at most three times the length of s, plus
 * the NUL), or NULL if out of memory.
 */
char *
util_urlseg(struct arena *a, const char *s)
{
	static const char	 hex[] = "0123456789ABCDEF";
	const unsigned char	*p;
	char			*out, *o;

	if ((out = arena_alloc(a, strlen(s) * 3 + 1)) == NULL)
		return NULL;
	for (o = out, p = (const unsigned char *)s; *p != '\0'; p++) {
		if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
		    (*p >= '0' && *p <= '9') || *p == '-' || *p == '.' ||
		    *p == '_' || *p == '~')
			*o++ = (char)*p;
		else {
			*o++ = '%';
			*o++ = hex[*p >> 4];
			*o++ = hex[*p & 15];
		}
	}
	*o = '\0';
	return out;
}

/*
 * Points as the forums we replace show them: 950, 5.6k, 12k, 1.2m.
 */
char *
util_points(struct arena *a, int64_t p)
{
	int64_t	 ap = p < 0 ? -p : p;
	const char *sign = p < 0 ? "-" : "";

	if (ap < 1000)
		return arena_printf(a, "%lld", (long long)p);
	if (ap < 10000)
		return (ap % 1000) / 100 == 0 ?
		    arena_printf(a, "%s%lldk", sign, (long long)(ap / 1000)) :
		    arena_printf(a, "%s%lld.%lldk", sign,
		    (long long)(ap / 1000), (long long)((ap % 1000) / 100));
	if (ap < 1000000)
		return arena_printf(a, "%s%lldk", sign, (long long)(ap / 1000));
	return arena_printf(a, "%s%lld.%lldm", sign,
	    (long long)(ap / 1000000), (long long)((ap % 1000000) / 100000));
}

/* "1", "one" / "2", "many": the word that goes with a count. */
const char *
util_plural(int64_t n, const char *one, const char *many)
{
	return n == 1 ? one : many;
}

/*
 * How long ago `then` was, seen at `now`: "just now", "5 minutes ago",
 * "3 hours ago", "2 days ago", then a date "12 Mar 2025".
 */
char *
util_ago(struct arena *a, int64_t then, int64_t now)
{
	int64_t		 d = now - then;
	time_t		 t = (time_t)then;
	struct tm	 tm;
	char		 s[32];

	if (d < 60)
		return arena_strdup(a, "just now");
	if (d < 3600)
		return arena_printf(a, "%lld %s ago", (long long)(d / 60),
		    util_plural(d / 60, "minute", "minutes"));
	if (d < 86400)
		return arena_printf(a, "%lld %s ago", (long long)(d / 3600),
		    util_plural(d / 3600, "hour", "hours"));
	if (d < 30 * 86400)
		return arena_printf(a, "%lld %s ago", (long long)(d / 86400),
		    util_plural(d / 86400, "day", "days"));
	if (gmtime_r(&t, &tm) == NULL ||
	    strftime(s, sizeof(s), "%d %b %Y", &tm) == 0)
		return arena_strdup(a, "long ago");
	return arena_strdup(a, s[0] == '0' ? s + 1 : s);
}

/* RFC 3339 UTC time, e.g. 2025-03-12T10:04:00Z (for <time datetime>). */
char *
util_isotime(struct arena *a, int64_t then)
{
	time_t		 t = (time_t)then;
	struct tm	 tm;
	char		 s[32];

	if (gmtime_r(&t, &tm) == NULL ||
	    strftime(s, sizeof(s), "%Y-%m-%dT%H:%M:%SZ", &tm) == 0)
		return arena_strdup(a, "1970-01-01T00:00:00Z");
	return arena_strdup(a, s);
}

/*
 * The message for an email address e that does not look deliverable, or
 * NULL if it does: "An email address has at most 254 characters." for
 * more than UTIL_EMAIL_MAX bytes, "An email address has no spaces." for
 * any space or control character, and `bad` (the caller's words, which
 * may say whether the field is optional) unless there is exactly one '@'
 * after a non-empty local part and a dot inside the domain, not at
 * either end.  "" gets `bad`: callers that accept an empty field check
 * for it first.
 */
const char *
util_email_problem(const char *e, const char *bad)
{
	const unsigned char	*p;
	const char		*at, *dom, *dot;

	if (strlen(e) > UTIL_EMAIL_MAX)
		return "An email address has at most 254 characters.";
	for (p = (const unsigned char *)e; *p != '\0'; p++)
		if (*p <= 0x20 || *p == 0x7f)
			return "An email address has no spaces.";
	if ((at = strchr(e, '@')) == NULL || strchr(at + 1, '@') != NULL ||
	    at == e)
		return bad;
	dom = at + 1;
	if ((dot = strchr(dom, '.')) == NULL || dot == dom ||
	    dom[strlen(dom) - 1] == '.')
		return bad;
	return NULL;
}

/* Number of UTF-8 code points in s (which must be valid UTF-8). */
size_t
util_utf8_len(const char *s)
{
	size_t	 n = 0;

	for (; *s != '\0'; s++)
		if (((unsigned char)*s & 0xc0) != 0x80)
			n++;
	return n;
}

/*
 * The length in bytes of the UTF-8 character that starts at p (1 for an
 * ASCII byte, NUL included), or 0 if p does not start a whole,
 * well-formed one: a stray continuation byte, a cut sequence, an overlong
 * form, a surrogate or a code point past U+10FFFF, as http_utf8_valid()
 * refuses them.  No byte is read past the first one that does not
 * continue the sequence, so a NUL-terminated p is never overrun.
 */
size_t
util_utf8_seq(const unsigned char *p)
{
	size_t	 len, i;

	if (p[0] < 0x80)
		return 1;
	if (p[0] >= 0xc2 && p[0] <= 0xdf)
		len = 2;
	else if (p[0] >= 0xe0 && p[0] <= 0xef)
		len = 3;
	else if (p[0] >= 0xf0 && p[0] <= 0xf4)
		len = 4;
	else
		return 0;
	for (i = 1; i < len; i++)
		if ((p[i] & 0xc0) != 0x80)
			return 0;
	if ((p[0] == 0xe0 && p[1] < 0xa0) || (p[0] == 0xed && p[1] > 0x9f) ||
	    (p[0] == 0xf0 && p[1] < 0x90) || (p[0] == 0xf4 && p[1] > 0x8f))
		return 0;
	return len;
}

/*
 * The canonical address of question id, "/q/ID/SLUG", with the slug
 * encoded as a path segment ("q" when slug is NULL or empty, as
 * util_slugn() gives for a title without letters).  Arena memory, NULL
 * if out of it.  Every program builds question links with it.
 */
char *
util_question_url(struct arena *a, int64_t id, const char *slug)
{
	const char	*e;

	if (slug == NULL || *slug == '\0')
		slug = "q";
	if ((e = util_urlseg(a, slug)) == NULL)
		return NULL;
	return arena_printf(a, "/q/%lld/%s", (long long)id, e);
}
