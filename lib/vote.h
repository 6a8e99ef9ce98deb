/*
 * vote.h: votes on questions, answers (up or down) and comments (up).
 * One vote per user per post, kept unique by the votes table's key; a
 * vote, its change or its withdrawal moves the post's counters and the
 * points of its author and of the voter in one transaction (votes on
 * comments earn the voter nothing, as in Question2Answer).
 */
#ifndef VOTE_H
#define VOTE_H

#include <stdint.h>

#include "qa.h"

struct arena;
struct db;
struct db_stmts;

/* A post's counts after a vote, and the voter's vote on it. */
struct vote_result {
	int64_t		 post_id;
	int64_t		 question_id;
	int		 type;		/* enum post_type */
	int64_t		 up, down, score;
	int		 mine;		/* -1, 0 or 1 */
};

enum qa_err	 vote_cast(struct db *, int64_t user_id, int64_t post_id,
		    int value, int64_t now, struct vote_result *,
		    const char **why);
enum qa_err	 vote_cast_with(struct db *, int64_t user_id, int64_t post_id,
		    int value, int64_t now, struct vote_result *,
		    const char **why, enum qa_err (*also)(struct db *, void *),
		    void *arg);
enum qa_err	 vote_mine(struct db *, struct arena *, int64_t user_id,
		    int64_t question_id, int64_t **post_ids, int **values,
		    size_t *n);
struct db_stmts	*vote_statements(void);

#endif /* !VOTE_H */
