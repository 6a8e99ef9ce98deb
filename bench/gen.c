/*
 * gen.c: generate a large, realistic fastqa site for benchmarks.
 *
 *	bench/gen [-f] [-p password] [-q questions] [-s seed] [-t end] out.db
 *
 * Writes a new database at out.db (-f replaces an existing one) with the
 * schema of sql/ and the content of a busy forum about relationships and
 * mental health: by default 100,000 questions, about 300,000 answers,
 * 200,000 comments, 1,000,000 votes, 20,000 users, 2,000 tags and 30
 * nested categories; every number but the categories scales with -q.
 * Text comes from the word lists and templates of words.h, each list
 * drawn with a Zipf distribution, so that searches for one to three
 * words find anything from a handful of questions to thousands.
 *
 * The site is planned first in memory with one seeded random generator
 * (who asks, answers, comments, votes, edits, accepts, hides and closes
 * what, and when), and every counter is computed from the plan.  Then
 * the rows are written in one transaction, posts in order of creation
 * (so ids grow with time), each post's text made from a generator seeded
 * by the seed and the post alone; a second thread makes and renders the
 * texts while the first writes.  The same seed and end time give the
 * same content.  Afterwards recount_all() must change no row, and the
 * database is checked, analyzed and its search index optimized.
 *
 * Points follow lib/points.c with the default points table: base +100,
 * q_post +2, a_post +4, q_voted_up/down +-1, a_voted_up/down +-2,
 * vote_up/vote_down +1 (the voter, not on comments), a_selected +30,
 * select_a +3; a hidden post takes its q_post or a_post back.
 */
#include <sys/stat.h>

#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <math.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "arena.h"
#include "auth.h"
#include "db.h"
#include "markdown.h"
#include "qa.h"
#include "recount.h"
#include "tag.h"
#include "util.h"

#include "words.h"

#define MINUTE		60
#define HOUR		3600
#define DAY		86400
#define YEAR		(365 * DAY)

#define DEFAULT_QUESTIONS	100000
#define DEFAULT_END	1793491200	/* 2026-11-01 00:00:00 UTC */
#define MAX_ANSWERS	12
#define MAX_COMMENTS	8
#define NCATS		((int)nitems(wcats))
#define TITLE_MAX	150

/* ---------------------------------------------------------------- */

/* xorshift64* seeded through splitmix64. */
struct rnd {
	uint64_t	 s;
};

/* The splitmix64 step: a well-mixed 64-bit value from x. */
static uint64_t
mix(uint64_t x)
{
	x += 0x9e3779b97f4a7c15ULL;
	x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
	x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
	return x ^ (x >> 31);
}

/* Seed r from seed and a stream number (different streams differ). */
static void
rnd_seed(struct rnd *r, uint64_t seed, uint64_t stream)
{
	r->s = mix(seed ^ mix(stream + 0x51ed2701ULL)) | 1;
}

/* The next 64 random bits. */
static uint64_t
rnd_next(struct rnd *r)
{
	r->s ^= r->s >> 12;
	r->s ^= r->s << 25;
	r->s ^= r->s >> 27;
	return r->s * 2685821657736338717ULL;
}

/* A number in [lo, hi] (lo <= hi). */
static int64_t
rnd_range(struct rnd *r, int64_t lo, int64_t hi)
{
	return lo + (int64_t)((rnd_next(r) >> 11) % (uint64_t)(hi - lo + 1));
}

/* A real number in [0, 1). */
static double
rnd_unit(struct rnd *r)
{
	return (double)(rnd_next(r) >> 11) * (1.0 / 9007199254740992.0);
}

/* True with probability pct percent (fractions allowed). */
static bool
rnd_pct(struct rnd *r, double pct)
{
	return rnd_unit(r) * 100.0 < pct;
}

/* A number of seconds between lo and hi, uniform on a log scale. */
static int64_t
rnd_log(struct rnd *r, int64_t lo, int64_t hi)
{
	if (hi <= lo)
		return lo;
	return (int64_t)((double)lo * exp(rnd_unit(r) *
	    log((double)hi / (double)lo)));
}

/*
 * A count with mean about `mean`: 0, 1, 2... each next one with
 * probability mean / (1 + mean) (a geometric distribution), at most max.
 */
static int
rnd_count(struct rnd *r, double mean, int max)
{
	double	 p = mean / (1.0 + mean);
	int	 n = 0;

	while (n < max && rnd_unit(r) < p)
		n++;
	return n;
}

/* ---------------------------------------------------------------- */

/*
 * A Zipf distribution over n ranks with exponent s: cdf[i] is the
 * probability of a rank <= i.
 */
struct zipf {
	double	*cdf;
	size_t	 n;
};

/* Build z for n >= 1 ranks; false if out of memory. */
static bool
zipf_init(struct zipf *z, size_t n, double s)
{
	double	 sum = 0;
	size_t	 i;

	if ((z->cdf = calloc(n, sizeof(*z->cdf))) == NULL)
		return false;
	z->n = n;
	for (i = 0; i < n; i++) {
		sum += pow((double)(i + 1), -s);
		z->cdf[i] = sum;
	}
	for (i = 0; i < n; i++)
		z->cdf[i] /= sum;
	return true;
}

/* A rank of z, 0 being the most likely. */
static size_t
zipf_pick(const struct zipf *z, struct rnd *r)
{
	double	 u = rnd_unit(r);
	size_t	 lo = 0, hi = z->n - 1, mid;

	while (lo < hi) {
		mid = (lo + hi) / 2;
		if (z->cdf[mid] > u)
			hi = mid;
		else
			lo = mid + 1;
	}
	return lo;
}

/* ---------------------------------------------------------------- */

/* The word lists and templates of words.h, each with its distribution. */
enum wl {
	W_PEOPLE, W_NAMES, W_NOUNS, W_ADJS, W_FEEL, W_VERBS, W_ADVS,
	W_TIMES, W_EVENTS, W_HABITS, W_PLACES, W_RARE, W_ANON, W_ABOUT,
	W_TITLES, W_TITLE_ENDS, W_Q_OPEN, W_Q_STORY, W_Q_LIST, W_Q_ITEM,
	W_Q_QUOTE, W_Q_CLOSE, W_EDITS, W_CLOSE, W_LINKS, W_LINK_TEXT,
	W_A_OPEN, W_A_BODY, W_A_LIST, W_A_ITEM, W_A_CLOSE, W_COMMENTS,
	W__MAX
};

struct wlist {
	const char *const	*w;
	size_t			 n;
	double			 s;	/* the Zipf exponent */
	struct zipf		 z;
};

#define WL(a, s)	{ a, nitems(a), s, { NULL, 0 } }

/* Words are Zipf with s = 1; templates only mildly skewed. */
static struct wlist wl[W__MAX] = {
	[W_PEOPLE] = WL(wpeople, 1.0),	[W_NAMES] = WL(wnames, 0.8),
	[W_NOUNS] = WL(wnouns, 1.0),	[W_ADJS] = WL(wadjs, 1.0),
	[W_FEEL] = WL(wfeel, 1.0),	[W_VERBS] = WL(wverbs, 1.0),
	[W_ADVS] = WL(wadvs, 1.0),	[W_TIMES] = WL(wtimes, 0.8),
	[W_EVENTS] = WL(wevents, 0.9),	[W_HABITS] = WL(whabits, 0.9),
	[W_PLACES] = WL(wplaces, 0.9),	[W_RARE] = WL(wrare, 0.6),
	[W_ANON] = WL(wanon, 1.0),	[W_ABOUT] = WL(wabout, 0.5),
	[W_TITLES] = WL(wtitles, 0.2),
	[W_TITLE_ENDS] = WL(wtitle_ends, 0.5),
	[W_Q_OPEN] = WL(wq_open, 0.4),
	[W_Q_STORY] = WL(wq_story, 0.3), [W_Q_LIST] = WL(wq_list, 0.5),
	[W_Q_ITEM] = WL(wq_item, 0.5),	[W_Q_QUOTE] = WL(wq_quote, 0.5),
	[W_Q_CLOSE] = WL(wq_close, 0.5), [W_EDITS] = WL(wedits, 0.5),
	[W_CLOSE] = WL(wclose, 1.0),	[W_LINKS] = WL(wlinks, 0.5),
	[W_LINK_TEXT] = WL(wlink_text, 0.5), [W_A_OPEN] = WL(wa_open, 0.4),
	[W_A_BODY] = WL(wa_body, 0.3),	[W_A_LIST] = WL(wa_list, 0.5),
	[W_A_ITEM] = WL(wa_item, 0.5),	[W_A_CLOSE] = WL(wa_close, 0.5),
	[W_COMMENTS] = WL(wcomments, 0.5),
};

/* The verbs split into their three forms. */
static char	**verb_form[3];

/* The words of each category, split at '|'. */
static char	**cat_words[NCATS];
static size_t	  cat_nwords[NCATS];
static int	  cat_depth[NCATS];
static int	  cat_root[NCATS];

/* The tags: name, words for text, category; most used first. */
struct gtag {
	char	 name[TAG_LEN_MAX + 1];
	char	*phrase;
	int	 cat;
	int64_t	 qcount;
};

/* ---------------------------------------------------------------- */

/* A post as planned. */
struct gpost {
	int64_t		 created;
	int64_t		 edited;	/* 0 if never */
	int64_t		 gone;		/* when it was hidden, or 0 */
	int64_t		 activity;
	int64_t		 closed_at;
	int32_t		 parent;	/* plan index, or -1 */
	int32_t		 question;	/* plan index of the question */
	int32_t		 user;		/* user index, or -1: anonymous */
	int32_t		 editor;	/* user index, if edited */
	int32_t		 accepted;	/* plan index of the best answer */
	int32_t		 dup;		/* plan index, duplicate_of */
	int32_t		 id;		/* database id */
	int32_t		 up, down, answers, comments, views;
	uint16_t	 tags[TAG_MAX];
	uint8_t		 type;		/* 1 question, 2 answer, 3 comment */
	uint8_t		 status;	/* 0 queued, 1 visible, 2 hidden */
	uint8_t		 closed;	/* index in wclose[] + 1, or 0 */
	uint8_t		 ntags;
	uint8_t		 cat;
	uint8_t		 anon;		/* wanon[] index, if anonymous */
};

struct guser {
	char		 handle[33];
	char		*display;	/* or NULL */
	int64_t		 created;
	int64_t		 first;		/* first action, or INT64_MAX */
	int64_t		 last;		/* last action, or 0 */
	int64_t		 points;
	int32_t		 id;
	int32_t		 qcount, acount;
	uint8_t		 level;
};

struct gvote {
	int32_t		 post;		/* plan index */
	int32_t		 user;
	int64_t		 created;
	int8_t		 value;
};

/* The points events, in the order of lib/points.c's names. */
enum gev {
	EV_BASE, EV_Q_POST, EV_A_POST, EV_Q_VOTED_UP, EV_Q_VOTED_DOWN,
	EV_A_VOTED_UP, EV_A_VOTED_DOWN, EV_A_SELECTED, EV_SELECT_A,
	EV_VOTE_UP, EV_VOTE_DOWN, EV__MAX
};

static const struct {
	const char	*name;
	int		 delta;
} gev[EV__MAX] = {
	[EV_BASE] = { "base", 100 },
	[EV_Q_POST] = { "q_post", 2 },
	[EV_A_POST] = { "a_post", 4 },
	[EV_Q_VOTED_UP] = { "q_voted_up", 1 },
	[EV_Q_VOTED_DOWN] = { "q_voted_down", -1 },
	[EV_A_VOTED_UP] = { "a_voted_up", 2 },
	[EV_A_VOTED_DOWN] = { "a_voted_down", -2 },
	[EV_A_SELECTED] = { "a_selected", 30 },
	[EV_SELECT_A] = { "select_a", 3 },
	[EV_VOTE_UP] = { "vote_up", 1 },
	[EV_VOTE_DOWN] = { "vote_down", 1 },
};

struct gpoints {
	int64_t		 created;
	int32_t		 user;
	int32_t		 post;		/* plan index, or -1 */
	int32_t		 actor;		/* user index, or -1 */
	int8_t		 ev;
	int8_t		 sign;		/* -1: taken back */
};

/* A moderation action for the audit log. */
struct gaudit {
	int64_t		 created;
	int32_t		 actor;
	int32_t		 post;
	bool		 close;		/* else hide */
};

/* Growable arrays. */
#define VEC(T)	struct { T *v; size_t n, cap; }

/* The whole plan. */
struct gen {
	uint64_t	 seed;
	int64_t		 now, start;
	int		 nquestions, nusers, ntags;
	const char	*pwhash;

	struct gtag	*tags;
	struct zipf	 tagz;		/* over all tags */
	int		*group[NCATS];	/* tags by root category */
	int		 ngroup[NCATS];
	struct zipf	 groupz[NCATS];

	struct guser	*users;
	int		*by_ask, *by_answer, *by_vote;	/* user orders */
	struct zipf	 askz, answerz, votez;
	int		*staff;		/* moderators and editors */
	int		 nstaff;
	int64_t		 catq[NCATS];	/* visible questions, with subtree */

	VEC(struct gpost)	posts;
	VEC(struct gvote)	votes;
	VEC(struct gpoints)	points;
	VEC(struct gaudit)	audit;
	int32_t		*order;		/* plan indices by id - 1 */
	int32_t		*qidx;		/* plan index of each question */
};

/* Append an element to vec; false if out of memory. */
#define VEC_PUSH(vec, x) \
	((vec).n < (vec).cap || vec_grow((void **)&(vec).v, &(vec).cap, \
	    sizeof(*(vec).v)) ? ((vec).v[(vec).n++] = (x), true) : false)

/* Double the room of a growable array (at least 1024 elements). */
static bool
vec_grow(void **v, size_t *cap, size_t sz)
{
	size_t	 ncap = *cap < 1024 ? 1024 : *cap * 2;
	void	*nv;

	if ((nv = realloc(*v, ncap * sz)) == NULL)
		return false;
	*v = nv;
	*cap = ncap;
	return true;
}

/* Seconds since some fixed point, for progress lines. */
static double
clock_now(void)
{
	struct timespec	 ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static double	 t_start;

/* Print a progress line with the time since the start. */
static void
progress(const char *fmt, ...)
    __attribute__((format(printf, 1, 2)));

static void
progress(const char *fmt, ...)
{
	char	 line[256];
	va_list	 ap;
	int	 n;

	n = snprintf(line, sizeof(line), "%7.1fs  ", clock_now() - t_start);
	va_start(ap, fmt);
	vsnprintf(line + n, sizeof(line) - (size_t)n, fmt, ap);
	va_end(ap);
	puts(line);
	fflush(stdout);
}

/* ---------------------------------------------------------------- */

/*
 * Split s at sep into a new NULL-terminated array of new strings;
 * *n is set to their number.  NULL if out of memory.
 */
static char **
split(const char *s, char sep, size_t *n)
{
	char		**v;
	const char	 *e;
	size_t		  i = 0, cnt = 1;

	for (e = s; *e != '\0'; e++)
		cnt += *e == sep;
	if ((v = calloc(cnt + 1, sizeof(*v))) == NULL)
		return NULL;
	for (;;) {
		e = strchr(s, sep);
		if ((v[i++] = e != NULL ? strndup(s, (size_t)(e - s)) :
		    strdup(s)) == NULL)
			return NULL;
		if (e == NULL)
			break;
		s = e + 1;
	}
	*n = i;
	return v;
}

/*
 * Prepare the word lists: the Zipf tables, the three forms of each verb
 * (an entry holds 3k words, k for each form) and the categories' words,
 * depths and roots.  False if out of memory or a verb entry is malformed.
 */
static bool
words_init(void)
{
	char		**w;
	size_t		  i, j, k, n;
	int		  f;

	for (i = 0; i < W__MAX; i++)
		if (!zipf_init(&wl[i].z, wl[i].n, wl[i].s))
			return false;
	for (f = 0; f < 3; f++)
		if ((verb_form[f] = calloc(nitems(wverbs),
		    sizeof(char *))) == NULL)
			return false;
	for (i = 0; i < nitems(wverbs); i++) {
		if ((w = split(wverbs[i], ' ', &n)) == NULL)
			return false;
		if (n % 3 != 0) {
			fprintf(stderr, "gen: verb \"%s\" has no three "
			    "forms\n", wverbs[i]);
			return false;
		}
		for (f = 0; f < 3; f++) {
			struct buf	 b = { 0 };

			for (k = 0; k < n / 3; k++) {
				if (k > 0)
					buf_putc(&b, ' ');
				buf_puts(&b, w[f * (n / 3) + k]);
			}
			if (b.oom)
				return false;
			verb_form[f][i] = b.data;
		}
		for (j = 0; j < n; j++)
			free(w[j]);
		free(w);
	}
	for (i = 0; i < (size_t)NCATS; i++) {
		if ((cat_words[i] = split(wcats[i].words, '|',
		    &cat_nwords[i])) == NULL)
			return false;
		if (wcats[i].parent < 0) {
			cat_depth[i] = 0;
			cat_root[i] = (int)i;
		} else {
			cat_depth[i] = cat_depth[wcats[i].parent] + 1;
			cat_root[i] = cat_root[wcats[i].parent];
		}
	}
	return true;
}

/* Release what words_init() made, as far as it got. */
static void
words_fini(void)
{
	size_t	 i, j;
	int	 f;

	for (i = 0; i < W__MAX; i++) {
		free(wl[i].z.cdf);
		wl[i].z.cdf = NULL;
	}
	for (f = 0; f < 3; f++) {
		if (verb_form[f] != NULL)
			for (i = 0; i < nitems(wverbs); i++)
				free(verb_form[f][i]);
		free(verb_form[f]);
		verb_form[f] = NULL;
	}
	for (i = 0; i < (size_t)NCATS; i++) {
		if (cat_words[i] != NULL)
			for (j = 0; cat_words[i][j] != NULL; j++)
				free(cat_words[i][j]);
		free(cat_words[i]);
		cat_words[i] = NULL;
	}
}

/* A word of list which. */
static const char *
word(enum wl which, struct rnd *r)
{
	return wl[which].w[zipf_pick(&wl[which].z, r)];
}

/* Whether a tag word is written in capitals in text ("ptsd": PTSD). */
static bool
acronym(const char *w, size_t len)
{
	static const char *const a[] = { "ssri", "cbt", "ptsd", "adhd",
	    "ocd", "dbt", "emdr", "act", "lgbtq" };
	size_t	 i;

	for (i = 0; i < nitems(a); i++)
		if (strlen(a[i]) == len && strncmp(a[i], w, len) == 0)
			return true;
	return false;
}

/* Set a tag's phrase from its name: '-' as ' ', acronyms upper-cased. */
static bool
tag_phrase(struct gtag *t)
{
	char	*p, *s, *e;

	if ((t->phrase = strdup(t->name)) == NULL)
		return false;
	for (s = t->phrase; *s != '\0'; s = *e != '\0' ? e + 1 : e) {
		if ((e = strchr(s, '-')) == NULL)
			e = s + strlen(s);
		if (acronym(s, (size_t)(e - s)))
			for (p = s; p < e; p++)
				*p = (char)(*p - 'a' + 'A');
		if (*e == '-')
			*e = ' ';
	}
	return true;
}

/*
 * Make the g->ntags tags: the names of wtags[] first, then a word of
 * tag_mods[] before a one-word name of wtags[] (in an order fixed by
 * its own generator, the same for every seed), skipping names already
 * made.  The groups are the tags of each root category, in rank order.
 */
static bool
tags_init(struct gen *g)
{
	struct rnd	 r;
	struct gtag	*t;
	size_t		 i, j;
	int		 n = 0, tries, root;
	const char	*base, *mod;

	if ((g->tags = calloc((size_t)g->ntags, sizeof(*g->tags))) == NULL)
		return false;
	rnd_seed(&r, 0x7a6, 1);
	for (i = 0; i < nitems(wtags) && n < g->ntags; i++) {
		snprintf(g->tags[n].name, sizeof(g->tags[n].name), "%s",
		    wtags[i].name);
		g->tags[n++].cat = wtags[i].cat;
	}
	for (tries = 0; n < g->ntags && tries < 1000000; tries++) {
		i = (size_t)rnd_range(&r, 0, nitems(wtags) - 1);
		base = wtags[i].name;
		mod = tag_mods[rnd_range(&r, 0, nitems(tag_mods) - 1)];
		if (strchr(base, '-') != NULL || strcmp(base, mod) == 0 ||
		    strlen(base) + strlen(mod) + 1 > TAG_LEN_MAX)
			continue;
		t = &g->tags[n];
		if (snprintf(t->name, sizeof(t->name), "%s-%s", mod, base) >=
		    (int)sizeof(t->name))
			continue;
		for (j = 0; j < (size_t)n; j++)
			if (strcmp(g->tags[j].name, t->name) == 0)
				break;
		if (j < (size_t)n)
			continue;
		t->cat = wtags[i].cat;
		n++;
	}
	g->ntags = n;
	for (i = 0; i < (size_t)n; i++)
		if (!tag_phrase(&g->tags[i]))
			return false;
	if (!zipf_init(&g->tagz, (size_t)n, 1.0))
		return false;
	for (i = 0; i < (size_t)NCATS; i++)
		if ((g->group[i] = calloc((size_t)n, sizeof(int))) == NULL)
			return false;
	for (i = 0; i < (size_t)n; i++) {
		root = cat_root[g->tags[i].cat];
		g->group[root][g->ngroup[root]++] = (int)i;
	}
	for (i = 0; i < (size_t)NCATS; i++)
		if (g->ngroup[i] > 0 && !zipf_init(&g->groupz[i],
		    (size_t)g->ngroup[i], 1.0))
			return false;
	return true;
}

/* ---------------------------------------------------------------- */

/* What a post's text is made with. */
struct text {
	struct rnd	 r;
	struct buf	*b;
	const char	*topic[TAG_MAX];	/* tag phrases */
	int		 ntopic;
	int		 cat;
	bool		 cap;		/* capitalize the next letter */
	const char	*used[16];	/* the post's last sentences */
	int		 nused;		/* sentences so far */
};

/* Append one character, capitalized if a sentence starts with it. */
static void
tputc(struct text *t, char c)
{
	if (t->cap && c >= 'a' && c <= 'z') {
		c = (char)(c - 'a' + 'A');
		t->cap = false;
	} else if (t->cap && c >= 'A' && c <= 'Z')
		t->cap = false;
	buf_putc(t->b, c);
}

/* Append s through tputc(). */
static void
tputs(struct text *t, const char *s)
{
	if (!t->cap) {
		buf_puts(t->b, s);
		return;
	}
	while (*s != '\0')
		tputc(t, *s++);
}

/* Append s, emphasized (*s* or **s**) with probability pct percent. */
static void
tputs_em(struct text *t, const char *s, double pct)
{
	const char	*em;

	if (!rnd_pct(&t->r, pct)) {
		tputs(t, s);
		return;
	}
	em = rnd_pct(&t->r, 60) ? "*" : "**";
	buf_puts(t->b, em);
	tputs(t, s);
	buf_puts(t->b, em);
}

/* One of the post's topics, the first tag the most likely. */
static const char *
topic(struct text *t)
{
	if (t->ntopic == 0)
		return "anxiety";
	if (t->ntopic == 1 || rnd_pct(&t->r, 45))
		return t->topic[0];
	return t->topic[rnd_range(&t->r, 1, t->ntopic - 1)];
}

/* Append template tpl with its slots filled (see words.h). */
static void
expand(struct text *t, const char *tpl)
{
	struct rnd	*r = &t->r;
	char		 age[8];
	const char	*p;

	for (p = tpl; *p != '\0'; p++) {
		if (*p != '%') {
			tputc(t, *p);
			continue;
		}
		switch (*++p) {
		case 'p':
			tputs(t, word(W_PEOPLE, r));
			break;
		case 'N':
			tputs(t, word(W_NAMES, r));
			break;
		case 'n':
			tputs_em(t, word(W_NOUNS, r), 1.0);
			break;
		case 'a':
			tputs(t, word(W_ADJS, r));
			break;
		case 'f':
			tputs_em(t, word(W_FEEL, r), 4.0);
			break;
		case 'v':
		case 'd':
		case 'g':
			tputs(t, verb_form[*p == 'v' ? 0 : *p == 'd' ? 1 : 2]
			    [zipf_pick(&wl[W_VERBS].z, r)]);
			break;
		case 'r':
			tputs(t, word(W_ADVS, r));
			break;
		case 'T':
			tputs(t, word(W_TIMES, r));
			break;
		case 'e':
			tputs(t, word(W_EVENTS, r));
			break;
		case 'h':
			tputs(t, word(W_HABITS, r));
			break;
		case 'l':
			tputs(t, word(W_PLACES, r));
			break;
		case 't':
			tputs_em(t, topic(t), 2.0);
			break;
		case 'k':
			tputs(t, cat_words[t->cat][rnd_range(r, 0,
			    (int64_t)cat_nwords[t->cat] - 1)]);
			break;
		case 'x':
			tputs(t, word(W_RARE, r));
			break;
		case 'q':
			snprintf(age, sizeof(age), "%d",
			    (int)rnd_range(r, 16, 64));
			tputs(t, age);
			break;
		case '\0':
			p--;
			break;
		default:
			buf_putc(t->b, *p);
			break;
		}
	}
}

/*
 * Append a sentence from list which, capitalized, and a space; one that
 * is not among the last few the post used, if a few tries find one.
 */
static void
sentence(struct text *t, enum wl which)
{
	const char	*tpl;
	int		 i, n, tries;

	n = t->nused < (int)nitems(t->used) ? t->nused : (int)nitems(t->used);
	for (tries = 0; tries < 4; tries++) {
		tpl = word(which, &t->r);
		for (i = 0; i < n && t->used[i] != tpl; i++)
			;
		if (i == n)
			break;
	}
	t->used[t->nused++ % (int)nitems(t->used)] = tpl;
	t->cap = true;
	expand(t, tpl);
	t->cap = false;
	buf_putc(t->b, ' ');
}

/* End the paragraph being written: no trailing space, a blank line. */
static void
para_end(struct text *t)
{
	while (t->b->len > 0 && t->b->data[t->b->len - 1] == ' ')
		t->b->len--;
	buf_puts(t->b, "\n\n");
}

/* Drop trailing white space. */
static void
trim(struct buf *b)
{
	while (b->len > 0 && (b->data[b->len - 1] == ' ' ||
	    b->data[b->len - 1] == '\n'))
		b->len--;
	if (b->data != NULL)
		b->data[b->len] = '\0';
}

/* Append a Markdown link to a made-up page about topic (a tag name). */
static void
md_link(struct text *t, const char *tagname)
{
	buf_putc(t->b, '[');
	expand(t, word(W_LINK_TEXT, &t->r));
	buf_printf(t->b, "](%s%s-%d)", word(W_LINKS, &t->r), tagname,
	    (int)rnd_range(&t->r, 1, 999));
}

/* Append a list from intro list `intro` with 2 to 5 items of `items`. */
static void
list(struct text *t, enum wl intro, enum wl items, bool numbered)
{
	int	 i, n = (int)rnd_range(&t->r, 2, 5);

	sentence(t, intro);
	para_end(t);
	for (i = 0; i < n; i++) {
		if (numbered)
			buf_printf(t->b, "%d. ", i + 1);
		else
			buf_puts(t->b, "- ");
		t->cap = true;
		expand(t, word(items, &t->r));
		t->cap = false;
		buf_putc(t->b, '\n');
	}
	buf_putc(t->b, '\n');
}

/*
 * The body of a question, about 1.5 KB on average: an opening, its
 * story in paragraphs, now and then a quote, a list of things tried, a
 * link or a mood-diary template in a code block, and a closing question.
 * tagname is the first tag's name (for links).
 */
static void
question_body(struct text *t, const char *tagname)
{
	size_t	 target = (size_t)rnd_range(&t->r, 600, 2500);
	int	 i, n;

	sentence(t, W_Q_OPEN);
	n = (int)rnd_range(&t->r, 2, 3);
	for (i = 0; i < n; i++)
		sentence(t, W_Q_STORY);
	para_end(t);
	if (rnd_pct(&t->r, 12)) {
		buf_printf(t->b, "Last %s my %s said:\n\n> ",
		    word(W_NOUNS, &t->r), word(W_PEOPLE, &t->r));
		t->cap = true;
		expand(t, word(W_Q_QUOTE, &t->r));
		t->cap = false;
		buf_puts(t->b, "\n\n");
	}
	while (t->b->len + 250 < target) {
		n = (int)rnd_range(&t->r, 2, 5);
		for (i = 0; i < n; i++)
			sentence(t, W_Q_STORY);
		para_end(t);
	}
	if (rnd_pct(&t->r, 45))
		list(t, W_Q_LIST, W_Q_ITEM, false);
	if (rnd_pct(&t->r, 10)) {
		buf_puts(t->b, "I read ");
		md_link(t, tagname);
		buf_puts(t->b, " but it didn't really answer my question.\n\n");
	}
	if (rnd_pct(&t->r, 2))
		buf_puts(t->b, "This is the mood diary I keep:\n\n```\n"
		    "Date:\nMood (1-10):\nSleep (hours):\nWhat happened:\n"
		    "What I did about it:\n```\n\n");
	n = (int)rnd_range(&t->r, 1, 2);
	for (i = 0; i < n; i++)
		sentence(t, W_Q_CLOSE);
	para_end(t);
}

/* The body of an answer, about 800 bytes on average. */
static void
answer_body(struct text *t, const char *tagname)
{
	size_t	 target = (size_t)rnd_range(&t->r, 250, 1400);
	int	 i, n;

	if (rnd_pct(&t->r, 70))
		sentence(t, W_A_OPEN);
	n = (int)rnd_range(&t->r, 1, 3);
	for (i = 0; i < n; i++)
		sentence(t, W_A_BODY);
	para_end(t);
	while (t->b->len + 200 < target) {
		n = (int)rnd_range(&t->r, 2, 4);
		for (i = 0; i < n; i++)
			sentence(t, W_A_BODY);
		para_end(t);
	}
	if (rnd_pct(&t->r, 35))
		list(t, W_A_LIST, W_A_ITEM, rnd_pct(&t->r, 40));
	if (rnd_pct(&t->r, 8)) {
		buf_puts(t->b, "There's ");
		md_link(t, tagname);
		buf_puts(t->b, " that explains it better than I can.\n\n");
	}
	sentence(t, W_A_CLOSE);
	para_end(t);
}

/* The text of a comment: one or two sentences. */
static void
comment_body(struct text *t)
{
	sentence(t, W_COMMENTS);
	if (rnd_pct(&t->r, 55))
		sentence(t, W_COMMENTS);
}

/* ---------------------------------------------------------------- */

/* Add a points event. */
static bool
add_points(struct gen *g, int user, int post, int actor, enum gev ev,
    int sign, int64_t when)
{
	struct gpoints	 e = { when, user, post, actor, (int8_t)ev,
	    (int8_t)sign };

	if (user < 0)
		return true;
	g->users[user].points += gev[ev].delta * sign;
	return VEC_PUSH(g->points, e);
}

/* Note that user u acted at time when. */
static void
seen(struct gen *g, int u, int64_t when)
{
	if (u < 0)
		return;
	if (when < g->users[u].first)
		g->users[u].first = when;
	if (when > g->users[u].last)
		g->users[u].last = when;
}

/* A time after `after`, log-uniform up to `span` later, before now. */
static int64_t
later(struct gen *g, struct rnd *r, int64_t after, int64_t lo, int64_t span)
{
	int64_t	 d = rnd_log(r, lo, span);
	int64_t	 room = g->now - MINUTE - after;

	if (room <= 1)
		return after + 1 > g->now - 1 ? g->now - 1 : after + 1;
	if (d >= room)
		d = 1 + (int64_t)(rnd_unit(r) * (double)(room - 1));
	return after + d;
}

/* Add a post to the plan; its index, or -1 if out of memory. */
static int
add_post(struct gen *g, int type, int parent, int user, int64_t created)
{
	struct gpost	 p;

	memset(&p, 0, sizeof(p));
	p.type = (uint8_t)type;
	p.parent = parent;
	p.question = parent < 0 ? (int32_t)g->posts.n :
	    g->posts.v[parent].question;
	p.user = user;
	p.created = created;
	p.accepted = -1;
	p.dup = -1;
	p.editor = -1;
	p.status = 1;
	if (!VEC_PUSH(g->posts, p))
		return -1;
	seen(g, user, created);
	return (int)g->posts.n - 1;
}

/* A staff member (editor or moderator) other than not. */
static int
pick_staff(struct gen *g, struct rnd *r, int not)
{
	int	 u;

	do
		u = g->staff[rnd_range(r, 0, g->nstaff - 1)];
	while (u == not && g->nstaff > 1);
	return u;
}

/* A member, by the weight of order `by` (one of g->by_*), not `not`. */
static int
pick_user(struct rnd *r, const int *by, const struct zipf *z, int not)
{
	int	 u, tries = 0;

	do
		u = by[zipf_pick(z, r)];
	while (u == not && ++tries < 100);
	return u;
}

/*
 * Maybe an edit of post pi: by its author, or by a member of staff for
 * anonymous posts and one edit in ten, some minutes to days after it was
 * written (never after it was hidden or after now).
 */
static void
plan_edit(struct gen *g, struct rnd *r, int pi, double pct)
{
	struct gpost	*p = &g->posts.v[pi];
	int64_t		 when;

	if (!rnd_pct(r, pct))
		return;
	when = later(g, r, p->created, 5 * MINUTE, 3 * DAY);
	if (when >= g->now - MINUTE || (p->gone != 0 && when >= p->gone))
		return;
	p->edited = when;
	p->editor = p->user >= 0 && rnd_pct(r, 90) ? p->user :
	    pick_staff(g, r, -1);
	seen(g, p->editor, when);
}

/* Maybe hide post pi (pct percent) some time after it was written. */
static bool
plan_hide(struct gen *g, struct rnd *r, int pi, double pct)
{
	struct gpost	*p = &g->posts.v[pi];
	struct gaudit	 a;

	if (!rnd_pct(r, pct))
		return true;
	p->status = 2;
	p->gone = later(g, r, p->created, 10 * MINUTE, 3 * DAY);
	a.created = p->gone;
	a.actor = pick_staff(g, r, p->user);
	a.post = pi;
	a.close = false;
	seen(g, a.actor, a.created);
	return VEC_PUSH(g->audit, a);
}

/* Comments (about mean of them) on post pi; false if out of memory. */
static bool
plan_comments(struct gen *g, struct rnd *r, int pi, double mean)
{
	int	 n, i, c, user, asker;
	int64_t	 when;

	n = rnd_count(r, mean, MAX_COMMENTS);
	asker = g->posts.v[g->posts.v[pi].question].user;
	for (i = 0; i < n; i++) {
		when = later(g, r, g->posts.v[pi].created, 2 * MINUTE,
		    5 * DAY);
		if (rnd_pct(r, 3))
			user = -1;
		else if (g->posts.v[pi].type == 2 && asker >= 0 &&
		    rnd_pct(r, 40))
			user = asker;
		else
			user = pick_user(r, g->by_vote, &g->votez, -1);
		if ((c = add_post(g, 3, pi, user, when)) < 0)
			return false;
		if (user < 0)
			g->posts.v[c].anon = (uint8_t)zipf_pick(
			    &wl[W_ANON].z, r);
		if (!plan_hide(g, r, c, 0.5))
			return false;
	}
	return true;
}

/* How many questions have 1, 2, ... TAG_MAX tags, in percent. */
static const int ntags_pct[TAG_MAX] = { 20, 30, 28, 14, 8 };

/*
 * Plan question number i of g->nquestions: when, by whom, its tags and
 * category, whether it is queued, hidden or edited, and its answers and
 * comments.  False if out of memory.
 */
static bool
plan_question(struct gen *g, struct rnd *r, int i)
{
	struct gpost	*q;
	double		 x;
	int64_t		 created, when;
	int		 qi, a, n, k, j, t, root, user, asker;

	x = ((double)i + rnd_unit(r)) / (double)g->nquestions;
	created = g->start + (int64_t)((double)(g->now - DAY - g->start) *
	    pow(x, 0.6));
	asker = rnd_pct(r, 6) ? -1 : pick_user(r, g->by_ask, &g->askz,
	    -1);
	if ((qi = add_post(g, 1, -1, asker, created)) < 0)
		return false;
	g->qidx[i] = qi;
	q = &g->posts.v[qi];
	if (asker < 0)
		q->anon = (uint8_t)zipf_pick(&wl[W_ANON].z, r);

	/* Tags: the first says the category; the others stay near it. */
	t = (int)zipf_pick(&g->tagz, r);
	q->tags[q->ntags++] = (uint16_t)t;
	q->cat = (uint8_t)g->tags[t].cat;
	if (wcats[q->cat].parent >= 0 && rnd_pct(r, 25))
		q->cat = (uint8_t)wcats[q->cat].parent;
	root = cat_root[g->tags[t].cat];
	x = rnd_unit(r) * 100;
	for (n = 1; n < TAG_MAX && x >= ntags_pct[n - 1]; n++)
		x -= ntags_pct[n - 1];
	n = n < g->ntags ? n : g->ntags;
	for (k = 0; q->ntags < n && k < 50; k++) {
		t = rnd_pct(r, 60) ? g->group[root][zipf_pick(&g->groupz[root],
		    r)] : (int)zipf_pick(&g->tagz, r);
		for (j = 0; j < q->ntags && q->tags[j] != t; j++)
			;
		if (j == q->ntags)
			q->tags[q->ntags++] = (uint16_t)t;
	}

	/* New questions of the last two days may wait in the queue. */
	if (created > g->now - 2 * DAY && rnd_pct(r, 5)) {
		q->status = 0;
		return true;
	}
	if (asker >= 0 && !add_points(g, asker, qi, asker, EV_Q_POST, 1,
	    created))
		return false;
	if (!plan_hide(g, r, qi, 1.2))
		return false;
	if (g->posts.v[qi].status == 2)
		return asker < 0 || add_points(g, asker, qi, asker, EV_Q_POST,
		    -1, g->posts.v[qi].gone);
	plan_edit(g, r, qi, 8);
	if (!plan_comments(g, r, qi, 0.8))
		return false;

	/* Answers: none for one question in eight, else 1 and more. */
	n = rnd_pct(r, 12) ? 0 : 1 + rnd_count(r, 2.45, MAX_ANSWERS - 1);
	when = created;
	for (k = 0; k < n; k++) {
		when = later(g, r, created, 5 * MINUTE, 20 * DAY);
		user = rnd_pct(r, 4) ? -1 : pick_user(r, g->by_answer,
		    &g->answerz, asker);
		if ((a = add_post(g, 2, qi, user, when)) < 0)
			return false;
		if (user < 0)
			g->posts.v[a].anon = (uint8_t)zipf_pick(&wl[W_ANON].z,
			    r);
		else if (!add_points(g, user, a, user, EV_A_POST, 1, when))
			return false;
		if (!plan_hide(g, r, a, 1.0))
			return false;
		if (g->posts.v[a].status == 2 && user >= 0 &&
		    !add_points(g, user, a, user, EV_A_POST, -1,
		    g->posts.v[a].gone))
			return false;
		plan_edit(g, r, a, 5);
		if (g->posts.v[a].status == 1 &&
		    !plan_comments(g, r, a, 0.4))
			return false;
	}
	return true;
}

/*
 * Whether votes may be cast on post pi: it, its parent and its question
 * are visible.
 */
static bool
votable(const struct gen *g, int pi)
{
	const struct gpost	*p = &g->posts.v[pi];

	return p->status == 1 && g->posts.v[p->question].status == 1 &&
	    (p->parent < 0 || g->posts.v[p->parent].status == 1);
}

/*
 * The factor f for which the votes of the n posts, min(cap, f * w[i])
 * each, add up to target (sum is the sum of the weights w[]): at least
 * target / sum, more when the cap cuts the posts with the most.
 */
static double
votes_scale(const double *w, size_t n, double target, double sum,
    double cap)
{
	double	 lo = target / sum, hi = lo * 1000, mid, total;
	size_t	 i;
	int	 k;

	for (k = 0; k < 50; k++) {
		mid = (lo + hi) / 2;
		for (i = 0, total = 0; i < n; i++)
			total += mid * w[i] < cap ? mid * w[i] : cap;
		if (total < target)
			lo = mid;
		else
			hi = mid;
	}
	return lo;
}

/*
 * The votes: about 10 per question in all, shared out by a heavy-tailed
 * weight per post (a few posts get very many), each from a distinct
 * member who is not the author, with its points events.  mark is
 * scratch space of g->nusers ints.  False if out of memory.
 */
static bool
plan_votes(struct gen *g, struct rnd *r, int *mark)
{
	double		*w, sum = 0, target, pup, f;
	struct gpost	*p;
	struct gvote	 v;
	size_t		 i;
	int64_t		 n, cap, k;
	int		 u, tries;

	if ((w = calloc(g->posts.n, sizeof(*w))) == NULL)
		return false;
	for (i = 0; i < g->posts.n; i++) {
		if (!votable(g, (int)i))
			continue;
		w[i] = pow(1.0 - rnd_unit(r), -1.0 / 1.25);
		if (g->posts.v[i].type == 3)
			w[i] *= 0.06;
		sum += w[i];
	}
	target = 10.0 * g->nquestions;
	cap = (g->nusers - 1) / 2;
	f = sum > 0 ? votes_scale(w, g->posts.n, target, sum, (double)cap) :
	    0;
	for (i = 0; i < g->posts.n; i++) {
		if (w[i] == 0)
			continue;
		p = &g->posts.v[i];
		n = (int64_t)(f * w[i] + rnd_unit(r));
		if (n > cap)
			n = cap;
		pup = p->type == 3 ? 1.0 : rnd_pct(r, 8) ? 0.3 :
		    p->type == 1 ? 0.88 : 0.85;
		for (k = 0; k < n; k++) {
			tries = 0;
			do {
				u = tries++ < 8 ? g->by_vote[zipf_pick(
				    &g->votez, r)] : (int)rnd_range(r, 0,
				    g->nusers - 1);
			} while (u == p->user || mark[u] == (int)i + 1);
			mark[u] = (int)i + 1;
			v.post = (int32_t)i;
			v.user = u;
			v.value = rnd_unit(r) < pup ? 1 : -1;
			v.created = later(g, r, p->created, MINUTE, 2 * YEAR);
			if (v.value > 0)
				p->up++;
			else
				p->down++;
			seen(g, u, v.created);
			if (!VEC_PUSH(g->votes, v)) {
				free(w);
				return false;
			}
			if (p->type == 3)
				continue;
			if (!add_points(g, p->user, (int)i, u, p->type == 1 ?
			    (v.value > 0 ? EV_Q_VOTED_UP : EV_Q_VOTED_DOWN) :
			    (v.value > 0 ? EV_A_VOTED_UP : EV_A_VOTED_DOWN),
			    1, v.created) ||
			    !add_points(g, u, (int)i, u, v.value > 0 ?
			    EV_VOTE_UP : EV_VOTE_DOWN, 1, v.created)) {
				free(w);
				return false;
			}
		}
	}
	free(w);
	return true;
}

/*
 * Best answers, closed questions and views, once votes are known: for
 * about half of the answered questions of members, the asker picks the
 * best-voted visible answer (or another one) some time after it came;
 * some 2.5% of the visible questions are closed, a third of them as
 * duplicates of an earlier question.  False if out of memory.
 */
static bool
plan_outcomes(struct gen *g, struct rnd *r)
{
	struct gpost	*q, *a;
	struct gaudit	 au;
	int64_t		 when, last;
	size_t		 i;
	int		 best, any, k, d, qi;

	/* The answers of a question follow it in the plan. */
	for (k = 0; k < g->nquestions; k++) {
		qi = g->qidx[k];
		q = &g->posts.v[qi];
		q->views = (int32_t)(20.0 * pow(1.0 - rnd_unit(r), -0.8)) +
		    q->up * 12;
		if (q->status != 1)
			continue;
		best = any = -1;
		last = q->created;
		for (i = (size_t)qi + 1; i < g->posts.n &&
		    g->posts.v[i].question == qi; i++) {
			a = &g->posts.v[i];
			if (a->created > last)
				last = a->created;
			if (a->type != 2 || a->status != 1)
				continue;
			if (best < 0 || a->up - a->down > g->posts.v[best].up -
			    g->posts.v[best].down)
				best = (int)i;
			if (any < 0 || rnd_pct(r, 40))
				any = (int)i;
		}
		if (q->user >= 0 && best >= 0 && rnd_pct(r, 50)) {
			if (!rnd_pct(r, 65))
				best = any;
			a = &g->posts.v[best];
			when = later(g, r, a->created, 10 * MINUTE, 10 * DAY);
			if (when < g->now - MINUTE) {
				q->accepted = best;
				seen(g, q->user, when);
				if (a->user != q->user && (!add_points(g,
				    a->user, best, q->user, EV_A_SELECTED, 1,
				    when) || !add_points(g, q->user, qi,
				    q->user, EV_SELECT_A, 1, when)))
					return false;
			}
		}
		if (!rnd_pct(r, 2.5))
			continue;
		when = later(g, r, last, HOUR, 20 * DAY);
		if (when >= g->now - MINUTE)
			continue;
		q->closed_at = when;
		q->closed = (uint8_t)(1 + zipf_pick(&wl[W_CLOSE].z, r));
		if (k > 0 && rnd_pct(r, 35)) {
			d = g->qidx[rnd_range(r, 0, k - 1)];
			if (g->posts.v[d].status == 1)
				q->dup = d;
		}
		au.created = when;
		au.actor = pick_staff(g, r, q->user);
		au.post = qi;
		au.close = true;
		seen(g, au.actor, when);
		if (!VEC_PUSH(g->audit, au))
			return false;
	}
	return true;
}

/* ---------------------------------------------------------------- */

/* A set of handles (lower case), for uniqueness. */
struct hset {
	char	**v;
	size_t	  cap;
};

/* FNV-1a of s. */
static uint64_t
str_hash(const char *s)
{
	uint64_t	 h = 0xcbf29ce484222325ULL;

	while (*s != '\0')
		h = (h ^ (unsigned char)*s++) * 0x100000001b3ULL;
	return h;
}

/* Add s to the set; false if it was there. */
static bool
hset_add(struct hset *h, char *s)
{
	size_t	 i = str_hash(s) & (h->cap - 1);

	while (h->v[i] != NULL) {
		if (strcmp(h->v[i], s) == 0)
			return false;
		i = (i + 1) & (h->cap - 1);
	}
	h->v[i] = s;
	return true;
}

/* Copy the letters and digits of s, lower-cased, to out. */
static void
handle_part(char *out, size_t outsz, const char *s)
{
	size_t	 n = 0;

	for (; *s != '\0' && n + 1 < outsz; s++)
		if ((*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9'))
			out[n++] = *s;
		else if (*s >= 'A' && *s <= 'Z')
			out[n++] = (char)(*s - 'A' + 'a');
	out[n] = '\0';
}

/*
 * A handle for member u (into h, of hsz > 32 bytes) in the shapes members
 * choose; after four tries "member" and u + 1, which nothing else makes.
 */
static void
make_handle(struct rnd *r, char *h, size_t hsz, int u, int tries)
{
	char	 a[24], b[24], s[96];
	size_t	 n;
	int	 shape = (int)rnd_range(r, 0, 5);

	handle_part(a, sizeof(a), word(W_NAMES, r));
	switch (shape) {
	case 0:
		snprintf(s, sizeof(s), "%s%02d", a, (int)rnd_range(r, 0, 99));
		break;
	case 1:
		snprintf(s, sizeof(s), "%s.%c", a, (char)rnd_range(r, 'a',
		    'z'));
		break;
	case 2:
		handle_part(b, sizeof(b), word(W_NOUNS, r));
		snprintf(s, sizeof(s), "%s_%s", a, b);
		break;
	case 3:
		handle_part(a, sizeof(a), word(W_ADJS, r));
		handle_part(b, sizeof(b), word(W_NOUNS, r));
		snprintf(s, sizeof(s), "%s%s%s", a, rnd_pct(r, 50) ? "_" : "",
		    b);
		break;
	case 4:
		snprintf(s, sizeof(s), "%s%d", a, (int)rnd_range(r, 1950,
		    2008));
		break;
	default:
		handle_part(b, sizeof(b), word(W_FEEL, r));
		snprintf(s, sizeof(s), "%s-%s%d", b, a, (int)rnd_range(r, 1,
		    999));
		break;
	}
	n = strlen(s);
	if (tries > 4 || n < 3 || n > 32 || n >= hsz)
		n = (size_t)snprintf(s, sizeof(s), "member%d", u + 1);
	memcpy(h, s, n + 1);
}

/* Shuffle v[0..n). */
static void
shuffle(struct rnd *r, int *v, int n)
{
	int	 i, j, t;

	for (i = n - 1; i > 0; i--) {
		j = (int)rnd_range(r, 0, i);
		t = v[i];
		v[i] = v[j];
		v[j] = t;
	}
}

/*
 * The members: unique handles, some display names, and three orders of
 * how active each is as an asker, an answerer and a voter.  The most
 * active answerers are the staff: one super user, two admins, then
 * moderators and editors.
 */
static bool
plan_users(struct gen *g, struct rnd *r)
{
	struct hset	 hs;
	struct guser	*u;
	char		 name[48];
	int		 i, tries, nmod, ned;

	if ((g->users = calloc((size_t)g->nusers, sizeof(*g->users))) ==
	    NULL || (g->by_ask = calloc((size_t)g->nusers, sizeof(int))) ==
	    NULL || (g->by_answer = calloc((size_t)g->nusers,
	    sizeof(int))) == NULL || (g->by_vote = calloc((size_t)g->nusers,
	    sizeof(int))) == NULL)
		return false;
	for (hs.cap = 64; hs.cap < (size_t)g->nusers * 2; hs.cap *= 2)
		;
	if ((hs.v = calloc(hs.cap, sizeof(*hs.v))) == NULL)
		return false;
	for (i = 0; i < g->nusers; i++) {
		u = &g->users[i];
		u->first = INT64_MAX;
		u->level = 1;
		tries = 0;
		do
			make_handle(r, u->handle, sizeof(u->handle), i,
			    tries++);
		while (!hset_add(&hs, u->handle));
		if (rnd_pct(r, 45)) {
			snprintf(name, sizeof(name), "%s %c.",
			    word(W_NAMES, r), (char)rnd_range(r, 'A', 'Z'));
			if ((u->display = strdup(name)) == NULL)
				return false;
		} else if (rnd_pct(r, 15) &&
		    (u->display = strdup(word(W_NAMES, r))) == NULL)
			return false;
		g->by_ask[i] = g->by_answer[i] = g->by_vote[i] = i;
	}
	free(hs.v);
	shuffle(r, g->by_ask, g->nusers);
	shuffle(r, g->by_answer, g->nusers);
	shuffle(r, g->by_vote, g->nusers);
	if (!zipf_init(&g->askz, (size_t)g->nusers, 0.5) ||
	    !zipf_init(&g->answerz, (size_t)g->nusers, 0.75) ||
	    !zipf_init(&g->votez, (size_t)g->nusers, 0.7))
		return false;
	nmod = g->nusers / 1000 > 2 ? g->nusers / 1000 : 2;
	ned = g->nusers / 500 > 2 ? g->nusers / 500 : 2;
	if (3 + nmod + ned > g->nusers)
		nmod = ned = 1;
	if ((g->staff = calloc((size_t)(nmod + ned + 3), sizeof(int))) ==
	    NULL)
		return false;
	for (i = 0; i < 3 + nmod + ned && i < g->nusers; i++) {
		g->users[g->by_answer[i]].level = i == 0 ? 6 : i < 3 ? 5 :
		    i < 3 + nmod ? 4 : 3;
		g->staff[g->nstaff++] = g->by_answer[i];
	}
	return true;
}

/* The posts post_cmp() sorts indices of (qsort has no context). */
static const struct gpost *sort_posts;

/* qsort order of plan indices by time of creation, then plan order. */
static int
post_cmp(const void *a, const void *b)
{
	const struct gpost	*x = &sort_posts[*(const int32_t *)a];
	const struct gpost	*y = &sort_posts[*(const int32_t *)b];

	if (x->created != y->created)
		return x->created < y->created ? -1 : 1;
	return *(const int32_t *)a - *(const int32_t *)b;
}

/* The users user_cmp() sorts indices of. */
static const struct guser *sort_users;

/* qsort order of users by time of joining (index to break ties). */
static int
user_cmp(const void *a, const void *b)
{
	const struct guser	*x = &sort_users[*(const int *)a];
	const struct guser	*y = &sort_users[*(const int *)b];

	if (x->created != y->created)
		return x->created < y->created ? -1 : 1;
	return *(const int *)a - *(const int *)b;
}

/* The post ids, known once ids are given; for sorting votes. */
static const struct gpost *sort_vote_posts;
static const struct guser *sort_vote_users;

/* qsort order of votes by post id, then user id (the primary key). */
static int
vote_cmp(const void *a, const void *b)
{
	const struct gvote	*x = a, *y = b;
	int32_t			 px = sort_vote_posts[x->post].id;
	int32_t			 py = sort_vote_posts[y->post].id;

	if (px != py)
		return px < py ? -1 : 1;
	px = sort_vote_users[x->user].id;
	py = sort_vote_users[y->user].id;
	return px < py ? -1 : px > py;
}

/* qsort order of points events by time (stable by content). */
static int
points_cmp(const void *a, const void *b)
{
	const struct gpoints	*x = a, *y = b;

	if (x->created != y->created)
		return x->created < y->created ? -1 : 1;
	if (x->user != y->user)
		return x->user < y->user ? -1 : 1;
	if (x->post != y->post)
		return x->post < y->post ? -1 : 1;
	if (x->ev != y->ev)
		return x->ev < y->ev ? -1 : 1;
	return x->sign - y->sign;
}

/* qsort order of audit entries by time. */
static int
audit_cmp(const void *a, const void *b)
{
	const struct gaudit	*x = a, *y = b;

	if (x->created != y->created)
		return x->created < y->created ? -1 : 1;
	return x->post - y->post;
}

/*
 * Everything that follows from the plan: when members joined (before
 * they first acted) and their base points, ids in order of time, the
 * counters of posts, members, tags and categories, and levels for the
 * members with the most points.
 */
static bool
plan_finish(struct gen *g, struct rnd *r)
{
	struct gpost	*p, *q;
	struct guser	*u;
	int		*ord;
	int64_t		 t, *pts;
	size_t		 i;
	int		 k, j, n;

	for (k = 0; k < g->nusers; k++) {
		u = &g->users[k];
		if (u->first == INT64_MAX) {
			u->created = g->start - YEAR + (int64_t)(rnd_unit(r) *
			    (double)(g->now - HOUR - g->start + YEAR));
			u->last = u->created + rnd_log(r, MINUTE, DAY);
		} else
			u->created = u->first - rnd_log(r, HOUR, 400 * DAY);
		if (!add_points(g, k, -1, -1, EV_BASE, 1, u->created))
			return false;
	}
	if ((ord = calloc((size_t)g->nusers, sizeof(int))) == NULL)
		return false;
	for (k = 0; k < g->nusers; k++)
		ord[k] = k;
	sort_users = g->users;
	qsort(ord, (size_t)g->nusers, sizeof(int), user_cmp);
	for (k = 0; k < g->nusers; k++)
		g->users[ord[k]].id = k + 1;
	free(ord);

	if ((g->order = calloc(g->posts.n, sizeof(int32_t))) == NULL)
		return false;
	for (i = 0; i < g->posts.n; i++)
		g->order[i] = (int32_t)i;
	sort_posts = g->posts.v;
	qsort(g->order, g->posts.n, sizeof(int32_t), post_cmp);
	for (i = 0; i < g->posts.n; i++)
		g->posts.v[g->order[i]].id = (int32_t)i + 1;

	for (i = 0; i < g->posts.n; i++) {
		p = &g->posts.v[i];
		p->activity = p->edited > p->created ? p->edited : p->created;
	}
	for (i = 0; i < g->posts.n; i++) {
		p = &g->posts.v[i];
		if (p->status != 1)
			continue;
		if (p->type == 1) {
			if (p->user >= 0)
				g->users[p->user].qcount++;
			for (k = 0; k < p->ntags; k++)
				g->tags[p->tags[k]].qcount++;
			g->catq[p->cat]++;
			continue;
		}
		if (p->type == 2 && p->user >= 0)
			g->users[p->user].acount++;
		if (p->type == 2)
			g->posts.v[p->parent].answers++;
		else
			g->posts.v[p->parent].comments++;
		q = &g->posts.v[p->question];
		t = p->edited > p->created ? p->edited : p->created;
		if (t > q->activity)
			q->activity = t;
	}
	for (k = NCATS - 1; k >= 0; k--)
		if (wcats[k].parent >= 0)
			g->catq[wcats[k].parent] += g->catq[k];

	/* Experts: the top 2% of plain members by points. */
	if ((pts = calloc((size_t)g->nusers, sizeof(*pts))) == NULL)
		return false;
	for (k = n = 0; k < g->nusers; k++)
		if (g->users[k].level == 1)
			pts[n++] = g->users[k].points;
	for (k = 0; k < n / 50; k++)	/* partial selection of the top */
		for (j = k + 1; j < n; j++)
			if (pts[j] > pts[k]) {
				t = pts[j];
				pts[j] = pts[k];
				pts[k] = t;
			}
	t = n / 50 > 0 ? pts[n / 50 - 1] : INT64_MAX;
	free(pts);
	for (k = 0; k < g->nusers; k++)
		if (g->users[k].level == 1 && g->users[k].points >= t &&
		    g->users[k].points > 500)
			g->users[k].level = 2;
	return true;
}

/*
 * Plan the whole site.  False if out of memory.
 */
static bool
plan_site(struct gen *g)
{
	struct rnd	 r;
	int		*mark;
	int		 i;

	rnd_seed(&r, g->seed, 0);
	if (!plan_users(g, &r))
		return false;
	if ((g->qidx = calloc((size_t)g->nquestions, sizeof(int32_t))) ==
	    NULL)
		return false;
	for (i = 0; i < g->nquestions; i++)
		if (!plan_question(g, &r, i))
			return false;
	progress("planned %d questions, %zu posts", g->nquestions,
	    g->posts.n);
	if ((mark = calloc((size_t)g->nusers, sizeof(int))) == NULL)
		return false;
	if (!plan_votes(g, &r, mark)) {
		free(mark);
		return false;
	}
	free(mark);
	if (!plan_outcomes(g, &r) || !plan_finish(g, &r))
		return false;
	sort_vote_posts = g->posts.v;
	sort_vote_users = g->users;
	qsort(g->votes.v, g->votes.n, sizeof(*g->votes.v), vote_cmp);
	qsort(g->points.v, g->points.n, sizeof(*g->points.v), points_cmp);
	qsort(g->audit.v, g->audit.n, sizeof(*g->audit.v), audit_cmp);
	progress("planned %zu votes, %zu points events", g->votes.n,
	    g->points.n);
	return true;
}

/*
 * Release what tags_init() and plan_site() allocated in g, as far as
 * they got (g was zeroed before them).
 */
static void
gen_free(struct gen *g)
{
	size_t	 i;

	if (g->tags != NULL)
		for (i = 0; i < (size_t)g->ntags; i++)
			free(g->tags[i].phrase);
	free(g->tags);
	free(g->tagz.cdf);
	for (i = 0; i < (size_t)NCATS; i++) {
		free(g->group[i]);
		free(g->groupz[i].cdf);
	}
	if (g->users != NULL)
		for (i = 0; i < (size_t)g->nusers; i++)
			free(g->users[i].display);
	free(g->users);
	free(g->by_ask);
	free(g->by_answer);
	free(g->by_vote);
	free(g->askz.cdf);
	free(g->answerz.cdf);
	free(g->votez.cdf);
	free(g->staff);
	free(g->posts.v);
	free(g->votes.v);
	free(g->points.v);
	free(g->audit.v);
	free(g->order);
	free(g->qidx);
}

/* ---------------------------------------------------------------- */

/* The texts of one post, made from its own random generator. */
struct ptext {
	struct buf	 md;		/* the Markdown source */
	size_t		 orig;		/* its length before an edit note */
	struct buf	 html;		/* markdown_render() */
	struct buf	 plain;		/* markdown_text(), questions only */
	struct buf	 title;		/* questions only */
	struct buf	 tags;		/* names joined by spaces */
	char		 slug[96];
	enum qa_err	 er;
};

/*
 * Make the texts of plan index pi into *pt: the title, tags and slug of
 * a question, the Markdown body (with an edit note for an edited post),
 * its HTML, and a question's plain text for the search index.  Depends
 * only on the seed and the post, so any thread may call it.
 */
static void
post_text(const struct gen *g, int pi, struct ptext *pt)
{
	const struct gpost	*p = &g->posts.v[pi];
	const struct gpost	*q = &g->posts.v[p->question];
	struct text		 t;
	int			 k, tries;

	buf_clear(&pt->md);
	buf_clear(&pt->html);
	buf_clear(&pt->plain);
	buf_clear(&pt->title);
	buf_clear(&pt->tags);
	memset(&t, 0, sizeof(t));
	rnd_seed(&t.r, g->seed, 1 + (uint64_t)pi);
	for (k = 0; k < q->ntags; k++)
		t.topic[t.ntopic++] = g->tags[q->tags[k]].phrase;
	t.cat = q->cat;
	if (p->type == 1) {
		for (tries = 0; tries < 5; tries++) {
			buf_clear(&pt->title);
			t.b = &pt->title;
			t.cap = true;
			expand(&t, word(W_TITLES, &t.r));
			if (rnd_pct(&t.r, 45) && pt->title.len > 0 &&
			    pt->title.data[pt->title.len - 1] != '?') {
				if (pt->title.data[pt->title.len - 1] == '.')
					pt->title.data[--pt->title.len] = '\0';
				expand(&t, word(W_TITLE_ENDS, &t.r));
			}
			if (pt->title.len <= TITLE_MAX && pt->title.len >= 15)
				break;
		}
		if (pt->title.len > TITLE_MAX) {
			pt->title.len = TITLE_MAX;
			pt->title.data[TITLE_MAX] = '\0';
		}
		for (k = 0; k < p->ntags; k++) {
			if (k > 0)
				buf_putc(&pt->tags, ' ');
			buf_puts(&pt->tags, g->tags[p->tags[k]].name);
		}
		util_slugn(pt->slug, sizeof(pt->slug), buf_cstr(&pt->title));
	}
	t.b = &pt->md;
	if (p->type == 1)
		question_body(&t, g->tags[q->tags[0]].name);
	else if (p->type == 2)
		answer_body(&t, g->tags[q->tags[0]].name);
	else
		comment_body(&t);
	trim(&pt->md);
	pt->orig = pt->md.len;
	if (p->edited != 0) {
		buf_puts(&pt->md, p->type == 3 ? " " : "\n\n");
		t.cap = true;
		expand(&t, word(W_EDITS, &t.r));
		trim(&pt->md);
	}
	if (pt->md.oom || pt->title.oom || pt->tags.oom) {
		pt->er = QA_ESYS;
		return;
	}
	pt->er = markdown_render(pt->md.data, pt->md.len, p->type == 3 ?
	    MARKDOWN_INLINE : MARKDOWN_BLOCK, &pt->html);
	if (pt->er == QA_OK && p->type == 1 && p->status == 1) {
		markdown_text(pt->md.data, pt->md.len, &pt->plain);
		if (pt->plain.oom)
			pt->er = QA_ESYS;
	}
}

/* Free the buffers of *pt. */
static void
ptext_free(struct ptext *pt)
{
	buf_free(&pt->md);
	buf_free(&pt->html);
	buf_free(&pt->plain);
	buf_free(&pt->title);
	buf_free(&pt->tags);
}

/*
 * The texts are made by a second thread, up to RING posts ahead of the
 * writer: slot i % RING holds post i (in id order) once made > i.  Both
 * sides say how far they are every BATCH posts, and wake the other only
 * when it waits.
 */
#define RING	512
#define BATCH	32

struct maker {
	const struct gen	*g;
	struct ptext		 slot[RING];
	size_t			 made;		/* posts made */
	size_t			 used;		/* posts written */
	size_t			 known;		/* made, as the writer saw it */
	bool			 stop;
	bool			 maker_waits;	/* for free slots */
	bool			 writer_waits;	/* for a text */
	double			 waited;	/* seconds the writer waited */
	pthread_mutex_t		 mu;
	pthread_cond_t		 cv;
};

/* The thread that makes the texts in id order. */
static void *
maker_run(void *arg)
{
	struct maker	*m = arg;
	size_t		 i, n = m->g->posts.n;

	for (i = 0; i < n; i++) {
		if (i % BATCH == 0) {
			pthread_mutex_lock(&m->mu);
			while (i + BATCH > m->used + RING && !m->stop) {
				m->maker_waits = true;
				pthread_cond_wait(&m->cv, &m->mu);
				m->maker_waits = false;
			}
			if (m->stop) {
				pthread_mutex_unlock(&m->mu);
				break;
			}
			pthread_mutex_unlock(&m->mu);
		}
		post_text(m->g, m->g->order[i], &m->slot[i % RING]);
		if ((i + 1) % BATCH == 0 || i + 1 == n) {
			pthread_mutex_lock(&m->mu);
			m->made = i + 1;
			if (m->writer_waits)
				pthread_cond_signal(&m->cv);
			pthread_mutex_unlock(&m->mu);
		}
	}
	return NULL;
}

/* Wait until post i (in id order) is made; its texts. */
static struct ptext *
maker_get(struct maker *m, size_t i)
{
	double	 t;

	if (i < m->known)
		return &m->slot[i % RING];
	pthread_mutex_lock(&m->mu);
	if (m->made <= i) {
		t = clock_now();
		while (m->made <= i) {
			m->writer_waits = true;
			pthread_cond_wait(&m->cv, &m->mu);
			m->writer_waits = false;
		}
		m->waited += clock_now() - t;
	}
	m->known = m->made;
	pthread_mutex_unlock(&m->mu);
	return &m->slot[i % RING];
}

/* Say that post i is written, so that its slot may be reused. */
static void
maker_done(struct maker *m, size_t i)
{
	if ((i + 1) % BATCH != 0)
		return;
	pthread_mutex_lock(&m->mu);
	m->used = i + 1;
	if (m->maker_waits)
		pthread_cond_signal(&m->cv);
	pthread_mutex_unlock(&m->mu);
}

/* ---------------------------------------------------------------- */

enum gen_stmt {
	GEN_STMT_CATEGORY,
	GEN_STMT_TAG,
	GEN_STMT_USER,
	GEN_STMT_POST,
	GEN_STMT_REVISION,
	GEN_STMT_POST_TAG,
	GEN_STMT_FTS,
	GEN_STMT_VOTE,
	GEN_STMT_POINTS,
	GEN_STMT_AUDIT,
	GEN_STMT_TRIGGERS,	/* the stamp triggers' names and SQL */
	GEN_STMT_STAMP,
	GEN_STMT__MAX
};

static const char *const gen_sql[GEN_STMT__MAX] = {
	/* CATEGORY */
	"INSERT INTO categories (id, parent_id, slug, name, description,"
	" position, depth, qcount) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
	/* TAG */
	"INSERT INTO tags (id, name, description, qcount) VALUES"
	" (?1, ?2, ?3, ?4)",
	/* USER */
	"INSERT INTO users (id, handle, email, display_name, pwhash, level,"
	" points, about, qcount, acount, created, last_seen,"
	" email_confirmed) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10,"
	" ?11, ?12, 1)",
	/* POST */
	"INSERT INTO posts (id, type, parent_id, question_id, title, slug,"
	" body_md, body_html, tags, category_id, user_id, anon_name, ip,"
	" created, activity, edited, edited_by, status, closed, close_reason,"
	" duplicate_of, up, down, score, answer_count, comment_count,"
	" accepted_id, views) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9,"
	" ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20, ?21, ?22,"
	" ?23, ?24, ?25, ?26, ?27, ?28)",
	/* REVISION */
	"INSERT INTO revisions (post_id, rev, user_id, anon_name, created,"
	" reason, title, body_md, tags) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7,"
	" ?8, ?9)",
	/* POST_TAG */
	"INSERT INTO post_tags (tag_id, post_id) VALUES (?1, ?2)",
	/* FTS: as fts_put() in lib/post.c writes it. */
	"INSERT INTO posts_fts (rowid, title, body, tags) VALUES"
	" (?1, ?2, ?3, ?4)",
	/* VOTE */
	"INSERT INTO votes (post_id, user_id, value, created) VALUES"
	" (?1, ?2, ?3, ?4)",
	/* POINTS */
	"INSERT INTO points_log (user_id, post_id, actor_id, event, delta,"
	" created) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
	/* AUDIT */
	"INSERT INTO audit (actor_id, action, target_type, target_id,"
	" reason, detail, ip, created) VALUES (?1, ?2, 'post', ?3, ?4, ?5,"
	" ?6, ?7)",
	/* TRIGGERS */
	"SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND"
	" name LIKE 'stamp\\_%' ESCAPE '\\' ORDER BY rowid",
	/* STAMP: one change, at the end time. */
	"UPDATE stamp SET n = n + 1, changed = ?1 WHERE id = 1",
};

static sqlite3_stmt	*gen_cache[GEN_STMT__MAX];
static struct db_stmts	 gen_stmts =
    { gen_sql, GEN_STMT__MAX, gen_cache, NULL, NULL };

/* Bind an id, or NULL when it is 0 or negative. */
static void
bind_id(sqlite3_stmt *st, int idx, int64_t id)
{
	if (id > 0)
		sqlite3_bind_int64(st, idx, id);
	else
		sqlite3_bind_null(st, idx);
}

/* Bind a buffer's text (never NULL). */
static void
bind_buf(sqlite3_stmt *st, int idx, const struct buf *b, size_t len)
{
	sqlite3_bind_text(st, idx, b->data != NULL ? b->data : "", (int)len,
	    SQLITE_STATIC);
}

/* The database id of user index u, or 0 for anonymous. */
static int64_t
uid(const struct gen *g, int u)
{
	return u >= 0 ? g->users[u].id : 0;
}

/* The database id of plan index pi, or 0 for none. */
static int64_t
pid(const struct gen *g, int pi)
{
	return pi >= 0 ? g->posts.v[pi].id : 0;
}

/* A documentation address standing for the computer of user u. */
static void
fake_ip(char *ip, size_t ipsz, int u, int pi)
{
	uint64_t	 h = mix(u >= 0 ? (uint64_t)u : 0x100000000ULL +
	    (uint64_t)pi);

	snprintf(ip, ipsz, "%s.%u", (h & 1) ? "198.51.100" : "203.0.113",
	    (unsigned)((h >> 8) % 254) + 1);
}

/* Categories, tags and members. */
static enum qa_err
write_fixed(struct db *db, struct gen *g)
{
	sqlite3_stmt	*st;
	struct guser	*u;
	struct buf	 b = { 0 };
	struct text	 t;
	char		 email[64];
	int		 pos[NCATS] = { 0 }, rootpos = 0, i;
	enum qa_err	 er;

	if ((st = db_stmt(db, &gen_stmts, GEN_STMT_CATEGORY)) == NULL)
		return QA_ESYS;
	for (i = 0; i < NCATS; i++) {
		sqlite3_bind_int(st, 1, i + 1);
		bind_id(st, 2, wcats[i].parent + 1);
		db_bind_text(st, 3, wcats[i].slug);
		db_bind_text(st, 4, wcats[i].name);
		db_bind_text(st, 5, wcats[i].description);
		sqlite3_bind_int(st, 6, wcats[i].parent < 0 ? rootpos++ :
		    pos[wcats[i].parent]++);
		sqlite3_bind_int(st, 7, cat_depth[i]);
		sqlite3_bind_int64(st, 8, g->catq[i]);
		if ((er = db_run(db, st, "gen: category")) != QA_OK)
			return er;
	}
	if ((st = db_stmt(db, &gen_stmts, GEN_STMT_TAG)) == NULL)
		return QA_ESYS;
	for (i = 0; i < g->ntags; i++) {
		buf_clear(&b);
		if (i < 100)
			buf_printf(&b, "Questions about %s.",
			    g->tags[i].phrase);
		sqlite3_bind_int(st, 1, i + 1);
		db_bind_text(st, 2, g->tags[i].name);
		db_bind_text(st, 3, buf_cstr(&b));
		sqlite3_bind_int64(st, 4, g->tags[i].qcount);
		if ((er = db_run(db, st, "gen: tag")) != QA_OK)
			goto out;
	}
	if ((st = db_stmt(db, &gen_stmts, GEN_STMT_USER)) == NULL) {
		er = QA_ESYS;
		goto out;
	}
	memset(&t, 0, sizeof(t));
	for (i = 0; i < g->nusers; i++) {
		u = &g->users[i];
		rnd_seed(&t.r, g->seed, 0x4000000000ULL + (uint64_t)i);
		buf_clear(&b);
		if (rnd_pct(&t.r, 12)) {
			t.b = &b;
			t.ntopic = 1;
			t.topic[0] = g->tags[zipf_pick(&g->tagz,
			    &t.r)].phrase;
			t.cap = true;
			expand(&t, word(W_ABOUT, &t.r));
		}
		snprintf(email, sizeof(email), "%s@example.org", u->handle);
		sqlite3_bind_int(st, 1, u->id);
		db_bind_text(st, 2, u->handle);
		db_bind_text(st, 3, email);
		db_bind_text(st, 4, u->display);
		db_bind_text(st, 5, g->pwhash);
		sqlite3_bind_int(st, 6, u->level);
		sqlite3_bind_int64(st, 7, u->points);
		db_bind_text(st, 8, buf_cstr(&b));
		sqlite3_bind_int(st, 9, u->qcount);
		sqlite3_bind_int(st, 10, u->acount);
		sqlite3_bind_int64(st, 11, u->created);
		sqlite3_bind_int64(st, 12, u->last > u->created ? u->last :
		    u->created);
		if ((er = db_run(db, st, "gen: user")) != QA_OK)
			goto out;
	}
	er = b.oom ? QA_ESYS : QA_OK;
out:
	buf_free(&b);
	return er;
}

/* Revision rev (1: as written, 2: as edited) of post p. */
static enum qa_err
write_revision(struct db *db, const struct gen *g, const struct gpost *p,
    const struct ptext *pt, int rev)
{
	sqlite3_stmt	*st;

	if ((st = db_stmt(db, &gen_stmts, GEN_STMT_REVISION)) == NULL)
		return QA_ESYS;
	sqlite3_bind_int(st, 1, p->id);
	sqlite3_bind_int(st, 2, rev);
	bind_id(st, 3, uid(g, rev == 1 ? p->user : p->editor));
	db_bind_text(st, 4, rev == 1 && p->user < 0 ? wanon[p->anon] :
	    NULL);
	sqlite3_bind_int64(st, 5, rev == 1 ? p->created : p->edited);
	db_bind_text(st, 6, rev == 1 ? "" : "added details");
	if (p->type == 1)
		bind_buf(st, 7, &pt->title, pt->title.len);
	bind_buf(st, 8, &pt->md, rev == 1 ? pt->orig : pt->md.len);
	if (p->type == 1)
		bind_buf(st, 9, &pt->tags, pt->tags.len);
	else
		db_bind_text(st, 9, "");
	return db_run(db, st, "gen: revision");
}

/* One post with its revisions, and a question's tags and index row. */
static enum qa_err
write_post(struct db *db, const struct gen *g, const struct gpost *p,
    const struct ptext *pt)
{
	sqlite3_stmt	*st;
	char		 ip[32];
	enum qa_err	 er;
	int		 k, pi = (int)(p - g->posts.v);

	if (pt->er != QA_OK)
		return pt->er;
	if ((st = db_stmt(db, &gen_stmts, GEN_STMT_POST)) == NULL)
		return QA_ESYS;
	sqlite3_bind_int(st, 1, p->id);
	sqlite3_bind_int(st, 2, p->type);
	bind_id(st, 3, pid(g, p->parent));
	sqlite3_bind_int64(st, 4, pid(g, p->question));
	if (p->type == 1) {
		bind_buf(st, 5, &pt->title, pt->title.len);
		db_bind_text(st, 6, pt->slug);
		bind_buf(st, 9, &pt->tags, pt->tags.len);
		sqlite3_bind_int(st, 10, p->cat + 1);
	} else
		db_bind_text(st, 9, "");
	bind_buf(st, 7, &pt->md, pt->md.len);
	bind_buf(st, 8, &pt->html, pt->html.len);
	bind_id(st, 11, uid(g, p->user));
	db_bind_text(st, 12, p->user < 0 ? wanon[p->anon] : NULL);
	fake_ip(ip, sizeof(ip), p->user, pi);
	db_bind_text(st, 13, ip);
	sqlite3_bind_int64(st, 14, p->created);
	sqlite3_bind_int64(st, 15, p->activity);
	if (p->edited != 0) {
		sqlite3_bind_int64(st, 16, p->edited);
		bind_id(st, 17, uid(g, p->editor));
	}
	sqlite3_bind_int(st, 18, p->status);
	sqlite3_bind_int(st, 19, p->closed != 0);
	if (p->closed != 0)
		db_bind_text(st, 20, p->dup >= 0 ? "duplicate" :
		    wclose[p->closed - 1]);
	bind_id(st, 21, pid(g, p->dup));
	sqlite3_bind_int(st, 22, p->up);
	sqlite3_bind_int(st, 23, p->down);
	sqlite3_bind_int(st, 24, p->up - p->down);
	sqlite3_bind_int(st, 25, p->answers);
	sqlite3_bind_int(st, 26, p->comments);
	bind_id(st, 27, pid(g, p->accepted));
	sqlite3_bind_int(st, 28, p->views);
	if ((er = db_run(db, st, "gen: post")) != QA_OK)
		return er;
	if ((er = write_revision(db, g, p, pt, 1)) != QA_OK ||
	    (p->edited != 0 && (er = write_revision(db, g, p, pt, 2)) !=
	    QA_OK))
		return er;
	if (p->type != 1)
		return QA_OK;
	if ((st = db_stmt(db, &gen_stmts, GEN_STMT_POST_TAG)) == NULL)
		return QA_ESYS;
	for (k = 0; k < p->ntags; k++) {
		sqlite3_bind_int(st, 1, p->tags[k] + 1);
		sqlite3_bind_int(st, 2, p->id);
		if ((er = db_run(db, st, "gen: post tag")) != QA_OK)
			return er;
	}
	if (p->status != 1)
		return QA_OK;
	if ((st = db_stmt(db, &gen_stmts, GEN_STMT_FTS)) == NULL)
		return QA_ESYS;
	sqlite3_bind_int(st, 1, p->id);
	bind_buf(st, 2, &pt->title, pt->title.len);
	bind_buf(st, 3, &pt->plain, pt->plain.len);
	bind_buf(st, 4, &pt->tags, pt->tags.len);
	return db_run(db, st, "gen: search index");
}

/* Every post, in id order, its texts made by a second thread. */
static enum qa_err
write_posts(struct db *db, const struct gen *g)
{
	struct maker	*m;
	pthread_t	 th;
	size_t		 i, step = g->posts.n / 10 + 1;
	enum qa_err	 er = QA_OK;

	if ((m = calloc(1, sizeof(*m))) == NULL)
		return QA_ESYS;
	m->g = g;
	pthread_mutex_init(&m->mu, NULL);
	pthread_cond_init(&m->cv, NULL);
	if (pthread_create(&th, NULL, maker_run, m) != 0) {
		fprintf(stderr, "gen: cannot start a thread\n");
		free(m);
		return QA_ESYS;
	}
	for (i = 0; i < g->posts.n && er == QA_OK; i++) {
		er = write_post(db, g, &g->posts.v[g->order[i]],
		    maker_get(m, i));
		maker_done(m, i);
		if ((i + 1) % step == 0)
			progress("posts: %zu of %zu", i + 1, g->posts.n);
	}
	pthread_mutex_lock(&m->mu);
	m->stop = true;
	pthread_cond_broadcast(&m->cv);
	pthread_mutex_unlock(&m->mu);
	pthread_join(th, NULL);
	progress("posts written; the writer waited %.1fs for texts",
	    m->waited);
	for (i = 0; i < RING; i++)
		ptext_free(&m->slot[i]);
	pthread_mutex_destroy(&m->mu);
	pthread_cond_destroy(&m->cv);
	free(m);
	return er;
}

/* Votes, points events and the audit log. */
static enum qa_err
write_events(struct db *db, const struct gen *g)
{
	sqlite3_stmt		*st;
	const struct gpoints	*e;
	const struct gaudit	*a;
	const struct gpost	*p;
	char			 detail[64], ip[32];
	size_t			 i;
	enum qa_err		 er;

	if ((st = db_stmt(db, &gen_stmts, GEN_STMT_VOTE)) == NULL)
		return QA_ESYS;
	for (i = 0; i < g->votes.n; i++) {
		sqlite3_bind_int(st, 1, g->posts.v[g->votes.v[i].post].id);
		sqlite3_bind_int64(st, 2, uid(g, g->votes.v[i].user));
		sqlite3_bind_int(st, 3, g->votes.v[i].value);
		sqlite3_bind_int64(st, 4, g->votes.v[i].created);
		if ((er = db_run(db, st, "gen: vote")) != QA_OK)
			return er;
	}
	progress("votes: %zu", g->votes.n);
	if ((st = db_stmt(db, &gen_stmts, GEN_STMT_POINTS)) == NULL)
		return QA_ESYS;
	for (i = 0; i < g->points.n; i++) {
		e = &g->points.v[i];
		sqlite3_bind_int64(st, 1, uid(g, e->user));
		bind_id(st, 2, pid(g, e->post));
		bind_id(st, 3, uid(g, e->actor));
		db_bind_text(st, 4, gev[e->ev].name);
		sqlite3_bind_int(st, 5, gev[e->ev].delta * e->sign);
		sqlite3_bind_int64(st, 6, e->created);
		if ((er = db_run(db, st, "gen: points")) != QA_OK)
			return er;
	}
	progress("points events: %zu", g->points.n);
	if ((st = db_stmt(db, &gen_stmts, GEN_STMT_AUDIT)) == NULL)
		return QA_ESYS;
	for (i = 0; i < g->audit.n; i++) {
		a = &g->audit.v[i];
		p = &g->posts.v[a->post];
		detail[0] = '\0';
		if (a->close && p->dup >= 0)
			snprintf(detail, sizeof(detail),
			    "{\"duplicate_of\":%d}", g->posts.v[p->dup].id);
		fake_ip(ip, sizeof(ip), a->actor, 0);
		bind_id(st, 1, uid(g, a->actor));
		db_bind_text(st, 2, a->close ? "close" : "hide");
		sqlite3_bind_int(st, 3, p->id);
		db_bind_text(st, 4, !a->close ? "abusive" : p->dup >= 0 ?
		    "duplicate" : wclose[p->closed - 1]);
		db_bind_text(st, 5, detail);
		db_bind_text(st, 6, ip);
		sqlite3_bind_int64(st, 7, a->created);
		if ((er = db_run(db, st, "gen: audit")) != QA_OK)
			return er;
	}
	return QA_OK;
}

/* The SQL of the stamp triggers, kept while they are dropped. */
struct triggers {
	char	*name[32];
	char	*sql[32];
	int	 n;
};

/*
 * Drop the stamp triggers (which would move the stamp for every row
 * written), keeping their SQL in *tr to create them again exactly.
 */
static enum qa_err
triggers_drop(struct db *db, struct triggers *tr)
{
	sqlite3_stmt	*st;
	char		 sql[128];
	enum qa_err	 er = QA_OK;
	int		 rc, i;

	if ((st = db_stmt(db, &gen_stmts, GEN_STMT_TRIGGERS)) == NULL)
		return QA_ESYS;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW && tr->n < 32) {
		if ((tr->name[tr->n] = strdup((const char *)
		    sqlite3_column_text(st, 0))) == NULL ||
		    (tr->sql[tr->n] = strdup((const char *)
		    sqlite3_column_text(st, 1))) == NULL) {
			db_done(st);
			return QA_ESYS;
		}
		tr->n++;
	}
	db_done(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return db_err(db, rc, "gen: triggers");
	for (i = 0; i < tr->n && er == QA_OK; i++) {
		snprintf(sql, sizeof(sql), "DROP TRIGGER \"%s\"", tr->name[i]);
		er = db_exec(db, sql);
	}
	return er;
}

/* Create the triggers of *tr again and free their SQL. */
static enum qa_err
triggers_restore(struct db *db, struct triggers *tr)
{
	enum qa_err	 er = QA_OK;
	int		 i;

	for (i = 0; i < tr->n; i++) {
		if (er == QA_OK)
			er = db_exec(db, tr->sql[i]);
		free(tr->name[i]);
		free(tr->sql[i]);
	}
	tr->n = 0;
	return er;
}

/*
 * Write the plan in one transaction, the stamp triggers dropped for the
 * while and made again before the commit.
 */
static enum qa_err
write_site(struct db *db, struct gen *g)
{
	struct triggers	 tr;
	sqlite3_stmt	*st;
	enum qa_err	 er;

	memset(&tr, 0, sizeof(tr));
	if ((er = db_tx_begin(db)) != QA_OK)
		return er;
	if ((er = triggers_drop(db, &tr)) != QA_OK ||
	    (er = write_fixed(db, g)) != QA_OK)
		goto out;
	progress("categories, tags, %d users", g->nusers);
	if ((er = write_posts(db, g)) != QA_OK ||
	    (er = write_events(db, g)) != QA_OK)
		goto out;
	if ((st = db_stmt(db, &gen_stmts, GEN_STMT_STAMP)) == NULL) {
		er = QA_ESYS;
		goto out;
	}
	sqlite3_bind_int64(st, 1, g->now);
	er = db_run(db, st, "gen: stamp");
out:
	if (er == QA_OK)
		er = triggers_restore(db, &tr);
	else
		triggers_restore(db, &tr);
	if (er == QA_OK)
		er = db_tx_commit(db);
	if (er != QA_OK)
		db_tx_rollback(db);
	return er;
}

/* Run sql, which returns one text, and print it after label. */
static enum qa_err
check_text(struct db *db, const char *sql, const char *want,
    const char *label)
{
	sqlite3_stmt	*st;
	const char	*s;
	enum qa_err	 er = QA_OK;
	int		 rc;

	if ((rc = sqlite3_prepare_v2(db_handle(db), sql, -1, &st, NULL)) !=
	    SQLITE_OK)
		return db_err(db, rc, label);
	if ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		s = (const char *)sqlite3_column_text(st, 0);
		progress("%s: %s", label, s != NULL ? s : "(none)");
		if (want != NULL && (s == NULL || strcmp(s, want) != 0))
			er = QA_ESYS;
	} else if (rc != SQLITE_DONE)
		er = db_err(db, rc, label);
	else
		progress("%s: %s", label, "(none)");
	sqlite3_finalize(st);
	return er;
}

/* The checks that run on a connection of their own. */
struct checker {
	const char	*path;
	enum qa_err	 er;
};

/*
 * Open the database read-only and run PRAGMA integrity_check (which must
 * say "ok") and PRAGMA foreign_key_check (which must find nothing, since
 * the rows were written with foreign keys off).  Sets c->er.
 */
static void *
checker_run(void *arg)
{
	struct checker	*c = arg;
	struct db	*db;

	if ((c->er = db_open(c->path, DB_READONLY, &db)) != QA_OK)
		return NULL;
	if ((c->er = db_exec(db, "PRAGMA mmap_size = 8000000000")) ==
	    QA_OK && (c->er = check_text(db, "PRAGMA integrity_check", "ok",
	    "integrity_check")) == QA_OK)
		c->er = check_text(db, "SELECT count(*) || ' rows' FROM"
		    " pragma_foreign_key_check", "0 rows",
		    "foreign_key_check");
	db_close(db);
	return NULL;
}

/*
 * Once the rows are written: back to WAL, optimize the search index and
 * analyze; then, while a second thread checks the database, recount,
 * which must change nothing.  Returns QA_ESYS if a check failed, or the
 * database error.
 */
static enum qa_err
finish(struct db *db, const char *path)
{
	struct checker	 c = { path, QA_OK };
	pthread_t	 th;
	int64_t		 changed = -1;
	enum qa_err	 er;

	if ((er = db_exec(db, "PRAGMA journal_mode = WAL")) != QA_OK ||
	    (er = db_exec(db, "INSERT INTO posts_fts(posts_fts)"
	    " VALUES ('optimize')")) != QA_OK)
		return er;
	progress("search index optimized");
	if ((er = db_exec(db, "ANALYZE")) != QA_OK)
		return er;
	progress("analyzed");
	if (pthread_create(&th, NULL, checker_run, &c) != 0) {
		fprintf(stderr, "gen: cannot start a thread\n");
		return QA_ESYS;
	}
	er = recount_all(db, &changed);
	pthread_join(th, NULL);
	if (er != QA_OK)
		return er;
	progress("recount: %lld rows changed", (long long)changed);
	if (changed != 0) {
		fprintf(stderr, "gen: the recount changed %lld rows\n",
		    (long long)changed);
		return QA_ESYS;
	}
	if (c.er != QA_OK) {
		fprintf(stderr, "gen: the database check failed\n");
		return c.er;
	}
	return db_exec(db, "PRAGMA synchronous = FULL");
}

/* ---------------------------------------------------------------- */

/* Print the usage to stderr and exit 2. */
static void
usage(void)
{
	fprintf(stderr, "usage: gen [-f] [-p password] [-q questions] "
	    "[-s seed] [-t end] out.db\n");
	exit(2);
}

/* Parse a decimal integer in [min, max]; exit with the usage if not. */
static int64_t
number(const char *s, int64_t min, int64_t max)
{
	char		*end;
	long long	 v;

	errno = 0;
	v = strtoll(s, &end, 10);
	if (errno != 0 || end == s || *end != '\0' || v < min || v > max)
		usage();
	return v;
}

/* Remove path and its -wal, -shm and -journal files. */
static bool
remove_db(const char *path)
{
	static const char *const ext[] = { "", "-wal", "-shm", "-journal" };
	char		 p[PATH_MAX];
	size_t		 i;

	for (i = 0; i < nitems(ext); i++) {
		snprintf(p, sizeof(p), "%s%s", path, ext[i]);
		if (unlink(p) == -1 && errno != ENOENT) {
			fprintf(stderr, "gen: %s: %s\n", p, strerror(errno));
			return false;
		}
	}
	return true;
}

/*
 * Parse the options, plan the site, write it to a new database and check
 * it.  Exits 0 on success, 1 on failure (with a line on stderr), 2 for a
 * usage error.
 */
int
main(int argc, char *argv[])
{
	struct gen	 g;
	struct db	*db = NULL;
	struct stat	 sb;
	char		 hash[AUTH_HASH_MAX];
	const char	*out, *password = NULL;
	bool		 force = false;
	enum qa_err	 er;
	int		 c, rc = 1;

	memset(&g, 0, sizeof(g));
	g.nquestions = DEFAULT_QUESTIONS;
	g.seed = 1;
	g.now = DEFAULT_END;
	while ((c = getopt(argc, argv, "fp:q:s:t:")) != -1)
		switch (c) {
		case 'f':
			force = true;
			break;
		case 'p':
			password = optarg;
			break;
		case 'q':
			g.nquestions = (int)number(optarg, 1, 20000000);
			break;
		case 's':
			g.seed = (uint64_t)number(optarg, 0, INT64_MAX);
			break;
		case 't':
			g.now = number(optarg, 100000000, 9999999999LL);
			break;
		default:
			usage();
		}
	if (argc - optind != 1)
		usage();
	out = argv[optind];
	t_start = clock_now();

	if (stat(out, &sb) == 0 && !force) {
		fprintf(stderr, "gen: %s exists (use -f to replace it)\n",
		    out);
		return 1;
	}
	if (!remove_db(out))
		return 1;
	g.nusers = g.nquestions / 5 > 20 ? g.nquestions / 5 : 20;
	g.ntags = g.nquestions / 50 > 20 ? g.nquestions / 50 : 20;
	if (g.ntags > UINT16_MAX)
		g.ntags = UINT16_MAX;
	g.start = g.now - (int64_t)g.nquestions * 1577;
	if (g.start > g.now - 30 * DAY)
		g.start = g.now - 30 * DAY;
	if (g.start < g.now - 6 * YEAR)
		g.start = g.now - 6 * YEAR;
	if (password != NULL) {
		if (auth_password_hash(password, hash, sizeof(hash)) !=
		    QA_OK) {
			fprintf(stderr, "gen: cannot hash the password\n");
			return 1;
		}
		g.pwhash = hash;
	}

	if (!words_init() || !tags_init(&g) || !plan_site(&g)) {
		fprintf(stderr, "gen: out of memory\n");
		goto done;
	}
	if ((er = db_open(out, DB_CREATE, &db)) != QA_OK) {
		fprintf(stderr, "gen: cannot create %s\n", out);
		goto done;
	}
	if ((er = db_exec(db, "PRAGMA journal_mode = OFF;"
	    "PRAGMA synchronous = OFF;"
	    "PRAGMA foreign_keys = OFF;"
	    "PRAGMA cache_size = -1000000;"
	    "PRAGMA mmap_size = 8000000000;")) != QA_OK ||
	    (er = db_init_schema(db)) != QA_OK)
		goto out;
	progress("schema version %d", db_version(db));
	if ((er = write_site(db, &g)) != QA_OK)
		goto out;
	progress("written");
	if ((er = finish(db, out)) != QA_OK)
		goto out;
	db_close(db);
	db = NULL;
	if (stat(out, &sb) == 0)
		progress("done: %s, %.1f MB: %d questions, %zu posts, "
		    "%zu votes, %d users, %d tags", out,
		    (double)sb.st_size / 1e6, g.nquestions, g.posts.n,
		    g.votes.n, g.nusers, g.ntags);
out:
	db_close(db);
	if (er != QA_OK)
		fprintf(stderr, "gen: failed (%s)\n", qa_strerror(er));
	else
		rc = 0;
done:
	/* So that LeakSanitizer and valgrind see no leak. */
	gen_free(&g);
	words_fini();
	return rc;
}
