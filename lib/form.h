/*
 * form.h: HTML forms declared once as a table of fields, read from a
 * request, checked by the handler, and put back into the page with what
 * the user typed and a message by each field that was wrong.
 */
#ifndef FORM_H
#define FORM_H

#include <stdbool.h>
#include <stddef.h>

struct qa_request;
struct tpl;

/*
 * A form field: its name in the request, which is also the id of its
 * input and, upper-cased, its template key (the value) and the section
 * KEY_ERROR that holds its message; and whether what was typed is shown
 * again after an error (never for passwords).
 */
struct field {
	const char	*name;
	bool		 keep;
};

#define FORM_FIELDS_MAX	16

/* A form as received: values, and the messages of a failed check. */
struct form {
	const struct field	*fields;
	size_t			 n;
	const char		*val[FORM_FIELDS_MAX];	/* never NULL */
	const char		*err[FORM_FIELDS_MAX];	/* NULL: fine */
	const char		*alert;	/* about the whole form, or NULL */
	size_t			 nerr;
};

void	 form_read(struct qa_request *, struct form *, const struct field *,
	    size_t);
void	 form_error(struct form *, size_t, const char *);
void	 form_fill(struct qa_request *, struct tpl *, const struct form *);

/*
 * Spam defence on posting forms, no third party involved: a signed
 * timestamp (field "stamp") that must be at least the setting
 * form_min_seconds old and at most a day, and a honeypot field
 * ("website") that people leave empty because they never see it.
 */
#define FORM_STAMP_FIELD	"stamp"
#define FORM_HONEYPOT_FIELD	"website"

const char	*form_stamp(struct qa_request *, const char *form_name);
enum qa_err	 form_stamp_check(struct qa_request *, const char *form_name,
		    const char **why);

#endif /* !FORM_H */
