/*
 * config: configuration text through config_parse(), against a model
 * of its rules written here.
 *
 * The model reads the text as lib/config.c documents it: CR LF ends a
 * line as LF does; the text must be UTF-8 without control characters but
 * tab and newline (so no NUL); blank lines and '#' lines are skipped;
 * other lines are "key = value", split at the first '=', with spaces and
 * tabs trimmed around both (and a CR before the end of the line); keys
 * are [a-z0-9_.]+ and given once.  Checked: config_parse() accepts
 * exactly the texts the model accepts; then every key reads back as the
 * model's value, and config_int() reads a value as http_parse_int()
 * does, else gives the default.  A refused text may leave the keys read
 * before the bad line; they are freed as any others.
 */
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "config.h"
#include "http.h"
#include "fuzz.h"

#define KEYS_MAX	512	/* model keys checked */

struct entry {
	const char	*key;
	const char	*value;
};

/* Trim spaces and tabs (and CRs at the end) off s[0..*n), in place. */
static char *
trim(char *s, size_t *n)
{
	while (*n > 0 && (*s == ' ' || *s == '\t')) {
		s++;
		(*n)--;
	}
	while (*n > 0 && (s[*n - 1] == ' ' || s[*n - 1] == '\t' ||
	    s[*n - 1] == '\r'))
		(*n)--;
	s[*n] = '\0';
	return s;
}

/*
 * The model: parse text (changed in place) into v[0..*nv).  Returns
 * whether the text is accepted; keys past KEYS_MAX are not kept.
 */
static bool
model(char *text, size_t len, struct entry *v, size_t *nv)
{
	char	*line, *next, *eq, *k, *val;
	size_t	 i, n, kn, vn;

	*nv = 0;
	for (i = 0; i + 1 < len; i++)
		if (text[i] == '\r' && text[i + 1] == '\n')
			text[i] = ' ';
	if (!fuzz_text_ok(text, len, true))
		return false;
	for (line = text; line != NULL; line = next) {
		if ((next = strchr(line, '\n')) != NULL)
			*next++ = '\0';
		n = strlen(line);
		line = trim(line, &n);
		if (n == 0 || line[0] == '#')
			continue;
		if ((eq = strchr(line, '=')) == NULL)
			return false;
		kn = (size_t)(eq - line);
		vn = n - kn - 1;
		val = trim(eq + 1, &vn);
		k = trim(line, &kn);
		if (kn == 0 || strspn(k, "abcdefghijklmnopqrstuvwxyz"
		    "0123456789_.") != kn)
			return false;
		for (i = 0; i < *nv; i++)
			if (strcmp(v[i].key, k) == 0)
				return false;
		if (*nv < KEYS_MAX) {
			v[*nv].key = k;
			v[*nv].value = val;
			(*nv)++;
		}
	}
	return true;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct entry	 v[KEYS_MAX];
	struct config		*c;
	const char		*got;
	char			*text;
	size_t			 n, i;
	int64_t			 want;
	bool			 ok;
	enum qa_err		 er;

	if ((text = malloc(size + 1)) == NULL)
		return 0;
	memcpy(text, data, size);
	text[size] = '\0';
	FUZZ_CHECK((c = config_new()) != NULL);
	er = config_parse(c, (const char *)data, size, "fuzz");
	ok = model(text, size, v, &n);
	FUZZ_CHECK(er == QA_OK || er == QA_EINPUT);
	FUZZ_CHECK((er == QA_OK) == ok);
	if (er == QA_OK)
		for (i = 0; i < n; i++) {
			got = config_get(c, v[i].key, NULL);
			FUZZ_CHECK(got != NULL &&
			    strcmp(got, v[i].value) == 0);
			if (http_parse_int(got, INT64_MIN, INT64_MAX, &want) !=
			    QA_OK)
				want = -7;
			FUZZ_CHECK(config_int(c, v[i].key, -7) == want);
		}
	FUZZ_CHECK(config_get(c, "no such key", NULL) == NULL);
	config_free(c);
	free(text);
	return 0;
}
