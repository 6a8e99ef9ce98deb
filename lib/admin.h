/*
 * admin.h: operations on a whole database, for the people who run a
 * site (qa-admin): online backup and restore, consistency checks and
 * statistics.
 */
#ifndef ADMIN_H
#define ADMIN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "qa.h"

struct arena;
struct config;
struct db;
struct db_stmts;

/* What a backup or a restore copied. */
struct admin_copy {
	int64_t		 bytes;		/* size of the file written */
	int		 pages;		/* database pages copied */
	int		 steps;		/* sqlite3_backup_step() calls */
	int		 busy;		/* of which found the database busy */
	double		 seconds;	/* from start to the file in place */
};

enum admin_backup_flags {
	ADMIN_FORCE	= 1 << 0,	/* replace an existing file */
};

enum admin_status {
	ADMIN_PASS,			/* checked and right */
	ADMIN_FAIL,			/* a problem */
	ADMIN_FIXED,			/* a problem that was repaired */
	ADMIN_NOTE,			/* information, not a problem */
};

/* One line of a check's report. */
struct admin_finding {
	struct admin_finding	*next;
	enum admin_status	 status;
	const char		*text;
};

/* The findings of checks, in the order they were made. */
struct admin_report {
	struct arena		*arena;
	struct admin_finding	*head;
	struct admin_finding	**tail;
	int			 nfail;		/* ADMIN_FAIL findings */
};

/* The numbers of admin_stats(). */
struct admin_tag {
	const char	*name;
	int64_t		 qcount;
};

struct admin_stats {
	int64_t		 questions[4];	/* by status: queued, visible, */
	int64_t		 answers[4];	/* hidden, deleted */
	int64_t		 comments[4];
	int64_t		 users[7];	/* by level 1..6 ([0] unused) */
	int64_t		 users_all, users_blocked;
	int64_t		 votes_up, votes_down;
	int64_t		 tags, tags_used, categories;
	int64_t		 flags_pending, mail_pending;
	int64_t		 page_size, page_count, freelist;
	int64_t		 wal_bytes;	/* -1: no -wal file */
	int64_t		 day[4];	/* last 24 h: questions, answers, */
	int64_t		 week[4];	/* votes, registrations; last 7 d */
	struct admin_tag *top;		/* most used tags, most first */
	size_t		 ntop;
};

#define ADMIN_SECRET_MIN	32	/* characters of csrf_secret */

enum qa_err	 admin_backup(struct db *, const char *path, unsigned int,
		    struct admin_copy *);
enum qa_err	 admin_restore(struct db *, const char *from,
		    struct admin_copy *);
enum qa_err	 admin_file_check(const char *path, int *version);
int		 admin_in_use(const char *path);

void		 admin_report_init(struct admin_report *, struct arena *);
void		 admin_report_add(struct admin_report *, enum admin_status,
		    const char *, ...) __attribute__((format(printf, 3, 4)));
enum qa_err	 admin_check_integrity(struct db *, bool quick,
		    struct admin_report *);
enum qa_err	 admin_check_foreign_keys(struct db *, struct admin_report *);
enum qa_err	 admin_check_counters(struct db *, bool fix,
		    struct admin_report *);
enum qa_err	 admin_check_search(struct db *, struct admin_report *);
enum qa_err	 admin_check_settings(struct db *, struct admin_report *);
void		 admin_check_config(const struct config *, const char *origin,
		    const char *dbpath, struct admin_report *);
void		 admin_check_journal(const char *dbpath,
		    struct admin_report *);

enum qa_err	 admin_stats(struct db *, struct arena *, const char *dbpath,
		    int64_t now, size_t ntop, struct admin_stats *);
struct db_stmts	*admin_statements(void);

#endif /* !ADMIN_H */
