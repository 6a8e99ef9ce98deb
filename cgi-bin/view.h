/*
 * view.h: what the parts of the view program share: the helpers that
 * fill a page's question lists, authors, times, tags and pager (view.c),
 * and the handlers that live in their own files (search.c, feed.c).
 */
#ifndef VIEW_H
#define VIEW_H

#include <stddef.h>
#include <stdint.h>

#include "qa.h"

struct arena;
struct post;
struct qa_request;
struct tpl;

/*
 * Paging of a list.  The count query reads how many rows follow the
 * current page's offset, up to `cap` (the current page, PAGER_AHEAD more,
 * and one row to tell whether there is more still), so no list is ever
 * counted whole.
 */
struct pager {
	int64_t		 page;		/* 1-based */
	int64_t		 size;		/* rows per page */
	int64_t		 offset;
	int64_t		 cap;		/* for the count query */
	int64_t		 ahead;		/* rows from offset, <= cap */
	const char	*base;		/* list address without page= */
};

char		*path_url(struct arena *, const char *prefix, const char *);
void		 set_votes(struct tpl *, const char *key, int64_t);
void		 set_count(struct tpl *, const char *key, int64_t,
		    const char *one, const char *many);
void		 set_time(struct qa_request *, struct tpl *, const char *iso,
		    const char *ago, int64_t when);
void		 set_author(struct qa_request *, struct tpl *,
		    const char *user, const char *anon, const struct post *);
void		 set_tags(struct qa_request *, struct tpl *, const char *);
void		 set_category(struct qa_request *, struct tpl *,
		    const struct post *);
struct tpl	*add_qitem(struct qa_request *, struct tpl *,
		    const struct post *, const char *title_html);
void		 set_qlist(struct qa_request *, struct tpl *,
		    const struct post *, size_t, const char *empty);
int64_t		 page_size(void);
enum qa_err	 pager_init(struct qa_request *, struct pager *,
		    const char *base, int64_t size);
const char	*pager_url(struct qa_request *, const struct pager *,
		    int64_t);
void		 set_pager(struct qa_request *, struct tpl *,
		    const struct pager *);

/* search.c */
enum qa_err	 search_get(struct qa_request *);

/* feed.c: Atom feeds, the sitemap and robots.txt */
enum qa_err	 feed_questions_get(struct qa_request *);
enum qa_err	 feed_tag_get(struct qa_request *);
enum qa_err	 feed_category_get(struct qa_request *);
enum qa_err	 feed_question_get(struct qa_request *);
enum qa_err	 sitemap_get(struct qa_request *);
enum qa_err	 sitemap_part_get(struct qa_request *);
enum qa_err	 robots_get(struct qa_request *);
void		 feed_link(struct qa_request *, const char *url,
		    const char *title);

#endif /* !VIEW_H */
