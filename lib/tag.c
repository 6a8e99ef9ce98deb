/*
 * tag.c: read queries over tags: one tag, the tag list (by use, by name
 * or newest first, whole or the names with a prefix), and the splitting
 * of posts.tags into names; and the normalizing of the tags a writer
 * types and of the prefix a reader filters the list by.
 */
#include <assert.h>
#include <stdbool.h>
#include <stdint.h>
#include <string.h>

#include "arena.h"
#include "db.h"
#include "tag.h"

enum tag_stmt {
	TAG_STMT_FIND,		/* one tag by exact name */
	TAG_STMT_POPULAR,	/* a page of used tags, by enum tag_sort */
	TAG_STMT_NAME,
	TAG_STMT_NEW,
	TAG_STMT_PREFIX_POPULAR, /* the same, of the names with a prefix */
	TAG_STMT_PREFIX_NAME,
	TAG_STMT_PREFIX_NEW,
	TAG_STMT_COUNT,		/* used tags from an offset, to a cap */
	TAG_STMT_PREFIX_COUNT,	/* the same, of the names with a prefix */
	TAG_STMT__MAX
};

#define TAG_COLS	"id, name, description, qcount"
/*
 * The names that start with ?3: a range of the unique index on name, up
 * to the prefix followed by the byte 0xff, which no UTF-8 text holds.
 */
#define PREFIX		"name >= ?3 AND name < ?3 || x'ff'"

/*
 * Pages of tags: ?1 limit, ?2 offset, ?3 the prefix where there is one.
 * Only tags on a visible question are listed (qcount > 0).
 */
static const char *const tag_sql[TAG_STMT__MAX] = {
	/* FIND: unique index on name. */
	"SELECT " TAG_COLS " FROM tags WHERE name = ?1",
	/* POPULAR: index tags_qcount. */
	"SELECT " TAG_COLS " FROM tags WHERE qcount > 0 "
	"ORDER BY qcount DESC, name LIMIT ?1 OFFSET ?2",
	/*
	 * NAME: the unique index on name, in order (the unary + keeps the
	 * planner from reading every used tag from tags_qcount to sort).
	 */
	"SELECT " TAG_COLS " FROM tags WHERE +qcount > 0 ORDER BY name "
	"LIMIT ?1 OFFSET ?2",
	/*
	 * NEW: the primary key backwards (tags are never renumbered, so the
	 * highest ids are the latest made).
	 */
	"SELECT " TAG_COLS " FROM tags WHERE id > 0 AND qcount > 0 "
	"ORDER BY id DESC LIMIT ?1 OFFSET ?2",
	/*
	 * PREFIX_*: the range of the prefix in the unique index on name,
	 * then (but for NAME) a sort of the names in it.  The unary + keeps
	 * the planner off tags_qcount, which holds every used tag.
	 */
	"SELECT " TAG_COLS " FROM tags WHERE " PREFIX " AND +qcount > 0 "
	"ORDER BY qcount DESC, name LIMIT ?1 OFFSET ?2",
	"SELECT " TAG_COLS " FROM tags WHERE " PREFIX " AND +qcount > 0 "
	"ORDER BY name LIMIT ?1 OFFSET ?2",
	"SELECT " TAG_COLS " FROM tags WHERE " PREFIX " AND +qcount > 0 "
	"ORDER BY id DESC LIMIT ?1 OFFSET ?2",
	/* COUNT: index tags_qcount; the caller counts at most ?1 rows. */
	"SELECT 1 FROM tags WHERE qcount > 0 ORDER BY qcount DESC, name "
	"LIMIT ?1 OFFSET ?2",
	/* PREFIX_COUNT: the prefix's range of the unique index on name. */
	"SELECT 1 FROM tags WHERE " PREFIX " AND +qcount > 0 "
	"LIMIT ?1 OFFSET ?2",
};

static sqlite3_stmt *tag_cache[TAG_STMT__MAX];
static struct db_stmts tag_stmts =
    { tag_sql, TAG_STMT__MAX, tag_cache, NULL, NULL };

/*
 * The statement table of this module, for tests that prepare every
 * statement of every module.
 */
struct db_stmts *
tag_statements(void)
{
	return &tag_stmts;
}

/*
 * Fill the struct tag at p from the current row (id, name, description,
 * qcount), copying text into the arena.  Returns QA_ESYS if a copy fails.
 * The shape of a db_one()/db_rows() row function.
 */
static enum qa_err
tag_row(struct arena *a, sqlite3_stmt *st, void *p)
{
	struct tag	*t = p;

	t->id = db_col_int(st, 0);
	t->name = db_col_text(a, st, 1);
	t->description = db_col_text(a, st, 2);
	t->qcount = db_col_int(st, 3);
	return t->name == NULL || t->description == NULL ? QA_ESYS : QA_OK;
}

/*
 * Find a tag by its exact name.  Returns QA_OK, QA_ENOTFOUND, or the
 * database error.
 */
enum qa_err
tag_find(struct db *db, struct arena *a, const char *name, struct tag *t)
{
	sqlite3_stmt	*st;

	assert(name != NULL);
	if ((st = db_stmt(db, &tag_stmts, TAG_STMT_FIND)) == NULL)
		return QA_ESYS;
	if (!db_bind_text(st, 1, name)) {
		db_done(st);
		return QA_ESYS;
	}
	return db_one(db, st, a, tag_row, t, "tag_find");
}

/*
 * Read up to limit tags that have questions, from offset, in the order
 * sort: most used first (ties by name), by name, or the newest first.
 * prefix, when neither NULL nor "", keeps the names that start with it
 * (as tag_prefix() makes it: byte for byte, so lower case).  *out is an
 * arena array of *n tags (NULL when *n is 0).  One query over an index.
 * Returns QA_OK or the database error; on error *n is 0.
 */
enum qa_err
tag_browse(struct db *db, struct arena *a, enum tag_sort sort,
    const char *prefix, int64_t offset, int64_t limit, struct tag **out,
    size_t *n)
{
	sqlite3_stmt	*st;
	void		*v;
	bool		 pre = prefix != NULL && prefix[0] != '\0';
	enum qa_err	 er;

	assert(sort < TAG_SORT__MAX);
	*out = NULL;
	*n = 0;
	if (limit <= 0 || offset < 0)
		return QA_OK;
	if ((st = db_stmt(db, &tag_stmts, (pre ? TAG_STMT_PREFIX_POPULAR :
	    TAG_STMT_POPULAR) + sort)) == NULL)
		return QA_ESYS;
	sqlite3_bind_int64(st, 1, limit);
	sqlite3_bind_int64(st, 2, offset);
	if (pre && !db_bind_text(st, 3, prefix)) {
		db_done(st);
		return QA_ESYS;
	}
	er = db_rows(db, st, a, sizeof(**out), (size_t)limit, tag_row, &v, n,
	    "tag_browse");
	*out = v;
	return er;
}

/*
 * Count the used tags (with names that start with prefix, when it is
 * neither NULL nor "") from offset on, stopping at cap.  Returns QA_OK
 * with *count in [0, cap], or the database error.
 */
enum qa_err
tag_browse_count(struct db *db, const char *prefix, int64_t offset,
    int64_t cap, int64_t *count)
{
	sqlite3_stmt	*st;
	bool		 pre = prefix != NULL && prefix[0] != '\0';

	*count = 0;
	if (cap <= 0 || offset < 0)
		return QA_OK;
	if ((st = db_stmt(db, &tag_stmts, pre ? TAG_STMT_PREFIX_COUNT :
	    TAG_STMT_COUNT)) == NULL)
		return QA_ESYS;
	sqlite3_bind_int64(st, 1, cap);
	sqlite3_bind_int64(st, 2, offset);
	if (pre && !db_bind_text(st, 3, prefix)) {
		db_done(st);
		return QA_ESYS;
	}
	return db_count(db, st, count, "tag_browse_count");
}

/*
 * Read up to limit tags that have questions, from offset, most used
 * first (ties by name): tag_browse() in TAG_SORT_POPULAR order without
 * a prefix.
 */
enum qa_err
tag_list(struct db *db, struct arena *a, int64_t offset, int64_t limit,
    struct tag **out, size_t *n)
{
	return tag_browse(db, a, TAG_SORT_POPULAR, NULL, offset, limit, out,
	    n);
}

/*
 * Count the used tags from offset on in list order, stopping at cap:
 * tag_browse_count() without a prefix.
 */
enum qa_err
tag_count(struct db *db, int64_t offset, int64_t cap, int64_t *count)
{
	return tag_browse_count(db, NULL, offset, cap, count);
}

/*
 * Split a posts.tags value (names separated by spaces; runs of spaces and
 * leading or trailing ones are tolerated) into an arena array of names.
 * Returns the number of names; *names is NULL when it is 0 or when the
 * arena is out of memory (then 0 is returned).
 */
size_t
tag_split(struct arena *a, const char *tags, const char ***names)
{
	const char	**v;
	const char	 *p, *e;
	size_t		  n = 0, k = 0;
	int		  in = 0;

	*names = NULL;
	if (tags == NULL)
		return 0;
	for (p = tags; *p != '\0'; p++) {
		if (*p != ' ' && !in)
			n++;
		in = *p != ' ';
	}
	if (n == 0 || (v = arena_calloc(a, n, sizeof(*v))) == NULL)
		return 0;
	for (p = tags; *p != '\0' && k < n; p = e) {
		while (*p == ' ')
			p++;
		for (e = p; *e != '\0' && *e != ' '; e++)
			continue;
		if (e > p && (v[k++] = arena_strndup(a, p,
		    (size_t)(e - p))) == NULL)
			return 0;
	}
	*names = v;
	return k;
}

/*
 * Decode the UTF-8 character at p (valid UTF-8 is assumed, as the form
 * parser checks it) into *cp; returns its length in bytes, or 0 for a
 * byte that starts no character (then *cp is 0).
 */
static size_t
utf8_decode(const unsigned char *p, uint32_t *cp)
{
	size_t	 len, i;

	*cp = 0;
	if (p[0] < 0x80) {
		*cp = p[0];
		return 1;
	} else if (p[0] >= 0xc2 && p[0] <= 0xdf) {
		len = 2;
		*cp = p[0] & 0x1f;
	} else if (p[0] >= 0xe0 && p[0] <= 0xef) {
		len = 3;
		*cp = p[0] & 0x0f;
	} else if (p[0] >= 0xf0 && p[0] <= 0xf4) {
		len = 4;
		*cp = p[0] & 0x07;
	} else
		return 0;
	for (i = 1; i < len; i++) {
		if ((p[i] & 0xc0) != 0x80) {
			*cp = 0;
			return 0;
		}
		*cp = (*cp << 6) | (p[i] & 0x3f);
	}
	return len;
}

/*
 * Whether the non-ASCII code point cp may be in a tag: a letter, mark or
 * digit of some script.  Without Unicode tables this refuses the blocks
 * that hold no letters: Latin-1 punctuation and symbols (U+0080-U+00BF,
 * x and / signs), general punctuation, super- and subscripts, currency,
 * letterlike and number forms, arrows, mathematical and technical signs,
 * box drawing, shapes, dingbats and the other symbol blocks
 * (U+2000-U+2BFF), CJK punctuation (U+3000-U+303F), private use, the
 * presentation and half-width punctuation ranges, variation selectors,
 * specials, and every emoji and symbol plane block from U+1F000 on.
 */
static bool
tag_cp_ok(uint32_t cp)
{
	if (cp < 0xc0 || cp == 0xd7 || cp == 0xf7)
		return false;
	if (cp >= 0x2000 && cp <= 0x2bff)
		return false;
	if (cp >= 0x3000 && cp <= 0x303f)
		return false;
	if (cp >= 0xd800 && cp <= 0xf8ff)	/* surrogates, private use */
		return false;
	if (cp >= 0xfe00 && cp <= 0xfe6f)	/* selectors, small forms */
		return false;
	if ((cp >= 0xff00 && cp <= 0xff0f) || (cp >= 0xff1a && cp <= 0xff20) ||
	    (cp >= 0xff3b && cp <= 0xff40) || (cp >= 0xff5b && cp <= 0xff65))
		return false;
	if (cp >= 0xfff0 && cp <= 0xffff)	/* specials */
		return false;
	if (cp >= 0x1f000 && cp <= 0x1ffff)	/* emoji, symbols */
		return false;
	if (cp >= 0xe0000)			/* tags, private use */
		return false;
	return true;
}

/*
 * The lower-case form of an upper-case letter of Latin-1, Greek or
 * Cyrillic (whose lower case is as long in UTF-8), else cp itself.
 */
static uint32_t
tag_cp_lower(uint32_t cp)
{
	if ((cp >= 0xc0 && cp <= 0xde && cp != 0xd7) ||
	    (cp >= 0x391 && cp <= 0x3ab && cp != 0x3a2) ||
	    (cp >= 0x410 && cp <= 0x42f))
		return cp + 0x20;
	if (cp >= 0x400 && cp <= 0x40f)
		return cp + 0x50;
	return cp;
}

/* Write code point cp (below U+10000 or not) as UTF-8; returns bytes. */
static size_t
utf8_encode(uint32_t cp, char *out)
{
	if (cp < 0x80) {
		out[0] = (char)cp;
		return 1;
	} else if (cp < 0x800) {
		out[0] = (char)(0xc0 | (cp >> 6));
		out[1] = (char)(0x80 | (cp & 0x3f));
		return 2;
	} else if (cp < 0x10000) {
		out[0] = (char)(0xe0 | (cp >> 12));
		out[1] = (char)(0x80 | ((cp >> 6) & 0x3f));
		out[2] = (char)(0x80 | (cp & 0x3f));
		return 3;
	}
	out[0] = (char)(0xf0 | (cp >> 18));
	out[1] = (char)(0x80 | ((cp >> 12) & 0x3f));
	out[2] = (char)(0x80 | ((cp >> 6) & 0x3f));
	out[3] = (char)(0x80 | (cp & 0x3f));
	return 4;
}

/* What separates tags as typed: spaces, commas, tabs and newlines. */
static bool
tag_sep(char c)
{
	return c == ' ' || c == ',' || c == '\t' || c == '\n' || c == '\r';
}

/*
 * Normalize one typed tag, w[0..len) (no separator in it), into the
 * arena: lower-case (ASCII letters, and the Latin-1, Greek and Cyrillic
 * capitals), with leading and trailing '.' and '-' stripped.  Returns the
 * name ("" when nothing is left) or NULL with *why set: QA_EINVALID for a
 * character outside a-z 0-9 - + # . and non-ASCII letters (emoji and
 * other symbols are refused), or for a name over TAG_LEN_MAX bytes;
 * QA_ESYS if out of memory.
 */
static char *
tag_one(struct arena *a, const char *w, size_t len, enum qa_err *er,
    const char **why)
{
	const unsigned char	*p = (const unsigned char *)w;
	char			*out, *s, *e;
	const char		*typed;
	size_t			 i, k, n = 0;
	uint32_t		 cp;

	*er = QA_ESYS;
	if ((out = arena_alloc(a, len + 1)) == NULL)
		return NULL;
	for (i = 0; i < len; i += k) {
		if ((k = utf8_decode(p + i, &cp)) == 0 || i + k > len)
			break;
		if (cp >= 'A' && cp <= 'Z')
			cp += 32;
		if (cp < 0x80 ? !((cp >= 'a' && cp <= 'z') ||
		    (cp >= '0' && cp <= '9') || strchr("-+#.", (int)cp) !=
		    NULL) : !tag_cp_ok(cp))
			break;
		n += utf8_encode(tag_cp_lower(cp), out + n);
	}
	if (i < len) {
		*er = QA_EINVALID;
		if ((typed = arena_strndup(a, w, len)) == NULL ||
		    (*why = arena_printf(a, "The tag \"%s\" may only hold "
		    "letters, digits and - + # .", typed)) == NULL)
			*er = QA_ESYS;
		return NULL;
	}
	out[n] = '\0';
	for (s = out; *s == '.' || *s == '-'; s++)
		continue;
	for (e = out + n; e > s && (e[-1] == '.' || e[-1] == '-'); e--)
		continue;
	*e = '\0';
	if ((size_t)(e - s) > TAG_LEN_MAX) {
		*er = QA_EINVALID;
		if ((*why = arena_printf(a, "The tag \"%s\" is too long (at "
		    "most %d bytes)", s, TAG_LEN_MAX)) == NULL)
			*er = QA_ESYS;
		return NULL;
	}
	*er = QA_OK;
	return s;
}

/*
 * Normalize the tags a writer typed: split input on spaces and commas
 * (and tabs and newlines); each tag is lower-cased (ASCII letters, and
 * Latin-1, Greek and Cyrillic capitals) and loses leading and trailing
 * '.' and '-' (a tag of only those is dropped); a tag may hold a-z, 0-9,
 * '-', '+', '#', '.' and non-ASCII letters of any script, such as
 * "психология" (emoji and other symbols are refused); a repeated tag is
 * dropped, the first one keeping its place.  input is valid UTF-8 (the
 * form parser checks it); NULL is taken as "".  On success *out is the
 * names joined by single spaces ("" for none) and *n their number, both
 * in the arena.  Returns QA_OK; QA_EINVALID with *why an arena message
 * naming the tag for a forbidden character or a tag over TAG_LEN_MAX
 * bytes, or "At most 5 tags" (TAG_MAX) for more distinct ones; or
 * QA_ESYS if out of memory (*why NULL).
 */
enum qa_err
tag_normalize(struct arena *a, const char *input, char **out, size_t *n,
    const char **why)
{
	const char	*names[TAG_MAX + 1], *p, *w;
	char		*name, *s;
	size_t		 k = 0, i, len, total = 0;
	enum qa_err	 er;
	bool		 dup;

	*out = NULL;
	*n = 0;
	*why = NULL;
	for (p = input != NULL ? input : ""; *p != '\0'; ) {
		while (*p != '\0' && tag_sep(*p))
			p++;
		for (w = p; *p != '\0' && !tag_sep(*p); p++)
			continue;
		if (p == w)
			continue;
		if ((name = tag_one(a, w, (size_t)(p - w), &er, why)) == NULL)
			return er;
		if (name[0] == '\0')
			continue;
		dup = false;
		for (i = 0; i < k && !dup; i++)
			dup = strcmp(names[i], name) == 0;
		if (dup)
			continue;
		if (k == TAG_MAX) {
			if ((*why = arena_printf(a, "At most %d tags",
			    TAG_MAX)) == NULL)
				return QA_ESYS;
			return QA_EINVALID;
		}
		names[k++] = name;
		total += strlen(name) + 1;
	}
	if ((s = arena_alloc(a, total + 1)) == NULL)
		return QA_ESYS;
	s[0] = '\0';
	for (i = 0, len = 0; i < k; i++) {
		if (i > 0)
			s[len++] = ' ';
		memcpy(s + len, names[i], strlen(names[i]) + 1);
		len += strlen(names[i]);
	}
	*out = s;
	*n = k;
	return QA_OK;
}

/*
 * Which of the names in tags (as posts.tags: separated by spaces) have no
 * tags row yet, for the rule that only users from some level may create
 * tags.  *names is an arena array of *n names in their order (NULL when
 * none is new).  Returns QA_OK, QA_ESYS, or the database error.
 */
enum qa_err
tag_new_names(struct db *db, struct arena *a, const char *tags,
    const char ***names, size_t *n)
{
	const char	**all, **v;
	struct tag	  t;
	size_t		  i, k = 0, total;
	enum qa_err	  er;

	*names = NULL;
	*n = 0;
	if ((total = tag_split(a, tags, &all)) == 0) {
		if (tags != NULL && strspn(tags, " ") != strlen(tags))
			return QA_ESYS;
		return QA_OK;
	}
	if ((v = arena_calloc(a, total, sizeof(*v))) == NULL)
		return QA_ESYS;
	for (i = 0; i < total; i++) {
		er = tag_find(db, a, all[i], &t);
		if (er == QA_ENOTFOUND)
			v[k++] = all[i];
		else if (er != QA_OK)
			return er;
	}
	if (k > 0) {
		*names = v;
		*n = k;
	}
	return QA_OK;
}

/*
 * The filter of the tag list from what a reader typed: without leading
 * and trailing separators (spaces, commas, tabs, newlines), with ASCII
 * letters and the Latin-1, Greek and Cyrillic capitals lower-cased as
 * tag_normalize() does, so that it compares byte for byte with the
 * stored names; other bytes stay as they are (a character no tag may
 * hold then simply matches nothing).  typed is valid UTF-8 (the request
 * parser checks it); NULL is taken as "".  Returns arena memory ("" for
 * nothing to filter by), or NULL if out of memory.
 */
char *
tag_prefix(struct arena *a, const char *typed)
{
	const unsigned char	*p, *e;
	char			*out;
	size_t			 n = 0, k;
	uint32_t		 cp;

	if (typed == NULL)
		typed = "";
	while (*typed != '\0' && tag_sep(*typed))
		typed++;
	p = (const unsigned char *)typed;
	e = p + strlen(typed);
	while (e > p && tag_sep((char)e[-1]))
		e--;
	if ((out = arena_alloc(a, (size_t)(e - p) + 1)) == NULL)
		return NULL;
	while (p < e) {
		if ((k = utf8_decode(p, &cp)) == 0 || p + k > e) {
			out[n++] = (char)*p++;
			continue;
		}
		if (cp >= 'A' && cp <= 'Z')
			cp += 32;
		n += utf8_encode(tag_cp_lower(cp), out + n);
		p += k;
	}
	out[n] = '\0';
	return out;
}
