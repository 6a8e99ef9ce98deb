/*
 * serve.h: the FastCGI accept loop (or one plain-CGI request), routing,
 * and the per-process state every handler can reach.
 */
#ifndef SERVE_H
#define SERVE_H

#include "http.h"

struct config;
struct db;
struct db_stmts;

enum route_flags {
	ROUTE_GET	= 1 << 0,	/* GET, and HEAD without a body */
	ROUTE_POST	= 1 << 1,
	ROUTE_WRITE	= 1 << 2,	/* may write to the database */
	ROUTE_CACHE	= 1 << 3,	/* a page anyone may be given a copy of */
};

/*
 * One entry of a program's route table.  The pattern is a path whose
 * segments are literals or "{}", which matches any one non-empty segment
 * and is captured into req->args in order.
 */
struct route {
	const char	*pattern;
	unsigned int	 flags;
	enum qa_err	(*handler)(struct qa_request *);
};

/* What every handler may use; set up once per process by serve_run(). */
struct serve_ctx {
	struct config	*config;
	struct db	*db;
	const char	*program;
};

extern struct serve_ctx	 serve;

#define SERVE_BASE_URL	"http://127.0.0.1:8080"	/* config base_url */

int		 serve_run(const char *program, const struct route *, size_t);
enum qa_err	 serve_dispatch(struct qa_request *, const struct route *,
		    size_t);
void		 serve_error_page(struct qa_request *, enum qa_err,
		    const char *message);
int		 serve_init(const char *program);
void		 serve_fini(void);
struct tpl	*serve_page(struct qa_request *, const char *file,
		    const char *title);
struct tpl	*serve_page_form(struct qa_request *, const char *file,
		    const char *title);
enum qa_err	 serve_render(struct qa_request *, int status);
enum qa_err	 serve_notice(struct qa_request *, int status,
		    const char *heading, const char *message, const char *url,
		    const char *text);
const char	*serve_remote(const struct qa_request *);
const char	*serve_base_url(void);
void		 serve_after(struct qa_request *, void (*)(void *), void *);
struct db_stmts	*serve_statements(void);
void		 serve_handle(const struct http_input *, const struct route *,
		    size_t, struct buf *out);

#endif /* !SERVE_H */
