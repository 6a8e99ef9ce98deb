/*
 * serve-t: routing, method handling, error pages and the headers of every
 * response, through serve_handle() with a real configuration, database
 * and templates of the test's own.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "auth.h"
#include "db.h"
#include "serve.h"
#include "user.h"
#include "template.h"
#include "tap.h"

static char	 dir[] = "/tmp/serve-t.XXXXXX";

static void
put(const char *name, const char *text)
{
	char	 path[256];
	FILE	*f;

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	if ((f = fopen(path, "w")) == NULL || fputs(text, f) < 0)
		bail("cannot write file");
	fclose(f);
}

static enum qa_err
hello_get(struct qa_request *req)
{
	struct tpl	*t;

	if ((t = serve_page(req, "hello.tpl", "Hello")) == NULL)
		return QA_ESYS;
	tpl_set(t, "ARG", req->nargs > 0 ? req->args[0] : "none");
	return serve_render(req, 200);
}

static enum qa_err
form_post(struct qa_request *req)
{
	return http_redirect(req, 303, "/done");
}

static enum qa_err
formpage_get(struct qa_request *req)
{
	if (serve_page_form(req, "form.tpl", "Form") == NULL)
		return QA_ESYS;
	return serve_render(req, 200);
}

static enum qa_err
me_get(struct qa_request *req)
{
	struct tpl	*t;

	if ((t = serve_page(req, "hello.tpl", "Me")) == NULL)
		return QA_ESYS;
	tpl_set(t, "ARG", req->user != NULL ? req->user->handle : "nobody");
	return serve_render(req, 200);
}

static enum qa_err
loginas_post(struct qa_request *req)
{
	enum qa_err	 er;

	if ((er = auth_login(req, 1, http_formval(req, "remember") != NULL))
	    != QA_OK)
		return er;
	return http_redirect(req, 303, "/me");
}

static enum qa_err
logout_post(struct qa_request *req)
{
	enum qa_err	 er;

	if ((er = auth_logout(req)) != QA_OK)
		return er;
	return http_redirect(req, 303, "/");
}

static enum qa_err
fail_get(struct qa_request *req)
{
	(void)req;
	return QA_ENOTFOUND;
}

static const struct route routes[] = {
	{ "/", ROUTE_GET, hello_get },
	{ "/item/{}", ROUTE_GET, hello_get },
	{ "/item/{}/{}", ROUTE_GET, hello_get },
	{ "/form", ROUTE_POST | ROUTE_WRITE, form_post },
	{ "/gone", ROUTE_GET, fail_get },
	{ "/formpage", ROUTE_GET, formpage_get },
	{ "/me", ROUTE_GET, me_get },
	{ "/login-as", ROUTE_POST | ROUTE_WRITE, loginas_post },
	{ "/logout", ROUTE_POST | ROUTE_WRITE, logout_post },
};

static struct buf	 out;

struct body {
	const char	*p;
	size_t		 off;
};

static long
body_read(void *cookie, char *p, size_t n)
{
	struct body	*b = cookie;
	size_t		 left = strlen(b->p) - b->off;

	if (n > left)
		n = left;
	memcpy(p, b->p + b->off, n);
	b->off += n;
	return (long)n;
}

/*
 * One request: method, URI, Cookie header (or NULL), urlencoded body (or
 * NULL) and one extra "NAME=value" environment entry (or NULL).
 */
static const char *
request(const char *method, const char *uri, const char *cookie,
    const char *form, const char *extra)
{
	static char		 m[64], u[512], c[512], l[64];
	char			*env[10];
	struct body		 b = { form != NULL ? form : "", 0 };
	struct http_input	 in = { env, body_read, &b };
	size_t			 n = 0;

	snprintf(m, sizeof(m), "REQUEST_METHOD=%s", method);
	snprintf(u, sizeof(u), "REQUEST_URI=%s", uri);
	snprintf(l, sizeof(l), "CONTENT_LENGTH=%zu", strlen(b.p));
	env[n++] = m;
	env[n++] = u;
	env[n++] = l;
	env[n++] = "CONTENT_TYPE=application/x-www-form-urlencoded";
	env[n++] = "HTTP_HOST=qa.example";
	if (cookie != NULL) {
		snprintf(c, sizeof(c), "HTTP_COOKIE=%s", cookie);
		env[n++] = c;
	}
	if (extra != NULL)
		env[n++] = (char *)extra;
	env[n] = NULL;
	buf_clear(&out);
	serve_handle(&in, routes, nitems(routes), &out);
	return buf_cstr(&out);
}

static const char *
run(const char *method, const char *uri)
{
	return request(method, uri, NULL, NULL, NULL);
}

/* Copy the value of "name=" up to ';' or CR from text into dst. */
static void
grab(const char *text, const char *name, char *dst, size_t dstsz)
{
	const char	*p;
	size_t		 n;

	dst[0] = '\0';
	if ((p = strstr(text, name)) == NULL)
		return;
	p += strlen(name);
	n = strcspn(p, ";\r\"<");
	if (n >= dstsz)
		n = dstsz - 1;
	memcpy(dst, p, n);
	dst[n] = '\0';
}

static int
count(sqlite3 *h, const char *sql)
{
	sqlite3_stmt	*st;
	int		 n = -1;

	if (sqlite3_prepare_v2(h, sql, -1, &st, NULL) == SQLITE_OK &&
	    sqlite3_step(st) == SQLITE_ROW)
		n = sqlite3_column_int(st, 0);
	sqlite3_finalize(st);
	return n;
}

int
main(void)
{
	char		 cfg[700], db[300], cmd[300], anon[64], tok[64];
	char		 sess[64], sess2[64], ck[200], form[300], stok[64];
	struct db	*d;
	const char	*r;

	plan(56);
	if (mkdtemp(dir) == NULL)
		bail("mkdtemp");
	snprintf(db, sizeof(db), "%s/qa.db", dir);
	snprintf(cfg, sizeof(cfg), "db = %s\ntemplates = %s\n", db, dir);
	put("fastqa.conf", cfg);
	put("layout.tpl", "{{%AUTOESCAPE context=\"HTML\"}}"
	    "<title>{{TITLE}} - {{SITE_NAME}}</title>{{>CONTENT}}\n");
	put("hello.tpl", "{{%AUTOESCAPE context=\"HTML\"}}<p>arg={{ARG}}</p>\n");
	put("error.tpl", "{{%AUTOESCAPE context=\"HTML\"}}"
	    "<h1>{{STATUS}} {{TITLE}}</h1><p>{{MESSAGE}}</p>\n");
	put("form.tpl", "{{%AUTOESCAPE context=\"HTML\"}}"
	    "<input name=\"csrf\" value=\"{{CSRF}}\">\n");
	if (db_open(db, DB_CREATE, &d) != QA_OK || db_init_schema(d) != QA_OK ||
	    db_exec(d, "INSERT INTO users (id, handle, created) "
	    "VALUES (1, 'alice', 0)") != QA_OK)
		bail("cannot create database");
	db_close(d);
	snprintf(cfg, sizeof(cfg), "%s/fastqa.conf", dir);
	setenv("FASTQA_CONFIG", cfg, 1);
	ok(serve_init("serve-t") == 0, "process set up");

	r = run("GET", "/");
	has_str(r, "Status: 200 OK\r\n", "home 200");
	has_str(r, "<title>Hello - fastqa</title>", "layout with site name");
	has_str(r, "Content-Type: text/html; charset=utf-8", "HTML type");
	has_str(r, "Content-Security-Policy: ", "CSP on pages");
	r = run("GET", "/item/%3Cb%3E?x=1");
	has_str(r, "arg=&lt;b&gt;", "capture decoded and escaped");
	has_str(run("GET", "/item/a/b"), "arg=a", "two captures");
	has_str(run("GET", "/item/"), "Status: 404", "empty capture is 404");
	has_str(run("GET", "/item/a/b/c"), "Status: 404", "extra segment 404");
	r = run("GET", "/nowhere");
	has_str(r, "Status: 404 Not Found", "unknown path 404");
	has_str(r, "<h1>404 Page not found</h1>", "404 page from template");
	has_str(r, "Content-Security-Policy: ", "CSP on error pages");
	has_str(r, "X-Content-Type-Options: nosniff", "nosniff on errors");
	has_str(run("GET", "/gone"), "Status: 404", "handler error page");
	r = run("HEAD", "/");
	has_str(r, "Status: 200 OK", "HEAD runs GET routes");
	ok(strstr(r, "<title>") == NULL, "HEAD has no body");
	has_str(r, "Content-Length: ", "HEAD keeps Content-Length");
	r = run("POST", "/");
	has_str(r, "Status: 405", "POST on a GET route is 405");
	has_str(r, "Allow: GET, HEAD\r\n", "405 says what is allowed");
	has_str(run("DELETE", "/form"), "Allow: POST", "unknown method 405");
	has_str(run("GET", "/a%ZZ"), "Status: 400 Bad Request", "bad path 400");

	/* CSRF: every POST needs a token bound to the visitor's cookie. */
	r = run("GET", "/");
	ok(strstr(r, "Set-Cookie") == NULL, "pages without forms set no cookie");
	r = run("GET", "/formpage");
	grab(r, "Set-Cookie: qa_csrf=", anon, sizeof(anon));
	grab(r, "value=\"", tok, sizeof(tok));
	is_int(strlen(anon), AUTH_TOKEN_LEN, "a form page sets the CSRF cookie");
	is_int(strlen(tok), AUTH_TOKEN_LEN, "and puts a token in the form");
	ok(strcmp(anon, tok) != 0, "the token is not the cookie itself");
	has_str(r, "HttpOnly; SameSite=Lax", "CSRF cookie flags");
	snprintf(ck, sizeof(ck), "qa_csrf=%s", anon);
	snprintf(form, sizeof(form), "csrf=%s", tok);
	has_str(request("POST", "/form", NULL, NULL, NULL), "Status: 403",
	    "POST without token or cookie: 403");
	has_str(request("POST", "/form", ck, "x=1", NULL), "Status: 403",
	    "POST without token: 403");
	has_str(request("POST", "/form", NULL, form, NULL), "Status: 403",
	    "POST with token but no cookie: 403");
	has_str(request("POST", "/form", ck,
	    "csrf=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", NULL),
	    "Status: 403", "POST with a wrong token: 403");
	has_str(request("POST", "/form", ck, form, NULL), "Location: /done",
	    "POST with cookie and token passes");
	has_str(request("POST", "/form", ck, form,
	    "HTTP_ORIGIN=http://evil.example"), "Status: 403",
	    "foreign Origin: 403");
	has_str(request("POST", "/form", ck, form,
	    "HTTP_ORIGIN=http://qa.example"), "Location: /done",
	    "own Origin passes");
	has_str(request("POST", "/form", ck, form,
	    "HTTP_SEC_FETCH_SITE=cross-site"), "Status: 403",
	    "Sec-Fetch-Site cross-site: 403");
	has_str(request("POST", "/form", ck, form,
	    "HTTP_SEC_FETCH_SITE=same-site"), "Status: 403",
	    "Sec-Fetch-Site same-site: 403");
	has_str(request("POST", "/form", ck, form,
	    "HTTP_SEC_FETCH_SITE=same-origin"), "Location: /done",
	    "Sec-Fetch-Site same-origin passes");

	/* Sessions. */
	r = request("POST", "/login-as", ck, form, NULL);
	has_str(r, "Location: /me", "login redirects");
	grab(r, "Set-Cookie: qa_session=", sess, sizeof(sess));
	is_int(strlen(sess), AUTH_TOKEN_LEN, "login sets a 256-bit token");
	has_str(r, "; Path=/; HttpOnly; SameSite=Lax\r\n",
	    "session cookie flags, no Secure over http");
	ok(strstr(r, "Max-Age") == NULL, "without remember: browser session");
	r = request("POST", "/login-as", ck, form, "HTTPS=on");
	has_str(r, "SameSite=Lax; Secure", "Secure over https");
	grab(r, "Set-Cookie: qa_session=", sess2, sizeof(sess2));
	ok(strcmp(sess, sess2) != 0, "every login gets a new token");
	r = request("POST", "/login-as", ck, "remember=1&csrf=x", NULL);
	has_str(r, "Status: 403", "login form is CSRF-checked too");
	snprintf(ck, sizeof(ck), "qa_csrf=%s; qa_session=%s", anon, sess);
	has_str(request("GET", "/me", ck, NULL, NULL), "arg=alice",
	    "the cookie signs the user in");
	has_str(request("GET", "/me", "qa_session=AAAAAAAAAAAAAAAAAAAAAAAAAA"
	    "AAAAAAAAAAAAAAAAA", NULL, NULL), "arg=nobody",
	    "an unknown token is anonymous");
	has_str(request("GET", "/me", "qa_session=short", NULL, NULL),
	    "arg=nobody", "a malformed token is anonymous");
	ok(count(db_handle(serve.db), "SELECT count(*) FROM sessions WHERE "
	    "length(token_hash) = 32") == 2, "sessions store 32-byte hashes");
	{
		char	 q[200];

		snprintf(q, sizeof(q), "SELECT count(*) FROM sessions WHERE "
		    "token_hash = '%s' OR hex(token_hash) LIKE '%%%s%%'",
		    sess, sess);
		is_int(count(db_handle(serve.db), q), 0,
		    "no stored row holds the token");
	}
	r = request("POST", "/logout", ck, form, NULL);
	has_str(r, "Status: 403", "the visitor token is refused once signed in");
	r = request("GET", "/formpage", ck, NULL, NULL);
	grab(r, "value=\"", stok, sizeof(stok));
	ok(strcmp(stok, tok) != 0 && strlen(stok) == AUTH_TOKEN_LEN,
	    "signed in, forms carry a token bound to the login");
	ok(strstr(r, "Set-Cookie") == NULL, "and no new cookie");
	snprintf(form, sizeof(form), "csrf=%s", stok);
	r = request("POST", "/logout", ck, form, NULL);
	has_str(r, "Set-Cookie: qa_session=; Path=/; Max-Age=0",
	    "logout expires the cookie");
	has_str(request("GET", "/me", ck, NULL, NULL), "arg=nobody",
	    "after logout the old cookie is worthless");
	db_query_only(serve.db, false);
	ok(db_exec(serve.db, "UPDATE sessions SET last_used = last_used - "
	    "7200") == QA_OK, "a login left idle for two hours");
	snprintf(ck, sizeof(ck), "qa_session=%s", sess2);
	has_str(request("GET", "/me", ck, NULL, NULL), "arg=nobody",
	    "an idle session has expired");
	is_int(count(db_handle(serve.db), "SELECT count(*) FROM sessions"), 0,
	    "and its row is gone");

	serve_fini();
	buf_free(&out);
	snprintf(cmd, sizeof(cmd), "rm -rf %s", dir);
	if (system(cmd) != 0)
		diag("cleanup failed");
	return done();
}
