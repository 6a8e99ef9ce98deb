/*
 * login: accounts.  Registering, logging in and out, the account page
 * (profile, email, password, other logins, a download of one's data,
 * deleting the account), forgotten passwords and the links mailed for a
 * password reset or an email confirmation.
 *
 * Every POST has passed serve's CSRF check before a handler runs; every
 * form page is started with serve_page_form() so that its form carries
 * the token.  Success is a 303 (Post/Redirect/Get); a form that cannot
 * be accepted comes back with status 422, what was typed (never a
 * password) and a message next to each field it concerns, summed up at
 * the top.  Passwords are only ever hashed or verified (argon2id, lib
 * auth); login is throttled per account and per address with growing
 * delays, and an unknown account costs the same as a wrong password.
 */
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "qa.h"
#include "arena.h"
#include "auth.h"
#include "db.h"
#include "form.h"
#include "http.h"
#include "notify.h"
#include "passlist.h"
#include "ratelimit.h"
#include "recount.h"
#include "serve.h"
#include "settings.h"
#include "template.h"
#include "user.h"
#include "util.h"

#define HANDLE_MIN	3		/* characters */
#define HANDLE_MAX	32
#define NAME_MAX	64		/* characters of a display name */
#define PASSWORD_MIN	8		/* characters (code points) */
#define PASSWORD_MAX	1024		/* bytes */
#define LOGIN_MAX	UTIL_EMAIL_MAX	/* bytes of a handle or email */
#define NEXT_MAX	512		/* bytes of a ?next= path */

#define CONFIRM_TTL	(24 * 3600)	/* an email confirmation link */
#define RESET_TTL	3600		/* a password reset link */

#define REGISTER_LIMIT	5		/* registrations per address ... */
#define REGISTER_PERIOD	3600		/* ... per this many seconds */
#define FORGOT_IP_LIMIT	5		/* reset requests per address ... */
#define FORGOT_A_LIMIT	3		/* ... and mails per account ... */
#define FORGOT_PERIOD	3600		/* ... per this many seconds */


/* The forms, each declared once; the enums index the tables. */
enum { REG_HANDLE, REG_EMAIL, REG_NAME, REG_PASSWORD, REG_PASSWORD2,
    REG_NEXT, REG__MAX };
static const struct field register_fields[REG__MAX] = {
	{ "handle", true }, { "email", true }, { "display_name", true },
	{ "password", false }, { "password2", false }, { "next", true },
};

enum { LOGIN_LOGIN, LOGIN_PASSWORD, LOGIN_REMEMBER, LOGIN_NEXT,
    LOGIN__MAX };
static const struct field login_fields[LOGIN__MAX] = {
	{ "login", true }, { "password", false }, { "remember", true },
	{ "next", true },
};

enum { PROFILE_NAME, PROFILE_NOTIFY, PROFILE__MAX };
static const struct field profile_fields[PROFILE__MAX] = {
	{ "display_name", true }, { "notify", true },
};

enum { EMAIL_NEW, EMAIL_PASSWORD, EMAIL__MAX };
static const struct field email_fields[EMAIL__MAX] = {
	{ "new_email", true }, { "email_password", false },
};

enum { PASSWORD_OLD, PASSWORD_NEW, PASSWORD_NEW2, PASSWORD__MAX };
static const struct field password_fields[PASSWORD__MAX] = {
	{ "old_password", false }, { "password", false },
	{ "password2", false },
};

enum { DELETE_PASSWORD, DELETE_POSTS, DELETE__MAX };
static const struct field delete_fields[DELETE__MAX] = {
	{ "delete_password", false }, { "posts", true },
};

enum { FORGOT_LOGIN, FORGOT__MAX };
static const struct field forgot_fields[FORGOT__MAX] = {
	{ "login", true },
};

enum { RESET_TOKEN, RESET_PASSWORD, RESET_PASSWORD2, RESET__MAX };
static const struct field reset_fields[RESET__MAX] = {
	{ "t", true }, { "password", false }, { "password2", false },
};

/* The notices of the account page, by ?done= value. */
static const struct {
	const char	*done;
	const char	*message;
} account_notices[] = {
	{ "profile", "Your profile was saved." },
	{ "email", "Your email address was changed." },
	{ "email-confirm", "Your email address was changed. We sent a link "
	    "to the new address: open it to confirm the address." },
	{ "password", "Your password was changed, and every other login "
	    "to your account has ended." },
	{ "sessions", "You were logged out everywhere else." },
	{ "confirmed", "Your email address is confirmed." },
};

static const char *const wrong_login = "Wrong handle/email or password.";
static const char *const bad_link =
    "This link has expired or was already used.";

/* s with ASCII letters lower-cased, in the arena. */
static char *
lower(struct arena *a, const char *s)
{
	char	*l, *p;

	if ((l = arena_strdup(a, s)) == NULL)
		return NULL;
	for (p = l; *p != '\0'; p++)
		if (*p >= 'A' && *p <= 'Z')
			*p = (char)(*p - 'A' + 'a');
	return l;
}

/*
 * next if it is a path on this site to go to after a form: starts with
 * one '/' (not "//" or "/\", which browsers take as another host), at
 * most NEXT_MAX bytes, no backslash, space or control character.  NULL
 * otherwise, and for NULL.
 */
static const char *
next_local(const char *next)
{
	const unsigned char	*p;

	if (next == NULL || next[0] != '/' || next[1] == '/' ||
	    next[1] == '\\' || strlen(next) > NEXT_MAX)
		return NULL;
	for (p = (const unsigned char *)next; *p != '\0'; p++)
		if (*p <= 0x20 || *p == 0x7f || *p == '\\')
			return NULL;
	return next;
}

/* Whether c may appear in a handle: ASCII letters, digits, "-_.". */
static bool
handle_char(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	    (c >= '0' && c <= '9') || c == '-' || c == '_' || c == '.';
}

/* The message for a bad handle, or NULL if h is a valid handle. */
static const char *
handle_problem(const char *h)
{
	size_t	 n = strlen(h), i;

	if (n == 0)
		return "Choose a handle.";
	if (n < HANDLE_MIN || n > HANDLE_MAX)
		return "A handle has 3 to 32 characters.";
	for (i = 0; i < n; i++)
		if (!handle_char(h[i]))
			return "A handle may only hold letters, digits, "
			    "'-', '_' and '.'.";
	return NULL;
}

/*
 * The message for a bad email address, or NULL if e looks deliverable
 * (util_email_problem(): at most UTIL_EMAIL_MAX bytes, exactly one '@'
 * after a non-empty local part, a dot inside the domain, not at either
 * end, no spaces or control characters).  required says whether "" is a
 * problem.
 */
static const char *
email_problem(const char *e, bool required)
{
	if (e[0] == '\0')
		return required ? "Enter your email address." : NULL;
	return util_email_problem(e, "Enter an email address such as "
	    "name@example.org.");
}

/* The message for a bad display name, or NULL if it is fine. */
static const char *
name_problem(const char *s)
{
	if (util_utf8_len(s) > NAME_MAX)
		return "A display name has at most 64 characters.";
	if (strpbrk(s, "\n\t\r") != NULL)
		return "A display name is one line of text.";
	return NULL;
}

/*
 * Check a new password pw and its repetition pw2 against the rules: at
 * least PASSWORD_MIN characters, at most PASSWORD_MAX bytes, not the
 * handle or the email address (in any case), not a common password,
 * and pw2 equal to pw.  Problems go into f as messages of field ipw (the
 * password) or ipw2 (the repetition).
 */
static void
password_check(struct form *f, size_t ipw, size_t ipw2, const char *handle,
    const char *email)
{
	const char	*pw = f->val[ipw], *pw2 = f->val[ipw2];

	if (pw[0] == '\0')
		form_error(f, ipw, "Choose a password.");
	else if (util_utf8_len(pw) < PASSWORD_MIN)
		form_error(f, ipw, "A password has at least 8 characters.");
	else if (strlen(pw) > PASSWORD_MAX)
		form_error(f, ipw, "A password has at most 1024 bytes.");
	else if ((handle != NULL && strcasecmp(pw, handle) == 0) ||
	    (email != NULL && strcasecmp(pw, email) == 0))
		form_error(f, ipw, "Your password must not be your handle or "
		    "your email address.");
	else if (passlist_common(pw))
		form_error(f, ipw, "This password is one of the most common "
		    "ones, which are tried first. Choose another.");
	else if (strcmp(pw, pw2) != 0)
		form_error(f, ipw2, "The two passwords are not the same.");
}

/* Seconds as whole minutes, rounded up, at least 1: "5 minutes". */
static char *
minutes(struct arena *a, int64_t secs)
{
	int64_t	 m = secs <= 60 ? 1 : (secs + 59) / 60;

	return arena_printf(a, "%lld %s", (long long)m,
	    util_plural(m, "minute", "minutes"));
}

/* Set Retry-After to secs (at least 1). */
static void
retry_after(struct qa_request *req, int64_t secs)
{
	char	 s[24];

	snprintf(s, sizeof(s), "%lld", (long long)(secs < 1 ? 1 : secs));
	http_header(req, "Retry-After", s);
}

/*
 * Queue the mail that confirms email address `to` of account handle,
 * with a new confirmation token (CONFIRM_TTL) of user_id.  Call inside
 * the transaction of the change that needs it; the caller schedules
 * sending after commit.
 */
static enum qa_err
queue_confirm(struct qa_request *req, int64_t user_id, const char *handle,
    const char *to)
{
	char		 tok[AUTH_TOKEN_LEN + 1];
	const char	*site = settings_get("site_name", "fastqa");
	char		*subject, *body;
	enum qa_err	 er;

	if ((er = user_token_create(serve.db, user_id, USER_TOKEN_CONFIRM,
	    CONFIRM_TTL, req->now, tok)) != QA_OK)
		return er;
	subject = arena_printf(&req->arena, "Confirm your email address "
	    "at %s", site);
	body = arena_printf(&req->arena, "Hello %s,\n\n"
	    "please confirm that this is your email address at %s by "
	    "opening this link within a day:\n\n%s/confirm?t=%s\n\n"
	    "If you did not register, ignore this mail.\n",
	    handle, site, serve_base_url(), tok);
	explicit_bzero(tok, sizeof(tok));
	if (subject == NULL || body == NULL)
		return QA_ESYS;
	return notify_queue(serve.db, to, subject, body, req->now);
}

/* Where to go after a form: the form's next if local, else "/". */
static const char *
go_next(const char *next)
{
	const char	*n = next_local(next);

	return n != NULL ? n : "/";
}

/*
 * Render register.tpl from f with status: the values typed, messages,
 * NEXT for the hidden field, and section CONFIRM when the address will
 * get a confirmation link.
 */
static enum qa_err
register_render(struct qa_request *req, struct form *f, int status)
{
	struct tpl	*t;

	if ((t = serve_page_form(req, "register.tpl", "Register")) == NULL)
		return QA_ESYS;
	if (next_local(f->val[REG_NEXT]) == NULL)
		f->val[REG_NEXT] = "";
	form_fill(req, t, f);
	if (settings_int("confirm_email", 0) == 1)
		tpl_show(t, "CONFIRM");
	http_header(req, "Cache-Control", "no-store");
	return serve_render(req, status);
}

/* The page that says registration is closed: 403. */
static enum qa_err
register_closed(struct qa_request *req)
{
	return serve_notice(req, 403, "Registration is closed",
	    "This site does not accept new accounts at the moment.", NULL,
	    NULL);
}

/*
 * GET /register?next= -- the registration form.
 * 200; 403 when the setting register_open is 0.
 */
static enum qa_err
register_get(struct qa_request *req)
{
	struct form	 f;
	const char	*next;

	if (settings_int("register_open", 1) == 0)
		return register_closed(req);
	form_read(req, &f, register_fields, REG__MAX);
	if ((next = next_local(http_query(req, "next"))) != NULL)
		f.val[REG_NEXT] = next;
	return register_render(req, &f, 200);
}

/*
 * POST /register -- create an account: handle, email, optional display
 * name, password twice, next.  The handle and email must be free (the
 * unique indexes decide, in any case); the password follows
 * password_check().  The account is created in one transaction with,
 * when the setting confirm_email is 1, a confirmation token and its
 * mail; then the new user is logged in.
 * 303 to next (a local path) or /; 422 and the form again with
 * messages; 429 and the form after REGISTER_LIMIT registrations from
 * one address in REGISTER_PERIOD; 403 when registration is closed.
 */
static enum qa_err
register_post(struct qa_request *req)
{
	struct form	 f;
	struct user	 u;
	char		 hash[AUTH_HASH_MAX];
	const char	*handle, *email, *key;
	int64_t		 id, retry;
	bool		 confirm = settings_int("confirm_email", 0) == 1;
	enum qa_err	 er;

	if (settings_int("register_open", 1) == 0)
		return register_closed(req);
	form_read(req, &f, register_fields, REG__MAX);
	handle = f.val[REG_HANDLE];
	email = f.val[REG_EMAIL];
	key = arena_printf(&req->arena, "register:ip:%s", serve_remote(req));
	if (key == NULL)
		return QA_ESYS;
	er = ratelimit_check(serve.db, key, REGISTER_LIMIT, REGISTER_PERIOD,
	    req->now, &retry);
	if (er == QA_ELIMIT) {
		f.alert = arena_printf(&req->arena, "Too many registrations "
		    "from your address; try again in %s.",
		    minutes(&req->arena, retry));
		retry_after(req, retry);
		return register_render(req, &f, 429);
	}
	if (er != QA_OK)
		return er;

	form_error(&f, REG_HANDLE, handle_problem(handle));
	form_error(&f, REG_EMAIL, email_problem(email, true));
	form_error(&f, REG_NAME, name_problem(f.val[REG_NAME]));
	password_check(&f, REG_PASSWORD, REG_PASSWORD2, handle, email);
	if (f.nerr > 0)
		return register_render(req, &f, 422);

	if ((er = auth_password_hash(f.val[REG_PASSWORD], hash,
	    sizeof(hash))) != QA_OK)
		return er;
	if ((er = db_tx_begin(serve.db)) != QA_OK)
		return er;
	if ((er = user_create(serve.db, handle, email, f.val[REG_NAME], hash,
	    req->now, &id)) != QA_OK)
		goto out;
	if (confirm)
		er = queue_confirm(req, id, handle, email);
out:
	if (er == QA_OK)
		er = db_tx_commit(serve.db);
	if (er != QA_OK)
		db_tx_rollback(serve.db);
	explicit_bzero(hash, sizeof(hash));
	if (er == QA_ECONFLICT) {
		/* Which one is taken: the handle, or else the email. */
		if ((er = user_find_by_handle(serve.db, &req->arena, handle,
		    &u)) == QA_OK)
			form_error(&f, REG_HANDLE, "This handle is taken. "
			    "Choose another.");
		else if (er == QA_ENOTFOUND)
			form_error(&f, REG_EMAIL, "An account with this email "
			    "address exists already. Log in, or ask for a "
			    "new password if you forgot yours.");
		else
			return er;
		return register_render(req, &f, 422);
	}
	if (er != QA_OK)
		return er;
	if ((er = ratelimit_hit(serve.db, key, REGISTER_PERIOD, req->now)) !=
	    QA_OK)
		return er;
	if (confirm)
		serve_after(req, notify_send_soon, &serve);
	if ((er = auth_login(req, id, false)) != QA_OK)
		return er;
	return http_redirect(req, 303, go_next(f.val[REG_NEXT]));
}

/*
 * Render login.tpl from f with status: the login typed, the remember
 * box, NEXT for the hidden field, and messages.
 */
static enum qa_err
login_render(struct qa_request *req, struct form *f, int status)
{
	struct tpl	*t;

	if ((t = serve_page_form(req, "login.tpl", "Log in")) == NULL)
		return QA_ESYS;
	if (next_local(f->val[LOGIN_NEXT]) == NULL)
		f->val[LOGIN_NEXT] = "";
	form_fill(req, t, f);
	if (f->val[LOGIN_REMEMBER][0] != '\0')
		tpl_show(t, "REMEMBER_CHECKED");
	http_header(req, "Cache-Control", "no-store");
	return serve_render(req, status);
}

/*
 * GET /login?next= -- the login form.  200.
 */
static enum qa_err
login_get(struct qa_request *req)
{
	struct form	 f;
	const char	*next;

	form_read(req, &f, login_fields, LOGIN__MAX);
	if ((next = next_local(http_query(req, "next"))) != NULL)
		f.val[LOGIN_NEXT] = next;
	return login_render(req, &f, 200);
}

/*
 * 2^e, for backoff, with e clamped to [0, 30].
 */
static int64_t
pow2(int64_t e)
{
	return (int64_t)1 << (e < 0 ? 0 : e > 30 ? 30 : e);
}

/*
 * Whether failures recorded for a key forbid a login attempt now: with
 * `lock` or more in the window, until the window ends (*msg says so in
 * minutes); with f >= soft, until 2^(f - soft) seconds after the last
 * (*msg in seconds).  Sets *wait to the seconds to wait and returns
 * true when forbidden.
 */
static bool
throttled(struct qa_request *req, const struct ratelimit *rl, int64_t soft,
    int64_t lock, const char **msg, int64_t *wait)
{
	int64_t	 d;

	if (rl->count >= lock) {
		*wait = rl->last + settings_int("login_period", 900) - req->now;
		*msg = arena_printf(&req->arena, "Too many failed attempts. "
		    "Try again in %s.", minutes(&req->arena, *wait));
		return true;
	}
	if (rl->count >= soft &&
	    (d = pow2(rl->count - soft) - (req->now - rl->last)) > 0) {
		*wait = d;
		*msg = arena_printf(&req->arena, "Please wait %lld %s before "
		    "trying again.", (long long)d,
		    util_plural(d, "second", "seconds"));
		return true;
	}
	return false;
}

/*
 * The login throttle for an account key and the client's address key:
 * whether an attempt is allowed now.  QA_OK if so; QA_ELIMIT with *msg
 * and *wait if not (the account lock is reported before the address
 * lock, a lock before a delay); or the database error.  The thresholds
 * are the settings login_soft, login_lock, login_ip_soft, login_ip_lock
 * and login_period (seconds).
 */
static enum qa_err
login_throttle(struct qa_request *req, const char *akey, const char *ikey,
    const char **msg, int64_t *wait)
{
	struct ratelimit	 a, ip;
	int64_t			 period = settings_int("login_period", 900);
	int64_t			 soft = settings_int("login_soft", 3);
	int64_t			 lock = settings_int("login_lock", 10);
	int64_t			 isoft = settings_int("login_ip_soft", 10);
	int64_t			 ilock = settings_int("login_ip_lock", 50);
	enum qa_err		 er;

	if ((er = ratelimit_get(serve.db, akey, period, req->now, &a)) !=
	    QA_OK || (ikey != NULL && (er = ratelimit_get(serve.db, ikey,
	    period, req->now, &ip)) != QA_OK))
		return er;
	if (ikey == NULL)
		memset(&ip, 0, sizeof(ip));
	/* A lock, the account's first, before any delay. */
	/* A lock lasts a period after the latest failure. */
	if (a.count >= lock && req->now - a.last >= period)
		a.count = lock - 1;
	if (ip.count >= ilock && req->now - ip.last >= period)
		ip.count = ilock - 1;
	if (a.count >= lock ? throttled(req, &a, soft, lock, msg, wait) :
	    ip.count >= ilock ? throttled(req, &ip, isoft, ilock, msg, wait) :
	    throttled(req, &a, soft, lock, msg, wait) ||
	    throttled(req, &ip, isoft, ilock, msg, wait))
		return QA_ELIMIT;
	return QA_OK;
}

/* Record a failed password on the account key and the address key. */
static enum qa_err
login_failed(struct qa_request *req, const char *akey, const char *ikey)
{
	int64_t		 period = settings_int("login_period", 900);
	enum qa_err	 er;

	if ((er = ratelimit_hit(serve.db, akey, period, req->now)) != QA_OK)
		return er;
	if (ikey != NULL)
		er = ratelimit_hit(serve.db, ikey, period, req->now);
	return er;
}

/*
 * POST /login -- log in with login (handle or email, any case),
 * password, remember (a checkbox: a persistent login) and next.  Before
 * the password is checked, the throttle on keys login:u:<user id> (or,
 * for an unknown login, login:a:<login lower-cased>) and
 * login:ip:<address> may refuse.  An unknown login, an
 * account without a password and a wrong password take the same time
 * (a dummy argon2 verify) and give the same answer, and each counts as
 * a failure on both keys.  On success the account key is cleared, a
 * hash made with old argon2 parameters is replaced, and the login
 * starts.  Blocked users may log in (they can still read).
 * 303 to next (a local path) or /; 422 and the form again (login kept)
 * for a wrong or missing login or password; 429 and the form while
 * throttled.
 */
static enum qa_err
login_post(struct qa_request *req)
{
	struct form	 f;
	char		 hash[AUTH_HASH_MAX];
	const char	*login, *pw, *akey, *ikey, *msg = NULL;
	char		*pwhash;
	int64_t		 id, wait = 0;
	enum qa_err	 er;

	form_read(req, &f, login_fields, LOGIN__MAX);
	login = f.val[LOGIN_LOGIN];
	pw = f.val[LOGIN_PASSWORD];
	if (login[0] == '\0')
		form_error(&f, LOGIN_LOGIN, "Enter your handle or email "
		    "address.");
	if (pw[0] == '\0')
		form_error(&f, LOGIN_PASSWORD, "Enter your password.");
	if (f.nerr > 0)
		return login_render(req, &f, 422);
	if (strlen(login) > LOGIN_MAX)
		login = arena_strndup(&req->arena, login, LOGIN_MAX);
	/*
	 * One counter per account, whichever of its names is typed; an
	 * unknown name gets a counter of its own, which behaves the same.
	 */
	er = user_find_login(serve.db, &req->arena, login, &id, &pwhash);
	if (er != QA_OK && er != QA_ENOTFOUND)
		return er;
	akey = er == QA_OK ? arena_printf(&req->arena, "login:u:%lld",
	    (long long)id) : arena_printf(&req->arena, "login:a:%s",
	    lower(&req->arena, login));
	ikey = arena_printf(&req->arena, "login:ip:%s", serve_remote(req));
	if (akey == NULL || ikey == NULL)
		return QA_ESYS;

	if ((er = login_throttle(req, akey, ikey, &msg, &wait)) == QA_ELIMIT) {
		f.alert = msg;
		retry_after(req, wait);
		return login_render(req, &f, 429);
	}
	if (er != QA_OK)
		return er;

	if (er == QA_ENOTFOUND || (er == QA_OK && pwhash == NULL)) {
		if ((er = auth_password_dummy(pw)) == QA_OK)
			er = QA_EFORBIDDEN;
	} else if (er == QA_OK) {
		if (strlen(pw) > PASSWORD_MAX) {
			(void)auth_password_dummy("");
			er = QA_EFORBIDDEN;
		} else
			er = auth_password_verify(pw, pwhash);
	}
	if (er == QA_EFORBIDDEN) {
		if ((er = login_failed(req, akey, ikey)) != QA_OK)
			return er;
		f.alert = wrong_login;
		return login_render(req, &f, 422);
	}
	if (er != QA_OK)
		return er;

	if ((er = ratelimit_clear(serve.db, akey)) != QA_OK)
		return er;
	if (auth_password_needs_rehash(pwhash)) {
		if ((er = auth_password_hash(pw, hash, sizeof(hash))) !=
		    QA_OK || (er = user_set_password(serve.db, id, hash)) !=
		    QA_OK)
			fprintf(stderr, "login: rehash of user %lld failed\n",
			    (long long)id);
		explicit_bzero(hash, sizeof(hash));
	}
	if ((er = auth_login(req, id,
	    f.val[LOGIN_REMEMBER][0] != '\0')) != QA_OK)
		return er;
	return http_redirect(req, 303, go_next(f.val[LOGIN_NEXT]));
}

/*
 * POST /logout -- end this login and clear its cookie.  303 to /.
 */
static enum qa_err
logout_post(struct qa_request *req)
{
	enum qa_err	 er;

	if ((er = auth_logout(req)) != QA_OK && er != QA_ENOTFOUND)
		return er;
	return http_redirect(req, 303, "/");
}

/*
 * The signed-in user of an account route, read again from the database
 * (the account page shows email and preferences) into *u.  QA_OK, or
 * QA_EFORBIDDEN for a visitor (the caller redirects to the login), or
 * the database error.
 */
static enum qa_err
account_user(struct qa_request *req, struct user *u)
{
	enum qa_err	 er;

	if (req->user == NULL)
		return QA_EFORBIDDEN;
	er = user_find_by_id(serve.db, &req->arena, req->user->id, u);
	return er == QA_ENOTFOUND ? QA_EFORBIDDEN : er;
}

/* 303 to the login form, which comes back to the account page. */
static enum qa_err
account_login(struct qa_request *req)
{
	return http_redirect(req, 303, "/login?next=/account");
}

/*
 * Render account.tpl for user u with status: notice DONE (MESSAGE) for
 * a known ?done=; the profile form (DISPLAY_NAME, NOTIFY_CHECKED); the
 * email (section EMAIL with CURRENT and UNCONFIRMED, or NO_EMAIL); and,
 * when f is not NULL, the form that failed, filled in over the stored
 * values, with its messages.
 */
static enum qa_err
account_render(struct qa_request *req, const struct user *u,
    struct form *f, int status)
{
	struct tpl	*t, *s;
	const char	*done;
	size_t		 i;
	bool		 notify = u->notify;

	if ((t = serve_page_form(req, "account.tpl", "Your account")) == NULL)
		return QA_ESYS;
	tpl_set(t, "HANDLE", u->handle);
	if (f == NULL && (done = http_query(req, "done")) != NULL)
		for (i = 0; i < nitems(account_notices); i++)
			if (strcmp(done, account_notices[i].done) == 0)
				tpl_set(tpl_add(t, "DONE"), "MESSAGE",
				    account_notices[i].message);
	tpl_set(t, "DISPLAY_NAME", u->display_name != NULL ?
	    u->display_name : "");
	if (u->email != NULL) {
		s = tpl_add(t, "EMAIL");
		tpl_set(s, "CURRENT", u->email);
		if (!u->email_confirmed &&
		    settings_int("confirm_email", 0) == 1)
			tpl_show(s, "UNCONFIRMED");
	} else
		tpl_show(t, "NO_EMAIL");
	if (f != NULL) {
		form_fill(req, t, f);
		if (f->fields == profile_fields)
			notify = f->val[PROFILE_NOTIFY][0] != '\0';
	}
	if (notify)
		tpl_show(t, "NOTIFY_CHECKED");
	if (f == NULL || f->fields != delete_fields ||
	    strcmp(f->val[DELETE_POSTS], "delete") != 0)
		tpl_show(t, "POSTS_ANONYMISE");
	else
		tpl_show(t, "POSTS_DELETE");
	http_header(req, "Cache-Control", "no-store");
	return serve_render(req, status);
}

/*
 * GET /account?done= -- the account page: one form per change, each
 * posting to its own address, and a notice after a change.
 * 200; 303 to /login?next=/account for a visitor.
 */
static enum qa_err
account_get(struct qa_request *req)
{
	struct user	 u;
	enum qa_err	 er;

	if ((er = account_user(req, &u)) == QA_EFORBIDDEN)
		return account_login(req);
	if (er != QA_OK)
		return er;
	return account_render(req, &u, NULL, 200);
}

/*
 * Check the current password pw of the signed-in user u for an account
 * change, throttled like a login on key login:u:<user id>.
 * QA_OK if it matches; QA_EINVALID (message in *msg) if it does not,
 * counting a failure; QA_ELIMIT (*msg) while throttled; or the error.
 */
static enum qa_err
password_confirm(struct qa_request *req, const struct user *u,
    const char *pw, const char **msg)
{
	const char	*akey;
	char		*pwhash;
	int64_t		 wait;
	enum qa_err	 er;

	akey = arena_printf(&req->arena, "login:u:%lld", (long long)u->id);
	if (akey == NULL)
		return QA_ESYS;
	if ((er = login_throttle(req, akey, NULL, msg, &wait)) != QA_OK)
		return er;
	if ((er = user_pwhash(serve.db, &req->arena, u->id, &pwhash)) !=
	    QA_OK)
		return er;
	if (strlen(pw) > PASSWORD_MAX || pw[0] == '\0')
		er = QA_EFORBIDDEN;
	else if (pwhash == NULL)
		er = auth_password_dummy(pw) == QA_OK ? QA_EFORBIDDEN :
		    QA_ESYS;
	else
		er = auth_password_verify(pw, pwhash);
	if (er == QA_EFORBIDDEN) {
		*msg = "This is not your current password.";
		if ((er = login_failed(req, akey, NULL)) == QA_OK)
			er = QA_EINVALID;
	}
	return er;
}

/*
 * After password_confirm() failed with er for field i of f: the account
 * page again, 422 with the message at the field or 429 with it at the
 * top; other errors are returned as they are.
 */
static enum qa_err
account_refused(struct qa_request *req, const struct user *u,
    struct form *f, size_t i, enum qa_err er, const char *msg)
{
	if (er == QA_EINVALID) {
		form_error(f, i, msg);
		return account_render(req, u, f, 422);
	}
	if (er == QA_ELIMIT) {
		f->alert = msg;
		return account_render(req, u, f, 429);
	}
	return er;
}

/*
 * POST /account/profile -- display_name (at most NAME_MAX characters,
 * may be empty) and notify (a checkbox).
 * 303 to /account?done=profile; 422 and the page again for a bad name;
 * 303 to the login for a visitor.
 */
static enum qa_err
profile_post(struct qa_request *req)
{
	struct user	 u;
	struct form	 f;
	enum qa_err	 er;

	if ((er = account_user(req, &u)) == QA_EFORBIDDEN)
		return account_login(req);
	if (er != QA_OK)
		return er;
	form_read(req, &f, profile_fields, PROFILE__MAX);
	form_error(&f, PROFILE_NAME, name_problem(f.val[PROFILE_NAME]));
	if (f.nerr > 0)
		return account_render(req, &u, &f, 422);
	if ((er = user_set_profile(serve.db, u.id, f.val[PROFILE_NAME],
	    f.val[PROFILE_NOTIFY][0] != '\0')) != QA_OK)
		return er;
	return http_redirect(req, 303, "/account?done=profile");
}

/*
 * POST /account/email -- new_email and email_password (the current
 * password).  The address must be valid and not another account's.
 * When the setting confirm_email is 1 the new address is unconfirmed
 * and a confirmation link is mailed to it, in the same transaction;
 * otherwise it counts as confirmed.  Tokens mailed to the old address
 * stop working.
 * 303 to /account?done=email (or done=email-confirm); 422 and the page
 * again for a bad or taken address or a wrong password; 429 while
 * password checks are throttled; 303 to the login for a visitor.
 */
static enum qa_err
email_post(struct qa_request *req)
{
	struct user	 u;
	struct form	 f;
	const char	*email, *msg = NULL;
	bool		 confirm = settings_int("confirm_email", 0) == 1;
	enum qa_err	 er;

	if ((er = account_user(req, &u)) == QA_EFORBIDDEN)
		return account_login(req);
	if (er != QA_OK)
		return er;
	form_read(req, &f, email_fields, EMAIL__MAX);
	email = f.val[EMAIL_NEW];
	form_error(&f, EMAIL_NEW, email_problem(email, true));
	if (f.val[EMAIL_PASSWORD][0] == '\0')
		form_error(&f, EMAIL_PASSWORD, "Enter your current password.");
	if (f.nerr > 0)
		return account_render(req, &u, &f, 422);
	if ((er = password_confirm(req, &u, f.val[EMAIL_PASSWORD], &msg)) !=
	    QA_OK)
		return account_refused(req, &u, &f, EMAIL_PASSWORD, er, msg);
	if (u.email != NULL && strcmp(u.email, email) == 0)
		return http_redirect(req, 303, "/account?done=email");

	if ((er = db_tx_begin(serve.db)) != QA_OK)
		return er;
	if ((er = user_set_email(serve.db, u.id, email, !confirm)) != QA_OK)
		goto out;
	if (confirm)
		er = queue_confirm(req, u.id, u.handle, email);
out:
	if (er == QA_OK)
		er = db_tx_commit(serve.db);
	if (er != QA_OK)
		db_tx_rollback(serve.db);
	if (er == QA_ECONFLICT) {
		form_error(&f, EMAIL_NEW, "Another account has this email "
		    "address.");
		return account_render(req, &u, &f, 422);
	}
	if (er != QA_OK)
		return er;
	if (confirm) {
		serve_after(req, notify_send_soon, &serve);
		return http_redirect(req, 303, "/account?done=email-confirm");
	}
	return http_redirect(req, 303, "/account?done=email");
}

/*
 * POST /account/password -- old_password, then the new one twice
 * (password, password2) under the rules of registration.  Every other
 * login of the account ends; this one stays.
 * 303 to /account?done=password; 422 and the page again for a wrong
 * old password or a new one the rules refuse; 429 while password checks
 * are throttled; 303 to the login for a visitor.
 */
static enum qa_err
password_post(struct qa_request *req)
{
	struct user	 u;
	struct form	 f;
	char		 hash[AUTH_HASH_MAX];
	const char	*msg = NULL;
	enum qa_err	 er;

	if ((er = account_user(req, &u)) == QA_EFORBIDDEN)
		return account_login(req);
	if (er != QA_OK)
		return er;
	form_read(req, &f, password_fields, PASSWORD__MAX);
	if (f.val[PASSWORD_OLD][0] == '\0')
		form_error(&f, PASSWORD_OLD, "Enter your current password.");
	password_check(&f, PASSWORD_NEW, PASSWORD_NEW2, u.handle, u.email);
	if (f.nerr > 0)
		return account_render(req, &u, &f, 422);
	if ((er = password_confirm(req, &u, f.val[PASSWORD_OLD], &msg)) !=
	    QA_OK)
		return account_refused(req, &u, &f, PASSWORD_OLD, er, msg);

	if ((er = auth_password_hash(f.val[PASSWORD_NEW], hash,
	    sizeof(hash))) != QA_OK)
		return er;
	if ((er = db_tx_begin(serve.db)) != QA_OK)
		goto done;
	er = user_set_password(serve.db, u.id, hash);
	if (er == QA_OK)
		er = db_tx_commit(serve.db);
	if (er != QA_OK)
		db_tx_rollback(serve.db);
done:
	explicit_bzero(hash, sizeof(hash));
	if (er != QA_OK)
		return er;
	if ((er = auth_logout_all(serve.db, u.id, req->session_id)) != QA_OK)
		return er;
	return http_redirect(req, 303, "/account?done=password");
}

/*
 * POST /account/sessions -- log out everywhere else: every login of the
 * account but this one ends.
 * 303 to /account?done=sessions; 303 to the login for a visitor.
 */
static enum qa_err
sessions_post(struct qa_request *req)
{
	enum qa_err	 er;

	if (req->user == NULL)
		return account_login(req);
	if ((er = auth_logout_all(serve.db, req->user->id, req->session_id))
	    != QA_OK)
		return er;
	return http_redirect(req, 303, "/account?done=sessions");
}

/*
 * GET /account/data -- one's own data as a JSON download
 * (fastqa-<handle>.json): profile without the password hash, posts,
 * votes and points.  One query.
 * 200 application/json; 303 to the login for a visitor.
 */
static enum qa_err
data_get(struct qa_request *req)
{
	char		*json, *disp, *p;
	enum qa_err	 er;

	if (req->user == NULL)
		return account_login(req);
	if ((er = user_export_json(serve.db, &req->arena, req->user->id,
	    &json)) != QA_OK)
		return er == QA_ENOTFOUND ? QA_EFORBIDDEN : er;
	/* Registration allows only [A-Za-z0-9._-]; older handles may not. */
	if ((disp = arena_printf(&req->arena, "attachment; "
	    "filename=\"fastqa-%s.json\"", req->user->handle)) == NULL)
		return QA_ESYS;
	for (p = disp + strlen("attachment; filename=\""); p[1] != '\0'; p++)
		if (!handle_char(*p))
			*p = '_';
	http_header(req, "Content-Disposition", disp);
	http_header(req, "Cache-Control", "no-store");
	buf_clear(req->resp.body);
	buf_puts(req->resp.body, json);
	buf_putc(req->resp.body, '\n');
	req->resp.status = 200;
	req->resp.content_type = "application/json";
	return QA_OK;
}

/*
 * POST /account/delete -- delete_password (the current password) and
 * posts: "anonymise" (posts stay, without an author) or "delete" (posts
 * emptied and marked deleted).  The account goes in one transaction
 * (user_delete), the counters are recomputed, the cookie is cleared.
 * 303 to /?done=deleted; 422 and the page again for a wrong password
 * or no choice; 429 while password checks are throttled; 303 to the
 * login for a visitor.
 */
static enum qa_err
delete_post(struct qa_request *req)
{
	struct user	 u;
	struct form	 f;
	const char	*posts, *msg = NULL;
	enum qa_err	 er;

	if ((er = account_user(req, &u)) == QA_EFORBIDDEN)
		return account_login(req);
	if (er != QA_OK)
		return er;
	form_read(req, &f, delete_fields, DELETE__MAX);
	posts = f.val[DELETE_POSTS];
	if (strcmp(posts, "anonymise") != 0 && strcmp(posts, "delete") != 0)
		form_error(&f, DELETE_POSTS, "Choose what happens to your "
		    "posts.");
	if (f.val[DELETE_PASSWORD][0] == '\0')
		form_error(&f, DELETE_PASSWORD, "Enter your current "
		    "password.");
	if (f.nerr > 0)
		return account_render(req, &u, &f, 422);
	if ((er = password_confirm(req, &u, f.val[DELETE_PASSWORD], &msg)) !=
	    QA_OK)
		return account_refused(req, &u, &f, DELETE_PASSWORD, er, msg);

	if ((er = user_delete(serve.db, u.id, strcmp(posts, "delete") == 0))
	    != QA_OK)
		return er;
	if ((er = recount_all(serve.db, NULL)) != QA_OK)
		fprintf(stderr, "login: recount after deleting user %lld "
		    "failed\n", (long long)u.id);
	if ((er = auth_logout(req)) != QA_OK && er != QA_ENOTFOUND)
		return er;
	return http_redirect(req, 303, "/?done=deleted");
}

/*
 * Render forgot.tpl with status: the form (LOGIN, messages), or with
 * sent true section SENT instead, the answer that never tells whether
 * an account matched.
 */
static enum qa_err
forgot_render(struct qa_request *req, struct form *f, bool sent, int status)
{
	struct tpl	*t;

	if ((t = serve_page_form(req, "forgot.tpl", "Forgot your password"))
	    == NULL)
		return QA_ESYS;
	if (sent)
		tpl_show(t, "SENT");
	else
		tpl_show(t, "ASK");
	form_fill(req, t, f);
	return serve_render(req, status);
}

/*
 * GET /forgot?done= -- the form that asks for a reset link, or after
 * sending (done=1) the answer.  200.
 */
static enum qa_err
forgot_get(struct qa_request *req)
{
	struct form	 f;
	const char	*done = http_query(req, "done");

	form_read(req, &f, forgot_fields, FORGOT__MAX);
	return forgot_render(req, &f, done != NULL && strcmp(done, "1") == 0,
	    200);
}

/*
 * POST /forgot -- login (handle or email).  If it names an account with
 * an email address, and that account has had fewer than FORGOT_A_LIMIT
 * links in FORGOT_PERIOD, a reset token (RESET_TTL) is made and the
 * link <base_url>/reset?t=<token> mailed, in one transaction; the mail
 * goes out after the response.  The answer is the same whether or not
 * an account matched.
 * 303 to /forgot?done=1; 422 and the form for an empty field; 429 and
 * the form after FORGOT_IP_LIMIT requests from one address in
 * FORGOT_PERIOD.
 */
static enum qa_err
forgot_post(struct qa_request *req)
{
	struct form	 f;
	struct user	 u;
	char		 tok[AUTH_TOKEN_LEN + 1];
	const char	*login, *ikey, *akey, *site;
	char		*pwhash, *subject, *body;
	int64_t		 id, retry;
	enum qa_err	 er;

	form_read(req, &f, forgot_fields, FORGOT__MAX);
	login = f.val[FORGOT_LOGIN];
	if ((ikey = arena_printf(&req->arena, "forgot:ip:%s",
	    serve_remote(req))) == NULL)
		return QA_ESYS;
	er = ratelimit_check(serve.db, ikey, FORGOT_IP_LIMIT, FORGOT_PERIOD,
	    req->now, &retry);
	if (er == QA_ELIMIT) {
		f.alert = arena_printf(&req->arena, "Too many requests from "
		    "your address; try again in %s.",
		    minutes(&req->arena, retry));
		retry_after(req, retry);
		return forgot_render(req, &f, false, 429);
	}
	if (er != QA_OK)
		return er;
	if (login[0] == '\0' || strlen(login) > LOGIN_MAX) {
		form_error(&f, FORGOT_LOGIN, "Enter your handle or email "
		    "address.");
		return forgot_render(req, &f, false, 422);
	}
	if ((er = ratelimit_hit(serve.db, ikey, FORGOT_PERIOD, req->now)) !=
	    QA_OK)
		return er;

	er = user_find_login(serve.db, &req->arena, login, &id, &pwhash);
	if (er == QA_OK)
		er = user_find_by_id(serve.db, &req->arena, id, &u);
	if (er == QA_ENOTFOUND || (er == QA_OK && u.email == NULL))
		return http_redirect(req, 303, "/forgot?done=1");
	if (er != QA_OK)
		return er;
	if ((akey = arena_printf(&req->arena, "forgot:a:%lld",
	    (long long)id)) == NULL)
		return QA_ESYS;
	er = ratelimit_check(serve.db, akey, FORGOT_A_LIMIT, FORGOT_PERIOD,
	    req->now, &retry);
	if (er == QA_ELIMIT)
		return http_redirect(req, 303, "/forgot?done=1");
	if (er != QA_OK)
		return er;

	site = settings_get("site_name", "fastqa");
	if ((er = db_tx_begin(serve.db)) != QA_OK)
		return er;
	if ((er = user_token_create(serve.db, id, USER_TOKEN_RESET, RESET_TTL,
	    req->now, tok)) != QA_OK)
		goto out;
	subject = arena_printf(&req->arena, "Reset your password at %s",
	    site);
	body = arena_printf(&req->arena, "Hello %s,\n\n"
	    "someone, hopefully you, asked to reset the password of your "
	    "account at %s.  To choose a new password, open this link "
	    "within an hour:\n\n%s/reset?t=%s\n\n"
	    "If you did not ask, ignore this mail: your password stays as "
	    "it is.\n", u.handle, site, serve_base_url(), tok);
	explicit_bzero(tok, sizeof(tok));
	if (subject == NULL || body == NULL)
		er = QA_ESYS;
	else
		er = notify_queue(serve.db, u.email, subject, body, req->now);
out:
	if (er == QA_OK)
		er = db_tx_commit(serve.db);
	if (er != QA_OK)
		db_tx_rollback(serve.db);
	if (er != QA_OK)
		return er;
	if ((er = ratelimit_hit(serve.db, akey, FORGOT_PERIOD, req->now)) !=
	    QA_OK)
		return er;
	serve_after(req, notify_send_soon, &serve);
	return http_redirect(req, 303, "/forgot?done=1");
}

/* The page for a reset or confirmation link that does not work: 400. */
static enum qa_err
link_dead(struct qa_request *req)
{
	return serve_notice(req, 400, "Link not valid", bad_link, "/forgot",
	    "Ask for a new password link");
}

/* Render reset.tpl from f (the token T in a hidden field) with status. */
static enum qa_err
reset_render(struct qa_request *req, struct form *f, int status)
{
	struct tpl	*t;

	if ((t = serve_page_form(req, "reset.tpl", "Choose a new password"))
	    == NULL)
		return QA_ESYS;
	form_fill(req, t, f);
	http_header(req, "Cache-Control", "no-store");
	return serve_render(req, status);
}

/*
 * GET /reset?t=TOKEN -- the new-password form, if TOKEN is a live reset
 * token.  200; 400 "This link has expired or was already used".
 */
static enum qa_err
reset_get(struct qa_request *req)
{
	struct form	 f;
	const char	*tok = http_query(req, "t");
	int64_t		 id;
	enum qa_err	 er;

	er = user_token_find(serve.db, tok, USER_TOKEN_RESET, req->now, &id);
	if (er == QA_ENOTFOUND)
		return link_dead(req);
	if (er != QA_OK)
		return er;
	form_read(req, &f, reset_fields, RESET__MAX);
	f.val[RESET_TOKEN] = tok;
	return reset_render(req, &f, 200);
}

/*
 * POST /reset -- t (the token), password, password2: set the new
 * password under the rules of registration, use up the token (once:
 * the statement that marks it used decides), end every login of the
 * account and start a new one here.
 * 303 to /account?done=password; 422 and the form for a password the
 * rules refuse; 400 for a dead token.
 */
static enum qa_err
reset_post(struct qa_request *req)
{
	struct form	 f;
	struct user	 u;
	char		 hash[AUTH_HASH_MAX];
	int64_t		 id, used;
	enum qa_err	 er;

	form_read(req, &f, reset_fields, RESET__MAX);
	er = user_token_find(serve.db, f.val[RESET_TOKEN], USER_TOKEN_RESET,
	    req->now, &id);
	if (er == QA_OK)
		er = user_find_by_id(serve.db, &req->arena, id, &u);
	if (er == QA_ENOTFOUND)
		return link_dead(req);
	if (er != QA_OK)
		return er;
	password_check(&f, RESET_PASSWORD, RESET_PASSWORD2, u.handle,
	    u.email);
	if (f.nerr > 0)
		return reset_render(req, &f, 422);

	if ((er = auth_password_hash(f.val[RESET_PASSWORD], hash,
	    sizeof(hash))) != QA_OK)
		return er;
	if ((er = db_tx_begin(serve.db)) != QA_OK)
		goto done;
	if ((er = user_token_use(serve.db, f.val[RESET_TOKEN],
	    USER_TOKEN_RESET, req->now, &used)) == QA_OK && used != id)
		er = QA_ENOTFOUND;
	if (er == QA_OK)
		er = user_set_password(serve.db, id, hash);
	if (er == QA_OK)
		er = db_tx_commit(serve.db);
	if (er != QA_OK)
		db_tx_rollback(serve.db);
done:
	explicit_bzero(hash, sizeof(hash));
	if (er == QA_ENOTFOUND)
		return link_dead(req);
	if (er != QA_OK)
		return er;
	if ((er = auth_logout_all(serve.db, id, 0)) != QA_OK ||
	    (er = auth_login(req, id, false)) != QA_OK)
		return er;
	return http_redirect(req, 303, "/account?done=password");
}

/*
 * GET /confirm?t=TOKEN -- confirm an email address with a live confirm
 * token, which is used up.  A GET because it is a link in a mail; it
 * writes only what the token allows, once.
 * 200 and a page saying so; 400 for a dead token.
 */
static enum qa_err
confirm_get(struct qa_request *req)
{
	int64_t		 id;
	enum qa_err	 er;

	if ((er = db_tx_begin(serve.db)) != QA_OK)
		return er;
	er = user_token_use(serve.db, http_query(req, "t"),
	    USER_TOKEN_CONFIRM, req->now, &id);
	if (er == QA_OK)
		er = user_confirm_email(serve.db, id);
	if (er == QA_OK)
		er = db_tx_commit(serve.db);
	if (er != QA_OK)
		db_tx_rollback(serve.db);
	if (er == QA_ENOTFOUND)
		return serve_notice(req, 400, "Link not valid", bad_link,
		    req->user != NULL ? "/account" : "/",
		    req->user != NULL ? "Go to your account" :
		    "Go to the home page");
	if (er != QA_OK)
		return er;
	return serve_notice(req, 200, "Email address confirmed",
	    "Your email address is confirmed. Thank you.",
	    req->user != NULL ? "/account" : "/",
	    req->user != NULL ? "Go to your account" : "Go to the home page");
}

static const struct route routes[] = {
	{ "/register", ROUTE_GET, register_get },
	{ "/register", ROUTE_POST | ROUTE_WRITE, register_post },
	{ "/login", ROUTE_GET, login_get },
	{ "/login", ROUTE_POST | ROUTE_WRITE, login_post },
	{ "/logout", ROUTE_POST | ROUTE_WRITE, logout_post },
	{ "/account", ROUTE_GET, account_get },
	{ "/account/profile", ROUTE_POST | ROUTE_WRITE, profile_post },
	{ "/account/email", ROUTE_POST | ROUTE_WRITE, email_post },
	{ "/account/password", ROUTE_POST | ROUTE_WRITE, password_post },
	{ "/account/sessions", ROUTE_POST | ROUTE_WRITE, sessions_post },
	{ "/account/data", ROUTE_GET, data_get },
	{ "/account/delete", ROUTE_POST | ROUTE_WRITE, delete_post },
	{ "/forgot", ROUTE_GET, forgot_get },
	{ "/forgot", ROUTE_POST | ROUTE_WRITE, forgot_post },
	{ "/reset", ROUTE_GET, reset_get },
	{ "/reset", ROUTE_POST | ROUTE_WRITE, reset_post },
	{ "/confirm", ROUTE_GET | ROUTE_WRITE, confirm_get },
};

int
main(void)
{
	return serve_run("login", routes, nitems(routes));
}
