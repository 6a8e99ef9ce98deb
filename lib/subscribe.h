/*
 * subscribe.h: who hears about activity on a post, and the mails they
 * get: the asker when an answer or a comment arrives, an answerer when
 * their answer gets a comment or is selected.  Every mail carries an
 * unsubscribe link.
 */
#ifndef SUBSCRIBE_H
#define SUBSCRIBE_H

#include <stdint.h>

#include "qa.h"

struct arena;
struct db;
struct db_stmts;

enum subscribe_event {
	SUBSCRIBE_ANSWER,	/* an answer to the subscribed question */
	SUBSCRIBE_COMMENT,	/* a comment on the subscribed post */
	SUBSCRIBE_SELECTED,	/* the subscribed answer was selected */
	SUBSCRIBE_EVENT__MAX
};

enum qa_err	 subscribe_add(struct db *, int64_t post_id, int64_t user_id,
		    const char *email, int64_t now);
enum qa_err	 subscribe_notify(struct db *, struct arena *,
		    const char *base_url, int64_t post_id,
		    enum subscribe_event, int64_t actor_id,
		    int64_t event_post_id, int64_t now);
enum qa_err	 subscribe_remove(struct db *, const char *token,
		    int64_t *post_id);
enum qa_err	 subscribe_find(struct db *, struct arena *, const char *token,
		    int64_t *post_id, const char **title);
struct db_stmts	*subscribe_statements(void);

#endif /* !SUBSCRIBE_H */
