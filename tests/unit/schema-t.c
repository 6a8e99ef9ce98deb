/*
 * schema-t: a database made by an older schema and brought up by the
 * migrations has exactly the structure of one made from sql/schema.sql,
 * and keeps its data.  Each earlier schema is kept in tests/sql/ as it
 * was released.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "db.h"
#include "tap.h"
#include "testdb.h"

static const char *const old_schemas[] = {
	"schema-001.sql", "schema-002.sql", "schema-003.sql",
	"schema-004.sql", "schema-005.sql",
};

/*
 * The structure of a database as text: every table's columns (name,
 * type, not null, default, primary key), every index's columns, partial
 * condition and uniqueness, in name order.  Stored CREATE text is not
 * compared, because ALTER TABLE rewrites it differently.
 */
static void
shape(struct db *db, struct buf *out)
{
	sqlite3_stmt	*st;
	const char	*sql =
	    "SELECT m.type, m.name, p.cid, p.name, p.type, p.\"notnull\","
	    " quote(p.dflt_value), p.pk"
	    " FROM sqlite_master m, pragma_table_info(m.name) p"
	    " WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite_%'"
	    " AND m.name NOT LIKE 'posts_fts_%'"
	    " UNION ALL"
	    " SELECT 'index', m.name, i.seqno, i.name, m.tbl_name,"
	    " (SELECT \"unique\" FROM pragma_index_list(m.tbl_name) l"
	    "  WHERE l.name = m.name),"
	    " (SELECT partial FROM pragma_index_list(m.tbl_name) l"
	    "  WHERE l.name = m.name), substr(m.sql, instr(m.sql, 'WHERE'))"
	    " FROM sqlite_master m, pragma_index_info(m.name) i"
	    " WHERE m.type = 'index' AND m.sql IS NOT NULL"
	    " ORDER BY 1, 2, 3";
	int		 i;

	if (sqlite3_prepare_v2(db_handle(db), sql, -1, &st, NULL) != SQLITE_OK)
		bail(sqlite3_errmsg(db_handle(db)));
	while (sqlite3_step(st) == SQLITE_ROW) {
		for (i = 0; i < 8; i++) {
			buf_puts(out, (const char *)(sqlite3_column_text(st, i)
			    ? sqlite3_column_text(st, i) :
			    (const unsigned char *)"NULL"));
			buf_putc(out, '|');
		}
		buf_putc(out, '\n');
	}
	sqlite3_finalize(st);
}

/* Print the first line where two shapes differ. */
static void
first_difference(const char *a, const char *b)
{
	while (*a != '\0' && *a == *b) {
		a++;
		b++;
	}
	while (a > (const char *)0 && *a != '\n' && a[-1] != '\n')
		a--, b--;
	diag("fresh:    %.*s", (int)strcspn(a, "\n"), a);
	diag("migrated: %.*s", (int)strcspn(b, "\n"), b);
}

int
main(void)
{
	char		 dir[] = "/tmp/schema-t.XXXXXX", path[512], cmd[600];
	const char	*src;
	struct db	*db;
	struct buf	 fresh = { 0 }, old = { 0 }, migrated = { 0 };
	size_t		 i;

	plan((int)nitems(old_schemas) * 4 + 1);
	if ((src = getenv("top_srcdir")) == NULL)
		src = ".";
	if (mkdtemp(dir) == NULL)
		bail("mkdtemp");
	snprintf(path, sizeof(path), "%s/fresh.db", dir);
	if (db_open(path, DB_CREATE, &db) != QA_OK ||
	    db_init_schema(db) != QA_OK)
		bail("cannot create database");
	shape(db, &fresh);
	db_close(db);
	ok(fresh.len > 1000, "the current schema has a shape");

	for (i = 0; i < nitems(old_schemas); i++) {
		buf_clear(&old);
		buf_clear(&migrated);
		snprintf(path, sizeof(path), "%s/tests/sql/%s", src,
		    old_schemas[i]);
		testdb_slurp(path, &old);
		snprintf(path, sizeof(path), "%s/old%zu.db", dir, i);
		if (db_open(path, DB_CREATE, &db) != QA_OK)
			bail("cannot create database");
		ok(db_exec(db, buf_cstr(&old)) == QA_OK &&
		    db_exec(db, "INSERT INTO users (handle, created) "
		    "VALUES ('keep', 1)") == QA_OK, "%s loads", old_schemas[i]);
		ok(db_upgrade(db) == QA_OK &&
		    db_version(db) == db_schema_version(),
		    "%s migrates to version %d", old_schemas[i],
		    db_schema_version());
		shape(db, &migrated);
		if (!ok(strcmp(buf_cstr(&fresh), buf_cstr(&migrated)) == 0,
		    "%s migrated has the current shape", old_schemas[i]))
			first_difference(buf_cstr(&fresh), buf_cstr(&migrated));
		ok(db_exec(db, "SELECT 1 FROM users WHERE handle = 'keep'") ==
		    QA_OK, "data kept");
		db_close(db);
	}
	buf_free(&fresh);
	buf_free(&old);
	buf_free(&migrated);
	snprintf(cmd, sizeof(cmd), "rm -rf %s", dir);
	if (system(cmd) != 0)
		diag("cleanup failed");
	return done();
}
