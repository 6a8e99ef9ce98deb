/*
 * serve.c: a program's life.  Start-up (configuration, templates,
 * database, settings: once per process), then either the FastCGI accept
 * loop on the inherited socket or, when started as plain CGI, exactly one
 * request from the environment and stdin.  Each request is parsed,
 * routed, handled, given the security headers and written; its arena is
 * then reset, so nothing outlives it.  Also what every program's pages
 * share: the layout, the notice page, the client's address as a
 * rate-limit key, and the site's address for links in mail.
 */
#include <dirent.h>
#include <errno.h>
#include <signal.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <fcgiapp.h>

#include "auth.h"
#include "config.h"
#include "db.h"
#include "serve.h"
#include "settings.h"
#include "template.h"
#include "user.h"
#include "util.h"

extern char	**environ;

struct serve_ctx	 serve;

static struct buf	 resp_headers, resp_body, resp_out;
static struct qa_request req;

/* Work to run once the response has gone: see serve_after(). */
#define AFTER_MAX	8
static struct {
	void	(*fn)(void *);
	void	*arg;
}			 after[AFTER_MAX];
static size_t		 nafter;

/* The titles of error pages, by error code. */
static const char *const err_titles[QA_ERR__MAX] = {
	[QA_OK] =		"OK",
	[QA_EINPUT] =		"Bad request",
	[QA_EINVALID] =		"Please check your input",
	[QA_ENOTFOUND] =	"Page not found",
	[QA_EMETHOD] =		"Method not allowed",
	[QA_EFORBIDDEN] =	"Not allowed",
	[QA_ECONFLICT] =	"Conflict",
	[QA_ETOOBIG] =		"Too large",
	[QA_EMEDIA] =		"Unsupported form encoding",
	[QA_ELIMIT] =		"Too many requests",
	[QA_EBUSY] =		"Busy",
	[QA_ESYS] =		"Something went wrong",
};

static const char *const err_messages[QA_ERR__MAX] = {
	[QA_OK] =		"",
	[QA_EINPUT] =		"The request was malformed or had a parameter "
				"that is not valid.",
	[QA_EINVALID] =		"Some of what you entered could not be "
				"accepted.",
	[QA_ENOTFOUND] =	"There is nothing at this address. It may "
				"have been moved or deleted.",
	[QA_EMETHOD] =		"This address does not accept that kind of "
				"request.",
	[QA_EFORBIDDEN] =	"You are not allowed to do that.",
	[QA_ECONFLICT] =	"That conflicts with something already saved.",
	[QA_ETOOBIG] =		"What you sent is larger than this site "
				"accepts.",
	[QA_EMEDIA] =		"Forms must be sent as "
				"application/x-www-form-urlencoded.",
	[QA_ELIMIT] =		"You are doing that too often. Please wait a "
				"little and try again.",
	[QA_EBUSY] =		"The site is busy. Please try again in a "
				"moment.",
	[QA_ESYS] =		"An internal error occurred. It has been "
				"logged.",
};

/* Load every *.tpl of the template directory, so errors show at start. */
static enum qa_err
load_templates(const char *dir)
{
	DIR		*d;
	struct dirent	*e;
	size_t		 n;
	enum qa_err	 er = QA_OK;

	if ((er = tpl_init(dir)) != QA_OK)
		return er;
	if ((d = opendir(dir)) == NULL) {
		fprintf(stderr, "serve: templates %s: %s\n", dir,
		    strerror(errno));
		return QA_ESYS;
	}
	while ((e = readdir(d)) != NULL) {
		n = strlen(e->d_name);
		if (n > 4 && strcmp(e->d_name + n - 4, ".tpl") == 0 &&
		    e->d_name[0] != '.' && tpl_load(e->d_name) != QA_OK)
			er = QA_ESYS;
	}
	closedir(d);
	return er;
}

/*
 * Set up the process: configuration (FASTQA_CONFIG), the log file
 * (config `log`: stderr is appended there, because spawn-fcgi discards
 * it), templates (config `templates`), the database (config `db`,
 * opened read-only until a write route runs) and the settings.
 * Returns -1 (logged) if any of them fails.
 */
int
serve_init(const char *program)
{
	const char	*log, *dir, *path;

	serve.program = program;
	if ((serve.config = config_open_default()) == NULL) {
		fprintf(stderr, "%s: cannot read configuration\n", program);
		return -1;
	}
	if ((log = config_get(serve.config, "log", NULL)) != NULL &&
	    freopen(log, "a", stderr) == NULL)
		return -1;
	setvbuf(stderr, NULL, _IOLBF, 0);
	dir = config_get(serve.config, "templates", QA_TEMPLATE_DIR);
	if (load_templates(dir) != QA_OK) {
		fprintf(stderr, "%s: templates in %s do not load\n",
		    program, dir);
		return -1;
	}
	path = config_get(serve.config, "db", QA_DB_PATH);
	if (db_open(path, DB_READONLY, &serve.db) != QA_OK) {
		fprintf(stderr, "%s: cannot open database %s\n", program,
		    path);
		return -1;
	}
	if (db_version(serve.db) != db_schema_version()) {
		fprintf(stderr, "%s: database %s has schema version %d, "
		    "expected %d: run qa-admin migrate\n", program, path,
		    db_version(serve.db), db_schema_version());
		return -1;
	}
	if (settings_load(serve.db) != QA_OK)
		return -1;
	if (auth_params_set(
	    (uint32_t)config_int(serve.config, "argon2_m", AUTH_ARGON2_M),
	    (uint32_t)config_int(serve.config, "argon2_t", AUTH_ARGON2_T),
	    (uint32_t)config_int(serve.config, "argon2_p", AUTH_ARGON2_P))
	    != QA_OK)
		return -1;
	return 0;
}

/* Release what serve_init() set up. */
void
serve_fini(void)
{
	settings_clear();
	db_close(serve.db);
	serve.db = NULL;
	config_free(serve.config);
	serve.config = NULL;
	tpl_fini();
	arena_free(&req.arena);
	buf_free(&resp_headers);
	buf_free(&resp_body);
	buf_free(&resp_out);
}

/*
 * Whether path matches pattern; captures "{}" segments into req->args.
 */
static bool
route_match(struct qa_request *r, const char *pattern, const char *path)
{
	const char	*p = pattern, *s = path, *e;
	size_t		 n = 0;

	while (*p != '\0' && *s != '\0') {
		if (*p != '/' || *s != '/')
			return false;
		p++;
		s++;
		e = s + strcspn(s, "/");
		if (strncmp(p, "{}", 2) == 0 && (p[2] == '/' || p[2] == '\0')) {
			if (e == s || n == HTTP_MAX_ARGS)
				return false;
			r->args[n++] = arena_strndup(&r->arena, s,
			    (size_t)(e - s));
			p += 2;
		} else {
			if (strncmp(p, s, (size_t)(e - s)) != 0 ||
			    (p[e - s] != '/' && p[e - s] != '\0'))
				return false;
			p += e - s;
		}
		s = e;
	}
	if (*p != '\0' || *s != '\0')
		return false;
	r->nargs = n;
	return true;
}

/*
 * Find the route for the request and run its handler.  HEAD runs GET
 * routes (the body is dropped when written).  Routes without ROUTE_WRITE
 * run with the database query-only.  Every POST must pass the CSRF check
 * first (QA_EFORBIDDEN otherwise): no handler can forget it.  Returns the
 * handler's result, QA_ENOTFOUND when no pattern matches the path, or
 * QA_EMETHOD (with req->allow set) when one matches but not for this
 * method.
 */
enum qa_err
serve_dispatch(struct qa_request *r, const struct route *routes, size_t n)
{
	size_t		 i;
	unsigned int	 want, allowed = 0;

	want = r->method == HTTP_POST ? ROUTE_POST :
	    r->method == HTTP_OTHER ? 0 : ROUTE_GET;
	for (i = 0; i < n; i++) {
		if (!route_match(r, routes[i].pattern, r->path))
			continue;
		allowed |= routes[i].flags;
		if ((routes[i].flags & want) == 0)
			continue;
		if (serve.db != NULL)
			db_query_only(serve.db,
			    (routes[i].flags & ROUTE_WRITE) == 0);
		if (r->method == HTTP_POST && auth_csrf_check(r) != QA_OK) {
			r->error = "This form has expired or did not come "
			    "from this site. Go back, reload the page and "
			    "send it again.";
			return QA_EFORBIDDEN;
		}
		return routes[i].handler(r);
	}
	if ((allowed & (ROUTE_GET | ROUTE_POST)) == 0)
		return QA_ENOTFOUND;
	r->allow = (allowed & ROUTE_GET) && (allowed & ROUTE_POST) ?
	    "GET, HEAD, POST" : (allowed & ROUTE_GET) ? "GET, HEAD" : "POST";
	return QA_EMETHOD;
}

/*
 * Start a page: the layout dictionary (site name, page title) with the
 * page's own template `file` included as CONTENT.  Returns the
 * dictionary of the page's template for the handler to fill, or NULL if
 * out of memory.  The layout is kept in req->page for serve_render().
 */
struct tpl *
serve_page(struct qa_request *r, const char *file, const char *title)
{
	struct tpl	*layout, *signed_in;
	const char	*site;

	if ((layout = tpl_new(&r->arena)) == NULL)
		return NULL;
	site = settings_get("site_name", "fastqa");
	tpl_set_global(layout, "SITE_NAME", site);
	tpl_set(layout, "TITLE", title != NULL ? title : site);
	if (title != NULL)
		tpl_show(layout, "HAS_TITLE");
	tpl_set(layout, "TAGLINE", settings_get("site_tagline", ""));
	if (r->user != NULL) {
		signed_in = tpl_add(layout, "SIGNED_IN");
		tpl_set(signed_in, "HANDLE", r->user->handle);
		tpl_set(signed_in, "USER_URL",
		    arena_printf(&r->arena, "/user/%s",
		    util_urlseg(&r->arena, r->user->handle)));
		/* The layout's log-out form needs the token. */
		tpl_set_global(layout, "CSRF", auth_csrf_token(r));
	} else
		tpl_show(layout, "SIGNED_OUT");
	r->page = layout;
	return tpl_include(layout, "CONTENT", file);
}

/*
 * serve_page() for a page with a form: also sets the template-global CSRF
 * to the token the form must carry (for a visitor this may set the CSRF
 * cookie).  NULL if out of memory or randomness.
 */
struct tpl *
serve_page_form(struct qa_request *r, const char *file, const char *title)
{
	struct tpl	*t;
	const char	*tok;

	if ((t = serve_page(r, file, title)) == NULL ||
	    (tok = auth_csrf_token(r)) == NULL)
		return NULL;
	tpl_set_global(r->page, "CSRF", tok);
	return t;
}

/*
 * Run fn(arg) once the response to this request has been sent (mail, for
 * instance, so that nobody waits for sendmail).  arg must not point into
 * the request's arena, which is gone by then.  At most AFTER_MAX per
 * request; more are run at once (logged).
 */
void
serve_after(struct qa_request *r, void (*fn)(void *), void *arg)
{
	size_t	 i;

	(void)r;
	for (i = 0; i < nafter; i++)
		if (after[i].fn == fn && after[i].arg == arg)
			return;
	if (nafter == AFTER_MAX) {
		fprintf(stderr, "serve: serve_after: queue full\n");
		fn(arg);
		return;
	}
	after[nafter].fn = fn;
	after[nafter].arg = arg;
	nafter++;
}

/* Run and forget the work queued by serve_after(). */
static void
run_after(void)
{
	size_t	 i, n = nafter;

	nafter = 0;
	for (i = 0; i < n; i++)
		after[i].fn(after[i].arg);
}

/*
 * Render the page started by serve_page() as the response body, HTML,
 * with the given status.  QA_ESYS if there is no page or it fails to
 * render.
 */
enum qa_err
serve_render(struct qa_request *r, int status)
{
	enum qa_err	 er;

	if (r->page == NULL)
		return QA_ESYS;
	buf_clear(r->resp.body);
	if ((er = tpl_render("layout.tpl", r->page, r->resp.body)) != QA_OK)
		return er;
	r->resp.status = status;
	r->resp.content_type = "text/html; charset=utf-8";
	return QA_OK;
}

/*
 * Render a plain message page, notice.tpl in the layout, with status:
 * HEADING (also the page title) and MESSAGE, and section LINK with URL
 * and TEXT when url is not NULL.  Never cached.  QA_ESYS if out of
 * memory or the page fails to render.
 */
enum qa_err
serve_notice(struct qa_request *r, int status, const char *heading,
    const char *message, const char *url, const char *text)
{
	struct tpl	*t, *s;

	if ((t = serve_page(r, "notice.tpl", heading)) == NULL)
		return QA_ESYS;
	tpl_set(t, "HEADING", heading);
	tpl_set(t, "MESSAGE", message);
	if (url != NULL) {
		s = tpl_add(t, "LINK");
		tpl_set(s, "URL", url);
		tpl_set(s, "TEXT", text);
	}
	http_header(r, "Cache-Control", "no-store");
	return serve_render(r, status);
}

/*
 * The client's address as a part of a rate-limit key: REMOTE_ADDR, or
 * "unknown" when the server did not pass one (all such clients then
 * share their limits).  Points into the request, or to a constant.
 */
const char *
serve_remote(const struct qa_request *r)
{
	return r->remote_addr != NULL && r->remote_addr[0] != '\0' ?
	    r->remote_addr : "unknown";
}

/*
 * The site's address for links in mail: the config value base_url
 * (SERVE_BASE_URL when it is not set, or before serve_init()) without
 * trailing '/'.  Points to a static buffer that the next call overwrites;
 * a value too long for it is cut (and logged).
 */
const char *
serve_base_url(void)
{
	static char	 url[512];
	const char	*b;
	size_t		 n;

	b = serve.config != NULL ? config_get(serve.config, "base_url",
	    SERVE_BASE_URL) : SERVE_BASE_URL;
	n = strlen(b);
	while (n > 0 && b[n - 1] == '/')
		n--;
	if (n >= sizeof(url)) {
		fprintf(stderr, "serve: base_url is too long\n");
		n = sizeof(url) - 1;
	}
	memcpy(url, b, n);
	url[n] = '\0';
	return url;
}

/*
 * Replace whatever the handler built with the error page for er: its
 * status, a title and a message (msg, or the default text for er),
 * rendered from error.tpl in the layout.  If that fails too, a plain-text
 * page with the same status is sent.
 */
void
serve_error_page(struct qa_request *r, enum qa_err er, const char *msg)
{
	struct tpl	*t;
	int		 status = http_status_of(er);

	if (er >= QA_ERR__MAX)
		er = QA_ESYS;
	buf_clear(r->resp.headers);
	buf_clear(r->resp.body);
	if (er == QA_EMETHOD && r->allow != NULL)
		http_header(r, "Allow", r->allow);
	http_header(r, "Cache-Control", "no-store");
	r->page = NULL;
	if ((t = serve_page(r, "error.tpl", err_titles[er])) != NULL) {
		tpl_set_int(t, "STATUS", status);
		tpl_set(t, "TITLE", err_titles[er]);
		tpl_set(t, "MESSAGE", msg != NULL ? msg :
		    r->error != NULL ? r->error : err_messages[er]);
		if (serve_render(r, status) == QA_OK)
			return;
	}
	buf_clear(r->resp.body);
	buf_printf(r->resp.body, "%d %s\n", status, err_titles[er]);
	r->resp.status = status;
	r->resp.content_type = "text/plain; charset=utf-8";
}

/*
 * Serve one request read through `in`, writing the whole CGI response
 * (status, headers, body) into out.
 */
void
serve_handle(const struct http_input *in, const struct route *routes,
    size_t n, struct buf *out)
{
	enum qa_err	 er;

	buf_clear(&resp_headers);
	buf_clear(&resp_body);
	memset(&req.args, 0, sizeof(req) - offsetof(struct qa_request, args));
	req.method = HTTP_GET;
	req.method_name = "GET";
	req.path = "/";
	req.resp.headers = &resp_headers;
	req.resp.body = &resp_body;

	if (serve.db != NULL)
		(void)settings_refresh(serve.db);
	if ((er = http_request_parse(&req, in)) == QA_OK &&
	    (er = auth_load(&req)) == QA_OK)
		er = serve_dispatch(&req, routes, n);
	if (er == QA_OK && resp_body.oom)
		er = QA_ESYS;
	if (er != QA_OK) {
		if (er == QA_ESYS || er == QA_EBUSY)
			fprintf(stderr, "%s: %s %s: %s\n", serve.program,
			    req.method_name, req.path, qa_strerror(er));
		serve_error_page(&req, er, NULL);
	}
	http_security_headers(&req);
	http_response_write(&req, out);
	arena_reset(&req.arena);
}

static long
cgi_read(void *cookie, char *p, size_t n)
{
	size_t	 r;

	r = fread(p, 1, n, cookie);
	if (r == 0 && ferror((FILE *)cookie))
		return -1;
	return (long)r;
}

static long
fcgi_read(void *cookie, char *p, size_t n)
{
	if (n > INT32_MAX)
		n = INT32_MAX;
	return FCGX_GetStr(p, (int)n, cookie);
}

static volatile sig_atomic_t	 stopping;

static void
on_term(int sig)
{
	(void)sig;
	stopping = 1;
	FCGX_ShutdownPending();
}

/*
 * The whole life of a program: set up, then serve FastCGI requests on
 * the inherited socket until told to stop (SIGTERM, SIGINT, SIGUSR1), or
 * exactly one plain-CGI request when stdin is not a FastCGI socket.
 * Returns the process exit status.
 */
int
serve_run(const char *program, const struct route *routes, size_t n)
{
	struct http_input	 in;
	struct sigaction	 sa;
	FCGX_Request		 fr;
	int			 cgi, rc = 0;

	arena_init(&req.arena);
	cgi = FCGX_IsCGI();
	if (serve_init(program) != 0) {
		if (cgi)
			fputs("Status: 500 Internal Server Error\r\n"
			    "Content-Type: text/plain; charset=utf-8\r\n\r\n"
			    "500 The site is not configured correctly.\n",
			    stdout);
		serve_fini();
		return 1;
	}
	if (cgi) {
		in.envp = environ;
		in.read = cgi_read;
		in.cookie = stdin;
		serve_handle(&in, routes, n, &resp_out);
		if (fwrite(resp_out.data, 1, resp_out.len, stdout) !=
		    resp_out.len || fflush(stdout) != 0)
			rc = 1;
		fclose(stdout);
		run_after();
		serve_fini();
		return rc;
	}

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_term;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGUSR1, &sa, NULL);
	signal(SIGPIPE, SIG_IGN);

	if (FCGX_Init() != 0 || FCGX_InitRequest(&fr, 0, 0) != 0) {
		fprintf(stderr, "%s: FastCGI initialisation failed\n",
		    program);
		serve_fini();
		return 1;
	}
	while (!stopping && FCGX_Accept_r(&fr) >= 0) {
		in.envp = fr.envp;
		in.read = fcgi_read;
		in.cookie = fr.in;
		buf_clear(&resp_out);
		serve_handle(&in, routes, n, &resp_out);
		if (resp_out.len > 0 && FCGX_PutStr(resp_out.data,
		    (int)resp_out.len, fr.out) < 0)
			fprintf(stderr, "%s: write failed\n", program);
		FCGX_Finish_r(&fr);
		run_after();
	}
	FCGX_Free(&fr, 1);
	serve_fini();
	return 0;
}
