/*
 * category.h: the nested categories (up to four levels) as the read side
 * shows them.
 */
#ifndef CATEGORY_H
#define CATEGORY_H

#include <stdint.h>

#include "qa.h"

struct arena;
struct db;
struct db_stmts;

#define CATEGORY_MAX_DEPTH	4	/* levels: depth 0 to 3 */

struct category {
	int64_t		 id;
	int64_t		 parent_id;	/* 0 at the top level */
	const char	*slug;
	const char	*name;
	const char	*description;	/* never NULL */
	int64_t		 qcount;	/* questions here and below */
	int		 depth;		/* 0 at the top level */
	struct category	*children;	/* first child (category_tree) */
	struct category	*next;		/* next sibling (category_tree) */
};

enum qa_err	 category_find(struct db *, struct arena *, const char *slug,
		    struct category *);
enum qa_err	 category_tree(struct db *, struct arena *,
		    struct category **);
enum qa_err	 category_children(struct db *, struct arena *, int64_t id,
		    struct category **, size_t *);
enum qa_err	 category_path(struct db *, struct arena *, int64_t id,
		    struct category **, size_t *);
struct db_stmts	*category_statements(void);

#endif /* !CATEGORY_H */
