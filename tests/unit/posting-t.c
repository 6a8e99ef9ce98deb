/*
 * posting-t: the rules the posting forms share, on requests built by
 * hand against a new database: the anonymous name and email checks, who
 * is a new member, the moderation-queue rule under its settings, the
 * links of new members, the spam stamp and honeypot, the rate limits
 * and the cleaning of posted text.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "db.h"
#include "form.h"
#include "http.h"
#include "post.h"
#include "posting.h"
#include "serve.h"
#include "settings.h"
#include "user.h"
#include "util.h"
#include "tap.h"

#define NOW	1700000000

static struct qa_request	 req;
static struct http_pair		 pairs[4];

/*
 * Make req a POST from 192.0.2.1 at time now by user u (NULL: a
 * visitor) with the form fields stamp and website (NULL: absent).
 */
static void
make_req(struct user *u, int64_t now, const char *stamp, const char *hp)
{
	size_t	 n = 0;

	arena_reset(&req.arena);
	req.method = HTTP_POST;
	req.now = now;
	req.user = u;
	req.remote_addr = "192.0.2.1";
	if (stamp != NULL) {
		pairs[n].name = FORM_STAMP_FIELD;
		pairs[n].value = stamp;
		pairs[n++].valuelen = strlen(stamp);
	}
	if (hp != NULL) {
		pairs[n].name = FORM_HONEYPOT_FIELD;
		pairs[n].value = hp;
		pairs[n++].valuelen = strlen(hp);
	}
	req.form = pairs;
	req.nform = n;
}

/* A stamp of form name made at time t, copied out of the arena. */
static const char *
stamp_at(const char *name, int64_t t)
{
	static char	 s[4][80];
	static int	 i;

	make_req(NULL, t, NULL, NULL);
	i = (i + 1) % 4;
	snprintf(s[i], sizeof(s[i]), "%s", form_stamp(&req, name));
	return s[i];
}

static void
set(const char *key, const char *val)
{
	if (settings_set(serve.db, key, val) != QA_OK)
		bail(key);
}

int
main(void)
{
	char		 dir[] = "/tmp/posting-t.XXXXXX", path[256], cmd[300];
	char		 long_email[300], name[200];
	struct user	 newbie, member, mod, blocked;
	const char	*why, *st, *msg;
	int64_t		 retry;
	enum qa_err	 er;
	int		 i;

	plan(90);
	if (mkdtemp(dir) == NULL)
		bail("mkdtemp");
	snprintf(path, sizeof(path), "%s/qa.db", dir);
	if (db_open(path, DB_CREATE, &serve.db) != QA_OK ||
	    db_init_schema(serve.db) != QA_OK ||
	    settings_load(serve.db) != QA_OK)
		bail("cannot create database");
	arena_init(&req.arena);
	set("csrf_secret", "0123456789abcdef0123456789abcdef");

	memset(&newbie, 0, sizeof(newbie));
	newbie.id = 2;
	newbie.level = USER_REGISTERED;
	newbie.points = 5;
	member = newbie;
	member.id = 3;
	member.points = 500;
	mod = newbie;
	mod.id = 4;
	mod.level = USER_MODERATOR;
	mod.points = 0;
	blocked = member;
	blocked.id = 5;
	blocked.blocked = true;

	/* The shared email rule, with the caller's words. */
	is_str(util_email_problem("ann@example", "BAD"), "BAD",
	    "util: caller's message for a malformed address");
	is_str(util_email_problem("", "BAD"), "BAD", "util: \"\" is malformed");
	ok(util_email_problem("ann@example.org", "BAD") == NULL,
	    "util: plain address");
	is_str(util_email_problem("an n@x.org", "BAD"),
	    "An email address has no spaces.", "util: spaces");

	/* UTF-8 sequences, as the search and similarity code reads them. */
	is_int(util_utf8_seq((const unsigned char *)"a"), 1, "utf8: ASCII");
	is_int(util_utf8_seq((const unsigned char *)""), 1, "utf8: NUL");
	is_int(util_utf8_seq((const unsigned char *)"\xc3\xa9"), 2,
	    "utf8: two bytes");
	is_int(util_utf8_seq((const unsigned char *)"\xe2\x80\x94"), 3,
	    "utf8: three bytes");
	is_int(util_utf8_seq((const unsigned char *)"\xf0\x9f\x98\x80"), 4,
	    "utf8: four bytes");
	is_int(util_utf8_seq((const unsigned char *)"\xa9"), 0,
	    "utf8: stray continuation byte");
	is_int(util_utf8_seq((const unsigned char *)"\xe2\x80"), 0,
	    "utf8: cut sequence");
	is_int(util_utf8_seq((const unsigned char *)"\xc0\xaf"), 0,
	    "utf8: overlong two bytes");
	is_int(util_utf8_seq((const unsigned char *)"\xe0\x80\xaf"), 0,
	    "utf8: overlong three bytes");
	is_int(util_utf8_seq((const unsigned char *)"\xed\xa0\x80"), 0,
	    "utf8: surrogate");
	is_int(util_utf8_seq((const unsigned char *)"\xf0\x8f\xbf\xbf"), 0,
	    "utf8: overlong four bytes");
	is_int(util_utf8_seq((const unsigned char *)"\xf4\x90\x80\x80"), 0,
	    "utf8: past U+10FFFF");
	is_int(util_utf8_seq((const unsigned char *)"\xf4\x8f\xbf\xbf"), 4,
	    "utf8: U+10FFFF");

	/* URL path segments. */
	is_str(util_urlseg(&req.arena, "a-Z_0.9~"), "a-Z_0.9~",
	    "unreserved characters kept");
	is_str(util_urlseg(&req.arena, "a/b?c#d e%\xc3\xa9"),
	    "a%2Fb%3Fc%23d%20e%25%C3%A9", "others percent-encoded");
	is_str(util_urlseg(&req.arena, ""), "", "empty segment");
	is_str(util_question_url(&req.arena, 42, "how-to-sleep"),
	    "/q/42/how-to-sleep", "question address");
	is_str(util_question_url(&req.arena, 7, NULL), "/q/7/q",
	    "question without a slug");
	is_str(util_question_url(&req.arena, 7, "a b"), "/q/7/a%20b",
	    "a slug is encoded as a path segment");

	/* The client's address as a rate-limit key part. */
	make_req(NULL, 0, NULL, NULL);
	is_str(serve_remote(&req), "192.0.2.1", "remote address");
	req.remote_addr = "";
	is_str(serve_remote(&req), "unknown", "no remote address");

	/* The anonymous poster's email address: optional, as registration. */
	ok(posting_anon_email_problem("") == NULL, "no email is fine");
	ok(posting_anon_email_problem(NULL) == NULL, "NULL email is fine");
	ok(posting_anon_email_problem("ann@example.org") == NULL,
	    "plain address");
	ok(posting_anon_email_problem("ann@mail.example") == NULL,
	    "dot in the domain");
	ok(posting_anon_email_problem("ann@example") != NULL,
	    "no dot in the domain");
	ok(posting_anon_email_problem("ann@@example.org") != NULL, "two @");
	ok(posting_anon_email_problem("a@b@example.org") != NULL,
	    "two @ apart");
	ok(posting_anon_email_problem("@example.org") != NULL,
	    "empty local part");
	ok(posting_anon_email_problem("ann example.org") != NULL, "no @");
	ok(posting_anon_email_problem("an n@example.org") != NULL, "a space");
	ok(posting_anon_email_problem("ann@.example") != NULL,
	    "dot first in the domain");
	ok(posting_anon_email_problem("ann@example.") != NULL,
	    "dot last in the domain");
	memset(long_email, 'a', 250);
	memcpy(long_email + 250, "@b.cc", 6);
	ok(posting_anon_email_problem(long_email) != NULL,
	    "255 bytes is too long");
	long_email[249] = '\0';
	strcat(long_email, "@b.c");
	ok(posting_anon_email_problem(long_email) == NULL, "253 bytes is fine");

	/* The anonymous poster's name: optional, 40 code points, one line. */
	ok(posting_anon_name_problem("") == NULL, "no name is fine");
	ok(posting_anon_name_problem("Zo\xc3\xab \xf0\x9f\x99\x82") == NULL,
	    "accents and emoji are fine");
	name[0] = '\0';
	for (i = 0; i < 40; i++)
		strcat(name, "\xf0\x9f\x99\x82");
	ok(posting_anon_name_problem(name) == NULL,
	    "40 emoji are 40 characters");
	strcat(name, "x");
	ok(posting_anon_name_problem(name) != NULL, "41 characters are not");
	ok(posting_anon_name_problem("a\tb") != NULL, "a tab");
	ok(posting_anon_name_problem("a\nb") != NULL, "a line break");

	/* New members and the moderation queue. */
	make_req(NULL, NOW, NULL, NULL);
	ok(posting_new_user(&req), "a visitor is new");
	req.user = &newbie;
	ok(posting_new_user(&req), "5 points is new");
	req.user = &member;
	ok(!posting_new_user(&req), "500 points is not new");
	req.user = &mod;
	ok(!posting_new_user(&req), "a moderator is never new");
	set("new_user_points", "600");
	req.user = &member;
	ok(posting_new_user(&req), "new_user_points decides");
	set("new_user_points", "10");

	req.user = NULL;
	is_int(posting_status(&req), POST_VISIBLE, "default: visitor visible");
	req.user = &newbie;
	is_int(posting_status(&req), POST_VISIBLE, "default: newbie visible");
	set("queue_anon", "1");
	req.user = NULL;
	is_int(posting_status(&req), POST_QUEUED, "queue_anon: visitor queued");
	req.user = &newbie;
	is_int(posting_status(&req), POST_VISIBLE,
	    "queue_anon: newbie visible");
	set("queue_anon", "0");
	set("queue_new", "1");
	is_int(posting_status(&req), POST_QUEUED, "queue_new: newbie queued");
	req.user = &member;
	is_int(posting_status(&req), POST_VISIBLE,
	    "queue_new: member visible");
	req.user = &mod;
	is_int(posting_status(&req), POST_VISIBLE,
	    "queue_new: moderator with 0 points visible");
	req.user = NULL;
	is_int(posting_status(&req), POST_QUEUED,
	    "queue_new: a visitor counts as new");
	set("queue_new", "0");

	/* Links of new members (default: at most 2). */
	make_req(NULL, NOW, NULL, NULL);
	ok(posting_links_problem(&req, "see <https://a.example> and "
	    "[b](https://b.example)") == NULL, "2 links are fine");
	msg = posting_links_problem(&req, "<https://a.example> "
	    "<https://b.example> [c](https://c.example)");
	is_str(msg, "New members may include at most 2 links.",
	    "3 links are not, for a visitor");
	req.user = &member;
	ok(posting_links_problem(&req, "<https://a.example> "
	    "<https://b.example> [c](https://c.example)") == NULL,
	    "3 links are fine for a member");

	/* The spam stamp and honeypot. */
	st = stamp_at("ask", NOW - 10);
	make_req(NULL, NOW, st, "");
	ok(form_stamp_check(&req, "ask", &why) == QA_OK, "a 10 s old stamp");
	make_req(NULL, NOW - 9, st, "");
	ok(form_stamp_check(&req, "ask", &why) == QA_EINVALID && why != NULL,
	    "a 1 s old stamp is too fast");
	make_req(NULL, NOW, st, "http://spam.example");
	ok(form_stamp_check(&req, "ask", &why) == QA_EINVALID,
	    "a filled honeypot is refused");
	make_req(NULL, NOW, st, NULL);
	ok(form_stamp_check(&req, "answer", &why) == QA_EINVALID,
	    "a stamp of another form is refused");
	make_req(NULL, NOW + 2 * 86400, st, NULL);
	ok(form_stamp_check(&req, "ask", &why) == QA_EINVALID,
	    "a stamp two days old is refused");
	make_req(NULL, NOW, NULL, NULL);
	ok(form_stamp_check(&req, "ask", &why) == QA_EINVALID,
	    "no stamp is refused");
	make_req(NULL, NOW, "1699999000.00000000000000000000000000000000",
	    NULL);
	ok(form_stamp_check(&req, "ask", &why) == QA_EINVALID,
	    "a forged stamp is refused");

	/* posting_check: who, stamp, rate limits, links, in that order. */
	make_req(NULL, NOW, st, "");
	ok(posting_check(&req, POSTING_QUESTION, "body", &why) == QA_OK,
	    "a visitor may ask");
	set("anon_posting", "0");
	er = posting_check(&req, POSTING_QUESTION, "body", &why);
	ok(er == QA_EFORBIDDEN && why != NULL,
	    "not while anonymous posting is off");
	ok(posting_allowed(&req, POSTING_ANSWER, &why) == QA_EFORBIDDEN,
	    "nor answer");
	set("anon_posting", "1");
	make_req(&blocked, NOW, st, "");
	ok(posting_check(&req, POSTING_QUESTION, "body", &why) ==
	    QA_EFORBIDDEN, "a blocked member may not");
	make_req(&member, NOW, st, "x");
	ok(posting_check(&req, POSTING_QUESTION, "body", &why) == QA_EINVALID,
	    "the honeypot is checked");
	make_req(NULL, NOW, st, "");
	er = posting_check(&req, POSTING_QUESTION, "<https://a.example> "
	    "<https://b.example> <https://c.example>", &why);
	ok(er == QA_EINVALID && why != NULL && strstr(why, "links") != NULL,
	    "the links of a visitor are checked");

	set("rate_q_user", "2");
	set("rate_q_ip", "3");
	make_req(&member, NOW, st, "");
	ok(posting_count(&req, POSTING_QUESTION) == QA_OK &&
	    posting_count(&req, POSTING_QUESTION) == QA_OK, "two counted");
	er = posting_check(&req, POSTING_QUESTION, "body", &why);
	ok(er == QA_ELIMIT, "the member's third question in an hour: limit");
	is_str(why, "You have posted too many questions in the last hour; "
	    "try again in 60 minutes.", "the limit's message");
	ok(posting_limit(&req, POSTING_QUESTION, &retry, &why) == QA_ELIMIT &&
	    retry == 3600, "retry after an hour");
	make_req(&member, NOW, st, "");
	ok(posting_check(&req, POSTING_ANSWER, "body", &why) != QA_ELIMIT,
	    "answers have their own limit");
	make_req(&newbie, NOW, stamp_at("ask", NOW - 10), "");
	ok(posting_check(&req, POSTING_QUESTION, "body", &why) == QA_OK,
	    "another member at the address may ask");
	ok(posting_count(&req, POSTING_QUESTION) == QA_OK, "counted");
	er = posting_check(&req, POSTING_QUESTION, "body", &why);
	ok(er == QA_ELIMIT && strstr(why, "your address") != NULL,
	    "then the address is over its limit");
	make_req(&member, NOW + 3601, stamp_at("ask", NOW + 3590), "");
	ok(posting_check(&req, POSTING_QUESTION, "body", &why) == QA_OK,
	    "an hour later the member may ask again");
	set("rate_q_user", "0");
	set("rate_q_ip", "0");
	make_req(&member, NOW, st, "");
	ok(posting_check(&req, POSTING_QUESTION, "body", &why) == QA_OK,
	    "a limit of 0 is no limit");

	/* Posted text, base URL, form names. */
	is_str(posting_text(&req.arena, "\r\n \r\n    code\r\nline  \r\n\r\n"),
	    "    code\nline", "CRLF, blank lines and trailing blanks");
	is_str(posting_text(&req.arena, " \n\t "), "", "only blanks");
	is_str(posting_text(&req.arena, "\xf0\x9f\x99\x82 ok"),
	    "\xf0\x9f\x99\x82 ok", "emoji kept");
	is_str(serve_base_url(), "http://127.0.0.1:8080",
	    "default base URL");
	is_str(posting_form_name(POSTING_QUESTION), "ask", "form name ask");
	is_str(posting_form_name(POSTING_COMMENT), "comment",
	    "form name comment");

	arena_free(&req.arena);
	settings_clear();
	db_close(serve.db);
	snprintf(cmd, sizeof(cmd), "rm -rf %s", dir);
	if (system(cmd) != 0)
		diag("cannot remove %s", dir);
	return done();
}
