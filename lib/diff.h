/*
 * diff.h: the differences between two texts, word by word, for showing
 * what an edit changed.
 */
#ifndef DIFF_H
#define DIFF_H

#include <stddef.h>

#include "qa.h"

struct arena;

enum diff_op {
	DIFF_SAME,
	DIFF_DEL,
	DIFF_ADD,
};

/* A run of text that is in both versions, only the old, or only the new. */
struct diff_run {
	enum diff_op	 op;
	const char	*text;		/* arena memory, NUL-terminated */
};

/*
 * The largest table of token pairs the diff builds (16-bit cells, so 8 MB
 * at most); past it a changed middle is shown removed and added whole.
 */
#define DIFF_CELLS_MAX	(4 * 1000 * 1000)

enum qa_err	 diff_words(struct arena *, const char *old, const char *new,
		    struct diff_run **, size_t *);

#endif /* !DIFF_H */
