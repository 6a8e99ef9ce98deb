/*
 * http.c: parsing a request from the CGI environment and its body, and
 * writing the response: status, headers, body.
 *
 * Input is checked before any work is done: sizes first, then strict
 * percent-decoding, field names from [a-z0-9_-], UTF-8 without control
 * characters, no repeated field.  Anything else is QA_EINPUT (400).
 */
#include <ctype.h>
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "http.h"

static const struct {
	int		 status;
	const char	*name;
} errmap[QA_ERR__MAX] = {
	[QA_OK] =		{ 200, "ok" },
	[QA_EINPUT] =		{ 400, "bad request" },
	[QA_EINVALID] =		{ 422, "invalid input" },
	[QA_ENOTFOUND] =	{ 404, "not found" },
	[QA_EMETHOD] =		{ 405, "method not allowed" },
	[QA_EFORBIDDEN] =	{ 403, "forbidden" },
	[QA_ECONFLICT] =	{ 409, "conflict" },
	[QA_ETOOBIG] =		{ 413, "too large" },
	[QA_EMEDIA] =		{ 415, "unsupported media type" },
	[QA_ELIMIT] =		{ 429, "rate limit reached" },
	[QA_EBUSY] =		{ 503, "busy" },
	[QA_ESYS] =		{ 500, "internal error" },
};

/* A short name for an error code, for logs. */
const char *
qa_strerror(enum qa_err er)
{
	return (unsigned)er < QA_ERR__MAX ? errmap[er].name : "unknown";
}

/* The HTTP status that reports an error code to the client. */
int
http_status_of(enum qa_err er)
{
	return (unsigned)er < QA_ERR__MAX ? errmap[er].status : 500;
}

/* The reason phrase of a status, e.g. "Not Found". */
const char *
http_status_text(int status)
{
	switch (status) {
	case 200: return "OK";
	case 301: return "Moved Permanently";
	case 302: return "Found";
	case 303: return "See Other";
	case 304: return "Not Modified";
	case 400: return "Bad Request";
	case 403: return "Forbidden";
	case 404: return "Not Found";
	case 405: return "Method Not Allowed";
	case 409: return "Conflict";
	case 411: return "Length Required";
	case 413: return "Content Too Large";
	case 415: return "Unsupported Media Type";
	case 422: return "Unprocessable Content";
	case 429: return "Too Many Requests";
	case 500: return "Internal Server Error";
	case 503: return "Service Unavailable";
	default:  return "Unknown";
	}
}

/* The value of an environment entry "name=value", or NULL. */
const char *
http_env(char **envp, const char *name)
{
	size_t	 n = strlen(name);

	for (; envp != NULL && *envp != NULL; envp++)
		if (strncmp(*envp, name, n) == 0 && (*envp)[n] == '=')
			return *envp + n + 1;
	return NULL;
}

static int
hexval(unsigned char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/*
 * Whether s[0..len) is well-formed UTF-8 (no overlong forms, surrogates or
 * code points past U+10FFFF) with no control character but tab and, if
 * allow_newlines, newline.  NUL and DEL are control characters.
 */
bool
http_utf8_valid(const char *s, size_t len, bool allow_newlines)
{
	const unsigned char	*p = (const unsigned char *)s;
	const unsigned char	*e = p + len;
	uint32_t		 cp;
	int			 n, i;

	while (p < e) {
		if (*p < 0x80) {
			if ((*p < 0x20 && *p != '\t' &&
			    !(allow_newlines && *p == '\n')) || *p == 0x7f)
				return false;
			p++;
			continue;
		}
		if (*p >= 0xc2 && *p <= 0xdf) {
			n = 1;
			cp = *p & 0x1f;
		} else if (*p >= 0xe0 && *p <= 0xef) {
			n = 2;
			cp = *p & 0x0f;
		} else if (*p >= 0xf0 && *p <= 0xf4) {
			n = 3;
			cp = *p & 0x07;
		} else
			return false;
		if (e - p <= n)
			return false;
		for (i = 1; i <= n; i++) {
			if ((p[i] & 0xc0) != 0x80)
				return false;
			cp = (cp << 6) | (p[i] & 0x3f);
		}
		if ((n == 2 && cp < 0x800) || (n == 3 && cp < 0x10000) ||
		    cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff))
			return false;
		/* C1 controls. */
		if (cp >= 0x80 && cp <= 0x9f)
			return false;
		p += n + 1;
	}
	return true;
}

/*
 * Percent-decode s[0..len) into arena memory.  '+' is a space when
 * plus_is_space (query strings and form bodies).  A '%' not followed by
 * two hex digits is QA_EINPUT.  CR LF pairs become LF (browsers send
 * textarea lines so); the result must then pass http_utf8_valid() with
 * newlines allowed.  *out is NUL-terminated; *outlen excludes the NUL.
 */
enum qa_err
http_urldecode(struct arena *a, const char *s, size_t len,
    bool plus_is_space, char **out, size_t *outlen)
{
	char	*d;
	size_t	 i, n = 0;
	int	 hi, lo;

	if ((d = arena_alloc(a, len + 1)) == NULL)
		return QA_ESYS;
	for (i = 0; i < len; i++) {
		if (s[i] == '%') {
			if (len - i < 3 ||
			    (hi = hexval((unsigned char)s[i + 1])) < 0 ||
			    (lo = hexval((unsigned char)s[i + 2])) < 0)
				return QA_EINPUT;
			d[n++] = (char)(hi << 4 | lo);
			i += 2;
		} else if (s[i] == '+' && plus_is_space)
			d[n++] = ' ';
		else
			d[n++] = s[i];
		/* Fold CR LF into LF. */
		if (n >= 2 && d[n - 1] == '\n' && d[n - 2] == '\r') {
			d[n - 2] = '\n';
			n--;
		}
	}
	d[n] = '\0';
	if (!http_utf8_valid(d, n, true))
		return QA_EINPUT;
	*out = d;
	*outlen = n;
	return QA_OK;
}

/* Whether a field name is 1..HTTP_MAX_NAME bytes of [a-z0-9_-]. */
static bool
name_valid(const char *s, size_t n)
{
	size_t	 i;

	if (n == 0 || n > HTTP_MAX_NAME)
		return false;
	for (i = 0; i < n; i++)
		if (!((s[i] >= 'a' && s[i] <= 'z') ||
		    (s[i] >= '0' && s[i] <= '9') || s[i] == '_' || s[i] == '-'))
			return false;
	return true;
}

/*
 * Split s[0..len) on sep into name=value pairs in arena memory.
 *
 * For query strings and forms (cookie false): names must be valid, values
 * are percent-decoded, a pair without '=' has an empty value, empty
 * segments ("a=1&&b=2") are skipped, a repeated name, more than
 * HTTP_MAX_PARAMS pairs or an invalid name or value is QA_EINPUT, and a
 * value longer than HTTP_MAX_VALUE is QA_ETOOBIG.
 *
 * For cookies (cookie true, sep ';'): leading spaces are skipped, values
 * are taken verbatim, and malformed pairs are ignored rather than refused,
 * because other software on the same host may set cookies of its own.
 */
enum qa_err
http_pairs_parse(struct arena *a, const char *s, size_t len, char sep,
    bool cookie, struct http_pair **out, size_t *nout)
{
	struct http_pair	*v;
	const char		*p, *e = s + len, *q, *eq;
	size_t			 n = 0, max, i, vlen;
	char			*val;
	enum qa_err		 er;

	max = cookie ? HTTP_MAX_COOKIES : HTTP_MAX_PARAMS;
	*out = NULL;
	*nout = 0;
	if ((v = arena_calloc(a, max, sizeof(*v))) == NULL)
		return QA_ESYS;
	for (p = s; p < e; p = q + 1) {
		if ((q = memchr(p, sep, (size_t)(e - p))) == NULL)
			q = e;
		if (cookie)
			while (p < q && *p == ' ')
				p++;
		if (p == q)
			continue;
		if ((eq = memchr(p, '=', (size_t)(q - p))) == NULL)
			eq = q;
		if (!name_valid(p, (size_t)(eq - p))) {
			if (cookie)
				continue;
			return QA_EINPUT;
		}
		if (n == max) {
			if (cookie)
				break;
			return QA_EINPUT;
		}
		vlen = eq < q ? (size_t)(q - eq - 1) : 0;
		if (vlen > HTTP_MAX_VALUE * 3)
			return QA_ETOOBIG;
		if (cookie) {
			if (!http_utf8_valid(eq < q ? eq + 1 : "", vlen, false))
				continue;
			val = arena_strndup(a, eq < q ? eq + 1 : "", vlen);
		} else if ((er = http_urldecode(a, eq < q ? eq + 1 : "", vlen,
		    true, &val, &vlen)) != QA_OK)
			return er;
		if (val == NULL)
			return QA_ESYS;
		if (vlen > HTTP_MAX_VALUE)
			return QA_ETOOBIG;
		v[n].name = arena_strndup(a, p, (size_t)(eq - p));
		if (v[n].name == NULL)
			return QA_ESYS;
		for (i = 0; i < n; i++)
			if (strcmp(v[i].name, v[n].name) == 0)
				break;
		if (i < n) {
			if (cookie)
				continue;	/* first one wins */
			return QA_EINPUT;
		}
		v[n].value = val;
		v[n].valuelen = vlen;
		n++;
	}
	*out = v;
	*nout = n;
	return QA_OK;
}

/*
 * Parse a decimal integer in [min, max] into *out.  Only an optional '-'
 * and digits are accepted: no spaces, no '+', no trailing text, no
 * overflow.  Returns QA_EINPUT otherwise.
 */
enum qa_err
http_parse_int(const char *s, int64_t min, int64_t max, int64_t *out)
{
	bool		 neg = false;
	uint64_t	 v = 0, lim;
	unsigned	 d;

	if (s == NULL)
		return QA_EINPUT;
	if (*s == '-') {
		neg = true;
		s++;
	}
	if (*s == '\0')
		return QA_EINPUT;
	lim = neg ? (uint64_t)INT64_MAX + 1 : (uint64_t)INT64_MAX;
	for (; *s != '\0'; s++) {
		if (*s < '0' || *s > '9')
			return QA_EINPUT;
		d = (unsigned)(*s - '0');
		if (v > (lim - d) / 10)
			return QA_EINPUT;
		v = v * 10 + d;
	}
	if (neg) {
		if (v == (uint64_t)INT64_MAX + 1) {
			if (min != INT64_MIN)
				return QA_EINPUT;
			*out = INT64_MIN;
			return QA_OK;
		}
		if (-(int64_t)v < min || -(int64_t)v > max)
			return QA_EINPUT;
		*out = -(int64_t)v;
		return QA_OK;
	}
	if ((int64_t)v < min || (int64_t)v > max)
		return QA_EINPUT;
	*out = (int64_t)v;
	return QA_OK;
}

static const char *
pair_find(const struct http_pair *v, size_t n, const char *name)
{
	size_t	 i;

	for (i = 0; i < n; i++)
		if (strcmp(v[i].name, name) == 0)
			return v[i].value;
	return NULL;
}

/*
 * Whether the client asked for JSON: its Accept header names
 * application/json (the progressive-enhancement scripts send exactly
 * that; browsers navigating never do).
 */
bool
http_wants_json(const struct qa_request *req)
{
	return req->accept != NULL &&
	    strstr(req->accept, "application/json") != NULL;
}

/* A query-string value, or NULL when absent. */
const char *
http_query(const struct qa_request *req, const char *name)
{
	return pair_find(req->query, req->nquery, name);
}

/* A form (POST body) value, or NULL when absent. */
const char *
http_formval(const struct qa_request *req, const char *name)
{
	return pair_find(req->form, req->nform, name);
}

/* A cookie value, or NULL when absent. */
const char *
http_cookie(const struct qa_request *req, const char *name)
{
	return pair_find(req->cookies, req->ncookies, name);
}

/*
 * An integer query parameter in [min, max]: dflt when absent, QA_EINPUT
 * when present but empty, malformed or out of range.
 */
enum qa_err
http_query_int(const struct qa_request *req, const char *name, int64_t min,
    int64_t max, int64_t dflt, int64_t *out)
{
	const char	*v;

	if ((v = http_query(req, name)) == NULL) {
		*out = dflt;
		return QA_OK;
	}
	return http_parse_int(v, min, max, out);
}

/*
 * Decode and check the path part of REQUEST_URI: it must start with '/',
 * decode strictly, be valid UTF-8 without control characters, and hold
 * no "." or ".." segment.
 */
static enum qa_err
path_parse(struct qa_request *req, const char *uri)
{
	const char	*q;
	char		*p;
	size_t		 n, plen;
	enum qa_err	 er;

	if (uri == NULL || *uri != '/')
		return QA_EINPUT;
	n = (q = strchr(uri, '?')) != NULL ? (size_t)(q - uri) : strlen(uri);
	if (n > HTTP_MAX_PATH)
		return QA_EINPUT;
	if ((er = http_urldecode(&req->arena, uri, n, false, &p, &plen))
	    != QA_OK)
		return er;
	if (strchr(p, '\n') != NULL || strstr(p, "/./") != NULL ||
	    strstr(p, "/../") != NULL ||
	    (plen >= 2 && strcmp(p + plen - 2, "/.") == 0) ||
	    (plen >= 3 && strcmp(p + plen - 3, "/..") == 0))
		return QA_EINPUT;
	req->path = p;
	return QA_OK;
}

/*
 * Read and parse the urlencoded body of a POST.  The length must be given
 * and at most HTTP_MAX_BODY (else QA_ETOOBIG, and the body is not read);
 * the type must be application/x-www-form-urlencoded (else QA_EMEDIA).
 */
static enum qa_err
body_parse(struct qa_request *req, const struct http_input *in)
{
	const char	*ct, *cl;
	int64_t		 len;
	char		*body;
	size_t		 got = 0;
	long		 r;

	cl = http_env(in->envp, "CONTENT_LENGTH");
	if (cl == NULL || *cl == '\0')
		len = 0;
	else if (http_parse_int(cl, 0, INT64_MAX, &len) != QA_OK)
		return QA_EINPUT;
	if (len > HTTP_MAX_BODY)
		return QA_ETOOBIG;
	if (len == 0)
		return QA_OK;
	ct = http_env(in->envp, "CONTENT_TYPE");
	if (ct == NULL || strncasecmp(ct, "application/x-www-form-urlencoded",
	    33) != 0 || (ct[33] != '\0' && ct[33] != ';'))
		return QA_EMEDIA;
	if ((body = arena_alloc(&req->arena, (size_t)len + 1)) == NULL)
		return QA_ESYS;
	while (got < (size_t)len) {
		r = in->read(in->cookie, body + got, (size_t)len - got);
		if (r <= 0)
			return QA_EINPUT;	/* short body */
		got += (size_t)r;
	}
	body[got] = '\0';
	return http_pairs_parse(&req->arena, body, got, '&', false,
	    &req->form, &req->nform);
}

/*
 * Fill req from a CGI environment and body.  req->arena must be
 * initialised and req->resp set up by the caller.  On error the request
 * is still usable for an error page (method and path may be unset).
 */
enum qa_err
http_request_parse(struct qa_request *req, const struct http_input *in)
{
	const char	*m, *uri, *qs, *ck, *https, *cc, *pragma;
	enum qa_err	 er;

	req->now = (int64_t)time(NULL);
	m = http_env(in->envp, "REQUEST_METHOD");
	req->method_name = m != NULL ? m : "GET";
	if (m == NULL || strcmp(m, "GET") == 0)
		req->method = HTTP_GET;
	else if (strcmp(m, "HEAD") == 0)
		req->method = HTTP_HEAD;
	else if (strcmp(m, "POST") == 0)
		req->method = HTTP_POST;
	else
		req->method = HTTP_OTHER;
	req->remote_addr = http_env(in->envp, "REMOTE_ADDR");
	req->host = http_env(in->envp, "HTTP_HOST");
	req->origin = http_env(in->envp, "HTTP_ORIGIN");
	req->fetch_site = http_env(in->envp, "HTTP_SEC_FETCH_SITE");
	req->user_agent = http_env(in->envp, "HTTP_USER_AGENT");
	req->accept = http_env(in->envp, "HTTP_ACCEPT");
	req->if_none_match = http_env(in->envp, "HTTP_IF_NONE_MATCH");
	req->if_modified_since = http_env(in->envp,
	    "HTTP_IF_MODIFIED_SINCE");
	/* A reload that asks every cache on the way to make the page anew. */
	cc = http_env(in->envp, "HTTP_CACHE_CONTROL");
	pragma = http_env(in->envp, "HTTP_PRAGMA");
	req->reload = (cc != NULL && strstr(cc, "no-cache") != NULL) ||
	    (cc == NULL && pragma != NULL && strstr(pragma, "no-cache") != NULL);
	https = http_env(in->envp, "HTTPS");
	req->https = https != NULL && (strcasecmp(https, "on") == 0 ||
	    strcmp(https, "1") == 0);

	if ((uri = http_env(in->envp, "REQUEST_URI")) == NULL) {
		/* Some CGI hosts give only SCRIPT_NAME and PATH_INFO. */
		uri = http_env(in->envp, "PATH_INFO");
		if (uri == NULL || *uri == '\0')
			uri = "/";
	}
	req->uri = uri;
	if ((er = path_parse(req, uri)) != QA_OK)
		return er;

	if ((qs = http_env(in->envp, "QUERY_STRING")) == NULL)
		qs = (qs = strchr(uri, '?')) != NULL ? qs + 1 : "";
	if (strlen(qs) > HTTP_MAX_QUERY)
		return QA_EINPUT;
	if ((er = http_pairs_parse(&req->arena, qs, strlen(qs), '&', false,
	    &req->query, &req->nquery)) != QA_OK)
		return er == QA_ETOOBIG ? QA_EINPUT : er;

	if ((ck = http_env(in->envp, "HTTP_COOKIE")) != NULL &&
	    strlen(ck) <= 8192)
		(void)http_pairs_parse(&req->arena, ck, strlen(ck), ';', true,
		    &req->cookies, &req->ncookies);

	if (req->method == HTTP_POST)
		return body_parse(req, in);
	return QA_OK;
}

/* Whether a header name or value may be sent: no CR, LF or NUL. */
static bool
header_safe(const char *s)
{
	for (; *s != '\0'; s++)
		if (*s == '\r' || *s == '\n')
			return false;
	return true;
}

/*
 * Add a response header.  A name or value with CR or LF is refused and
 * logged: nothing from a request may split a response.
 */
void
http_header(struct qa_request *req, const char *name, const char *value)
{
	if (!header_safe(name) || !header_safe(value)) {
		fprintf(stderr, "http: http_header: refused unsafe %s\n",
		    name);
		return;
	}
	buf_printf(req->resp.headers, "%s: %s\r\n", name, value);
	if (strcasecmp(name, "Set-Cookie") == 0)
		req->resp.set_cookie = true;
}

/*
 * Write Unix time t as an HTTP date (RFC 9110 IMF-fixdate, "Sun, 06 Nov
 * 1994 08:49:37 GMT") into out.  out is "" if t cannot be shown.
 */
void
http_date(int64_t t, char out[HTTP_DATE_LEN])
{
	struct tm	 tm;
	time_t		 tt = (time_t)t;

	out[0] = '\0';
	if (gmtime_r(&tt, &tm) == NULL ||
	    strftime(out, HTTP_DATE_LEN, "%a, %d %b %Y %H:%M:%S GMT", &tm) == 0)
		out[0] = '\0';
}

/*
 * Read an HTTP date in the IMF-fixdate form into *t.  Returns false for
 * anything else (the obsolete forms are not accepted: a client that sends
 * them only loses a 304).
 */
bool
http_date_parse(const char *s, int64_t *t)
{
	struct tm	 tm;
	const char	*end;
	time_t		 tt;

	if (s == NULL)
		return false;
	memset(&tm, 0, sizeof(tm));
	if ((end = strptime(s, "%a, %d %b %Y %H:%M:%S GMT", &tm)) == NULL ||
	    *end != '\0' || (tt = timegm(&tm)) == (time_t)-1)
		return false;
	*t = (int64_t)tt;
	return true;
}

/*
 * Whether an If-None-Match header value names etag (a quoted strong
 * tag): "*", or a comma-separated list in which etag appears, with or
 * without the weak prefix W/ (the weak comparison of RFC 9110 13.1.2,
 * which GET uses).
 */
bool
http_etag_match(const char *header, const char *etag)
{
	const char	*p = header, *e;
	size_t		 n = strlen(etag);

	if (header == NULL)
		return false;
	while (*p != '\0') {
		while (*p == ' ' || *p == '\t' || *p == ',')
			p++;
		if (*p == '*')
			return true;
		if (strncmp(p, "W/", 2) == 0)
			p += 2;
		e = p + strcspn(p, ",");
		while (e > p && (e[-1] == ' ' || e[-1] == '\t'))
			e--;
		if ((size_t)(e - p) == n && strncmp(p, etag, n) == 0)
			return true;
		p += strcspn(p, ",");
	}
	return false;
}

/* The security headers of every response, error pages included. */
void
http_security_headers(struct qa_request *req)
{
	http_header(req, "Content-Security-Policy",
	    "default-src 'self'; script-src 'self'; style-src 'self'; "
	    "img-src 'self' https: data:; object-src 'none'; "
	    "base-uri 'none'; form-action 'self'; frame-ancestors 'none'");
	http_header(req, "X-Content-Type-Options", "nosniff");
	http_header(req, "Referrer-Policy", "strict-origin-when-cross-origin");
	http_header(req, "X-Frame-Options", "DENY");
}

/*
 * Answer with a redirect (301, 302 or 303) to a path on this site.  The
 * target must start with a single '/' (no scheme, no "//host") and carry
 * no CR, LF or other control character; otherwise QA_ESYS, because
 * targets are built by our code and a bad one is a bug.
 */
enum qa_err
http_redirect(struct qa_request *req, int status, const char *location)
{
	const unsigned char	*p;

	if (location == NULL || location[0] != '/' || location[1] == '/' ||
	    location[1] == '\\')
		return QA_ESYS;
	for (p = (const unsigned char *)location; *p != '\0'; p++)
		if (*p < 0x20 || *p == 0x7f)
			return QA_ESYS;
	req->resp.status = status;
	http_header(req, "Location", location);
	buf_clear(req->resp.body);
	req->resp.content_type = NULL;
	return QA_OK;
}

/*
 * Write the whole response as CGI output into out: Status, Content-Type,
 * Content-Length, the added headers, a blank line, then the body unless
 * the method was HEAD.
 */
void
http_response_write(struct qa_request *req, struct buf *out)
{
	struct http_response	*r = &req->resp;
	int			 status = r->status ? r->status : 200;

	buf_printf(out, "Status: %d %s\r\n", status, http_status_text(status));
	if (r->content_type != NULL)
		buf_printf(out, "Content-Type: %s\r\n", r->content_type);
	buf_printf(out, "Content-Length: %zu\r\n", r->body->len);
	buf_append(out, r->headers->data != NULL ? r->headers->data : "",
	    r->headers->len);
	buf_append(out, "\r\n", 2);
	if (req->method != HTTP_HEAD && r->body->len > 0)
		buf_append(out, r->body->data, r->body->len);
}
