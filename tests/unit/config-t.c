/* config-t: the key = value configuration file. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "config.h"
#include "tap.h"

static enum qa_err
parse(struct config **c, const char *text)
{
	config_free(*c);
	*c = config_new();
	return config_parse(*c, text, strlen(text), "test");
}

int
main(void)
{
	struct config	*c = NULL;
	char		 path[] = "/tmp/config-t.XXXXXX";
	int		 fd;

	plan(14);
	ok(parse(&c, "# comment\n\ndb = /var/lib/x.db \n"
	    "templates=/t\r\nworkers = 4\n") == QA_OK, "parses");
	is_str(config_get(c, "db", NULL), "/var/lib/x.db", "value trimmed");
	is_str(config_get(c, "templates", NULL), "/t", "CRLF line");
	is_int(config_int(c, "workers", 1), 4, "integer value");
	is_str(config_get(c, "missing", "dflt"), "dflt", "default");
	is_int(config_int(c, "db", 9), 9, "non-integer gives default");
	ok(parse(&c, "a = 1\na = 2\n") == QA_EINPUT, "repeated key");
	ok(parse(&c, "just words\n") == QA_EINPUT, "line without =");
	ok(parse(&c, "Bad Key = 1\n") == QA_EINPUT, "bad key");
	ok(parse(&c, "a = \xff\n") == QA_EINPUT, "invalid UTF-8");
	ok(parse(&c, "a = x = y\n") == QA_OK &&
	    strcmp(config_get(c, "a", ""), "x = y") == 0, "= inside value");

	fd = mkstemp(path);
	ok(fd >= 0 && write(fd, "db = /x\n", 8) == 8, "temp file written");
	close(fd);
	config_free(c);
	c = config_new();
	ok(config_load(c, path) == QA_OK &&
	    strcmp(config_get(c, "db", ""), "/x") == 0, "file loads");
	unlink(path);
	ok(config_load(c, path) == QA_ENOTFOUND, "missing file");
	config_free(c);
	return done();
}
