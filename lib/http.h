/*
 * http.h: the request as parsed from the CGI/FastCGI environment and
 * body, and the response being built for it.
 */
#ifndef HTTP_H
#define HTTP_H

#include <stdbool.h>
#include <stdint.h>

#include "qa.h"
#include "arena.h"

struct tpl;
struct user;

/* Limits on what a request may carry; checked before any work is done. */
#define HTTP_MAX_BODY		(256 * 1024)	/* urlencoded body, bytes */
#define HTTP_MAX_PARAMS		64		/* pairs in query or body */
#define HTTP_MAX_NAME		32		/* bytes in a field name */
#define HTTP_MAX_VALUE		(64 * 1024)	/* bytes in a decoded value */
#define HTTP_MAX_QUERY		4096		/* bytes in QUERY_STRING */
#define HTTP_MAX_PATH		1024		/* bytes in the path */
#define HTTP_MAX_COOKIES	32
#define HTTP_MAX_ARGS		4		/* {} captures in a route */
#define HTTP_DATE_LEN		32		/* an HTTP date and its NUL */

enum http_method {
	HTTP_GET,
	HTTP_HEAD,
	HTTP_POST,
	HTTP_OTHER,
	HTTP_METHOD__MAX
};

/* A decoded name=value pair of a query string, form body or cookie. */
struct http_pair {
	const char	*name;
	const char	*value;
	size_t		 valuelen;
};

/*
 * The response being built.  Headers and body live in process-wide
 * buffers that serve.c empties between requests.
 */
struct http_response {
	int		 status;	/* 0 until a handler sets it */
	struct buf	*headers;	/* "Name: value\r\n" lines */
	struct buf	*body;
	const char	*content_type;
	bool		 set_cookie;	/* a Set-Cookie header was added */
};

/*
 * The most form stamps one page may hold (form_stamp()): each is a value
 * of this request that a stored page gets afresh (lib/pagecache.c).
 */
#define HTTP_MAX_STAMPS		4

struct qa_request {
	struct arena		 arena;
	enum http_method	 method;
	const char		*method_name;
	const char		*uri;		/* REQUEST_URI as sent */
	const char		*path;		/* decoded, validated */
	const char		*args[HTTP_MAX_ARGS]; /* route captures */
	size_t			 nargs;
	struct http_pair	*query;
	size_t			 nquery;
	struct http_pair	*form;		/* urlencoded body (POST) */
	size_t			 nform;
	struct http_pair	*cookies;
	size_t			 ncookies;
	const char		*remote_addr;
	const char		*host;
	const char		*origin;	/* Origin header or NULL */
	const char		*fetch_site;	/* Sec-Fetch-Site or NULL */
	const char		*user_agent;
	const char		*accept;	/* Accept header or NULL */
	const char		*if_none_match;
	const char		*if_modified_since;
	bool			 shared;	/* the page may go to anyone */
	bool			 reload;	/* no-cache: make the page anew */
	bool			 https;
	int64_t			 now;		/* time(NULL) at start */
	struct http_response	 resp;
	struct tpl		*page;		/* layout dictionary */
	const char		*allow;		/* for a 405: Allow */
	const char		*error;		/* message for the error page */
	struct user		*user;		/* logged-in user, or NULL */
	int64_t			 session_id;	/* sessions.id, or 0 */
	unsigned char		 session_csrf[32]; /* sessions.csrf */
	const char		*csrf;		/* token for forms, or NULL */
	/* The form stamps on the page: form_stamp()'s names and values
	 * (nstamps counts them all, also those past HTTP_MAX_STAMPS). */
	const char		*stamp_form[HTTP_MAX_STAMPS];
	const char		*stamp_value[HTTP_MAX_STAMPS];
	size_t			 nstamps;
	/* What a stored copy of the page must do when given again. */
	void			(*on_reuse)(struct qa_request *, int64_t);
	int64_t			 on_reuse_arg;
	void			*ctx;		/* the program's own */
};

/*
 * How the request's input is read: the CGI environment and a body reader.
 * serve.c fills it for FastCGI and for plain CGI; tests fill it by hand.
 */
struct http_input {
	char	**envp;
	/* Read up to n bytes of body into p; returns bytes read, 0 at end,
	 * -1 on error. */
	long	(*read)(void *cookie, char *p, size_t n);
	void	 *cookie;
};

enum qa_err	 http_request_parse(struct qa_request *,
		    const struct http_input *);
const char	*http_env(char **, const char *);

enum qa_err	 http_urldecode(struct arena *, const char *, size_t,
		    bool plus_is_space, char **out, size_t *outlen);
enum qa_err	 http_pairs_parse(struct arena *, const char *, size_t,
		    char sep, bool cookie, struct http_pair **, size_t *);
bool		 http_utf8_valid(const char *, size_t, bool allow_newlines);
bool		 http_wants_json(const struct qa_request *);
enum qa_err	 http_parse_int(const char *, int64_t min, int64_t max,
		    int64_t *out);

const char	*http_query(const struct qa_request *, const char *);
const char	*http_formval(const struct qa_request *, const char *);
const char	*http_cookie(const struct qa_request *, const char *);
enum qa_err	 http_query_int(const struct qa_request *, const char *,
		    int64_t min, int64_t max, int64_t dflt, int64_t *out);

void		 http_header(struct qa_request *, const char *name,
		    const char *value);
void		 http_security_headers(struct qa_request *);
void		 http_date(int64_t, char out[HTTP_DATE_LEN]);
bool		 http_date_parse(const char *, int64_t *);
bool		 http_etag_match(const char *header, const char *etag);
enum qa_err	 http_redirect(struct qa_request *, int status,
		    const char *location);
int		 http_status_of(enum qa_err);
const char	*http_status_text(int);
void		 http_response_write(struct qa_request *, struct buf *out);

#endif /* !HTTP_H */
