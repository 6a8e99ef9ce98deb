/* http-t: request parsing, decoding, limits and responses. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "http.h"
#include "tap.h"

struct body {
	const char	*p;
	size_t		 len, off;
	int		 reads;
};

static long
body_read(void *cookie, char *p, size_t n)
{
	struct body	*b = cookie;

	b->reads++;
	if (n > b->len - b->off)
		n = b->len - b->off;
	memcpy(p, b->p + b->off, n);
	b->off += n;
	return (long)n;
}

static struct buf	 hdrs, body;

/* Parse a request from a NULL-terminated env list and a body. */
static enum qa_err
parse(struct qa_request *req, char **env, const char *data, size_t len,
    struct body *bp)
{
	struct http_input	 in;

	arena_free(&req->arena);
	memset(req, 0, sizeof(*req));
	arena_init(&req->arena);
	buf_clear(&hdrs);
	buf_clear(&body);
	req->resp.headers = &hdrs;
	req->resp.body = &body;
	memset(bp, 0, sizeof(*bp));
	bp->p = data;
	bp->len = len;
	in.envp = env;
	in.read = body_read;
	in.cookie = bp;
	return http_request_parse(req, &in);
}

static enum qa_err
get(struct qa_request *req, const char *uri, const char *qs)
{
	static char	 u[8192], q[8192];
	char		*env[] = { "REQUEST_METHOD=GET", u, q, NULL };
	struct body	 b;

	snprintf(u, sizeof(u), "REQUEST_URI=%s", uri);
	snprintf(q, sizeof(q), "QUERY_STRING=%s", qs);
	return parse(req, env, "", 0, &b);
}

static enum qa_err
post(struct qa_request *req, const char *ctype, const char *data,
    size_t len, const char *clen, struct body *b)
{
	static char	 ct[256], cl[64];
	char		*env[] = { "REQUEST_METHOD=POST", "REQUEST_URI=/ask",
			    "QUERY_STRING=", ct, cl, NULL };

	snprintf(ct, sizeof(ct), "CONTENT_TYPE=%s", ctype);
	if (clen != NULL)
		snprintf(cl, sizeof(cl), "CONTENT_LENGTH=%s", clen);
	else
		snprintf(cl, sizeof(cl), "CONTENT_LENGTH=%zu", len);
	return parse(req, env, data, len, b);
}

int
main(void)
{
	struct qa_request	 req;
	struct body		 b;
	struct buf		 out = { 0 };
	int64_t			 v;
	char			*s, *big;
	size_t			 n;
	struct arena		 a;
	const char		*form = "urlencoded";

	(void)form;
	memset(&req, 0, sizeof(req));
	plan(76);
	arena_init(&a);

	/* Integers. */
	ok(http_parse_int("42", 0, 100, &v) == QA_OK && v == 42, "plain integer");
	ok(http_parse_int("-7", -10, 10, &v) == QA_OK && v == -7, "negative");
	ok(http_parse_int("9223372036854775807", 0, INT64_MAX, &v) == QA_OK &&
	    v == INT64_MAX, "INT64_MAX");
	ok(http_parse_int("9223372036854775808", 0, INT64_MAX, &v) ==
	    QA_EINPUT, "overflow");
	ok(http_parse_int("-9223372036854775808", INT64_MIN, 0, &v) == QA_OK &&
	    v == INT64_MIN, "INT64_MIN");
	ok(http_parse_int("-9223372036854775809", INT64_MIN, 0, &v) ==
	    QA_EINPUT, "negative overflow");
	ok(http_parse_int("99999999999999999999", 0, INT64_MAX, &v) ==
	    QA_EINPUT, "huge");
	ok(http_parse_int("4 2", 0, 100, &v) == QA_EINPUT, "inner space");
	ok(http_parse_int(" 4", 0, 100, &v) == QA_EINPUT, "leading space");
	ok(http_parse_int("+4", 0, 100, &v) == QA_EINPUT, "plus sign");
	ok(http_parse_int("12abc", 0, 100, &v) == QA_EINPUT, "trailing text");
	ok(http_parse_int("", 0, 100, &v) == QA_EINPUT, "empty");
	ok(http_parse_int("-", 0, 100, &v) == QA_EINPUT, "lone minus");
	ok(http_parse_int("0", 1, 100, &v) == QA_EINPUT, "below min");
	ok(http_parse_int("101", 1, 100, &v) == QA_EINPUT, "above max");
	ok(http_parse_int("0x10", 0, 100, &v) == QA_EINPUT, "hex");

	/* UTF-8. */
	ok(http_utf8_valid("caf\xc3\xa9 \xe2\x82\xac \xf0\x9f\x98\x80", 14,
	    false), "valid UTF-8");
	ok(!http_utf8_valid("\xc0\xaf", 2, false), "overlong 2-byte");
	ok(!http_utf8_valid("\xe0\x80\xaf", 3, false), "overlong 3-byte");
	ok(!http_utf8_valid("\xed\xa0\x80", 3, false), "surrogate");
	ok(!http_utf8_valid("\xf4\x90\x80\x80", 4, false), "past U+10FFFF");
	ok(!http_utf8_valid("\xc3", 1, false), "truncated sequence");
	ok(!http_utf8_valid("a\0b", 3, false), "NUL");
	ok(!http_utf8_valid("a\x1b", 2, false), "escape character");
	ok(!http_utf8_valid("a\nb", 3, false), "newline when not allowed");
	ok(http_utf8_valid("a\nb\tc", 5, true), "newline and tab allowed");
	ok(!http_utf8_valid("\xc2\x85", 2, true), "C1 control");

	/* Percent-decoding. */
	ok(http_urldecode(&a, "a%20b+c", 7, true, &s, &n) == QA_OK &&
	    strcmp(s, "a b c") == 0, "decode %%20 and +");
	ok(http_urldecode(&a, "a+b", 3, false, &s, &n) == QA_OK &&
	    strcmp(s, "a+b") == 0, "+ kept in paths");
	ok(http_urldecode(&a, "%C3%A9", 6, true, &s, &n) == QA_OK && n == 2,
	    "decode UTF-8 bytes");
	ok(http_urldecode(&a, "%", 1, true, &s, &n) == QA_EINPUT, "lone %%");
	ok(http_urldecode(&a, "%4", 2, true, &s, &n) == QA_EINPUT, "short %%");
	ok(http_urldecode(&a, "%zz", 3, true, &s, &n) == QA_EINPUT, "bad hex");
	ok(http_urldecode(&a, "%00", 3, true, &s, &n) == QA_EINPUT, "%%00");
	ok(http_urldecode(&a, "%C0%AF", 6, true, &s, &n) == QA_EINPUT,
	    "overlong escapes");
	ok(http_urldecode(&a, "%FF", 3, true, &s, &n) == QA_EINPUT,
	    "invalid UTF-8 byte");
	ok(http_urldecode(&a, "a%0D%0Ab", 8, true, &s, &n) == QA_OK &&
	    strcmp(s, "a\nb") == 0, "CR LF folded to LF");
	ok(http_urldecode(&a, "a%0Db", 5, true, &s, &n) == QA_EINPUT,
	    "lone CR refused");

	/* Requests. */
	ok(get(&req, "/q/12/some-title?x=1", "page=2&sort=votes") == QA_OK,
	    "GET parses");
	is_str(req.path, "/q/12/some-title", "path without query");
	is_str(http_query(&req, "sort"), "votes", "query value");
	ok(http_query_int(&req, "page", 1, 1000, 1, &v) == QA_OK && v == 2,
	    "query integer");
	ok(http_query_int(&req, "missing", 1, 1000, 7, &v) == QA_OK && v == 7,
	    "absent integer gives default");
	ok(get(&req, "/", "page=abc") == QA_OK &&
	    http_query_int(&req, "page", 1, 1000, 1, &v) == QA_EINPUT,
	    "non-numeric page is an input error");
	ok(get(&req, "/", "a=1&a=2") == QA_EINPUT, "duplicate field");
	ok(get(&req, "/", "a=1&&b=") == QA_OK && req.nquery == 2 &&
	    strcmp(http_query(&req, "b"), "") == 0, "empty segments and values");
	ok(get(&req, "/", "A=1") == QA_EINPUT, "upper-case name");
	ok(get(&req, "/", "a%3D=1") == QA_EINPUT, "encoded name");
	ok(get(&req, "/", "q=%ZZ") == QA_EINPUT, "bad escape in query");
	ok(get(&req, "/t%C3%A9", "") == QA_OK && strcmp(req.path, "/t\xc3\xa9")
	    == 0, "UTF-8 path decoded");
	ok(get(&req, "/a%00b", "") == QA_EINPUT, "NUL in path");
	ok(get(&req, "/a/../b", "") == QA_EINPUT, "dot-dot segment");
	ok(get(&req, "nope", "") == QA_EINPUT, "path without slash");
	big = malloc(70000);
	memset(big, 'a', 70000);
	memcpy(big, "q=", 2);
	big[69999] = '\0';
	ok(get(&req, "/", big) == QA_EINPUT, "oversize query string");
	{
		char	 many[4096];
		size_t	 i, off = 0;

		for (i = 0; i < HTTP_MAX_PARAMS + 1; i++)
			off += (size_t)snprintf(many + off, sizeof(many) - off,
			    "p%zu=1&", i);
		ok(get(&req, "/", many) == QA_EINPUT, "too many parameters");
	}

	/* Bodies. */
	ok(post(&req, "application/x-www-form-urlencoded", "title=Hi+there&"
	    "body=a%0D%0Ab", 28, NULL, &b) == QA_OK, "form body parses");
	is_str(http_formval(&req, "title"), "Hi there", "form value");
	is_str(http_formval(&req, "body"), "a\nb", "form newlines");
	ok(post(&req, "application/x-www-form-urlencoded; charset=UTF-8",
	    "a=1", 3, NULL, &b) == QA_OK, "charset parameter accepted");
	ok(post(&req, "multipart/form-data; boundary=x", "a=1", 3, NULL, &b) ==
	    QA_EMEDIA, "multipart refused");
	ok(post(&req, "application/x-www-form-urlencoded", "a=1", 3,
	    "999999999", &b) == QA_ETOOBIG && b.reads == 0,
	    "oversize body refused unread");
	ok(post(&req, "application/x-www-form-urlencoded", "a=1", 3, "-1",
	    &b) == QA_EINPUT, "negative length");
	ok(post(&req, "application/x-www-form-urlencoded", "a=1", 3, "10",
	    &b) == QA_EINPUT, "short body");
	ok(post(&req, "application/x-www-form-urlencoded", "a=1&a=2", 7, NULL,
	    &b) == QA_EINPUT, "duplicate form field");
	ok(post(&req, "application/x-www-form-urlencoded", "a=%FF", 5, NULL,
	    &b) == QA_EINPUT, "invalid UTF-8 in form");
	memcpy(big, "q=", 2);
	memset(big + 2, 'x', 69997);
	ok(post(&req, "application/x-www-form-urlencoded", big, 69999, NULL,
	    &b) == QA_ETOOBIG, "oversize field");
	free(big);

	/* Cookies are lenient: other software may share the host. */
	{
		char	*env[] = { "REQUEST_METHOD=GET", "REQUEST_URI=/",
			    "HTTP_COOKIE=Bad Name=1; sid=abc; x=\x01; sid=zzz",
			    NULL };

		ok(parse(&req, env, "", 0, &b) == QA_OK, "odd cookies parse");
		is_str(http_cookie(&req, "sid"), "abc", "first cookie wins");
	}

	/* Responses. */
	get(&req, "/", "");
	http_header(&req, "X-Test", "a\r\nSet-Cookie: evil=1");
	ok(strstr(buf_cstr(&hdrs), "evil") == NULL, "CRLF header refused");
	ok(http_redirect(&req, 303, "//evil.example/") == QA_ESYS,
	    "protocol-relative redirect refused");
	ok(http_redirect(&req, 303, "/q/1\r\nX: y") == QA_ESYS,
	    "redirect with CRLF refused");
	ok(http_redirect(&req, 301, "/q/1/title") == QA_OK &&
	    req.resp.status == 301, "local redirect");
	http_security_headers(&req);
	http_response_write(&req, &out);
	has_str(buf_cstr(&out), "Status: 301 Moved Permanently\r\n",
	    "status line written");
	has_str(buf_cstr(&out), "Location: /q/1/title\r\n", "Location written");
	has_str(buf_cstr(&out), "frame-ancestors 'none'", "CSP written");
	has_str(buf_cstr(&out), "X-Content-Type-Options: nosniff",
	    "nosniff written");

	buf_free(&out);
	buf_free(&hdrs);
	buf_free(&body);
	arena_free(&req.arena);
	arena_free(&a);
	return done();
}
