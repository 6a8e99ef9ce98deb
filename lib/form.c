/*
 * form.c: reading a declared form from a request and filling it back into
 * a page, so that a rejected form comes back with what was typed (but
 * passwords) and a message by each wrong field.
 */
#include <stdio.h>
#include <string.h>

#include "arena.h"
#include "form.h"
#include "http.h"
#include "template.h"

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
