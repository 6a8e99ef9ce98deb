/*
 * pagecache.c: the pages a FastCGI process has made for visitors without
 * a session, kept in its memory and given again while nothing they show
 * has changed.
 *
 * serve.c asks for a ROUTE_CACHE page (GET or HEAD, no session) before
 * running its handler, and stores what the handler made afterwards.  A
 * stored page belongs to one request URI, host and scheme, and to one of
 * two kinds of visitor: those who get the shared page (no cookie at all)
 * and those with a visitor or stale session cookie.  It is given again
 * only while the site's change stamp (moved by every write that changes
 * a page, see sql/006-finding.sql) and the minute (pages say "3 minutes
 * ago") are those it was made with: unlike a copy in a shared cache,
 * which may be a second old, it is never behind the database.  What the
 * page holds of the request itself is put in afresh each time: the
 * visitor's CSRF token and the stamps of its forms (form_stamp()) are
 * found in the stored body when it is kept, and their places filled
 * with this request's values.  A handler with work to do on every view
 * (counting it) names it with pagecache_on_reuse().
 *
 * Only whole 200 pages that set no cookie are kept; a client's reload
 * (Cache-Control: no-cache) makes the page anew.  The store holds at
 * most PAGECACHE_ENTRIES pages and pagecache_limit() bytes, the least
 * recently given going first; a page larger than a quarter of the limit
 * is not kept.
 */
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "auth.h"
#include "form.h"
#include "http.h"
#include "pagecache.h"

/* A key longer than this (a long query string) is not kept. */
#define KEY_MAX		2048
/* Places for request values in one page, at most. */
#define SLOTS_MAX	1024
/* The slot kind of the CSRF token; 0 and up are the entry's forms. */
#define SLOT_CSRF	(-1)

struct slot {
	size_t		 off;		/* where the value goes in body */
	int		 kind;		/* SLOT_CSRF or an index of forms */
};

struct entry {
	char			*key;		/* NULL: a free entry */
	struct pagecache_when	 when;
	char			*content_type;	/* NULL: the default */
	char			*headers;	/* the handler's own */
	size_t			 hlen;
	char			*body;		/* without the slots' values */
	size_t			 blen;
	struct slot		*slots;
	size_t			 nslots;
	char			*forms[HTTP_MAX_STAMPS]; /* stamped forms */
	size_t			 nforms;
	void			(*on_reuse)(struct qa_request *, int64_t);
	int64_t			 on_reuse_arg;
	size_t			 bytes;		/* counted against the limit */
	uint64_t		 used;		/* tick of the last use */
};

static struct entry	 entries[PAGECACHE_ENTRIES];
static size_t		 total;
static size_t		 limit = (size_t)PAGECACHE_KB * 1024;
static uint64_t		 tick;

/* A match of a request value in a body being stored. */
struct match {
	size_t		 off;
	size_t		 len;
	int		 kind;
};

/* Free what the entry holds and mark it free; total is the caller's. */
static void
entry_release(struct entry *e)
{
	free(e->key);
	free(e->content_type);
	free(e->headers);
	free(e->body);
	free(e->slots);
	while (e->nforms > 0)
		free(e->forms[--e->nforms]);
	memset(e, 0, sizeof(*e));
}

static void
entry_free(struct entry *e)
{
	if (e->key == NULL)
		return;
	total -= e->bytes;
	entry_release(e);
}

/* The stored page given least recently, or NULL if none is stored. */
static struct entry *
least_used(void)
{
	struct entry	*old = NULL;
	size_t		 i;

	for (i = 0; i < PAGECACHE_ENTRIES; i++)
		if (entries[i].key != NULL &&
		    (old == NULL || entries[i].used < old->used))
			old = &entries[i];
	return old;
}

/* A free entry, or NULL if all are in use. */
static struct entry *
free_entry(void)
{
	size_t	 i;

	for (i = 0; i < PAGECACHE_ENTRIES; i++)
		if (entries[i].key == NULL)
			return &entries[i];
	return NULL;
}

/*
 * Set how many bytes the stored pages may take in all (0 turns the store
 * off), dropping pages until they fit.
 */
void
pagecache_limit(size_t bytes)
{
	struct entry	*old;

	limit = bytes;
	while (total > limit && (old = least_used()) != NULL)
		entry_free(old);
}

/* Drop every stored page. */
void
pagecache_clear(void)
{
	size_t	 i;

	for (i = 0; i < PAGECACHE_ENTRIES; i++)
		entry_free(&entries[i]);
}

/*
 * The key of the request's page into key (KEY_MAX bytes): the kind of
 * visitor, the scheme, the host and the request URI.  False if it does
 * not fit or the request has no URI.
 */
static bool
make_key(const struct qa_request *r, char *key)
{
	int	 n;

	if (r->uri == NULL)
		return false;
	n = snprintf(key, KEY_MAX, "%c%c %s %s", r->shared ? 's' : 'v',
	    r->https ? 's' : 'p', r->host != NULL ? r->host : "", r->uri);
	return n > 0 && n < KEY_MAX;
}

static struct entry *
find(const char *key)
{
	size_t	 i;

	for (i = 0; i < PAGECACHE_ENTRIES; i++)
		if (entries[i].key != NULL && strcmp(entries[i].key, key) == 0)
			return &entries[i];
	return NULL;
}

/*
 * Give the stored copy of the request's page, if there is one made at
 * `when`: its status, content type, the handler's headers and the body
 * with this request's CSRF token and form stamps in their places, then
 * the entry's reuse work.  A copy made at another time is dropped.
 * Returns whether the response was made; false leaves it untouched (no
 * copy, a reload, or out of memory) for the handler to make.
 */
bool
pagecache_serve(struct qa_request *r, const struct pagecache_when *when)
{
	struct entry	*e;
	const char	*stamp[HTTP_MAX_STAMPS], *csrf = NULL, *v;
	char		 key[KEY_MAX];
	size_t		 i, at = 0;

	if (limit == 0 || r->reload || !make_key(r, key) ||
	    (e = find(key)) == NULL)
		return false;
	if (e->when.stamp != when->stamp || e->when.minute != when->minute) {
		entry_free(e);
		return false;
	}
	for (i = 0; i < e->nforms; i++)
		if ((stamp[i] = form_stamp(r, e->forms[i])) == NULL)
			return false;
	for (i = 0; i < e->nslots; i++)
		if (e->slots[i].kind == SLOT_CSRF) {
			if ((csrf = auth_csrf_token(r)) == NULL)
				return false;
			break;
		}
	buf_clear(r->resp.body);
	for (i = 0; i < e->nslots; i++) {
		buf_append(r->resp.body, e->body + at, e->slots[i].off - at);
		at = e->slots[i].off;
		v = e->slots[i].kind == SLOT_CSRF ? csrf :
		    stamp[e->slots[i].kind];
		buf_puts(r->resp.body, v);
	}
	buf_append(r->resp.body, e->body + at, e->blen - at);
	if (e->hlen > 0)
		buf_append(r->resp.headers, e->headers, e->hlen);
	r->resp.status = 200;
	r->resp.content_type = e->content_type;
	e->used = ++tick;
	if (e->on_reuse != NULL)
		e->on_reuse(r, e->on_reuse_arg);
	return true;
}

static int
match_cmp(const void *a, const void *b)
{
	const struct match	*x = a, *y = b;

	return x->off < y->off ? -1 : x->off > y->off;
}

/*
 * Add the places of value (of the given kind) in body to m; false if
 * there are more than SLOTS_MAX in all.
 */
static bool
find_all(const char *body, size_t blen, const char *value, int kind,
    struct match *m, size_t *nm)
{
	const char	*p = body, *end = body + blen;
	size_t		 n = strlen(value);

	if (n == 0)
		return true;
	while ((size_t)(end - p) >= n &&
	    (p = memmem(p, (size_t)(end - p), value, n)) != NULL) {
		if (*nm == SLOTS_MAX)
			return false;
		m[*nm].off = (size_t)(p - body);
		m[*nm].len = n;
		m[*nm].kind = kind;
		(*nm)++;
		p += n;
	}
	return true;
}

/*
 * Keep the page the handler has just made for the request, made at
 * `when`, unless it is not a whole 200 page, sets a cookie, holds more
 * form stamps than HTTP_MAX_STAMPS or is too big.  Out of memory keeps
 * nothing.
 */
void
pagecache_store(struct qa_request *r, const struct pagecache_when *when)
{
	static struct match	 m[SLOTS_MAX];
	struct entry		*e, *old;
	struct buf		*body = r->resp.body, *hdrs = r->resp.headers;
	const char		*form[HTTP_MAX_STAMPS], *value[HTTP_MAX_STAMPS];
	char			 key[KEY_MAX];
	size_t			 nm = 0, nf = 0, i, j, at, out, bytes;

	if (limit == 0 || (r->resp.status != 0 && r->resp.status != 200) ||
	    r->resp.set_cookie || r->nstamps > HTTP_MAX_STAMPS ||
	    body->oom || hdrs->oom || !make_key(r, key))
		return;
	/* The forms stamped, each once (one form's stamps in one second
	 * are the same). */
	for (i = 0; i < r->nstamps; i++) {
		for (j = 0; j < nf; j++)
			if (strcmp(form[j], r->stamp_form[i]) == 0)
				break;
		if (j == nf) {
			form[nf] = r->stamp_form[i];
			value[nf++] = r->stamp_value[i];
		}
	}
	if (r->csrf != NULL && !find_all(body->data, body->len, r->csrf,
	    SLOT_CSRF, m, &nm))
		return;
	for (i = 0; i < nf; i++)
		if (!find_all(body->data, body->len, value[i], (int)i, m, &nm))
			return;
	qsort(m, nm, sizeof(m[0]), match_cmp);
	for (i = 1; i < nm; i++)
		if (m[i].off < m[i - 1].off + m[i - 1].len)
			return;		/* overlapping values: leave it */

	bytes = strlen(key) + body->len + hdrs->len +
	    nm * sizeof(struct slot) + sizeof(struct entry);
	if (bytes > limit / 4)
		return;
	if ((e = find(key)) != NULL)
		entry_free(e);
	while (((e = free_entry()) == NULL || total + bytes > limit) &&
	    (old = least_used()) != NULL)
		entry_free(old);
	if (e == NULL)
		return;

	e->key = strdup(key);
	e->body = malloc(body->len + 1);
	e->slots = nm > 0 ? calloc(nm, sizeof(*e->slots)) : NULL;
	e->headers = hdrs->len > 0 ? strndup(hdrs->data, hdrs->len) : NULL;
	e->content_type = r->resp.content_type != NULL ?
	    strdup(r->resp.content_type) : NULL;
	for (i = 0; i < nf; i++)
		if ((e->forms[e->nforms++] = strdup(form[i])) == NULL)
			break;
	if (e->key == NULL || e->body == NULL ||
	    (nm > 0 && e->slots == NULL) ||
	    (hdrs->len > 0 && e->headers == NULL) ||
	    (r->resp.content_type != NULL && e->content_type == NULL) ||
	    (nf > 0 && e->forms[nf - 1] == NULL)) {
		entry_release(e);
		return;
	}
	for (at = 0, out = 0, i = 0; i < nm; i++) {
		memcpy(e->body + out, body->data + at, m[i].off - at);
		out += m[i].off - at;
		at = m[i].off + m[i].len;
		e->slots[i].off = out;
		e->slots[i].kind = m[i].kind;
	}
	memcpy(e->body + out, body->data + at, body->len - at);
	out += body->len - at;
	e->body[out] = '\0';
	e->blen = out;
	e->hlen = hdrs->len;
	e->nslots = nm;
	e->when = *when;
	e->on_reuse = r->on_reuse;
	e->on_reuse_arg = r->on_reuse_arg;
	e->bytes = bytes;
	e->used = ++tick;
	total += bytes;
}

/*
 * Name the work a stored copy of this request's page must do each time
 * it is given (fn(request, arg)), as the handler did it this time.
 */
void
pagecache_on_reuse(struct qa_request *r,
    void (*fn)(struct qa_request *, int64_t), int64_t arg)
{
	r->on_reuse = fn;
	r->on_reuse_arg = arg;
}
