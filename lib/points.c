/*
 * points.c: reputation as a log of events.  Each change of a user's
 * points is a row of points_log (who, which post, whose action, which
 * event, how much, when) and moves users.points by the same amount in the
 * caller's transaction, so users.points is always SUM(points_log.delta),
 * as lib/recount.c defines it.  An event is taken back by logging it
 * again with the opposite sign, never by deleting its row, so a total can
 * always be explained line by line.
 *
 * What an event is worth comes from the settings points_<event>, read
 * when the event happens (Question2Answer's defaults when unset); a
 * "voted_down" event takes its value away.
 */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "arena.h"
#include "db.h"
#include "points.h"
#include "settings.h"

/* The most events points_history() reads at once. */
#define POINTS_HISTORY_MAX	1000

/* Each event's name (logged, and the setting points_<name>), default. */
static const struct {
	const char	*name;
	int64_t		 dflt;
	int		 negative;	/* the value is taken away */
	const char	*label;		/* for people */
} events[POINTS_EVENT__MAX] = {
	[POINTS_BASE] =		{ "base", 100, 0, "joined the site" },
	[POINTS_Q_POST] =	{ "q_post", 2, 0, "asked a question" },
	[POINTS_A_POST] =	{ "a_post", 4, 0, "answered a question" },
	[POINTS_C_POST] =	{ "c_post", 0, 0, "commented" },
	[POINTS_Q_VOTED_UP] =	{ "q_voted_up", 1, 0, "question voted up" },
	[POINTS_Q_VOTED_DOWN] =	{ "q_voted_down", 1, 1,
				    "question voted down" },
	[POINTS_A_VOTED_UP] =	{ "a_voted_up", 2, 0, "answer voted up" },
	[POINTS_A_VOTED_DOWN] =	{ "a_voted_down", 2, 1,
				    "answer voted down" },
	[POINTS_C_VOTED_UP] =	{ "c_voted_up", 0, 0, "comment voted up" },
	[POINTS_A_SELECTED] =	{ "a_selected", 30, 0,
				    "answer selected as best" },
	[POINTS_SELECT_A] =	{ "select_a", 3, 0, "selected a best answer" },
	[POINTS_VOTE_UP] =	{ "vote_up", 1, 0, "voted up" },
	[POINTS_VOTE_DOWN] =	{ "vote_down", 1, 0, "voted down" },
};

/*
 * Labels of event names written by other code than points_add(): the
 * demo site's events (tools/demo.c) and any older names.
 */
static const struct {
	const char	*name;
	const char	*label;
} other_labels[] = {
	{ "bonus", "earned before" },
	{ "q_upvoted", "question voted up" },
	{ "q_downvoted", "question voted down" },
	{ "a_upvoted", "answer voted up" },
	{ "a_downvoted", "answer voted down" },
	{ "a_accepted", "answer selected as best" },
	{ "q_accept", "selected a best answer" },
};

enum points_stmt {
	POINTS_STMT_LOG,	/* a points_log row */
	POINTS_STMT_USER,	/* users.points += */
	POINTS_STMT_HISTORY,	/* a user's events, newest first */
	POINTS_STMT__MAX
};

static const char *const points_sql[POINTS_STMT__MAX] = {
	/* LOG */
	"INSERT INTO points_log (user_id, post_id, actor_id, event, delta, "
	"created) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
	/* USER: by primary key. */
	"UPDATE users SET points = points + ?2 WHERE id = ?1",
	/*
	 * HISTORY: ?1 the user, ?2 the limit; index points_log_user, then
	 * the post and its question by primary key.  The question's title
	 * and slug only while it is visible, so a hidden question's title
	 * never shows through a history.
	 */
	"SELECT l.delta, l.event, coalesce(l.post_id, 0), "
	"iif(q.status = 1, q.id, 0), iif(q.status = 1, q.title, NULL), "
	"iif(q.status = 1, q.slug, NULL), l.created "
	"FROM points_log l LEFT JOIN posts p ON p.id = l.post_id "
	"LEFT JOIN posts q ON q.id = p.question_id "
	"WHERE l.user_id = ?1 ORDER BY l.created DESC, l.id DESC LIMIT ?2",
};

static sqlite3_stmt	*points_cache[POINTS_STMT__MAX];
static struct db_stmts	 points_stmts =
    { points_sql, POINTS_STMT__MAX, points_cache, NULL, NULL };

/*
 * The statement table of this module, for tests that prepare every
 * statement of every module.
 */
struct db_stmts *
points_statements(void)
{
	return &points_stmts;
}

/*
 * The name of event ev as logged in points_log.event and as its setting
 * is named without the "points_" prefix ("q_post", "a_voted_up", ...);
 * NULL for a value out of range.
 */
const char *
points_event_name(enum points_event ev)
{
	if ((unsigned)ev >= POINTS_EVENT__MAX)
		return NULL;
	return events[ev].name;
}

/*
 * What event ev is worth as a change of points: the setting
 * points_<name> (the default of sql/004-voting.sql when it is unset or
 * not an integer), negated for the "voted_down" events, which take points
 * away.  0 for a value out of range.
 */
int64_t
points_value(enum points_event ev)
{
	char	 key[64];
	int64_t	 v;

	if ((unsigned)ev >= POINTS_EVENT__MAX)
		return 0;
	snprintf(key, sizeof(key), "points_%s", events[ev].name);
	v = settings_int(key, events[ev].dflt);
	return events[ev].negative ? -v : v;
}

/*
 * The event of posting a visible post of type post_type (enum post_type:
 * 1 question, 2 answer, 3 comment): POINTS_Q_POST, POINTS_A_POST or
 * POINTS_C_POST; POINTS_EVENT__MAX (no event) for another value.
 */
enum points_event
points_post_event(int post_type)
{
	switch (post_type) {
	case 1:
		return POINTS_Q_POST;
	case 2:
		return POINTS_A_POST;
	case 3:
		return POINTS_C_POST;
	default:
		return POINTS_EVENT__MAX;
	}
}

/*
 * The event of the author of a post of type post_type (enum post_type)
 * whose post gets a vote value (1 up, -1 down): q_voted_up or
 * q_voted_down for a question, a_voted_up or a_voted_down for an answer,
 * c_voted_up for a comment voted up.  POINTS_EVENT__MAX (no event) for
 * a comment voted down (which cannot happen), a value of 0 or another
 * type.
 */
enum points_event
points_voted_event(int post_type, int value)
{
	if (value == 0)
		return POINTS_EVENT__MAX;
	switch (post_type) {
	case 1:
		return value > 0 ? POINTS_Q_VOTED_UP : POINTS_Q_VOTED_DOWN;
	case 2:
		return value > 0 ? POINTS_A_VOTED_UP : POINTS_A_VOTED_DOWN;
	case 3:
		return value > 0 ? POINTS_C_VOTED_UP : POINTS_EVENT__MAX;
	default:
		return POINTS_EVENT__MAX;
	}
}

/*
 * What event name (as points_log.event holds it) means, for people:
 * "asked a question", "answer voted up", "answer selected as best", ...
 * Names the demo site writes are known too; any other name is returned
 * as it is, and NULL gives "".  The label says what happened; a negative
 * delta beside it tells that it was taken back.
 */
const char *
points_event_label(const char *name)
{
	size_t	 i;

	if (name == NULL)
		return "";
	for (i = 0; i < POINTS_EVENT__MAX; i++)
		if (strcmp(events[i].name, name) == 0)
			return events[i].label;
	for (i = 0; i < nitems(other_labels); i++)
		if (strcmp(other_labels[i].name, name) == 0)
			return other_labels[i].label;
	return name;
}

/*
 * Record event ev for user user_id inside the caller's transaction: a
 * points_log row (post_id and actor_id, 0 for none, stored as NULL; the
 * event's name; delta = points_value(ev) * sign; created = now) and
 * users.points += delta.  sign is +1 to apply the event and -1 to take
 * it back (any other multiplier records that many events in one row).
 * Nothing happens for user_id 0 (an anonymous author), for the event
 * POINTS_EVENT__MAX (none: see points_voted_event()) or when the delta
 * is 0.  Returns QA_OK, QA_EINPUT for an event past POINTS_EVENT__MAX,
 * or the database error (the caller rolls back).
 */
enum qa_err
points_add(struct db *db, int64_t user_id, int64_t post_id,
    int64_t actor_id, enum points_event ev, int sign, int64_t now)
{
	sqlite3_stmt	*st;
	int64_t		 delta;
	enum qa_err	 er;

	if ((unsigned)ev > POINTS_EVENT__MAX)
		return QA_EINPUT;
	if (ev == POINTS_EVENT__MAX)
		return QA_OK;
	delta = points_value(ev) * sign;
	if (user_id == 0 || delta == 0)
		return QA_OK;
	if ((st = db_stmt(db, &points_stmts, POINTS_STMT_LOG)) == NULL)
		return QA_ESYS;
	sqlite3_bind_int64(st, 1, user_id);
	if (post_id != 0)
		sqlite3_bind_int64(st, 2, post_id);
	if (actor_id != 0)
		sqlite3_bind_int64(st, 3, actor_id);
	sqlite3_bind_text(st, 4, events[ev].name, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 5, delta);
	sqlite3_bind_int64(st, 6, now);
	if ((er = db_run(db, st, "points_add")) != QA_OK)
		return er;
	if ((st = db_stmt(db, &points_stmts, POINTS_STMT_USER)) == NULL)
		return QA_ESYS;
	sqlite3_bind_int64(st, 1, user_id);
	sqlite3_bind_int64(st, 2, delta);
	return db_run(db, st, "points_add");
}

/*
 * Fill the struct points_entry at v from the current row of HISTORY,
 * copying text into the arena.  Returns QA_ESYS if out of memory.  A
 * db_rows() row function.
 */
static enum qa_err
history_row(struct arena *a, sqlite3_stmt *st, void *v)
{
	struct points_entry	*e = v;

	memset(e, 0, sizeof(*e));
	e->delta = db_col_int(st, 0);
	e->event = db_col_text(a, st, 1);
	e->post_id = db_col_int(st, 2);
	e->question_id = db_col_int(st, 3);
	e->title = db_col_text(a, st, 4);
	e->slug = db_col_text(a, st, 5);
	e->created = db_col_int(st, 6);
	if (e->event == NULL ||
	    (e->title == NULL && sqlite3_column_type(st, 4) != SQLITE_NULL) ||
	    (e->slug == NULL && sqlite3_column_type(st, 5) != SQLITE_NULL))
		return QA_ESYS;
	e->label = points_event_label(e->event);
	return QA_OK;
}

/*
 * The newest limit events (clamped to 1 .. POINTS_HISTORY_MAX) of user
 * user_id, newest first (ties: the later logged first), into *v (an
 * arena array of *n entries, NULL when there are none).  Each entry has
 * its delta, event name and label, the post (0 if none or deleted for
 * good) and, while the post's question is visible, the question's id,
 * title and slug for a link (else 0 and NULL).  Returns QA_OK, QA_ESYS
 * if out of memory, or the database error.
 */
enum qa_err
points_history(struct db *db, struct arena *a, int64_t user_id,
    int64_t limit, struct points_entry **v, size_t *n)
{
	sqlite3_stmt	*st;
	void		*rows = NULL;
	enum qa_err	 er;

	*v = NULL;
	*n = 0;
	if (limit < 1)
		limit = 1;
	if (limit > POINTS_HISTORY_MAX)
		limit = POINTS_HISTORY_MAX;
	if ((st = db_stmt(db, &points_stmts, POINTS_STMT_HISTORY)) == NULL)
		return QA_ESYS;
	sqlite3_bind_int64(st, 1, user_id);
	sqlite3_bind_int64(st, 2, limit);
	if ((er = db_rows(db, st, a, sizeof(struct points_entry),
	    (size_t)limit, history_row, &rows, n, "points_history")) ==
	    QA_OK)
		*v = rows;
	return er;
}
