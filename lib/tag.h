/*
 * tag.h: tags as the read side shows them.  A question's tag names are
 * kept twice: as rows of post_tags (for the per-tag lists) and, in the
 * order the asker gave them, in posts.tags as names separated by single
 * spaces (so a list of questions needs no join to show them).
 * tag_normalize() turns what a writer types into that form, and
 * tag_prefix() what a reader types to filter the tag list by.
 */
#ifndef TAG_H
#define TAG_H

#include <stdint.h>

#include "qa.h"

struct arena;
struct db;
struct db_stmts;

struct tag {
	int64_t		 id;
	const char	*name;
	const char	*description;	/* never NULL */
	int64_t		 qcount;	/* visible questions with the tag */
};

/* The orders of the tag list. */
enum tag_sort {
	TAG_SORT_POPULAR,	/* most questions first, then by name */
	TAG_SORT_NAME,		/* by name, A to Z (byte order) */
	TAG_SORT_NEW,		/* the newest tags first */
	TAG_SORT__MAX
};

enum qa_err	 tag_find(struct db *, struct arena *, const char *name,
		    struct tag *);
enum qa_err	 tag_browse(struct db *, struct arena *, enum tag_sort,
		    const char *prefix, int64_t offset, int64_t limit,
		    struct tag **, size_t *);
enum qa_err	 tag_browse_count(struct db *, const char *prefix,
		    int64_t offset, int64_t cap, int64_t *);
char		*tag_prefix(struct arena *, const char *typed);
enum qa_err	 tag_list(struct db *, struct arena *, int64_t offset,
		    int64_t limit, struct tag **, size_t *);
enum qa_err	 tag_count(struct db *, int64_t offset, int64_t cap,
		    int64_t *);
size_t		 tag_split(struct arena *, const char *tags,
		    const char ***names);
struct db_stmts	*tag_statements(void);

#define TAG_MAX		5	/* tags on a question */
#define TAG_LEN_MAX	32	/* bytes in a tag name */

enum qa_err	 tag_normalize(struct arena *, const char *input,
		    char **out, size_t *n, const char **why);
enum qa_err	 tag_new_names(struct db *, struct arena *, const char *tags,
		    const char ***names, size_t *n);

#endif /* !TAG_H */
