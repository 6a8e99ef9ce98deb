/*
 * form.c: reading a declared form from a request and filling it back into
 * a page, so that a rejected form comes back with what was typed (but
 * passwords) and a message by each wrong field.
 */
#include <stdio.h>
#include <string.h>

#include <openssl/evp.h>
#include <openssl/hmac.h>

#include "arena.h"
#include "auth.h"
#include "form.h"
#include "http.h"
#include "settings.h"
#include "template.h"

#define STAMP_MAX_AGE	86400	/* a form older than a day is stale */

/*
 * Start a form: read each field of the table from the request body (a
 * missing field reads as "").  For a GET the values are all "".  At most
 * FORM_FIELDS_MAX fields are read.
 */
void
form_read(struct qa_request *req, struct form *f, const struct field *fields,
    size_t n)
{
	const char	*v;
	size_t		 i;

	memset(f, 0, sizeof(*f));
	f->fields = fields;
	f->n = n < FORM_FIELDS_MAX ? n : FORM_FIELDS_MAX;
	for (i = 0; i < f->n; i++) {
		v = req->method == HTTP_POST ?
		    http_formval(req, fields[i].name) : NULL;
		f->val[i] = v != NULL ? v : "";
	}
}

/* Record msg as the message of field i, unless it already has one. */
void
form_error(struct form *f, size_t i, const char *msg)
{
	if (msg == NULL || i >= f->n || f->err[i] != NULL)
		return;
	f->err[i] = msg;
	f->nerr++;
}

/* The template key of a field name: upper case, in the arena. */
static char *
field_key(struct arena *a, const char *name, const char *suffix)
{
	char	*k, *p;

	if ((k = arena_printf(a, "%s%s", name, suffix)) == NULL)
		return NULL;
	for (p = k; *p != '\0'; p++)
		if (*p >= 'a' && *p <= 'z')
			*p = (char)(*p - 'a' + 'A');
		else if (*p == '-')
			*p = '_';
	return k;
}

/*
 * Put a form into a page dictionary: each kept value under its key
 * (HANDLE, EMAIL, ...), each message in section KEY_ERROR (MESSAGE), and
 * when anything is wrong the summary, section ERRORS: section ALERT
 * (MESSAGE) for the form-wide message, and section FIELDS with one
 * ERROR row (ID, MESSAGE) per field, in form order, linking to it.
 */
void
form_fill(struct qa_request *req, struct tpl *t, const struct form *f)
{
	struct tpl	*sum = NULL, *fields = NULL, *row;
	size_t		 i;

	for (i = 0; i < f->n; i++)
		if (f->fields[i].keep)
			tpl_set(t, field_key(&req->arena, f->fields[i].name,
			    ""), f->val[i]);
	if (f->alert == NULL && f->nerr == 0)
		return;
	sum = tpl_add(t, "ERRORS");
	if (f->alert != NULL)
		tpl_set(tpl_add(sum, "ALERT"), "MESSAGE", f->alert);
	for (i = 0; i < f->n; i++) {
		if (f->err[i] == NULL)
			continue;
		tpl_set(tpl_add(t, field_key(&req->arena, f->fields[i].name,
		    "_ERROR")), "MESSAGE", f->err[i]);
		if (fields == NULL)
			fields = tpl_add(sum, "FIELDS");
		row = tpl_add(fields, "ERROR");
		tpl_set(row, "ID", f->fields[i].name);
		tpl_set(row, "MESSAGE", f->err[i]);
	}
}

/*
 * The signature of a form stamp: HMAC-SHA256 under the site's CSRF secret
 * over "stamp:" form_name ":" time, the first 16 bytes in hex.  The last
 * few signatures are remembered with their key, form and time: a busy
 * page asks for the same ones many times a second.
 */
#define STAMP_MEMO	4

static struct {
	char		 key[128];
	char		 form[32];
	long long	 t;
	char		 sig[33];
} memo[STAMP_MEMO];
static unsigned int	 memo_next;

static void
stamp_sign(const char *form_name, long long t, char out[33])
{
	const char	*key = settings_get("csrf_secret", "");
	char		 msg[128];
	unsigned char	 mac[EVP_MAX_MD_SIZE];
	unsigned int	 maclen = 0, i;
	int		 n;
	bool		 memoable;

	memoable = strlen(key) < sizeof(memo[0].key) &&
	    strlen(form_name) < sizeof(memo[0].form);
	for (i = 0; memoable && i < STAMP_MEMO; i++)
		if (memo[i].t == t && memo[i].sig[0] != '\0' &&
		    strcmp(memo[i].form, form_name) == 0 &&
		    strcmp(memo[i].key, key) == 0) {
			memcpy(out, memo[i].sig, 33);
			return;
		}
	n = snprintf(msg, sizeof(msg), "stamp:%s:%lld", form_name, t);
	out[0] = '\0';
	if (n < 0 || (size_t)n >= sizeof(msg) || HMAC(EVP_sha256(), key,
	    (int)strlen(key), (unsigned char *)msg, (size_t)n, mac,
	    &maclen) == NULL || maclen < 16)
		return;
	for (i = 0; i < 16; i++)
		snprintf(out + 2 * i, 3, "%02x", mac[i]);
	if (memoable) {
		i = memo_next++ % STAMP_MEMO;
		snprintf(memo[i].key, sizeof(memo[i].key), "%s", key);
		snprintf(memo[i].form, sizeof(memo[i].form), "%s", form_name);
		memo[i].t = t;
		memcpy(memo[i].sig, out, 33);
	}
}

/*
 * The value of a posting form's hidden stamp field: the time the form
 * was served and its signature, "TIME.SIGNATURE".  Arena memory, or NULL
 * if out of memory.  The request remembers it (up to HTTP_MAX_STAMPS), so
 * that a stored copy of the page gets a stamp of its own time
 * (lib/pagecache.c).
 */
const char *
form_stamp(struct qa_request *req, const char *form_name)
{
	const char	*v;
	char		 sig[33];

	stamp_sign(form_name, (long long)req->now, sig);
	v = arena_printf(&req->arena, "%lld.%s", (long long)req->now, sig);
	if (v != NULL && req->nstamps < HTTP_MAX_STAMPS) {
		req->stamp_form[req->nstamps] = form_name;
		req->stamp_value[req->nstamps] = v;
	}
	req->nstamps++;		/* more than HTTP_MAX_STAMPS: never stored */
	return v;
}

/*
 * Check the spam defences of a posted form: the honeypot field must be
 * empty and the stamp must be signed by us for this form, at least
 * form_min_seconds (setting, default 3) and at most a day old.
 * QA_OK, or QA_EINVALID with a message for the person in *why (a form
 * sent too fast can simply be sent again).
 */
enum qa_err
form_stamp_check(struct qa_request *req, const char *form_name,
    const char **why)
{
	const char	*stamp, *hp, *dot;
	char		 sig[33], tbuf[24];
	int64_t		 t, min = settings_int("form_min_seconds", 3);
	size_t		 n;

	*why = NULL;
	hp = http_formval(req, FORM_HONEYPOT_FIELD);
	if (hp != NULL && hp[0] != '\0') {
		*why = "This form could not be accepted.";
		return QA_EINVALID;
	}
	stamp = http_formval(req, FORM_STAMP_FIELD);
	if (stamp == NULL || (dot = strchr(stamp, '.')) == NULL ||
	    (n = (size_t)(dot - stamp)) == 0 || n >= sizeof(tbuf)) {
		*why = "This form is missing a part. Please send it again.";
		return QA_EINVALID;
	}
	memcpy(tbuf, stamp, n);
	tbuf[n] = '\0';
	if (http_parse_int(tbuf, 0, INT64_MAX, &t) != QA_OK) {
		*why = "This form is missing a part. Please send it again.";
		return QA_EINVALID;
	}
	stamp_sign(form_name, (long long)t, sig);
	if (sig[0] == '\0' || strlen(dot + 1) != 32 ||
	    !auth_equal(dot + 1, sig, 32)) {
		*why = "This form is missing a part. Please send it again.";
		return QA_EINVALID;
	}
	if (req->now - t > STAMP_MAX_AGE || t > req->now + 60) {
		*why = "This form is too old. Please check it and send it "
		    "again.";
		return QA_EINVALID;
	}
	if (req->now - t < min) {
		*why = "That was quicker than a person types. Please check "
		    "what you wrote and send it again.";
		return QA_EINVALID;
	}
	return QA_OK;
}
