/*
 * notify.h: outgoing mail through the outbox table.  A mail is queued in
 * the transaction of the event it tells about and sent later by piping it
 * to the sendmail program (after the response, or by qa-admin send-mail).
 */
#ifndef NOTIFY_H
#define NOTIFY_H

#include <stdint.h>

#include "qa.h"

struct config;
struct db;
struct db_stmts;

#define NOTIFY_ADDR_MAX		254		/* bytes of a recipient */
#define NOTIFY_SUBJECT_MAX	400		/* bytes of a subject */
#define NOTIFY_BODY_MAX		(256 * 1024)	/* bytes of a body */
#define NOTIFY_MAX_ATTEMPTS	20		/* then left pending for good */

enum qa_err	 notify_queue(struct db *, const char *to,
		    const char *subject, const char *body, int64_t now);
enum qa_err	 notify_send(struct db *, const struct config *, int64_t now,
		    int max, int *sent, int *failed);
enum qa_err	 notify_pending(struct db *, int64_t *pending,
		    int64_t *given_up);
void		 notify_send_soon(void *serve_ctx);
struct db_stmts	*notify_statements(void);

#endif /* !NOTIFY_H */
