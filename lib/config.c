/*
 * config.c: the configuration file, lines of "key = value".
 *
 * Blank lines and lines starting with '#' are ignored; spaces around the
 * key and the value are trimmed; keys are [a-z0-9_.]; a repeated key is an
 * error, as is a line without '='.  Values are kept verbatim otherwise.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "config.h"
#include "http.h"

#define CONFIG_MAX_BYTES	(64 * 1024)

struct config_entry {
	char	*key;
	char	*value;
};

struct config {
	struct config_entry	*v;
	size_t			 n;
	size_t			 cap;
};

/* An empty configuration; free with config_free().  NULL if out of memory. */
struct config *
config_new(void)
{
	return calloc(1, sizeof(struct config));
}

void
config_free(struct config *c)
{
	size_t	 i;

	if (c == NULL)
		return;
	for (i = 0; i < c->n; i++) {
		free(c->v[i].key);
		free(c->v[i].value);
	}
	free(c->v);
	free(c);
}

static char *
trim(char *s, char **end)
{
	while (*s == ' ' || *s == '\t')
		s++;
	while (*end > s && ((*end)[-1] == ' ' || (*end)[-1] == '\t' ||
	    (*end)[-1] == '\r'))
		(*end)--;
	**end = '\0';
	return s;
}

static int
key_valid(const char *k)
{
	if (*k == '\0')
		return 0;
	for (; *k != '\0'; k++)
		if (!((*k >= 'a' && *k <= 'z') || (*k >= '0' && *k <= '9') ||
		    *k == '_' || *k == '.'))
			return 0;
	return 1;
}

/*
 * Parse configuration text and add its keys to c.  origin names the
 * source in error messages ("file:line: ...", on stderr).  Returns
 * QA_EINPUT for a malformed line or a repeated key, QA_ESYS when out of
 * memory; c keeps the keys added before the error.
 */
enum qa_err
config_parse(struct config *c, const char *text, size_t len,
    const char *origin)
{
	char			*copy, *line, *next, *eq, *end, *k, *v;
	struct config_entry	*nv;
	size_t			 lineno = 0, i;
	enum qa_err		 er = QA_OK;

	if ((copy = malloc(len + 1)) == NULL)
		return QA_ESYS;
	memcpy(copy, text, len);
	copy[len] = '\0';
	/* CR is trimmed off line ends below; check the rest as text. */
	for (i = 0; i < len; i++)
		if (copy[i] == '\r' && copy[i + 1] == '\n')
			copy[i] = ' ';
	if (strlen(copy) != len || !http_utf8_valid(copy, len, true)) {
		fprintf(stderr, "config: %s: not UTF-8 text\n", origin);
		free(copy);
		return QA_EINPUT;
	}
	for (line = copy; line != NULL; line = next) {
		lineno++;
		if ((next = strchr(line, '\n')) != NULL)
			*next++ = '\0';
		end = line + strlen(line);
		line = trim(line, &end);
		if (*line == '\0' || *line == '#')
			continue;
		if ((eq = strchr(line, '=')) == NULL) {
			fprintf(stderr, "config: %s:%zu: expected key = value\n",
			    origin, lineno);
			er = QA_EINPUT;
			break;
		}
		v = eq + 1;
		end = v + strlen(v);
		v = trim(v, &end);
		*eq = '\0';
		k = trim(line, &eq);
		if (!key_valid(k)) {
			fprintf(stderr, "config: %s:%zu: bad key\n", origin,
			    lineno);
			er = QA_EINPUT;
			break;
		}
		for (i = 0; i < c->n; i++)
			if (strcmp(c->v[i].key, k) == 0)
				break;
		if (i < c->n) {
			fprintf(stderr, "config: %s:%zu: %s given twice\n",
			    origin, lineno, k);
			er = QA_EINPUT;
			break;
		}
		if (c->n == c->cap) {
			nv = reallocarray(c->v, c->cap ? c->cap * 2 : 16,
			    sizeof(*nv));
			if (nv == NULL) {
				er = QA_ESYS;
				break;
			}
			c->v = nv;
			c->cap = c->cap ? c->cap * 2 : 16;
		}
		c->v[c->n].key = strdup(k);
		c->v[c->n].value = strdup(v);
		if (c->v[c->n].key == NULL || c->v[c->n].value == NULL) {
			free(c->v[c->n].key);
			free(c->v[c->n].value);
			er = QA_ESYS;
			break;
		}
		c->n++;
	}
	free(copy);
	return er;
}

/*
 * Read and parse a configuration file.  QA_ENOTFOUND if it does not
 * exist, QA_ESYS if unreadable, QA_EINPUT if malformed or too big.
 */
enum qa_err
config_load(struct config *c, const char *path)
{
	FILE		*f;
	char		*text;
	size_t		 n;
	enum qa_err	 er;

	if ((f = fopen(path, "r")) == NULL) {
		fprintf(stderr, "config: %s: %s\n", path, strerror(errno));
		return errno == ENOENT ? QA_ENOTFOUND : QA_ESYS;
	}
	if ((text = malloc(CONFIG_MAX_BYTES + 1)) == NULL) {
		fclose(f);
		return QA_ESYS;
	}
	n = fread(text, 1, CONFIG_MAX_BYTES + 1, f);
	if (ferror(f) || n > CONFIG_MAX_BYTES) {
		fprintf(stderr, "config: %s: %s\n", path, ferror(f) ?
		    "read error" : "too big");
		er = ferror(f) ? QA_ESYS : QA_EINPUT;
	} else
		er = config_parse(c, text, n, path);
	free(text);
	fclose(f);
	return er;
}

/* The value of key, or dflt when the key is not set. */
const char *
config_get(const struct config *c, const char *key, const char *dflt)
{
	size_t	 i;

	for (i = 0; c != NULL && i < c->n; i++)
		if (strcmp(c->v[i].key, key) == 0)
			return c->v[i].value;
	return dflt;
}

/* An integer value, or dflt when unset or not an integer (logged). */
int64_t
config_int(const struct config *c, const char *key, int64_t dflt)
{
	const char	*v;
	int64_t		 n;

	if ((v = config_get(c, key, NULL)) == NULL)
		return dflt;
	if (http_parse_int(v, INT64_MIN, INT64_MAX, &n) != QA_OK) {
		fprintf(stderr, "config: %s is not an integer\n", key);
		return dflt;
	}
	return n;
}

/*
 * The process configuration: the file named by FASTQA_CONFIG, else the
 * compiled-in default path.  A missing default file gives an empty
 * configuration (every key at its default); a missing FASTQA_CONFIG file
 * or a malformed one gives NULL.  The caller frees it.
 */
struct config *
config_open_default(void)
{
	struct config	*c;
	const char	*path;
	enum qa_err	 er;
	int		 explicit = 1;

	if ((path = getenv("FASTQA_CONFIG")) == NULL || *path == '\0') {
		path = QA_CONFIG_PATH;
		explicit = 0;
	}
	if ((c = config_new()) == NULL)
		return NULL;
	er = config_load(c, path);
	if (er == QA_OK || (er == QA_ENOTFOUND && !explicit))
		return c;
	config_free(c);
	return NULL;
}
