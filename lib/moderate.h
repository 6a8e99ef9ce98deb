/*
 * moderate.h: what moderators do, as one module over the data: flags,
 * actions on posts (approve, hide, delete, close, move, lock, ...), on
 * users (block, level, nuke) and on addresses (IP blocks), and the audit
 * log every one of them writes.  Each action runs in the caller's
 * transaction and records one audit entry there; counters, points and
 * the search index stay right because visibility only ever changes
 * through post_status_set().
 */
#ifndef MODERATE_H
#define MODERATE_H

#include <stdbool.h>
#include <stdint.h>

#include "qa.h"

struct arena;
struct db;
struct db_stmts;

/*
 * Who acts, and from where: every action is recorded with these.
 * user_id 0 is the system (automatic actions).  base_url is the site's
 * address for the links of mail that approving a post sends
 * (serve_base_url()); NULL sends no mail.
 */
struct mod_actor {
	int64_t		 user_id;
	const char	*ip;
	int64_t		 now;
	const char	*base_url;
};

enum mod_post_action {
	MOD_APPROVE,		/* queued -> visible */
	MOD_REJECT,		/* queued -> deleted */
	MOD_HIDE,		/* visible -> hidden */
	MOD_RESHOW,		/* hidden -> visible */
	MOD_DELETE,		/* any -> deleted (soft) */
	MOD_RESTORE,		/* deleted -> visible (admin) */
	MOD_PURGE,		/* deleted -> gone for good (admin) */
	MOD_CLEAR_FLAGS,
	MOD_LOCK,		/* comments locked */
	MOD_UNLOCK,
	MOD_REOPEN,		/* questions */
	MOD_POST_ACTION__MAX
};

/* A flag reason. */
enum flag_reason {
	FLAG_SPAM,
	FLAG_OFFENSIVE,
	FLAG_OFFTOPIC,
	FLAG_OTHER,		/* with a note */
	FLAG_REASON__MAX
};

/* One row of the queue: a queued or flagged post, oldest first. */
struct mod_item {
	int64_t		 post_id;
	int		 type;
	int		 status;
	int64_t		 question_id;
	const char	*title;		/* the question's */
	const char	*slug;
	const char	*body_html;
	int64_t		 user_id;
	const char	*handle;
	const char	*anon_name;
	const char	*ip;
	int64_t		 created;
	int64_t		 flag_count;
	const char	*flag_reasons;	/* "spam, other: ..." */
	int64_t		 author_posts;	/* the author's posts in all */
	int64_t		 author_hidden;	/* of which hidden or deleted */
};

/* One line of the audit log. */
struct audit_entry {
	int64_t		 id;
	int64_t		 actor_id;
	const char	*actor;		/* handle, or NULL */
	const char	*action;
	const char	*target_type;	/* "post", "user", "ip", "settings" */
	int64_t		 target_id;
	const char	*reason;
	const char	*detail;
	const char	*ip;
	int64_t		 created;
};

enum qa_err	 mod_flag(struct db *, int64_t post_id, int64_t user_id,
		    enum flag_reason, const char *note, int64_t now,
		    bool *hidden);
enum qa_err	 mod_post(struct db *, struct arena *, const struct mod_actor *,
		    int64_t post_id, enum mod_post_action, const char *reason);
enum qa_err	 mod_close(struct db *, const struct mod_actor *,
		    int64_t question_id, const char *reason,
		    int64_t duplicate_of);
enum qa_err	 mod_move(struct db *, struct arena *, const struct mod_actor *,
		    int64_t question_id, int64_t category_id);
enum qa_err	 mod_user_block(struct db *, const struct mod_actor *,
		    int64_t user_id, bool block, const char *reason);
enum qa_err	 mod_user_level(struct db *, const struct mod_actor *,
		    int64_t user_id, int level);
enum qa_err	 mod_nuke(struct db *, struct arena *, const struct mod_actor *,
		    int64_t user_id, const char *reason, int64_t *audit_id);
enum qa_err	 mod_unnuke(struct db *, struct arena *,
		    const struct mod_actor *, int64_t audit_id);
enum qa_err	 mod_ip_block(struct db *, const struct mod_actor *,
		    const char *cidr, const char *reason, int64_t *id);
enum qa_err	 mod_ip_unblock(struct db *, const struct mod_actor *,
		    int64_t id);
bool		 mod_ip_blocked(struct db *, const char *ip);
enum qa_err	 mod_audit(struct db *, const struct mod_actor *,
		    const char *action, const char *target_type,
		    int64_t target_id, const char *reason,
		    const char *detail);
enum qa_err	 mod_queue(struct db *, struct arena *, int64_t offset,
		    int64_t limit, struct mod_item **, size_t *);
enum qa_err	 mod_log(struct db *, struct arena *, int64_t offset,
		    int64_t limit, struct audit_entry **, size_t *);
enum qa_err	 mod_user_ips(struct db *, struct arena *, int64_t user_id,
		    const char ***ips, size_t *);
const char	*mod_deny_problem(const char *text, const char *email);
struct db_stmts	*mod_statements(void);
struct db_stmts	*mod_purge_statements(void);

#endif /* !MODERATE_H */
