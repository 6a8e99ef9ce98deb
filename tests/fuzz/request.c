/*
 * request: a whole request through http_request_parse(), as serve.c
 * gives it one, and the response built for it.
 *
 * The input is the CGI environment, one NAME=VALUE a line up to the
 * first empty line, then the body; a line that ends in a backslash goes
 * on over the next one, with a newline for the backslash (a FastCGI
 * parameter may hold any byte).  When the environment sets no
 * CONTENT_LENGTH the body's length is given, so that most inputs are
 * read; one that sets it may claim more or less than there is.  The body
 * is read in pieces of 1, 7 or any number of bytes (by its length), so
 * that the reading loop sees short reads.
 *
 * Checked beyond "no crash": the outcome is one that parsing can give; a
 * body over HTTP_MAX_BODY or of another type is refused unread, and no
 * read asks for more than CONTENT_LENGTH; method and method name agree;
 * the path starts with '/', is text without newlines and has no "." or
 * ".." segment; query, form and cookie pairs keep their limits (count,
 * names, unique, values text, lengths), and each is what the lookup
 * functions find; a parsed If-Modified-Since survives http_date() and
 * back; form_read() gives every field a value; the stamp check gives a
 * reason exactly when it refuses, passes only our signature, and passes
 * a stamp of ours in its time and with the honeypot empty only; and the
 * response written for the request (echoing its headers, redirecting to
 * its URI) or for its error has no header line that the request could
 * split, and an error's status is one with a name.
 */
#include <inttypes.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "form.h"
#include "http.h"
#include "fuzz.h"

#define ENV_MAX		64	/* environment lines read */

struct body {
	const char	*p;
	size_t		 len, off;
	size_t		 piece;		/* most bytes one read gives */
	size_t		 asked;		/* bytes read or asked for */
	int64_t		 declared;	/* CONTENT_LENGTH, or -1 */
	int		 reads;
};

static long
body_read(void *cookie, char *p, size_t n)
{
	struct body	*b = cookie;

	b->reads++;
	FUZZ_CHECK(n > 0);
	/* got + n is what is left of CONTENT_LENGTH: never past it. */
	FUZZ_CHECK(b->declared >= 0 &&
	    (uint64_t)b->asked + n == (uint64_t)b->declared);
	if (n > b->piece)
		n = b->piece;
	if (n > b->len - b->off)
		n = b->len - b->off;
	memcpy(p, b->p + b->off, n);
	b->off += n;
	b->asked += n;
	return (long)n;
}

/* The path rules of path_parse(). */
static void
check_path(const char *p)
{
	size_t	 n = strlen(p);

	FUZZ_CHECK(p[0] == '/');
	FUZZ_CHECK(n <= HTTP_MAX_PATH);
	FUZZ_CHECK(fuzz_text_ok(p, n, false));
	FUZZ_CHECK(strstr(p, "/./") == NULL && strstr(p, "/../") == NULL);
	FUZZ_CHECK(!(n >= 2 && strcmp(p + n - 2, "/.") == 0));
	FUZZ_CHECK(!(n >= 3 && strcmp(p + n - 3, "/..") == 0));
}

/*
 * The written response: a head of "Name: value" lines, each ending in
 * CR LF and holding no other CR or LF, then an empty line; and the names
 * are those that respond() and http_response_write() give, each once, so
 * that a value from the request that made a line of its own would show.
 */
static void
check_response(const struct buf *out)
{
	static const char *const names[] = {
		"Status", "Content-Type", "Content-Length",
		"Content-Security-Policy", "X-Content-Type-Options",
		"Referrer-Policy", "X-Frame-Options", "X-Echo",
		"Access-Control-Allow-Origin", "Location",
	};
	const char	*s = out->data, *e = s + out->len, *end, *p, *line;
	bool		 seen[nitems(names)] = { false };
	size_t		 i;

	FUZZ_CHECK(s != NULL && out->len > 0 && !out->oom);
	end = memmem(s, out->len, "\r\n\r\n", 4);
	FUZZ_CHECK(end != NULL);
	FUZZ_CHECK(strncmp(s, "Status: ", 8) == 0);
	for (p = line = s; p < end + 2; p++) {
		if (*p == '\r')
			FUZZ_CHECK(p + 1 < e && p[1] == '\n');
		if (*p != '\n')
			continue;
		FUZZ_CHECK(p > s && p[-1] == '\r');
		for (i = 0; i < nitems(names); i++)
			if (strncmp(line, names[i], strlen(names[i])) == 0 &&
			    line[strlen(names[i])] == ':')
				break;
		FUZZ_CHECK(i < nitems(names) && !seen[i]);
		seen[i] = true;
		line = p + 1;
	}
}

/*
 * The stamps of posting forms: one that passed was signed by us (it is
 * the stamp form_stamp() makes at its time); one that form_stamp() makes
 * now is refused as too quick, passes ten seconds later (unless the
 * honeypot the request sent is filled), is refused for another form
 * and after a day.
 */
static void
check_stamp(struct qa_request *req, bool passed)
{
	struct http_pair	 pairs[2], *form = req->form;
	const char		*stamp, *hp, *why;
	size_t			 nform = req->nform;
	int64_t			 now = req->now, t;
	bool			 filled;

	stamp = http_formval(req, FORM_STAMP_FIELD);
	if (passed) {
		FUZZ_CHECK(stamp != NULL && sscanf(stamp, "%" SCNd64, &t) == 1);
		/* The same signature (the time may have leading zeros). */
		req->now = t;
		FUZZ_CHECK(strcmp(strchr(form_stamp(req, "ask"), '.'),
		    strchr(stamp, '.')) == 0);
		req->now = now;
	}
	hp = http_formval(req, FORM_HONEYPOT_FIELD);
	filled = hp != NULL && hp[0] != '\0';
	FUZZ_CHECK((stamp = form_stamp(req, "ask")) != NULL);
	pairs[0] = (struct http_pair){ FORM_STAMP_FIELD, stamp, strlen(stamp) };
	pairs[1] = (struct http_pair){ FORM_HONEYPOT_FIELD, hp != NULL ? hp :
	    "", hp != NULL ? strlen(hp) : 0 };
	req->form = pairs;
	req->nform = 2;
	FUZZ_CHECK(form_stamp_check(req, "ask", &why) == QA_EINVALID);
	req->now = now + 10;
	FUZZ_CHECK((form_stamp_check(req, "ask", &why) == QA_OK) == !filled);
	FUZZ_CHECK(form_stamp_check(req, "answer", &why) == QA_EINVALID);
	req->now = now + 86400 + 10;
	FUZZ_CHECK(form_stamp_check(req, "ask", &why) == QA_EINVALID);
	req->now = now;
	req->form = form;
	req->nform = nform;
}

static void
check_request(struct qa_request *req, enum qa_err er, const struct body *b)
{
	static const struct field fields[] = {
		{ "title", true }, { "body", true }, { "tags", true },
		{ "password", false },
	};
	struct form	 f;
	const char	*why;
	size_t		 i;
	int64_t		 page;
	enum qa_err	 ser;

	FUZZ_CHECK(er == QA_OK || er == QA_EINPUT || er == QA_ETOOBIG ||
	    er == QA_EMEDIA);
	/* Only a POST body is read, and never one over the limit. */
	if (b->reads > 0)
		FUZZ_CHECK(req->method == HTTP_POST);
	if (b->declared > HTTP_MAX_BODY)
		FUZZ_CHECK(b->reads == 0);
	if (er == QA_EMEDIA)
		FUZZ_CHECK(req->method == HTTP_POST && b->reads == 0);
	/* Too big: the length given, unread, or a value of the form. */
	if (er == QA_ETOOBIG)
		FUZZ_CHECK(req->method == HTTP_POST &&
		    (b->declared > HTTP_MAX_BODY || b->reads > 0));
	FUZZ_CHECK(req->method_name != NULL);
	FUZZ_CHECK((req->method == HTTP_POST) ==
	    (strcmp(req->method_name, "POST") == 0));
	FUZZ_CHECK((req->method == HTTP_HEAD) ==
	    (strcmp(req->method_name, "HEAD") == 0));
	if (req->path != NULL)
		check_path(req->path);
	fuzz_check_pairs(req->query, req->nquery, HTTP_MAX_PARAMS, false);
	fuzz_check_pairs(req->cookies, req->ncookies, HTTP_MAX_COOKIES, true);
	fuzz_check_pairs(req->form, req->nform, HTTP_MAX_PARAMS, false);
	if (er != QA_OK)
		return;

	FUZZ_CHECK(req->path != NULL);
	if (req->method != HTTP_POST)
		FUZZ_CHECK(req->nform == 0);
	else if (b->declared > 0)
		FUZZ_CHECK(b->asked == (size_t)b->declared);
	for (i = 0; i < req->nquery; i++)
		FUZZ_CHECK(http_query(req, req->query[i].name) ==
		    req->query[i].value);
	for (i = 0; i < req->nform; i++)
		FUZZ_CHECK(http_formval(req, req->form[i].name) ==
		    req->form[i].value);
	for (i = 0; i < req->ncookies; i++)
		FUZZ_CHECK(http_cookie(req, req->cookies[i].name) ==
		    req->cookies[i].value);
	if (http_query_int(req, "page", 1, 1000, 1, &page) == QA_OK)
		FUZZ_CHECK(page >= 1 && page <= 1000);
	(void)http_wants_json(req);
	(void)http_etag_match(req->if_none_match, "\"v1-0123abcd\"");
	fuzz_check_date(req->if_modified_since);

	form_read(req, &f, fields, nitems(fields));
	for (i = 0; i < nitems(fields); i++)
		FUZZ_CHECK(f.val[i] != NULL &&
		    (req->method == HTTP_POST || f.val[i][0] == '\0'));
	ser = form_stamp_check(req, "ask", &why);
	FUZZ_CHECK((ser == QA_OK) == (why == NULL));
	FUZZ_CHECK(ser == QA_OK || ser == QA_EINVALID);
	check_stamp(req, ser == QA_OK);
}

/*
 * Build the response a handler might, which repeats what the client
 * sent, or the error page's for er.
 */
static void
respond(struct qa_request *req, enum qa_err er)
{
	struct buf	 out = { 0 };

	http_security_headers(req);
	if (er != QA_OK) {
		req->resp.status = http_status_of(er);
		FUZZ_CHECK(req->resp.status >= 400 &&
		    strcmp(http_status_text(req->resp.status), "Unknown") != 0);
		http_response_write(req, &out);
		check_response(&out);
		buf_free(&out);
		return;
	}
	if (req->user_agent != NULL)
		http_header(req, "X-Echo", req->user_agent);
	if (req->origin != NULL)
		http_header(req, "Access-Control-Allow-Origin", req->origin);
	req->resp.content_type = "text/html; charset=utf-8";
	buf_puts(req->resp.body, "<p>body</p>");
	if (http_redirect(req, 303, req->uri) == QA_OK) {
		FUZZ_CHECK(req->uri[0] == '/' && req->uri[1] != '/' &&
		    req->uri[1] != '\\');
		FUZZ_CHECK(req->resp.body->len == 0);
	}
	http_response_write(req, &out);
	check_response(&out);
	buf_free(&out);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct buf		 hdrs = { 0 }, resp = { 0 };
	struct qa_request	 req;
	struct http_input	 in;
	struct body		 b;
	char			*text, *line, *next, *env[ENV_MAX + 2];
	char			 cl[48];
	size_t			 nenv = 0;
	bool			 has_cl = false;
	enum qa_err		 er;
	int64_t			 v;

	if ((text = malloc(size + 1)) == NULL)
		return 0;
	memcpy(text, data, size);
	text[size] = '\0';

	/* The environment, up to an empty line; the rest is the body. */
	memset(&b, 0, sizeof(b));
	b.p = "";
	for (line = text; line < text + size; line = next) {
		/* Join the lines that end in '\\'. */
		for (next = line; next < text + size; next++) {
			if (*next != '\n')
				continue;
			if (next == line || next[-1] != '\\')
				break;
			next[-1] = '\n';
			memmove(next, next + 1, (size_t)(text + size - next));
			size--;
			next--;
		}
		if (next < text + size)
			*next++ = '\0';
		if (line[0] == '\0') {
			b.p = next;
			b.len = size - (size_t)(next - text);
			break;
		}
		if (nenv < ENV_MAX) {
			env[nenv++] = line;
			if (strncmp(line, "CONTENT_LENGTH=", 15) == 0)
				has_cl = true;
		}
	}
	if (!has_cl) {
		snprintf(cl, sizeof(cl), "CONTENT_LENGTH=%zu", b.len);
		env[nenv++] = cl;
	}
	env[nenv] = NULL;
	b.piece = b.len % 3 == 0 ? 1 : b.len % 3 == 1 ? 7 : SIZE_MAX;
	/* What body_parse() reads the length as; -1 when it refuses it. */
	b.declared = -1;
	if (http_env(env, "CONTENT_LENGTH") == NULL ||
	    http_env(env, "CONTENT_LENGTH")[0] == '\0')
		b.declared = 0;
	else if (http_parse_int(http_env(env, "CONTENT_LENGTH"), 0,
	    INT64_MAX, &v) == QA_OK)
		b.declared = v;

	memset(&req, 0, sizeof(req));
	arena_init(&req.arena);
	req.resp.headers = &hdrs;
	req.resp.body = &resp;
	in.envp = env;
	in.read = body_read;
	in.cookie = &b;
	er = http_request_parse(&req, &in);
	check_request(&req, er, &b);
	respond(&req, er);
	arena_free(&req.arena);
	buf_free(&hdrs);
	buf_free(&resp);
	free(text);
	return 0;
}
