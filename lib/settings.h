/*
 * settings.h: site settings that moderators change, kept in the database
 * (table settings) and cached per process.
 */
#ifndef SETTINGS_H
#define SETTINGS_H

#include <stdint.h>

#include "qa.h"

struct db;
struct db_stmts;

enum qa_err	 settings_load(struct db *);
void		 settings_clear(void);
const char	*settings_get(const char *key, const char *dflt);
int64_t		 settings_int(const char *key, int64_t dflt);
enum qa_err	 settings_set(struct db *, const char *key, const char *val);
enum qa_err	 settings_refresh(struct db *);
struct db_stmts	*settings_statements(void);

#endif /* !SETTINGS_H */
