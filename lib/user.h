/*
 * user.h: accounts.  The read side (profiles, the user list sorted by
 * points) and the write side the login program needs: creating an
 * account, finding it at login, changing its password, email and
 * profile, single-use mailed tokens, exporting and deleting it.
 */
#ifndef USER_H
#define USER_H

#include <stdbool.h>
#include <stdint.h>

#include "qa.h"
#include "auth.h"

struct arena;
struct db;
struct db_stmts;

/* Levels as stored in users.level (0 is an anonymous visitor). */
enum user_level {
	USER_ANONYMOUS = 0,
	USER_REGISTERED,
	USER_EXPERT,
	USER_EDITOR,
	USER_MODERATOR,
	USER_ADMIN,
	USER_SUPER,
	USER_LEVEL__MAX
};

/* A user's public profile; strings live in the caller's arena. */
struct user {
	int64_t		 id;
	const char	*handle;
	const char	*display_name;	/* NULL if none was given */
	const char	*about;		/* never NULL */
	int		 level;		/* enum user_level */
	int64_t		 points;
	int64_t		 qcount;	/* visible questions */
	int64_t		 acount;	/* visible answers */
	int64_t		 created;
	int64_t		 last_seen;	/* 0 if never */
	bool		 blocked;
	const char	*email;		/* NULL if none; not public */
	bool		 email_confirmed;
	bool		 notify;	/* wants mail about activity */
};

/* Kinds of user_tokens rows (the CHECK of the column names them). */
#define USER_TOKEN_RESET	"reset"
#define USER_TOKEN_CONFIRM	"confirm"

enum qa_err	 user_find_by_handle(struct db *, struct arena *,
		    const char *handle, struct user *);
enum qa_err	 user_find_by_id(struct db *, struct arena *, int64_t id,
		    struct user *);
enum qa_err	 user_list(struct db *, struct arena *, int64_t offset,
		    int64_t limit, struct user **, size_t *);
enum qa_err	 user_count(struct db *, int64_t offset, int64_t cap,
		    int64_t *);
const char	*user_level_name(int level);
struct db_stmts	*user_statements(void);
struct db_stmts	*user_purge_statements(void);

enum qa_err	 user_create(struct db *, const char *handle,
		    const char *email, const char *display_name,
		    const char *pwhash, int64_t now, int64_t *id);
enum qa_err	 user_find_login(struct db *, struct arena *,
		    const char *login, int64_t *id, char **pwhash);
enum qa_err	 user_pwhash(struct db *, struct arena *, int64_t id,
		    char **pwhash);
enum qa_err	 user_set_password(struct db *, int64_t id,
		    const char *pwhash);
enum qa_err	 user_set_email(struct db *, int64_t id, const char *email,
		    bool confirmed);
enum qa_err	 user_confirm_email(struct db *, int64_t id);
enum qa_err	 user_set_profile(struct db *, int64_t id,
		    const char *display_name, bool notify);
enum qa_err	 user_token_create(struct db *, int64_t user_id,
		    const char *kind, int64_t ttl, int64_t now,
		    char tok[AUTH_TOKEN_LEN + 1]);
enum qa_err	 user_token_find(struct db *, const char *tok,
		    const char *kind, int64_t now, int64_t *user_id);
enum qa_err	 user_token_use(struct db *, const char *tok,
		    const char *kind, int64_t now, int64_t *user_id);
enum qa_err	 user_delete(struct db *, int64_t id, bool delete_posts);
enum qa_err	 user_export_json(struct db *, struct arena *, int64_t id,
		    char **json);

#endif /* !USER_H */
