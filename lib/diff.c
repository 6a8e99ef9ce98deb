/*
 * diff.c: a word-level diff of two texts, for showing what an edit
 * changed.
 *
 * Both texts are cut into tokens: runs of whitespace and runs of anything
 * else (words), so a change of spacing shows too.  The common prefix and
 * suffix are taken off first; the tokens between are compared by the
 * longest common subsequence, a dynamic program over a table of n x m
 * cells.  Past DIFF_CELLS_MAX cells that table is not built and the
 * middle is shown as removed whole and added whole.
 */
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "diff.h"

/* A token: len bytes at s. */
struct tok {
	const char	*s;
	size_t		 len;
};

/* Whitespace as a word boundary: ASCII space, tab and line ends. */
static bool
ws(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' ||
	    c == '\f' || c == '\v';
}

/*
 * Cut text into tokens (runs of whitespace and runs of the rest).
 * Returns an arena array and sets *n, or NULL when text is empty (*n 0)
 * or out of memory (*oom set).
 */
static struct tok *
tokenize(struct arena *a, const char *text, size_t *n, bool *oom)
{
	struct tok	*v;
	const char	*p, *q;
	size_t		 k = 0, cap = 0;

	*n = 0;
	for (p = text; *p != '\0'; p = q) {
		for (q = p + 1; *q != '\0' && ws(*q) == ws(*p); q++)
			continue;
		cap++;
	}
	if (cap == 0)
		return NULL;
	if ((v = arena_calloc(a, cap, sizeof(*v))) == NULL) {
		*oom = true;
		return NULL;
	}
	for (p = text; *p != '\0'; p = q) {
		for (q = p + 1; *q != '\0' && ws(*q) == ws(*p); q++)
			continue;
		v[k].s = p;
		v[k++].len = (size_t)(q - p);
	}
	*n = k;
	return v;
}

/* Whether two tokens hold the same bytes. */
static bool
tok_eq(const struct tok *x, const struct tok *y)
{
	return x->len == y->len && memcmp(x->s, y->s, x->len) == 0;
}

/* A span of source text with its op, while the diff is built. */
struct span {
	enum diff_op	 op;
	const char	*s;
	size_t		 len;
};

/* The spans being built: an arena array with its length and room. */
struct runs {
	struct arena	*a;
	struct span	*v;
	size_t		 n, cap;
	bool		 oom;
};

/*
 * Append len bytes at s to the spans as op: the last span grows if it
 * has the same op and ends where s starts (consecutive tokens of one
 * text, the usual case), else a span is added.  Sets r->oom when out of
 * memory.
 */
static void
emit(struct runs *r, enum diff_op op, const char *s, size_t len)
{
	struct span	*nv, *last;

	if (len == 0 || r->oom)
		return;
	last = r->n > 0 ? &r->v[r->n - 1] : NULL;
	if (last != NULL && last->op == op && last->s + last->len == s) {
		last->len += len;
		return;
	}
	if (r->n == r->cap) {
		r->cap = r->cap == 0 ? 8 : r->cap * 2;
		if ((nv = arena_calloc(r->a, r->cap, sizeof(*nv))) == NULL) {
			r->oom = true;
			return;
		}
		if (r->n > 0)
			memcpy(nv, r->v, r->n * sizeof(*nv));
		r->v = nv;
	}
	r->v[r->n].op = op;
	r->v[r->n].s = s;
	r->v[r->n++].len = len;
}

/*
 * Turn the spans into runs: adjacent spans of one op become one run whose
 * text is theirs joined, copied into the arena.  Returns an arena array
 * of *n runs (NULL when none), or NULL with *n 0 and *oom set.
 */
static struct diff_run *
finish(struct runs *r, size_t *n, bool *oom)
{
	struct diff_run	*v;
	size_t		 i, j, k = 0, len, at;
	char		*t;

	*n = 0;
	if (r->n == 0)
		return NULL;
	if ((v = arena_calloc(r->a, r->n, sizeof(*v))) == NULL) {
		*oom = true;
		return NULL;
	}
	for (i = 0; i < r->n; i = j) {
		len = 0;
		for (j = i; j < r->n && r->v[j].op == r->v[i].op; j++)
			len += r->v[j].len;
		if ((t = arena_alloc(r->a, len + 1)) == NULL) {
			*oom = true;
			return NULL;
		}
		for (at = 0; i < j; i++) {
			memcpy(t + at, r->v[i].s, r->v[i].len);
			at += r->v[i].len;
		}
		t[at] = '\0';
		v[k].op = r->v[j - 1].op;
		v[k++].text = t;
	}
	*n = k;
	return v;
}

/* Emit tokens v[from..to) as op. */
static void
emit_toks(struct runs *r, enum diff_op op, const struct tok *v, size_t from,
    size_t to)
{
	for (; from < to; from++)
		emit(r, op, v[from].s, v[from].len);
}

/*
 * Diff the middle tokens x[0..n) and y[0..m) by their longest common
 * subsequence: L[i][j] is the LCS length of x[i..] and y[j..], filled
 * from the end; the walk from the start keeps equal tokens, and where
 * they differ removes from x first when that loses nothing.  The table
 * (malloc'd, freed here) has (n + 1)(m + 1) cells of 16 bits, enough
 * since n * m <= DIFF_CELLS_MAX keeps min(n, m) under 65536.  Returns
 * false if out of memory.
 */
static bool
lcs(struct runs *r, const struct tok *x, size_t n, const struct tok *y,
    size_t m)
{
	uint16_t	*L, down, right;
	size_t		 i, j, w = m + 1;

	if ((L = calloc((n + 1) * w, sizeof(*L))) == NULL)
		return false;
	for (i = n; i-- > 0; )
		for (j = m; j-- > 0; ) {
			down = L[(i + 1) * w + j];
			right = L[i * w + j + 1];
			if (tok_eq(&x[i], &y[j]))
				L[i * w + j] =
				    (uint16_t)(L[(i + 1) * w + j + 1] + 1);
			else
				L[i * w + j] = down >= right ? down : right;
		}
	for (i = 0, j = 0; i < n && j < m; ) {
		if (tok_eq(&x[i], &y[j])) {
			emit(r, DIFF_SAME, x[i].s, x[i].len);
			i++;
			j++;
		} else if (L[(i + 1) * w + j] >= L[i * w + j + 1]) {
			emit(r, DIFF_DEL, x[i].s, x[i].len);
			i++;
		} else {
			emit(r, DIFF_ADD, y[j].s, y[j].len);
			j++;
		}
	}
	free(L);
	emit_toks(r, DIFF_DEL, x, i, n);
	emit_toks(r, DIFF_ADD, y, j, m);
	return true;
}

/*
 * The word-level differences from old to new (NULL is taken as ""): runs
 * of text in both (DIFF_SAME), only in old (DIFF_DEL) or only in new
 * (DIFF_ADD), in reading order, adjacent runs of one op merged; the SAME
 * and DEL runs joined give old, the SAME and ADD runs give new.  Equal
 * texts give one SAME run (none when both are empty).  When the tokens
 * between the common prefix and suffix would need a table of more than
 * DIFF_CELLS_MAX cells, that middle is one DEL and one ADD.  *runs is an
 * arena array of *n runs, their text in the arena too.  Returns QA_OK or
 * QA_ESYS if out of memory.
 */
enum qa_err
diff_words(struct arena *a, const char *old, const char *new,
    struct diff_run **out, size_t *nout)
{
	struct runs	 r = { a, NULL, 0, 0, false };
	struct tok	*x, *y;
	size_t		 n, m, pre = 0, suf = 0;
	bool		 oom = false;

	*out = NULL;
	*nout = 0;
	x = tokenize(a, old != NULL ? old : "", &n, &oom);
	y = tokenize(a, new != NULL ? new : "", &m, &oom);
	if (oom)
		return QA_ESYS;
	while (pre < n && pre < m && tok_eq(&x[pre], &y[pre]))
		pre++;
	while (suf < n - pre && suf < m - pre &&
	    tok_eq(&x[n - 1 - suf], &y[m - 1 - suf]))
		suf++;
	emit_toks(&r, DIFF_SAME, x, 0, pre);
	if ((n - pre - suf) * (m - pre - suf) > DIFF_CELLS_MAX) {
		emit_toks(&r, DIFF_DEL, x, pre, n - suf);
		emit_toks(&r, DIFF_ADD, y, pre, m - suf);
	} else if (!lcs(&r, x + pre, n - pre - suf, y + pre, m - pre - suf))
		return QA_ESYS;
	emit_toks(&r, DIFF_SAME, x, n - suf, n);
	if (r.oom)
		return QA_ESYS;
	*out = finish(&r, nout, &oom);
	return oom ? QA_ESYS : QA_OK;
}
