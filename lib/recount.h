/*
 * recount.h: recompute every denormalized counter from the source rows.
 */
#ifndef RECOUNT_H
#define RECOUNT_H

#include <stdint.h>

#include "qa.h"

struct db;
struct db_stmts;

enum qa_err	 recount_all(struct db *, int64_t *changed);
struct db_stmts	*recount_statements(void);

#endif /* !RECOUNT_H */
