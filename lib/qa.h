/*
 * qa.h: definitions shared by every module of libfastqa.
 */
#ifndef QA_H
#define QA_H

#include <stddef.h>
#include <stdint.h>

#ifndef nitems
#define nitems(a) (sizeof(a) / sizeof((a)[0]))
#endif

/*
 * The outcome of anything that can fail.  http.c maps each value to an
 * HTTP status and the error template; QA_OK is always 0.
 */
enum qa_err {
	QA_OK = 0,
	QA_EINPUT,		/* malformed or invalid input: 400 */
	QA_EINVALID,		/* well-formed but rejected by a rule: 422 */
	QA_ENOTFOUND,		/* no such resource: 404 */
	QA_EMETHOD,		/* method not allowed on this path: 405 */
	QA_EFORBIDDEN,		/* not allowed for this user: 403 */
	QA_ECONFLICT,		/* conflicts with the stored state: 409 */
	QA_ETOOBIG,		/* body or field over its limit: 413 */
	QA_EMEDIA,		/* body of an unsupported type: 415 */
	QA_ELIMIT,		/* rate limit reached: 429 */
	QA_EBUSY,		/* database busy past its timeout: 503 */
	QA_ESYS,		/* anything else: 500 */
	QA_ERR__MAX
};

/* A human-readable name for an error code, e.g. "not found". */
const char	*qa_strerror(enum qa_err);

#endif /* !QA_H */
