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
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/wait.h>

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <malloc.h>
#include <poll.h>
#include <signal.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <fcgiapp.h>
#include <openssl/crypto.h>

#include "auth.h"
#include "config.h"
#include "db.h"
#include "pagecache.h"
#include "serve.h"
#include "settings.h"
#include "template.h"
#include "user.h"
#include "util.h"

extern char	**environ;

struct serve_ctx	 serve;

static struct buf	 resp_headers, resp_body, resp_out;
static struct qa_request req;

/*
 * What the pages of this process are made from besides the data: a hash
 * of each template's name, size and change time and of the program's
 * own file, so that an upgrade changes every ETag.  See load_templates().
 */
static uint32_t		 build_tag;

/* Config log_queries: log each request's count of queries. */
static bool		 log_queries;

/* The site's change stamp (see sql/006-finding.sql), for ETags. */
enum serve_stmt {
	SERVE_STMT_STAMP,
	SERVE_STMT__MAX
};

static const char *const serve_sql[SERVE_STMT__MAX] = {
	/* STAMP: the one row, by its key. */
	"SELECT n, changed FROM stamp WHERE id = 1",
};

static sqlite3_stmt	*serve_cache[SERVE_STMT__MAX];
static struct db_stmts	 serve_stmts =
    { serve_sql, SERVE_STMT__MAX, serve_cache, NULL, NULL };

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

/* Mix len bytes of p into the FNV-1a hash *h. */
static void
hash_mix(uint32_t *h, const void *p, size_t len)
{
	const unsigned char	*c = p;

	while (len-- > 0) {
		*h ^= *c++;
		*h *= 16777619u;
	}
}

/*
 * Add a hash of a file's name, size and change time to build_tag (added,
 * so that the order in which a directory lists its files does not
 * matter).
 */
static void
build_tag_file(int dir, const char *name)
{
	struct stat	 st;
	int64_t		 v[2] = { 0, 0 };
	uint32_t	 h = 2166136261u;

	hash_mix(&h, name, strlen(name));
	if (fstatat(dir, name, &st, 0) == 0) {
		v[0] = (int64_t)st.st_size;
		v[1] = (int64_t)st.st_mtime;
	}
	hash_mix(&h, v, sizeof(v));
	build_tag += h;
}

/*
 * Whether templates are loaded as pages need them instead of all at
 * start: for a plain-CGI request, which uses two or three of them and
 * then exits.
 */
static bool		 templates_lazy;

/*
 * Load every *.tpl of the template directory, so errors show at start
 * (unless templates_lazy: ctemplate then loads each when first
 * expanded), and mix them and the program's own file into build_tag.
 */
static enum qa_err
load_templates(const char *dir)
{
	DIR		*d;
	struct dirent	*e;
	size_t		 n;
	enum qa_err	 er = QA_OK;

	build_tag_file(AT_FDCWD, "/proc/self/exe");

	if ((er = tpl_init(dir)) != QA_OK)
		return er;
	if ((d = opendir(dir)) == NULL) {
		fprintf(stderr, "serve: templates %s: %s\n", dir,
		    strerror(errno));
		return QA_ESYS;
	}
	while ((e = readdir(d)) != NULL) {
		n = strlen(e->d_name);
		if (n <= 4 || strcmp(e->d_name + n - 4, ".tpl") != 0 ||
		    e->d_name[0] == '.')
			continue;
		if (!templates_lazy && tpl_load(e->d_name) != QA_OK)
			er = QA_ESYS;
		build_tag_file(dirfd(d), e->d_name);
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
	/*
	 * libcrypto gives us HMAC and SHA-256 only: the system's OpenSSL
	 * configuration file (providers, engines) and the error strings are
	 * not needed, and reading them costs every process half a megabyte
	 * and every plain-CGI request its parse.
	 */
	OPENSSL_init_crypto(OPENSSL_INIT_NO_LOAD_CONFIG |
	    OPENSSL_INIT_NO_LOAD_CRYPTO_STRINGS, NULL);
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
	log_queries = config_int(serve.config, "log_queries", 0) != 0;
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
	pagecache_clear();
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

/* --- HTTP caching ------------------------------------------------------- */

/*
 * How long caches may keep a shared page: browsers must ask again each
 * time (and get a 304 while nothing changed), shared caches such as
 * nginx's micro-cache may serve it for one second (s-maxage).
 */
#define CACHE_SHARED	"public, max-age=0, s-maxage=1, must-revalidate"

/*
 * The validators of a shared page: ETag and Last-Modified, set by
 * cache_check() for cache_headers().
 */
static char		 cache_etag[64];
static int64_t		 cache_modified;

/*
 * Before a ROUTE_CACHE page is made for a visitor without a session: read
 * the site's change stamp into *when (left 0 when there is none) for the
 * process's own store of pages (lib/pagecache.c), and decide whether the
 * page is shared (the visitor has neither a session nor a visitor CSRF
 * cookie, so the page is the one every such visitor gets, and pages with
 * forms leave their token out: see auth_csrf_token()).  A shared page
 * gets its validators, and a conditional request that still matches
 * them a 304, without making the page.  The ETag joins the stamp (moved
 * by every write that changes a page), build_tag (templates and program)
 * and the current minute (pages say "3 minutes ago"); Last-Modified is
 * the later of the last change and the start of the minute.  Returns
 * whether the 304 was made.
 */
static bool
cache_check(struct qa_request *r, struct pagecache_when *when)
{
	sqlite3_stmt	*st;
	int64_t		 n = 0, changed = 0, minute, since;
	char		 date[HTTP_DATE_LEN];
	bool		 fresh;

	memset(when, 0, sizeof(*when));
	r->shared = r->session_id == 0 &&
	    http_cookie(r, AUTH_COOKIE) == NULL &&
	    http_cookie(r, AUTH_CSRF_COOKIE) == NULL;
	if (r->session_id != 0 || serve.db == NULL)
		return false;
	if ((st = db_stmt(serve.db, &serve_stmts, SERVE_STMT_STAMP)) != NULL &&
	    sqlite3_step(st) == SQLITE_ROW) {
		n = sqlite3_column_int64(st, 0);
		changed = sqlite3_column_int64(st, 1);
	}
	if (st != NULL)
		db_done(st);
	if (n == 0) {
		r->shared = false;	/* no stamp: nothing to validate by */
		return false;
	}
	minute = r->now - r->now % 60;
	when->stamp = n;
	when->minute = minute;
	if (!r->shared)
		return false;
	cache_modified = changed > minute ? changed : minute;
	snprintf(cache_etag, sizeof(cache_etag), "\"%llx-%08x-%llx\"",
	    (unsigned long long)n, (unsigned)build_tag,
	    (unsigned long long)(minute / 60));
	if (r->if_none_match != NULL)
		fresh = http_etag_match(r->if_none_match, cache_etag);
	else
		fresh = http_date_parse(r->if_modified_since, &since) &&
		    since >= cache_modified;
	if (!fresh)
		return false;
	r->resp.status = 304;
	r->resp.content_type = NULL;
	buf_clear(r->resp.body);
	http_header(r, "ETag", cache_etag);
	http_date(cache_modified, date);
	http_header(r, "Last-Modified", date);
	http_header(r, "Cache-Control", CACHE_SHARED);
	http_header(r, "Vary", "Cookie");
	return true;
}

/* Whether the response has a header called name already. */
static bool
header_set(const struct qa_request *r, const char *name)
{
	const char	*h = r->resp.headers->data;
	size_t		 n = strlen(name);

	while (h != NULL && *h != '\0') {
		if (strncasecmp(h, name, n) == 0 && h[n] == ':')
			return true;
		if ((h = strstr(h, "\r\n")) != NULL)
			h += 2;
	}
	return false;
}

/*
 * After a ROUTE_CACHE page is made: a shared page that came out 200
 * without setting a cookie gets its validators and CACHE_SHARED.  Any
 * other page of such a route is private and never reused unchecked.
 */
static void
cache_headers(struct qa_request *r)
{
	char	 date[HTTP_DATE_LEN];

	if (header_set(r, "Cache-Control"))
		return;		/* the handler knows better */
	http_header(r, "Vary", "Cookie");
	if (!r->shared || r->resp.set_cookie ||
	    (r->resp.status != 0 && r->resp.status != 200)) {
		http_header(r, "Cache-Control", "private, no-cache");
		return;
	}
	http_header(r, "ETag", cache_etag);
	http_date(cache_modified, date);
	http_header(r, "Last-Modified", date);
	http_header(r, "Cache-Control", CACHE_SHARED);
}

/* The statements serve.c runs on every cached page, for tests/unit/sql-t. */
struct db_stmts *
serve_statements(void)
{
	return &serve_stmts;
}

/*
 * Find the route for the request and run its handler.  HEAD runs GET
 * routes (the body is dropped when written).  Routes without ROUTE_WRITE
 * run with the database query-only.  Every POST must pass the CSRF check
 * first (QA_EFORBIDDEN otherwise): no handler can forget it.  ROUTE_CACHE
 * pages are validated (304) and labelled for caches around the handler
 * (cache_check(), cache_headers()); for a visitor without a session a
 * stored copy made since the last change is given instead of running
 * the handler, and what the handler makes is stored (lib/pagecache.c).  Returns the handler's result,
 * QA_ENOTFOUND when no pattern matches the path, or QA_EMETHOD (with
 * req->allow set) when one matches but not for this method.
 */
enum qa_err
serve_dispatch(struct qa_request *r, const struct route *routes, size_t n)
{
	struct pagecache_when when;
	size_t		 i;
	unsigned int	 want, allowed = 0;
	enum qa_err	 er;

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
		if (r->method == HTTP_POST) {
			/*
			 * A visitor who has sent something gets the visitor
			 * cookie, which takes them past the shared copies of
			 * pages: they see what they wrote at once.
			 */
			if ((er = routes[i].handler(r)) == QA_OK &&
			    r->session_id == 0 && auth_csrf_token(r) == NULL)
				er = QA_ESYS;
			return er;
		}
		if ((routes[i].flags & ROUTE_CACHE) == 0)
			return routes[i].handler(r);
		if (cache_check(r, &when))
			return QA_OK;
		if (when.stamp != 0 && pagecache_serve(r, &when)) {
			cache_headers(r);
			return QA_OK;
		}
		er = routes[i].handler(r);
		if (er == QA_OK && when.stamp != 0)
			pagecache_store(r, &when);
		if (er == QA_OK)
			cache_headers(r);
		return er;
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
	unsigned long	 q0 = db_queries(serve.db);

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
	if (log_queries)
		fprintf(stderr, "%s: %s %s: %d, %lu queries\n", serve.program,
		    req.method_name, req.uri != NULL ? req.uri : req.path,
		    req.resp.status != 0 ? req.resp.status : 200,
		    db_queries(serve.db) - q0);
	arena_reset(&req.arena);
}

/* Bytes of the request body that cgi_read() has read from stdin. */
static size_t		 cgi_consumed;

static long
cgi_read(void *cookie, char *p, size_t n)
{
	size_t	 r;

	r = fread(p, 1, n, cookie);
	if (r == 0 && ferror((FILE *)cookie))
		return -1;
	cgi_consumed += r;
	return (long)r;
}

/*
 * The most of a request body that cgi_drain() reads and drops: more
 * than the web server passes (deploy/apache: LimitRequestBody, which is
 * HTTP_MAX_BODY), less than a program should spend reading.
 */
#define CGI_DRAIN_MAX	(4 * HTTP_MAX_BODY)

/*
 * Plain CGI: read and drop what is left unread of the request body on
 * in: the CONTENT_LENGTH bytes less those cgi_read() took, or, for a
 * body of no stated length (Transfer-Encoding: chunked: Apache passes
 * the body on without a CONTENT_LENGTH), all up to the end of input,
 * which the server marks.  A request answered without its body being
 * read (a GET or PUT with a body, a POST refused for its type, a
 * chunked POST) would otherwise end the program with bytes unread on
 * mod_cgid's socket: the kernel then resets the connection, and Apache
 * loses the response or waits seconds for it.  At most CGI_DRAIN_MAX
 * bytes are read; a CONTENT_LENGTH that is not a number leaves the body
 * alone.
 */
static void
cgi_drain(FILE *in)
{
	const char	*cl = getenv("CONTENT_LENGTH");
	char		 buf[8192];
	int64_t		 len;
	size_t		 left, r;

	if (cl != NULL && *cl != '\0') {
		if (http_parse_int(cl, 0, CGI_DRAIN_MAX, &len) != QA_OK ||
		    (uint64_t)len <= cgi_consumed)
			return;
		left = (size_t)len - cgi_consumed;
	} else if (getenv("HTTP_TRANSFER_ENCODING") != NULL)
		left = CGI_DRAIN_MAX;
	else
		return;
	while (left > 0 && (r = fread(buf, 1, left < sizeof(buf) ? left :
	    sizeof(buf), in)) > 0)
		left -= r;
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

/* --- group commit --------------------------------------------------------- */

/*
 * A program that writes (any ROUTE_WRITE route) serves the requests that
 * are already waiting when one has written as one group: their writes
 * share one transaction and one commit, and their responses go out once
 * it is done (db_group_open()).  With synchronous=FULL the commit's fsync
 * is what a write costs; a group of k requests pays it once instead of k
 * times.  A request never waits for one that has not arrived yet: the
 * group ends as soon as no connection is waiting, or at GROUP_MAX.
 */
#define GROUP_MAX	16

/* What each request of a failed group gets: nothing of it was kept. */
#define GROUP_FAILED	"Status: 503 Service Unavailable\r\n" \
	"Content-Type: text/plain; charset=utf-8\r\n" \
	"Cache-Control: no-store\r\n" \
	"Retry-After: 1\r\n\r\n" \
	"503 The site could not save this just now; nothing was changed. " \
	"Please go back and send it again.\n"

static FCGX_Request	 group_req[GROUP_MAX];
static struct buf	 group_out[GROUP_MAX];

/*
 * Whether this program's requests are grouped: it has a route that
 * writes, runs under FastCGI, and config group_commit is not 0.
 */
static bool
group_commit(const struct route *routes, size_t n)
{
	size_t	 i;

	if (serve.db == NULL ||
	    config_int(serve.config, "group_commit", 1) == 0)
		return false;
	for (i = 0; i < n; i++)
		if (routes[i].flags & ROUTE_WRITE)
			return true;
	return false;
}

/*
 * Accept the next request on the (non-blocking) listening socket into
 * fr, waiting for one if wait is set.  Returns 1 with a request, 0 when
 * none is waiting (or another process took it), -1 when the process is
 * to stop or accepting fails.
 */
static int
group_accept(FCGX_Request *fr, int lfd, bool wait)
{
	struct pollfd	 p;
	int		 rc;

	for (;;) {
		if (stopping)
			return -1;
		p.fd = lfd;
		p.events = POLLIN;
		p.revents = 0;
		if ((rc = poll(&p, 1, wait ? -1 : 0)) < 0) {
			if (errno == EINTR)
				continue;
			return -1;
		}
		if (rc == 0)
			return 0;
		if ((rc = FCGX_Accept_r(fr)) >= 0)
			return 1;
		if (rc != -EAGAIN && rc != -EWOULDBLOCK && rc != -EINTR &&
		    rc != -ECONNABORTED)
			return -1;
		if (!wait)
			return 0;
	}
}

/*
 * The accept loop of a program whose writes are grouped.  Returns the
 * exit status: 0 when told to stop, 1 if accepting fails.
 */
static int
serve_grouped(const char *program, int lfd, const struct route *routes,
    size_t n)
{
	struct http_input	 in;
	size_t			 i, k;
	int			 got;
	bool			 failed;

	for (i = 0; i < GROUP_MAX; i++)
		if (FCGX_InitRequest(&group_req[i], lfd, 0) != 0) {
			fprintf(stderr, "%s: FastCGI initialisation failed\n",
			    program);
			return 1;
		}
	in.read = fcgi_read;
	while ((got = group_accept(&group_req[0], lfd, true)) >= 0) {
		if (got == 0)
			continue;
		db_group_open(serve.db);
		k = 0;
		do {
			in.envp = group_req[k].envp;
			in.cookie = group_req[k].in;
			buf_clear(&group_out[k]);
			serve_handle(&in, routes, n, &group_out[k]);
			k++;
			/*
			 * Only a group that has begun writing waits for more;
			 * the work queued for after the responses must fit.
			 */
		} while (k < GROUP_MAX && db_group_pending(serve.db) &&
		    nafter < AFTER_MAX / 2 &&
		    group_accept(&group_req[k], lfd, false) == 1);
		failed = db_group_close(serve.db, true) != QA_OK;
		if (failed)
			fprintf(stderr, "%s: a group of %zu requests could not "
			    "be committed\n", program, k);
		/*
		 * Every response goes out whole (its end-of-request record
		 * too) before the first connection is closed: closing waits
		 * for the server to close its end, which it does on reading
		 * the end record, so the waits overlap instead of adding up.
		 */
		for (i = 0; i < k; i++) {
			if (failed) {
				buf_clear(&group_out[i]);
				buf_puts(&group_out[i], GROUP_FAILED);
			}
			if (group_out[i].len > 0 &&
			    FCGX_PutStr(group_out[i].data,
			    (int)group_out[i].len, group_req[i].out) < 0)
				fprintf(stderr, "%s: write failed\n", program);
			FCGX_FClose(group_req[i].err);
			FCGX_FClose(group_req[i].out);
		}
		for (i = 0; i < k; i++) {
			/*
			 * Requests come only from the listening socket here:
			 * a connection the server asked to keep (nginx's
			 * fastcgi_keep_conn) is closed, and the server opens
			 * another (nginx retries a kept one found closed).
			 */
			group_req[i].keepConnection = 0;
			FCGX_Finish_r(&group_req[i]);
		}
		if (failed)
			nafter = 0;	/* it was about what is not kept */
		run_after();
	}
	for (i = 0; i < GROUP_MAX; i++) {
		FCGX_Free(&group_req[i], 1);
		buf_free(&group_out[i]);
	}
	return stopping ? 0 : 1;
}

/* --- socket activation and workers -------------------------------------- */

#define LISTEN_FDS_START	3	/* sd_listen_fds(3): the first one */
#define WORKERS_MAX		64	/* config `workers` */
#define WORKERS_STOP_WAIT	10	/* seconds before stragglers are killed */

/*
 * The socket to accept FastCGI connections on.  Under systemd socket
 * activation (sd_listen_fds(3), read here without libsystemd) that is
 * descriptor 3, when LISTEN_PID is this process and LISTEN_FDS is 1;
 * the variables are then removed, so that no child (sendmail) takes
 * them for its own, and the socket is made close-on-exec.  Otherwise it
 * is 0, the socket a FastCGI server such as spawn-fcgi passes as stdin
 * (or stdin itself when started as plain CGI).  Returns -1 (logged)
 * when the variables are meant for this process but do not pass exactly
 * one listening stream socket.
 */
static int
listen_socket(const char *program)
{
	const char	*pid, *fds;
	int64_t		 p, n;
	int		 type = 0, listening = 0;
	socklen_t	 len;

	if ((pid = getenv("LISTEN_PID")) == NULL)
		return 0;
	if (http_parse_int(pid, 1, INT32_MAX, &p) != QA_OK ||
	    (pid_t)p != getpid() || (fds = getenv("LISTEN_FDS")) == NULL)
		n = 0;		/* meant for another process, or none */
	else if (http_parse_int(fds, 0, INT32_MAX, &n) != QA_OK) {
		fprintf(stderr, "%s: LISTEN_FDS is not a number\n", program);
		return -1;
	}
	unsetenv("LISTEN_PID");
	unsetenv("LISTEN_FDS");
	unsetenv("LISTEN_FDNAMES");
	if (n == 0)
		return 0;
	if (n != 1) {
		fprintf(stderr, "%s: given %lld sockets, expected one\n",
		    program, (long long)n);
		return -1;
	}
	len = sizeof(type);
	if (getsockopt(LISTEN_FDS_START, SOL_SOCKET, SO_TYPE, &type,
	    &len) == 0) {
		len = sizeof(listening);
		(void)getsockopt(LISTEN_FDS_START, SOL_SOCKET,
		    SO_ACCEPTCONN, &listening, &len);
	}
	if (type != SOCK_STREAM || !listening) {
		fprintf(stderr, "%s: descriptor %d is not a listening stream "
		    "socket\n", program, LISTEN_FDS_START);
		return -1;
	}
	(void)fcntl(LISTEN_FDS_START, F_SETFD, FD_CLOEXEC);
	return LISTEN_FDS_START;
}

/*
 * With more than one worker wanted, make this process their supervisor.
 * The count is config `PROGRAM.workers` (view.workers = 4), else
 * `workers`, else 1; one means nothing is done here.  The supervisor
 * closes what serve_init() opened (an SQLite connection must not cross a
 * fork) and forks the workers, which share the listening socket: each
 * sets itself up afresh with serve_init() and returns from here to
 * accept requests.  A worker that ends is replaced, a second after it
 * started at the earliest, so that a site that cannot start does not
 * spin (each end is logged).  SIGTERM, SIGINT or SIGUSR1 is passed on
 * to the workers, which finish their request first; those left after
 * WORKERS_STOP_WAIT seconds are killed.  Should the supervisor be
 * killed, the workers get SIGTERM (Linux).  Returns false in a worker
 * and with one worker; true in the supervisor once its workers have
 * ended, and in a worker whose set-up failed, with *rc the exit status.
 */
static bool
workers_run(const char *program, int *rc)
{
	char		 key[64];
	pid_t		 pid[WORKERS_MAX], p, self;
	time_t		 born[WORKERS_MAX], due[WORKERS_MAX], stop_at = 0;
	struct timespec	 now, tmo;
	sigset_t	 set, old;
	int64_t		 n;
	int		 i, st, sig, alive, soonest;
	bool		 down = false;

	snprintf(key, sizeof(key), "%s.workers", program);
	n = config_int(serve.config, key,
	    config_int(serve.config, "workers", 1));
	if (n < 1 || n > WORKERS_MAX) {
		fprintf(stderr, "%s: workers must be 1 to %d\n", program,
		    WORKERS_MAX);
		serve_fini();
		*rc = 1;
		return true;
	}
	if (n == 1)
		return false;
	serve_fini();
	build_tag = 0;		/* each worker's serve_init() adds it anew */
	self = getpid();
	sigemptyset(&set);
	sigaddset(&set, SIGTERM);
	sigaddset(&set, SIGINT);
	sigaddset(&set, SIGUSR1);
	sigaddset(&set, SIGCHLD);
	sigprocmask(SIG_BLOCK, &set, &old);
	for (i = 0; i < n; i++)
		pid[i] = born[i] = due[i] = 0;

	for (;;) {
		clock_gettime(CLOCK_MONOTONIC, &now);
		alive = 0;
		soonest = -1;
		for (i = 0; i < n; i++) {
			if (pid[i] == 0 && !down && now.tv_sec >= due[i]) {
				if ((p = fork()) == 0) {
					sigprocmask(SIG_SETMASK, &old, NULL);
#ifdef PR_SET_PDEATHSIG
					(void)prctl(PR_SET_PDEATHSIG, SIGTERM);
					if (getppid() != self)
						_exit(0);
#endif
					if (serve_init(program) == 0)
						return false;
					*rc = 1;
					return true;
				}
				if (p == -1) {
					fprintf(stderr, "%s: fork: %s\n",
					    program, strerror(errno));
					due[i] = now.tv_sec + 1;
				} else {
					pid[i] = p;
					born[i] = now.tv_sec;
				}
			}
			if (pid[i] != 0)
				alive++;
			else if (soonest == -1 || due[i] < due[soonest])
				soonest = i;
		}
		if (down && alive == 0)
			break;
		if (down && now.tv_sec >= stop_at) {
			for (i = 0; i < n; i++)
				if (pid[i] != 0)
					kill(pid[i], SIGKILL);
			stop_at = now.tv_sec + WORKERS_STOP_WAIT;
		}
		tmo.tv_sec = down ? stop_at - now.tv_sec : soonest != -1 ?
		    due[soonest] - now.tv_sec : 3600;
		if (tmo.tv_sec < 1)
			tmo.tv_sec = 1;
		tmo.tv_nsec = 0;
		if ((sig = sigtimedwait(&set, NULL, &tmo)) != -1 &&
		    sig != SIGCHLD && !down) {
			down = true;
			stop_at = now.tv_sec + WORKERS_STOP_WAIT;
			for (i = 0; i < n; i++)
				if (pid[i] != 0)
					kill(pid[i], sig);
		}
		while ((p = waitpid(-1, &st, WNOHANG)) > 0) {
			for (i = 0; i < n && pid[i] != p; i++)
				continue;
			if (i == n)
				continue;
			pid[i] = 0;
			due[i] = born[i] + 1;
			if (down)
				continue;
			if (WIFSIGNALED(st))
				fprintf(stderr, "%s: worker %d killed by "
				    "signal %d; starting another\n", program,
				    (int)p, WTERMSIG(st));
			else
				fprintf(stderr, "%s: worker %d exited with "
				    "status %d; starting another\n", program,
				    (int)p, WEXITSTATUS(st));
		}
	}
	sigprocmask(SIG_SETMASK, &old, NULL);
	*rc = 0;
	return true;
}

/*
 * The whole life of a program: set up, then serve FastCGI requests on
 * the inherited socket (stdin, or the one systemd passed: see
 * listen_socket()) until told to stop (SIGTERM, SIGINT, SIGUSR1), in
 * this process or in the workers it supervises (workers_run()), or
 * exactly one plain-CGI request when stdin is not a FastCGI socket.
 * Returns the process exit status.
 */
int
serve_run(const char *program, const struct route *routes, size_t n)
{
	struct http_input	 in;
	struct sigaction	 sa;
	FCGX_Request		 fr;
	int64_t			 kb;
	int			 cgi, lfd, rc = 0;

	arena_init(&req.arena);
	if ((lfd = listen_socket(program)) == -1)
		return 1;
	cgi = lfd == 0 && FCGX_IsCGI();
	templates_lazy = cgi;
	/*
	 * Large blocks (argon2's 19 MiB) always come from mmap and go back
	 * to the system when freed, instead of glibc raising its threshold
	 * after the first one and keeping them in the heap for good.
	 */
	mallopt(M_MMAP_THRESHOLD, 256 * 1024);
	if (serve_init(program) != 0) {
		if (cgi)
			fputs("Status: 500 Internal Server Error\r\n"
			    "Content-Type: text/plain; charset=utf-8\r\n\r\n"
			    "500 The site is not configured correctly.\n",
			    stdout);
		serve_fini();
		return 1;
	}
	/* A plain CGI process makes one page: nothing to keep. */
	kb = cgi ? 0 : config_int(serve.config, "page_cache_kb", PAGECACHE_KB);
	pagecache_limit(kb > 0 && kb < INT32_MAX ? (size_t)kb * 1024 : 0);
	if (cgi) {
		in.envp = environ;
		in.read = cgi_read;
		in.cookie = stdin;
		serve_handle(&in, routes, n, &resp_out);
		cgi_drain(stdin);
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

	if (workers_run(program, &rc))
		return rc;
	if (FCGX_Init() != 0 || FCGX_InitRequest(&fr, lfd, 0) != 0) {
		fprintf(stderr, "%s: FastCGI initialisation failed\n",
		    program);
		serve_fini();
		return 1;
	}
	if (group_commit(routes, n) && fcntl(lfd, F_SETFL,
	    fcntl(lfd, F_GETFL) | O_NONBLOCK) == 0) {
		rc = serve_grouped(program, lfd, routes, n);
		serve_fini();
		return rc;
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
