/*
 * config.h: the key=value configuration file named by FASTQA_CONFIG.
 */
#ifndef CONFIG_H
#define CONFIG_H

#include <stdint.h>

#include "qa.h"

struct config;

struct config	*config_new(void);
void		 config_free(struct config *);
enum qa_err	 config_load(struct config *, const char *path);
enum qa_err	 config_parse(struct config *, const char *text, size_t len,
		    const char *origin);
const char	*config_get(const struct config *, const char *key,
		    const char *dflt);
int64_t		 config_int(const struct config *, const char *key,
		    int64_t dflt);
struct config	*config_open_default(void);

#endif /* !CONFIG_H */
