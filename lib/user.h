/*
 * user.h: accounts as the read side shows them: profiles and the user
 * list sorted by points.
 */
#ifndef USER_H
#define USER_H

#include <stdbool.h>
#include <stdint.h>

#include "qa.h"

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
};

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

#endif /* !USER_H */
