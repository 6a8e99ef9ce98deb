/*
 * serve-t: routing, method handling, error pages and the headers of every
 * response, through serve_handle() with a real configuration, database
 * and templates of the test's own.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db.h"
#include "serve.h"
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
};

static struct buf	 out;

static const char *
run(const char *method, const char *uri)
{
	static char		 m[64], u[512];
	char			*env[] = { m, u, "CONTENT_LENGTH=0", NULL };
	struct http_input	 in = { env, NULL, NULL };

	snprintf(m, sizeof(m), "REQUEST_METHOD=%s", method);
	snprintf(u, sizeof(u), "REQUEST_URI=%s", uri);
	buf_clear(&out);
	serve_handle(&in, routes, nitems(routes), &out);
	return buf_cstr(&out);
}

int
main(void)
{
	char		 cfg[700], db[300], cmd[300];
	struct db	*d;
	const char	*r;

	plan(22);
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
	if (db_open(db, DB_CREATE, &d) != QA_OK || db_init_schema(d) != QA_OK)
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
	has_str(run("POST", "/form"), "Location: /done", "POST route redirects");
	has_str(run("GET", "/a%ZZ"), "Status: 400 Bad Request", "bad path 400");

	serve_fini();
	buf_free(&out);
	snprintf(cmd, sizeof(cmd), "rm -rf %s", dir);
	if (system(cmd) != 0)
		diag("cleanup failed");
	return done();
}
