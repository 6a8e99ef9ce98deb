/*
 * markdown.h: CommonMark to HTML through cmark, in safe mode.
 */
#ifndef MARKDOWN_H
#define MARKDOWN_H

#include <stddef.h>

#include "qa.h"

struct buf;

enum markdown_mode {
	MARKDOWN_BLOCK,		/* posts: full CommonMark */
	MARKDOWN_INLINE,	/* comments: one paragraph, inline only */
};

enum qa_err	 markdown_render(const char *src, size_t len,
		    enum markdown_mode, struct buf *out);
void		 markdown_text(const char *src, size_t len, struct buf *out);

#endif /* !MARKDOWN_H */
