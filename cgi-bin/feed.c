/*
 * feed.c: the view program's Atom feeds, sitemap and robots.txt.
 */
#include "qa.h"
#include "http.h"
#include "view.h"

#define NOT_YET(fn)	enum qa_err fn(struct qa_request *req) \
			{ (void)req; return QA_ENOTFOUND; }
NOT_YET(feed_questions_get)
NOT_YET(feed_tag_get)
NOT_YET(feed_category_get)
NOT_YET(feed_question_get)
NOT_YET(sitemap_get)
NOT_YET(sitemap_part_get)
NOT_YET(robots_get)
