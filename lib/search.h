/*
 * search.h: full-text search over the visible questions: the query
 * language a reader types (words, "phrases", -exclusions, OR, and the
 * operators tag:, user: and is:), its translation into an FTS5 query
 * that cannot be a syntax error, the ranked (or, with operators only,
 * newest first) results with their matched words marked, and a "did you
 * mean" suggestion for a query that finds nothing.
 */
#ifndef SEARCH_H
#define SEARCH_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "qa.h"
#include "post.h"

struct arena;
struct db;
struct db_stmts;

#define SEARCH_Q_MAX		256	/* bytes of a query */
#define SEARCH_TERMS_MAX	16	/* terms and operators read */
#define SEARCH_COUNT_MAX	1000	/* matches of words counted */

/*
 * The marks around a matched word in search_hit.title and .snippet,
 * which search_html() turns into <mark> elements.
 */
#define SEARCH_MARK_OPEN	'\001'
#define SEARCH_MARK_CLOSE	'\002'

/* is: operators, as bits of search_query.is. */
enum search_is {
	SEARCH_IS_ANSWERED	= 1 << 0,	/* at least one answer */
	SEARCH_IS_UNANSWERED	= 1 << 1,	/* no answer */
	SEARCH_IS_ACCEPTED	= 1 << 2,	/* has a best answer */
	SEARCH_IS_CLOSED	= 1 << 3,	/* closed */
};

/* A word or phrase of a query. */
struct search_term {
	const char	*text;		/* without quotes or '-' */
	bool		 phrase;	/* typed in double quotes */
	bool		 exclude;	/* typed after '-' */
	bool		 or_next;	/* OR between it and the next */
};

/*
 * A parsed query.  Strings live in the arena given to search_parse().
 * Operator names are read in any case (TAG:, Is:Answered).
 */
struct search_query {
	struct search_term	 terms[SEARCH_TERMS_MAX];
	size_t			 nterms;
	const char		*tags[SEARCH_TERMS_MAX]; /* normalized */
	size_t			 ntags;
	const char		*bad_tag;	/* a name no tag can have */
	const char		*user;		/* a handle, or NULL */
	unsigned int		 is;		/* search_is bits */
	const char		*bad_is;	/* an unknown is: value */
	bool			 truncated;	/* terms past limit */
};

/* Why a search shows no results, or that it ran. */
enum search_status {
	SEARCH_RAN,		/* the query ran (it may find nothing) */
	SEARCH_EMPTY,		/* no word nor operator to search for */
	SEARCH_NO_USER,		/* user: names nobody; see unknown */
	SEARCH_NO_TAG,		/* tag: names no tag; see unknown */
	SEARCH_REJECTED,	/* FTS5 refused the query as it ran */
};

/*
 * One result: the question as post_list() gives it, and when the query
 * had words, its title and the best part of its body as text with the
 * matched words between SEARCH_MARK_OPEN and SEARCH_MARK_CLOSE (NULL for
 * a query of operators only).
 */
struct search_hit {
	struct post	 post;
	const char	*title;
	const char	*snippet;
};

struct search_result {
	enum search_status	 status;
	const char		*unknown;	/* the unknown user, tag */
	struct search_hit	*hits;		/* a page, best first */
	size_t			 nhits;
	int64_t			 total;		/* counted */
	bool			 more;		/* more than total */
};

enum qa_err	 search_parse(struct arena *, const char *q,
		    struct search_query *);
enum qa_err	 search_match(struct db *, struct arena *,
		    const struct search_query *, char **match);
enum qa_err	 search_run(struct db *, struct arena *,
		    const struct search_query *, int64_t offset,
		    int64_t limit, int64_t cap, struct search_result *);
enum qa_err	 search_suggest(struct db *, struct arena *,
		    const struct search_query *, char **suggestion);
char		*search_html(struct arena *, const char *marked);
struct db_stmts	*search_statements(void);
struct db_stmts	*search_fts_statements(void);

#endif /* !SEARCH_H */
