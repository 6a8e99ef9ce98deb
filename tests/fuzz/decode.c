/*
 * decode: the decoders of lib/http.c one by one, each against a model
 * written apart from it.
 *
 * The first byte of the input chooses the options (bit 0: '+' is a
 * space; the others, a buffer size for util_slugn()), the rest is the
 * text.  Checked:
 *   http_urldecode()   the same result as a plain decoder here (percent
 *                      escapes, '+', CR LF folded to LF, then the text
 *                      rules); never longer than its input, and
 *                      NUL-terminated at its length;
 *   http_pairs_parse() for a query or form: the pair invariants, names
 *                      and values no longer in all than the input, and
 *                      the pairs encoded again parse to the same pairs;
 *                      for cookies: the pair invariants, and each pair
 *                      is found as it is in the input;
 *   http_utf8_valid()  the same answer as fuzz_text_ok();
 *   http_parse_int()   the same answer as strtoll() on "-?[0-9]+";
 *   http_date_parse()  a date read is written and read back the same;
 *   http_etag_match()  a tag on its own, or among others, matches;
 * and the helpers of lib/util.c that make addresses of titles (see
 * check_util()), and the normalizing of typed tags (check_tags()).
 */
#include <ctype.h>
#include <errno.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "http.h"
#include "tag.h"
#include "util.h"
#include "fuzz.h"

static int
hex(unsigned char c)
{
	const char	*d = "0123456789abcdef", *p;

	if (c == '\0' || (p = strchr(d, tolower(c))) == NULL)
		return -1;
	return (int)(p - d);
}

/*
 * The model of http_urldecode(): decode s[0..len) into out (len + 1
 * bytes), then fold each CR LF into LF in a second pass.  Returns the
 * length, or -1 for a bad escape or text http_utf8_valid() refuses.
 */
static long
model_urldecode(const char *s, size_t len, bool plus, char *out)
{
	size_t	 i, n = 0, k;

	for (i = 0; i < len; i++) {
		if (s[i] == '%') {
			if (i + 2 >= len || hex((unsigned char)s[i + 1]) < 0 ||
			    hex((unsigned char)s[i + 2]) < 0)
				return -1;
			out[n++] = (char)(hex((unsigned char)s[i + 1]) * 16 +
			    hex((unsigned char)s[i + 2]));
			i += 2;
		} else
			out[n++] = plus && s[i] == '+' ? ' ' : s[i];
	}
	for (i = k = 0; i < n; i++) {
		if (out[i] == '\r' && i + 1 < n && out[i + 1] == '\n')
			continue;
		out[k++] = out[i];
	}
	out[k] = '\0';
	return fuzz_text_ok(out, k, true) ? (long)k : -1;
}

static void
check_urldecode(struct arena *a, const char *s, size_t len, bool plus)
{
	char		*out, *want;
	size_t		 outlen;
	long		 n;
	enum qa_err	 er;

	if ((want = malloc(len + 1)) == NULL)
		return;
	n = model_urldecode(s, len, plus, want);
	er = http_urldecode(a, s, len, plus, &out, &outlen);
	FUZZ_CHECK(er == QA_OK || er == QA_EINPUT);
	FUZZ_CHECK((er == QA_OK) == (n >= 0));
	if (er == QA_OK) {
		FUZZ_CHECK(outlen <= len && out[outlen] == '\0');
		FUZZ_CHECK(outlen == (size_t)n &&
		    memcmp(out, want, outlen) == 0);
	}
	free(want);
}

/* Append s[0..n) to b with every byte but [A-Za-z0-9_.~-] escaped. */
static void
encode(struct buf *b, const char *s, size_t n)
{
	size_t	 i;

	for (i = 0; i < n; i++)
		if (isalnum((unsigned char)s[i]) ||
		    (s[i] != '\0' && strchr("_.~-", s[i]) != NULL))
			buf_putc(b, s[i]);
		else
			buf_printf(b, "%%%02X", (unsigned char)s[i]);
}

static void
check_form(struct arena *a, const char *s, size_t len)
{
	struct http_pair	*v, *w;
	struct buf		 b = { 0 };
	size_t			 n, m, i, total = 0;
	enum qa_err		 er;

	er = http_pairs_parse(a, s, len, '&', false, &v, &n);
	FUZZ_CHECK(er == QA_OK || er == QA_EINPUT || er == QA_ETOOBIG);
	if (er != QA_OK)
		return;
	fuzz_check_pairs(v, n, HTTP_MAX_PARAMS, false);
	for (i = 0; i < n; i++) {
		total += strlen(v[i].name) + v[i].valuelen;
		if (i > 0)
			buf_putc(&b, '&');
		buf_puts(&b, v[i].name);
		buf_putc(&b, '=');
		encode(&b, v[i].value, v[i].valuelen);
	}
	FUZZ_CHECK(total <= len);
	buf_puts(&b, "");
	er = http_pairs_parse(a, b.data, b.len, '&', false, &w, &m);
	FUZZ_CHECK(er == QA_OK && m == n);
	for (i = 0; i < n; i++)
		FUZZ_CHECK(strcmp(v[i].name, w[i].name) == 0 &&
		    v[i].valuelen == w[i].valuelen &&
		    memcmp(v[i].value, w[i].value, v[i].valuelen) == 0);
	buf_free(&b);
}

static void
check_cookies(struct arena *a, const char *s, size_t len)
{
	struct http_pair	*v;
	struct buf		 b = { 0 };
	size_t			 n, i;
	enum qa_err		 er;

	er = http_pairs_parse(a, s, len, ';', true, &v, &n);
	/* Malformed cookies are skipped; only a huge value is refused. */
	FUZZ_CHECK(er == QA_OK || er == QA_ETOOBIG);
	if (er != QA_OK)
		return;
	fuzz_check_pairs(v, n, HTTP_MAX_COOKIES, true);
	for (i = 0; i < n; i++) {
		buf_clear(&b);
		buf_printf(&b, "%s%s%s", v[i].name,
		    v[i].valuelen > 0 ? "=" : "", v[i].value);
		FUZZ_CHECK(memmem(s, len, b.data, b.len) != NULL);
	}
	buf_free(&b);
}

static void
check_int(const char *s)
{
	int64_t		 v;
	long long	 want;
	char		*end;
	const char	*d = s + (s[0] == '-');
	bool		 digits;
	enum qa_err	 er;

	er = http_parse_int(s, INT64_MIN, INT64_MAX, &v);
	digits = d[0] != '\0' && strspn(d, "0123456789") == strlen(d);
	errno = 0;
	want = strtoll(s, &end, 10);
	FUZZ_CHECK((er == QA_OK) == (digits && errno == 0 && *end == '\0'));
	if (er == QA_OK)
		FUZZ_CHECK(v == want);
	/* A range: inside it, or refused. */
	if (http_parse_int(s, -5, 1000, &v) == QA_OK)
		FUZZ_CHECK(er == QA_OK && v >= -5 && v <= 1000 && v == want);
}

static void
check_etag(const char *s)
{
	struct buf	 b = { 0 };
	const char	*tag = "\"v1-0123abcd\"";

	(void)http_etag_match(s, tag);
	FUZZ_CHECK(http_etag_match(tag, tag));
	FUZZ_CHECK(http_etag_match("*", tag));
	/* Put among other tags, whatever they are, it is found. */
	if (strchr(s, ',') == NULL && strchr(s, '*') == NULL) {
		buf_printf(&b, "%s, W/%s", s, tag);
		FUZZ_CHECK(http_etag_match(buf_cstr(&b), tag));
		buf_clear(&b);
		buf_printf(&b, "%s ,\t%s ,%s", tag, s, s);
		FUZZ_CHECK(http_etag_match(buf_cstr(&b), tag));
	}
	buf_free(&b);
}

/*
 * The helpers of lib/util.c that turn a title into an address:
 * util_slugn() into a buffer of exactly dstsz bytes (so that ASan sees a
 * byte past it) gives a slug of [a-z0-9-] without a leading, trailing or
 * double '-', never empty, shorter than dstsz; util_urlseg() writes only
 * unreserved bytes and %XX, and decodes back to its text;
 * util_question_url() is a path of its own; and the UTF-8 helpers agree
 * with fuzz_utf8_next().
 */
static void
check_util(struct arena *a, const char *s, size_t dstsz)
{
	const unsigned char	*p = (const unsigned char *)s;
	char			*dst, *seg, *url, *back;
	size_t			 len = strlen(s), i, k, n, backlen;
	uint32_t		 cp;

	if ((dst = malloc(dstsz)) == NULL)
		return;
	util_slugn(dst, dstsz, s);
	n = strlen(dst);
	FUZZ_CHECK(n < dstsz);
	if (dstsz > 1) {
		FUZZ_CHECK(n > 0 && dst[0] != '-' && dst[n - 1] != '-');
		FUZZ_CHECK(strstr(dst, "--") == NULL);
		FUZZ_CHECK(strspn(dst, "abcdefghijklmnopqrstuvwxyz0123456789-")
		    == n);
	}
	free(dst);

	FUZZ_CHECK((seg = util_urlseg(a, s)) != NULL);
	for (i = 0; seg[i] != '\0'; i++)
		if (seg[i] == '%')
			FUZZ_CHECK(strchr("0123456789ABCDEF", seg[i + 1]) !=
			    NULL && seg[i + 1] != '\0' &&
			    strchr("0123456789ABCDEF", seg[i + 2]) != NULL &&
			    seg[i + 2] != '\0');
		else
			FUZZ_CHECK(isalnum((unsigned char)seg[i]) ||
			    strchr("-._~", seg[i]) != NULL);
	if (fuzz_text_ok(s, len, true))
		FUZZ_CHECK(http_urldecode(a, seg, strlen(seg), false, &back,
		    &backlen) == QA_OK && backlen == len &&
		    memcmp(back, s, len) == 0);
	FUZZ_CHECK((url = util_question_url(a, 42, s)) != NULL);
	FUZZ_CHECK(strncmp(url, "/q/42/", 6) == 0 &&
	    strpbrk(url + 6, "/?#") == NULL && url[6] != '\0');

	for (i = 0; i <= len; i += k) {
		k = fuzz_utf8_next(p + i, len - i, &cp);
		if (i == len)
			k = 1;		/* the NUL */
		FUZZ_CHECK(util_utf8_seq(p + i) == k);
		if (k == 0)
			k = 1;
	}
	if (fuzz_utf8_ok(s, len)) {
		for (i = n = 0; i < len; i += k, n++)
			k = fuzz_utf8_next(p + i, len - i, &cp);
		FUZZ_CHECK(util_utf8_len(s) == n);
	}
}

/*
 * The tags field of the posting forms, which the form parser has checked
 * as text: tag_normalize() gives at most TAG_MAX names of at most
 * TAG_LEN_MAX bytes, joined by single spaces, each once, of lower-case
 * allowed characters without '.' or '-' at either end, and normalizing
 * them again changes nothing; tag_split() finds them all again.  A
 * refusal says why.  tag_prefix() gives text that it leaves as it is.
 */
static void
check_tags(struct arena *a, const char *s)
{
	const char	**names, *why, *why2;
	char		 *out, *out2, *pre;
	size_t		  n, n2, i, k, len;
	enum qa_err	  er;

	er = tag_normalize(a, s, &out, &n, &why);
	FUZZ_CHECK(er == QA_OK || er == QA_EINVALID);
	if (er != QA_OK) {
		FUZZ_CHECK(why != NULL && out == NULL);
	} else {
		FUZZ_CHECK(out != NULL && n <= TAG_MAX);
		FUZZ_CHECK(out[0] != ' ' && strstr(out, "  ") == NULL);
		FUZZ_CHECK(n == 0 || out[strlen(out) - 1] != ' ');
		FUZZ_CHECK(tag_split(a, out, &names) == n);
		for (i = 0; i < n; i++) {
			len = strlen(names[i]);
			FUZZ_CHECK(len > 0 && len <= TAG_LEN_MAX);
			FUZZ_CHECK(strchr(".-", names[i][0]) == NULL &&
			    strchr(".-", names[i][len - 1]) == NULL);
			FUZZ_CHECK(fuzz_text_ok(names[i], len, false));
			FUZZ_CHECK(strpbrk(names[i], ",\t\n\r"
			    "ABCDEFGHIJKLMNOPQRSTUVWXYZ") == NULL);
			for (k = 0; k < i; k++)
				FUZZ_CHECK(strcmp(names[i], names[k]) != 0);
		}
		FUZZ_CHECK(tag_normalize(a, out, &out2, &n2, &why2) == QA_OK &&
		    n2 == n && strcmp(out2, out) == 0);
	}
	FUZZ_CHECK((pre = tag_prefix(a, s)) != NULL);
	FUZZ_CHECK(fuzz_text_ok(pre, strlen(pre), true));
	FUZZ_CHECK(strcmp(tag_prefix(a, pre), pre) == 0);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct arena	 a;
	const char	*s;
	char		*z;
	size_t		 len;
	bool		 plus;

	if (size == 0)
		return 0;
	plus = data[0] & 1;
	s = (const char *)data + 1;
	len = size - 1;
	arena_init(&a);

	check_urldecode(&a, s, len, plus);
	check_form(&a, s, len);
	check_cookies(&a, s, len);
	FUZZ_CHECK(http_utf8_valid(s, len, true) == fuzz_text_ok(s, len, true));
	FUZZ_CHECK(http_utf8_valid(s, len, false) ==
	    fuzz_text_ok(s, len, false));

	/* The rest read C strings, as they come from the environment. */
	if ((z = arena_strndup(&a, s, len)) != NULL) {
		check_int(z);
		check_etag(z);
		fuzz_check_date(z);
		/* Slug buffers of 1 to 100 bytes, by the other bits. */
		check_util(&a, z, 1 + (size_t)(data[0] >> 1) % 100);
		if (fuzz_text_ok(z, strlen(z), true))
			check_tags(&a, z);
	}
	arena_free(&a);
	return 0;
}
