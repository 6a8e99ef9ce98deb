/*
 * util.h: small text helpers shared by the model and the programs.
 */
#ifndef UTIL_H
#define UTIL_H

#include <stddef.h>
#include <stdint.h>

struct arena;

#define UTIL_EMAIL_MAX	254	/* bytes of an email address (RFC 5321) */

char	*util_slug(struct arena *, const char *title);
void	 util_slugn(char *dst, size_t dstsz, const char *title);
char	*util_points(struct arena *, int64_t points);
char	*util_ago(struct arena *, int64_t then, int64_t now);
char	*util_isotime(struct arena *, int64_t t);
char	*util_urlseg(struct arena *, const char *);
const char *util_plural(int64_t n, const char *one, const char *many);
size_t	 util_utf8_len(const char *);
size_t	 util_utf8_seq(const unsigned char *);
char	*util_question_url(struct arena *, int64_t id, const char *slug);
const char *util_email_problem(const char *e, const char *bad);

#endif /* !UTIL_H */
