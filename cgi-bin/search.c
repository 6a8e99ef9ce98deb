/*
 * search.c: the view program's search page.
 */
#include "qa.h"
#include "http.h"
#include "view.h"

/* GET /search?q= -- not written yet. */
enum qa_err
search_get(struct qa_request *req)
{
	(void)req;
	return QA_ENOTFOUND;
}
