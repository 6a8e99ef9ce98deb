/*
 * demo.h: demo content for an empty database (qa-admin demo).
 */
#ifndef DEMO_H
#define DEMO_H

#include <stdint.h>

#include "qa.h"

struct db;

/* What demo_fill() wrote. */
struct demo_stats {
	int	 categories;
	int	 tags;
	int	 users;
	int	 questions;
	int	 answers;
	int	 comments;
	int	 anonymous;	/* posts without an account */
	int	 edited;	/* posts with a second revision */
	int	 accepted;	/* questions with a best answer */
	int	 votes;
	int	 points;	/* points_log rows */
};

enum qa_err	 demo_fill(struct db *, uint64_t seed, int64_t now,
		    const char *pwhash, struct demo_stats *);

#endif /* !DEMO_H */
