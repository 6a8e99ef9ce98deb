/*
 * diff-t: diff_words(): equal texts, insertions, deletions, replacements,
 * merged runs, and the fallback for texts too long to compare word by
 * word.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "diff.h"
#include "tap.h"

/*
 * The runs of a diff as one string: "=text" for SAME, "-text" for DEL,
 * "+text" for ADD, separated by '|'; "error" if the diff failed.
 */
static const char *
show(struct arena *a, const char *old, const char *new)
{
	static char	 s[1024];
	struct diff_run	*v;
	size_t		 n, i, len = 0;

	if (diff_words(a, old, new, &v, &n) != QA_OK)
		return "error";
	s[0] = '\0';
	for (i = 0; i < n && len < sizeof(s); i++)
		len += (size_t)snprintf(s + len, sizeof(s) - len, "%s%c%s",
		    i > 0 ? "|" : "", v[i].op == DIFF_SAME ? '=' :
		    v[i].op == DIFF_DEL ? '-' : '+', v[i].text);
	return s;
}

/* Whether the SAME+DEL runs give old and the SAME+ADD runs give new. */
static int
rebuilds(struct arena *a, const char *old, const char *new)
{
	struct diff_run	*v;
	size_t		 n, i, lo = 0, ln = 0;
	char		*o, *w;

	if (diff_words(a, old, new, &v, &n) != QA_OK)
		return 0;
	o = calloc(1, strlen(old) + 1);
	w = calloc(1, strlen(new) + 1);
	if (o == NULL || w == NULL)
		bail("calloc");
	for (i = 0; i < n; i++) {
		if (v[i].op != DIFF_ADD) {
			memcpy(o + lo, v[i].text, strlen(v[i].text));
			lo += strlen(v[i].text);
		}
		if (v[i].op != DIFF_DEL) {
			memcpy(w + ln, v[i].text, strlen(v[i].text));
			ln += strlen(v[i].text);
		}
	}
	i = strcmp(o, old) == 0 && strcmp(w, new) == 0;
	free(o);
	free(w);
	return (int)i;
}

int
main(void)
{
	struct arena	 a;
	struct diff_run	*v;
	size_t		 n, i;
	char		*big_old, *big_new;
	const size_t	 words = 2100;

	plan(14);
	arena_init(&a);

	is_str(show(&a, "the same text", "the same text"), "=the same text",
	    "equal texts: one SAME run");
	ok(diff_words(&a, "", "", &v, &n) == QA_OK && n == 0,
	    "two empty texts: no run");
	is_str(show(&a, "one three", "one two three"),
	    "=one |+two |=three", "insertion");
	is_str(show(&a, "one two three", "one three"),
	    "=one |-two |=three", "deletion");
	is_str(show(&a, "I like cats a lot", "I like dogs a lot"),
	    "=I like |-cats|+dogs|= a lot", "replacement of a word");
	is_str(show(&a, "", "new text"), "+new text", "all added");
	is_str(show(&a, "old text", NULL), "-old text", "all removed");
	is_str(show(&a, "a b c", "a x y z c"), "=a |-b|+x y z|= c",
	    "a run of words added: merged into one run");
	is_str(show(&a, "keep  spaces", "keep spaces"),
	    "=keep|-  |+ |=spaces", "whitespace changes show");
	ok(rebuilds(&a, "The quick brown fox jumps over the lazy dog.\n\n"
	    "Second paragraph here.", "A quick red fox jumped over the "
	    "dog.\n\nSecond paragraph, changed here."),
	    "runs rebuild both texts");

	/* 2100 words each, all different: 4199 x 4199 tokens. */
	big_old = malloc(words * 2 + 1);
	big_new = malloc(words * 2 + 1);
	if (big_old == NULL || big_new == NULL)
		bail("malloc");
	for (i = 0; i < words; i++) {
		memcpy(big_old + 2 * i, "a ", 2);
		memcpy(big_new + 2 * i, "b ", 2);
	}
	big_old[words * 2 - 1] = big_new[words * 2 - 1] = '\0';
	ok(diff_words(&a, big_old, big_new, &v, &n) == QA_OK && n == 2 &&
	    v[0].op == DIFF_DEL && strcmp(v[0].text, big_old) == 0 &&
	    v[1].op == DIFF_ADD && strcmp(v[1].text, big_new) == 0,
	    "over the cap: one DEL of old and one ADD of new");
	big_old[0] = big_new[0] = 'z';
	ok(diff_words(&a, big_old, big_new, &v, &n) == QA_OK && n == 3 &&
	    v[0].op == DIFF_SAME && strcmp(v[0].text, "z ") == 0 &&
	    v[1].op == DIFF_DEL && v[2].op == DIFF_ADD,
	    "over the cap: a common start stays SAME");
	ok(rebuilds(&a, big_old, big_new), "fallback rebuilds both texts");
	/* Under the cap: 1000 words each, every other one changed. */
	for (i = 0; i < 1000; i++)
		big_new[2 * i] = i % 2 ? 'a' : 'b';
	big_old[1999] = big_new[1999] = '\0';
	ok(diff_words(&a, big_old, big_new, &v, &n) == QA_OK && n > 100 &&
	    rebuilds(&a, big_old, big_new), "under the cap: word by word");
	free(big_old);
	free(big_new);
	arena_free(&a);
	return done();
}
