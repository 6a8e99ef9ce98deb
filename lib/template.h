/*
 * template.h: a C interface to Google ctemplate.  Templates are loaded
 * once per process from one directory; dictionaries are per request and
 * freed with the request's arena.
 */
#ifndef TEMPLATE_H
#define TEMPLATE_H

#include <stdint.h>

#include "qa.h"

#ifdef __cplusplus
extern "C" {
#endif

struct arena;
struct buf;
struct tpl;		/* a dictionary, or a section or include of one */

enum qa_err	 tpl_init(const char *dir);
enum qa_err	 tpl_load(const char *name);
void		 tpl_fini(void);

struct tpl	*tpl_new(struct arena *);
void		 tpl_set(struct tpl *, const char *key, const char *val);
void		 tpl_setn(struct tpl *, const char *key, const char *val,
		    size_t len);
void		 tpl_set_int(struct tpl *, const char *key, int64_t);
void		 tpl_set_global(struct tpl *, const char *key, const char *);
void		 tpl_show(struct tpl *, const char *section);
struct tpl	*tpl_add(struct tpl *, const char *section);
struct tpl	*tpl_include(struct tpl *, const char *name,
		    const char *file);
enum qa_err	 tpl_render(const char *file, struct tpl *, struct buf *);

#ifdef __cplusplus
}
#endif

#endif /* !TEMPLATE_H */
