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

/* What a setting holds. */
enum setting_kind {
	SETTING_LINE,		/* one line of text */
	SETTING_AREA,		/* text of several lines */
	SETTING_INT,		/* a whole number in [min, max] */
	SETTING_BOOL,		/* "1" or "0" */
};

#define SETTING_HIDDEN	(-1)	/* group of a setting not on the form */

/*
 * One site setting: its key, kind, limits (characters for text, the
 * range for numbers), label, group on the settings form (SETTING_HIDDEN:
 * not on it) and the default when it is not set.  The settings form and
 * `qa-admin check` both read settings_defs.
 */
struct setting_def {
	const char		*key;
	enum setting_kind	 kind;
	int64_t			 min, max;
	const char		*label;
	int			 group;
	const char		*dflt;
};

#define SETTINGS_NDEFS	55

extern const struct setting_def settings_defs[SETTINGS_NDEFS];

enum qa_err	 settings_load(struct db *);
void		 settings_clear(void);
const char	*settings_get(const char *key, const char *dflt);
int64_t		 settings_int(const char *key, int64_t dflt);
enum qa_err	 settings_set(struct db *, const char *key, const char *val);
enum qa_err	 settings_refresh(struct db *);
struct db_stmts	*settings_statements(void);

#endif /* !SETTINGS_H */
