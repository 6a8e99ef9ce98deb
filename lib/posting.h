/*
 * posting.h: the rules every posting form shares (ask, answer, comment):
 * who may post, rate limits per user and per address, the spam checks,
 * whether a post waits in the moderation queue, the anonymous poster's
 * name and email, and the page that shows a visitor their manage link.
 */
#ifndef POSTING_H
#define POSTING_H

#include <stdbool.h>
#include <stdint.h>

#include "qa.h"

struct arena;
struct qa_request;
struct form;

enum posting_kind {
	POSTING_QUESTION,
	POSTING_ANSWER,
	POSTING_COMMENT,
	POSTING_KIND__MAX
};

#define POSTING_NAME_MAX	40	/* code points of an anonymous name */
#define POSTING_PERIOD		3600	/* seconds the rate limits count */

enum qa_err	 posting_check(struct qa_request *, enum posting_kind,
		    const char *body_md, const char **why);
enum qa_err	 posting_count(struct qa_request *, enum posting_kind);
int		 posting_status(const struct qa_request *);
bool		 posting_new_user(const struct qa_request *);
const char	*posting_anon_name_problem(const char *);
const char	*posting_anon_email_problem(const char *);
enum qa_err	 posting_posted_page(struct qa_request *, enum posting_kind,
		    const char *url, const char *manage, const char *email,
		    bool queued);

/* The parts posting_check() is made of, for forms that need them alone. */
const char	*posting_form_name(enum posting_kind);
enum qa_err	 posting_allowed(const struct qa_request *, enum posting_kind,
		    const char **why);
enum qa_err	 posting_limit(struct qa_request *, enum posting_kind,
		    int64_t *retry_after, const char **why);
const char	*posting_links_problem(struct qa_request *,
		    const char *body_md);
char		*posting_text(struct arena *, const char *);

#endif /* !POSTING_H */
