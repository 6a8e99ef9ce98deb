/*
 * db.h: the SQLite database: opening with our pragmas, the per-process
 * statement cache, migrations and transactions.
 */
#ifndef DB_H
#define DB_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sqlite3.h>

#include "qa.h"

struct arena;
struct db;

/* A schema migration: SQL that moves the schema to version `version`. */
struct db_migration {
	int		 version;
	const char	*name;
	const char	*sql;
};

/*
 * A model module's statement table, indexed by its statement enum:
 *
 *	static sqlite3_stmt *post_cache[POST_STMT__MAX];
 *	static struct db_stmts post_stmts =
 *	    { post_sql, POST_STMT__MAX, post_cache, NULL, NULL };
 *
 * Statements are prepared on first use and kept until db_close(), which
 * finalizes them and empties the cache, so a process may close one
 * database and open another (tests do).
 */
struct db_stmts {
	const char *const	*sql;
	size_t			 n;
	sqlite3_stmt		**cache;	/* n entries, lazily prepared */
	struct db		*owner;		/* set by db_stmt() */
	struct db_stmts		*next;		/* owner's list */
};

/* For db_rows(): read every row, growing the array as needed. */
#define DB_ROWS_ALL	SIZE_MAX

enum db_open_flags {
	DB_CREATE	= 1 << 0,	/* create the file if missing */
	DB_READONLY	= 1 << 1,	/* query_only on until db_query_only() */
};

enum qa_err	 db_open(const char *path, unsigned int flags, struct db **);
void		 db_close(struct db *);
sqlite3		*db_handle(struct db *);
enum qa_err	 db_err(struct db *, int rc, const char *where);

sqlite3_stmt	*db_stmt(struct db *, struct db_stmts *, size_t which);
void		 db_done(sqlite3_stmt *);
enum qa_err	 db_run(struct db *, sqlite3_stmt *, const char *where);
enum qa_err	 db_exec(struct db *, const char *sql);
enum qa_err	 db_one(struct db *, sqlite3_stmt *, struct arena *,
		    enum qa_err (*)(struct arena *, sqlite3_stmt *, void *),
		    void *, const char *);
enum qa_err	 db_rows(struct db *, sqlite3_stmt *, struct arena *, size_t,
		    size_t, enum qa_err (*)(struct arena *, sqlite3_stmt *,
		    void *), void **, size_t *, const char *);
enum qa_err	 db_count(struct db *, sqlite3_stmt *, int64_t *,
		    const char *);
void		 db_query_only(struct db *, bool);

enum qa_err	 db_tx_begin(struct db *);
enum qa_err	 db_tx_commit(struct db *);
void		 db_tx_rollback(struct db *);
unsigned long	 db_queries(const struct db *);
void		 db_group_open(struct db *);
bool		 db_group_pending(struct db *);
enum qa_err	 db_group_close(struct db *, bool commit);

int		 db_version(struct db *);
int		 db_schema_version(void);
enum qa_err	 db_init_schema(struct db *);
enum qa_err	 db_migrate(struct db *, const struct db_migration *, size_t);
enum qa_err	 db_upgrade(struct db *);

/* Compiled-in SQL from sql/: the schema and the numbered migrations. */
extern const char			*const sql_schema;
extern const struct db_migration	 sql_migrations[];
extern const size_t			 sql_nmigrations;

/* Column helpers that copy text into the arena (NULL stays NULL). */
char		*db_col_text(struct arena *, sqlite3_stmt *, int);
int64_t		 db_col_int(sqlite3_stmt *, int);
bool		 db_bind_text(sqlite3_stmt *, int, const char *);
void		 db_bind_id(sqlite3_stmt *, int, int64_t);

#endif /* !DB_H */
