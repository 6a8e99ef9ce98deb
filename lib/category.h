/*
 * category.h: the nested categories (up to four levels) as the read side
 * shows them, and as administrators add, change, move and delete them.
 */
#ifndef CATEGORY_H
#define CATEGORY_H

#include <stddef.h>
#include <stdint.h>

#include "qa.h"

struct arena;
struct db;
struct db_stmts;

#define CATEGORY_MAX_DEPTH	4	/* levels: depth 0 to 3 */
#define CATEGORY_NAME_MAX	80	/* characters of a name */
#define CATEGORY_SLUG_MAX	80	/* bytes of a slug */
#define CATEGORY_DESC_MAX	1000	/* characters of a description */
#define CATEGORY_POSITION_MAX	9999	/* highest position */

struct category {
	int64_t		 id;
	int64_t		 parent_id;	/* 0 at the top level */
	const char	*slug;
	const char	*name;
	const char	*description;	/* never NULL */
	int64_t		 qcount;	/* questions here and below */
	int		 depth;		/* 0 at the top level */
	int64_t		 position;	/* order among its siblings */
	struct category	*children;	/* first child (category_tree) */
	struct category	*next;		/* next sibling (category_tree) */
};

/*
 * A category as an administrator adds or changes it.  Strings are
 * borrowed; category_edit_check() fills in what may be left out.
 */
struct category_edit {
	const char	*name;
	const char	*slug;		/* NULL or "": from the name */
	const char	*description;	/* NULL: none */
	int64_t		 parent_id;	/* 0: the top level */
	int64_t		 position;	/* -1: last (add), kept (edit) */
};

/* Why a change of the tree was refused: the form field, and a message. */
struct category_why {
	const char	*field;		/* "name", "slug", ... */
	const char	*message;
};

enum qa_err	 category_find(struct db *, struct arena *, const char *slug,
		    struct category *);
enum qa_err	 category_find_id(struct db *, struct arena *, int64_t id,
		    struct category *);
enum qa_err	 category_tree(struct db *, struct arena *,
		    struct category **);
enum qa_err	 category_children(struct db *, struct arena *, int64_t id,
		    struct category **, size_t *);
enum qa_err	 category_path(struct db *, struct arena *, int64_t id,
		    struct category **, size_t *);
enum qa_err	 category_edit_check(struct arena *, struct category_edit *,
		    struct category_why *);
enum qa_err	 category_create(struct db *, struct arena *,
		    const struct category_edit *, int64_t *id,
		    struct category_why *);
enum qa_err	 category_update(struct db *, struct arena *, int64_t id,
		    const struct category_edit *, struct category *old,
		    struct category_why *);
enum qa_err	 category_delete(struct db *, struct arena *, int64_t id,
		    struct category *, int64_t *moved,
		    struct category_why *);
struct db_stmts	*category_statements(void);
struct db_stmts	*category_purge_statements(void);

#endif /* !CATEGORY_H */
