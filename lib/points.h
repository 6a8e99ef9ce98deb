/*
 * points.h: reputation.  Every change of a user's points is an event in
 * points_log (so a total can be explained) and moves users.points in the
 * same transaction.  How many points an event is worth comes from the
 * settings points_* (Question2Answer's defaults).
 */
#ifndef POINTS_H
#define POINTS_H

#include <stdint.h>

#include "qa.h"

struct arena;
struct db;
struct db_stmts;

/* The events, and the setting that says what each is worth. */
enum points_event {
	POINTS_BASE,		/* a new account: points_base */
	POINTS_Q_POST,		/* asked a visible question */
	POINTS_A_POST,		/* answered */
	POINTS_C_POST,		/* commented */
	POINTS_Q_VOTED_UP,	/* own question voted up */
	POINTS_Q_VOTED_DOWN,	/* own question voted down (negative) */
	POINTS_A_VOTED_UP,
	POINTS_A_VOTED_DOWN,	/* negative */
	POINTS_C_VOTED_UP,
	POINTS_A_SELECTED,	/* own answer selected as best */
	POINTS_SELECT_A,	/* selected a best answer to own question */
	POINTS_VOTE_UP,		/* cast a vote up */
	POINTS_VOTE_DOWN,	/* cast a vote down */
	POINTS_EVENT__MAX
};

/* One line of a user's points history. */
struct points_entry {
	int64_t		 delta;
	const char	*event;		/* points_event_name() */
	const char	*label;		/* for people: "answer voted up" */
	int64_t		 post_id;	/* 0 if none */
	int64_t		 question_id;	/* for a link, 0 if none */
	const char	*title;		/* the question's title, or NULL */
	const char	*slug;
	int64_t		 created;
};

int64_t		 points_value(enum points_event);
enum points_event	 points_post_event(int post_type);
enum points_event	 points_voted_event(int post_type, int value);
const char	*points_event_name(enum points_event);
const char	*points_event_label(const char *name);
enum qa_err	 points_add(struct db *, int64_t user_id, int64_t post_id,
		    int64_t actor_id, enum points_event, int sign,
		    int64_t now);
enum qa_err	 points_history(struct db *, struct arena *, int64_t user_id,
		    int64_t limit, struct points_entry **, size_t *);
struct db_stmts	*points_statements(void);

#endif /* !POINTS_H */
