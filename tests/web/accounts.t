#!/bin/bash
# accounts.t: accounts through a real nginx and the login program as a
# FastCGI daemon, with curl and a cookie jar as a browser would: register,
# the login cookie's attributes, log in and out, wrong passwords, what the
# sessions table keeps, changing and resetting a password (the mail comes
# through a mock sendmail), form validation, login throttling, the
# CSRF checks of every program that takes POST, and the Secure cookie
# under HTTPS (plain CGI with HTTPS=on).  Skipped while cgi-bin/login is
# not built.
. "$(dirname "$0")/lib.sh"

program_built login || skip_all "cgi-bin/login is not built"

# Every POST route of every program: "program path".  The CSRF checks
# below run on each one whose program is built, so a program's routes
# belong here as soon as it is written.
POST_ROUTES=(
	"login /register"
	"login /login"
	"login /logout"
	"login /account/profile"
	"login /account/email"
	"login /account/password"
	"login /account/sessions"
	"login /account/delete"
	"login /forgot"
	"login /reset"
	"ask /ask"
	"answer /q/1/answer"
	"answer /q/1/comment"
	"answer /a/2/comment"
	# Posts that do not exist, so that the right token gets a 404
	# rather than the 403 of someone who may not edit or accept.
	"answer /post/999999/edit"
	"answer /post/999999/manage"
	"answer /q/999999/accept/999998"
	"answer /unsubscribe"
	"vote /post/999999/vote"
	"moderate /post/999999/flag"
	"moderate /moderate/post/999999"
	"moderate /moderate/bulk"
	"moderate /moderate/close/999999"
	"moderate /moderate/reopen/999999"
	"moderate /moderate/move/999999"
	"moderate /moderate/retag/999999"
	"moderate /moderate/user/no-such-handle/block"
	"moderate /moderate/user/no-such-handle/level"
	"moderate /moderate/user/no-such-handle/nuke"
	"moderate /moderate/unnuke/999999"
	"moderate /moderate/ips"
	"moderate /moderate/ips/999999/delete"
	"moderate /moderate/settings"
)

WEB_MODE=nginx
site_init
nginx_start
diag "nginx on $BASE"

USER1=tester1
MAIL1=tester1@example.com
PASS1='grey-heron-lantern-41'
PASS2='quiet-otter-meadow-77'
PASS3='amber-falcon-river-19'
MSG_WRONG='Wrong handle/email or password'
MSG_CSRF='did not come from this site'

# --- helpers -------------------------------------------------------------

# input_tag NAME: the first <input> (or <textarea>) tag named NAME in the
# last body, on one line.
input_tag() {
	tr '\n' ' ' < "$BODY" | grep -oE "<(input|textarea)[^>]*name=\"$1\"[^>]*>" |
	    head -n 1
}

# field_value NAME: the value attribute of the input named NAME in the
# last body (as written in the HTML, so still escaped), or nothing.
field_value() {
	input_tag "$1" | sed -n 's/.* value="\([^"]*\)".*/\1/p'
}

# csrf_in_page: the csrf field's value in the last body.
csrf_in_page() {
	field_value csrf
}

# form_post FORM_URI POST_URI NAME=VALUE...: in place of lib.sh's (no
# stamp, and TOKEN kept for the CSRF checks): GET FORM_URI with the jar,
# take the csrf token of its form, and POST the fields and the token to
# POST_URI with the jar, as a browser on the same origin would (Origin
# and Sec-Fetch-Site sent).  Sets STATUS, $HDRS, $BODY as fetch does;
# TOKEN is the token used.
form_post() {
	local form=$1 post=$2
	shift 2
	REQ_HEADERS=()
	fetch GET "$form"
	TOKEN=$(csrf_in_page)
	if [ -z "$TOKEN" ]; then
		diag "GET $form ($STATUS): no csrf field in the page"
	fi
	REQ_HEADERS=("Origin: $BASE" "Sec-Fetch-Site: same-origin")
	fetch POST "$post" "$(form_body "$@" "csrf=$TOKEN")"
	REQ_HEADERS=()
}

# has_attr SET_COOKIE ATTR: the Set-Cookie line has the attribute ATTR
# ("HttpOnly", "Path=/"; case aside).
has_attr() {
	printf '%s' "$1" | tr ';' '\n' | sed -e 's/^ *//' -e 's/ *$//' |
	    grep -qix -- "$2"
}

# users_count: the number of accounts in the database.
users_count() {
	site_sql "SELECT count(*) FROM users"
}

# --- the URL map ---------------------------------------------------------

JAR=$WEB_TMP/jar.anon
WHAT="GET /login"
fetch GET /login
is "$STATUS" 200 "$WHAT: status 200 (the login program answers)"
like "$(input_tag csrf)" 'type="hidden"' "$WHAT: a hidden csrf field"
set_cookie qa_csrf | grep -q '^qa_csrf=[A-Za-z0-9_-]'
ok $? "$WHAT: a qa_csrf cookie for the visitor"
for uri in /accounts /login/x /loginx /register/ /accountx; do
	fetch GET "$uri"
	is "$STATUS" 404 "GET $uri: 404 (view's, not login's)"
done
# nginx's locations and cgi_program (plain CGI) send each URL to the same
# program: the same status both ways, for anonymous GETs.
JAR=
for uri in / /login /logout /register /account /account/password \
    /forgot /reset /confirm /accounts /login/x /questions /tags; do
	WEB_MODE=nginx
	fetch GET "$uri"
	a=$STATUS
	WEB_MODE=cgi
	fetch GET "$uri"
	is "$STATUS" "$a" "GET $uri: the same status behind nginx and as CGI"
done
WEB_MODE=nginx

# --- the account page needs a login --------------------------------------

WHAT="GET /account anonymous"
fetch GET /account
is "$STATUS" 303 "$WHAT: 303"
like "$(location_path)" '^/login\?next=(%2F|/)account$' \
    "$WHAT: to /login?next=/account"
fetch GET /account/password
like "$STATUS" '^(303|405)$' "GET /account/password anonymous: no page"

# --- register ------------------------------------------------------------

JAR=$WEB_TMP/jar.1
n0=$(users_count)
WHAT="POST /register"
form_post /register /register "handle=$USER1" "email=$MAIL1" \
    "password=$PASS1" "password2=$PASS1" "display_name=Test One"
is "$STATUS" 303 "$WHAT: 303"
is "$(users_count)" $((n0 + 1)) "$WHAT: one account more"
cookie=$(set_cookie qa_session)
like "$cookie" '^qa_session=[A-Za-z0-9_-]{43};' "$WHAT: a qa_session cookie"
has_attr "$cookie" HttpOnly
ok $? "$WHAT: the cookie is HttpOnly" || diag "$cookie"
has_attr "$cookie" SameSite=Lax
ok $? "$WHAT: the cookie is SameSite=Lax"
has_attr "$cookie" Path=/
ok $? "$WHAT: the cookie has Path=/"
! has_attr "$cookie" Secure
ok $? "$WHAT: no Secure over plain http"
SESSION1=$(jar_cookie qa_session)
[ -n "$SESSION1" ]
ok $? "$WHAT: the jar holds the login cookie"
is "$(site_sql "SELECT count(*) FROM users WHERE handle = '$USER1'
    AND email = '$MAIL1' AND pwhash LIKE '\$argon2id\$v=19\$m=19456,t=2,p=1\$%'")" 1 \
    "$WHAT: the account, with an argon2id hash of the configured cost"

WHAT="GET / signed in"
fetch GET /
is "$STATUS" 200 "$WHAT: 200"
grep -qF "$USER1" "$BODY"
ok $? "$WHAT: shows the handle"
fetch GET /account
is "$STATUS" 200 "GET /account signed in: 200"
grep -qF "$USER1" "$BODY"
ok $? "GET /account signed in: shows the handle"

# --- log out -------------------------------------------------------------

WHAT="POST /logout"
form_post /account /logout
is "$STATUS" 303 "$WHAT: 303"
like "$(set_cookie qa_session)" '^qa_session=;.*Max-Age=0' \
    "$WHAT: the cookie is expired"
fetch GET /
! grep -qF "$USER1" "$BODY"
ok $? "GET / after logout: no handle"
JAR=$WEB_TMP/jar.old
printf '127.0.0.1\tFALSE\t/\tFALSE\t0\tqa_session\t%s\n' "$SESSION1" > "$JAR"
fetch GET /account
is "$STATUS" 303 "GET /account with the logged-out cookie: 303 to /login"
fetch GET /
! grep -qF "$USER1" "$BODY"
ok $? "GET / with the logged-out cookie: no handle"
is "$(site_sql "SELECT count(*) FROM sessions s JOIN users u
    ON u.id = s.user_id WHERE u.handle = '$USER1'")" 0 \
    "$WHAT: the session row is gone"

# --- log in --------------------------------------------------------------

JAR=$WEB_TMP/jar.1
WHAT="POST /login with a wrong password"
login_as "$USER1" "$PASS1-wrong"
is "$STATUS" 422 "$WHAT: 422"
grep -qF "$MSG_WRONG" "$BODY"
ok $? "$WHAT: '$MSG_WRONG'"
is "$(field_value login)" "$USER1" "$WHAT: the login field refilled"
[ -n "$(input_tag password)" ] && [ -z "$(field_value password)" ]
ok $? "$WHAT: the password field empty"
! grep -qF -- "$PASS1-wrong" "$BODY"
ok $? "$WHAT: the password is not echoed"
is "$(jar_cookie qa_session)" "" "$WHAT: no login cookie"
wrong_known=$(sed -e 's/<[^>]*>//g' "$BODY" | grep -F "$MSG_WRONG" | head -n 1)

WHAT="POST /login with an unknown handle"
login_as nosuchuser "$PASS1"
is "$STATUS" 422 "$WHAT: 422, as for a wrong password"
grep -qF "$MSG_WRONG" "$BODY"
ok $? "$WHAT: '$MSG_WRONG'"
is "$(sed -e 's/<[^>]*>//g' "$BODY" | grep -F "$MSG_WRONG" | head -n 1)" \
    "$wrong_known" "$WHAT: the same message as a wrong password"

WHAT="POST /login right"
login_as "$USER1" "$PASS1"
is "$STATUS" 303 "$WHAT: 303"
SESSION2=$(jar_cookie qa_session)
like "$SESSION2" '^[A-Za-z0-9_-]{43}$' "$WHAT: a login cookie"
[ -n "$SESSION2" ] && [ "$SESSION2" != "$SESSION1" ]
ok $? "$WHAT: a new cookie value, not the one from before"
fetch GET /
grep -qF "$USER1" "$BODY"
ok $? "GET / after login: shows the handle"

WHAT="POST /login while signed in"
login_as "$USER1" "$PASS1"
is "$STATUS" 303 "$WHAT: 303"
SESSION3=$(jar_cookie qa_session)
[ -n "$SESSION3" ] && [ "$SESSION3" != "$SESSION2" ]
ok $? "$WHAT: a new cookie value again"
JAR=$WEB_TMP/jar.old
printf '127.0.0.1\tFALSE\t/\tFALSE\t0\tqa_session\t%s\n' "$SESSION2" > "$JAR"
fetch GET /account
is "$STATUS" 303 "$WHAT: the cookie before it no longer works"
JAR=$WEB_TMP/jar.1
SESSION2=$SESSION3

WHAT="POST /login by email"
JAR=$WEB_TMP/jar.email
login_as "$MAIL1" "$PASS1"
is "$STATUS" 303 "$WHAT: 303"
JAR=$WEB_TMP/jar.1

# --- what the sessions table keeps -----------------------------------------

WHAT="sessions table"
is "$(site_sql "SELECT DISTINCT typeof(token_hash) || ' ' ||
    length(token_hash) FROM sessions")" "blob 32" \
    "$WHAT: token_hash is 32 bytes"
# The cookie is base64url of 32 random bytes; the table keeps SHA-256 of
# them.
raw_hex=$(printf '%s=' "$SESSION2" | tr -- '-_' '+/' | base64 -d 2>/dev/null |
    od -An -v -tx1 | tr -d ' \n')
is "${#raw_hex}" 64 "$WHAT: the cookie is 32 bytes in base64url"
sha=$(printf '%s=' "$SESSION2" | tr -- '-_' '+/' | base64 -d 2>/dev/null |
    sha256sum | cut -d ' ' -f 1)
is "$(site_sql "SELECT count(*) FROM sessions
    WHERE hex(token_hash) = upper('$sha')")" 1 \
    "$WHAT: the row holds SHA-256 of the token"
is "$(site_sql "SELECT count(*) FROM sessions WHERE hex(token_hash) =
    upper('$raw_hex') OR token_hash = '$SESSION2'
    OR token_hash = '$raw_hex'")" 0 "$WHAT: not the token itself"
hits=0
for f in "$DB" "$DB-wal"; do
	[ -f "$f" ] || continue
	n=$(LC_ALL=C grep -c -a -F -- "$SESSION2" "$f")
	m=$(LC_ALL=C grep -c -a -i -F -- "$raw_hex" "$f")
	hits=$((hits + n + m))
done
is "$hits" 0 "$WHAT: the cookie value is nowhere in the database files"

# --- change the password -----------------------------------------------------

WHAT="POST /account/password with a wrong old password"
form_post /account /account/password "old_password=$PASS1-x" \
    "password=$PASS2" "password2=$PASS2"
is "$STATUS" 422 "$WHAT: 422"
! grep -qF -- "$PASS2" "$BODY"
ok $? "$WHAT: no password echoed"
WHAT="POST /account/password"
form_post /account /account/password "old_password=$PASS1" \
    "password=$PASS2" "password2=$PASS2"
is "$STATUS" 303 "$WHAT: 303"
JAR=$WEB_TMP/jar.2
login_as "$USER1" "$PASS1"
is "$STATUS" 422 "$WHAT: the old password no longer works"
login_as "$USER1" "$PASS2"
is "$STATUS" 303 "$WHAT: the new one does"

# --- forgotten password --------------------------------------------------------

# login allows 5 requests for a link per address an hour (and 3 mails
# per account): this part makes 4 and 3.

JAR=$WEB_TMP/jar.forgot
nmail=$(mail_count)
WHAT="POST /forgot"
form_post /forgot /forgot "login=$USER1"
is "$STATUS" 303 "$WHAT: 303"
forgot_to=$(header Location)
mail_wait $((nmail + 1))
ok $? "$WHAT: a mail reaches sendmail" ||
    diag "outbox: $(site_sql "SELECT to_addr, sent, attempts, last_error
    FROM outbox")"
last_mail=$(mail_last)
like "$last_mail" "^To: .*$MAIL1" "$WHAT: the mail is to the account's address"
link=$(printf '%s' "$last_mail" | grep -oE 'https?://[^[:space:]<>"]*/reset\?t=[A-Za-z0-9_%-]+' |
    head -n 1)
like "$link" "^$BASE/reset\\?t=" "$WHAT: a reset link on base_url"
reset=${link#"$BASE"}
# The link is secret: user_tokens keeps only SHA-256 of the token.
tok=${reset#*t=}
is "$(site_sql "SELECT count(*) FROM user_tokens WHERE kind = 'reset'
    AND hex(token_hash) = upper('$(printf '%s' "$tok" | sha256sum |
    cut -d ' ' -f 1)')")" 1 "$WHAT: user_tokens holds SHA-256 of the token"
is "$(site_sql "SELECT count(*) FROM user_tokens
    WHERE CAST(token_hash AS TEXT) = '$tok'")" 0 \
    "$WHAT: and not the token"

WHAT="GET $reset"
fetch GET "$reset"
is "$STATUS" 200 "GET /reset?t=...: 200"
[ -n "$(csrf_in_page)" ] && [ -n "$(input_tag password)" ]
ok $? "GET /reset?t=...: a form with a password field"
is "$(field_value t)" "$tok" "GET /reset?t=...: the token in a hidden field"
WHAT="POST /reset"
form_post "$reset" /reset "t=$tok" "password=$PASS3" "password2=$PASS3"
is "$STATUS" 303 "$WHAT: 303"
JAR=$WEB_TMP/jar.3
login_as "$USER1" "$PASS2"
is "$STATUS" 422 "$WHAT: the password before no longer works"
login_as "$USER1" "$PASS3"
is "$STATUS" 303 "$WHAT: the new password works"
JAR=$WEB_TMP/jar.forgot
fetch GET "$reset"
is "$STATUS" 400 "GET the same reset link again: 400"
form_post /forgot /reset "t=$tok" "password=$PASS1" "password2=$PASS1"
is "$STATUS" 400 "POST the same reset link again: 400"
JAR=$WEB_TMP/jar.4
login_as "$USER1" "$PASS1"
is "$STATUS" 422 "$WHAT: the second use changed nothing"

# An unknown name gets the same answer, and no mail.
WHAT="POST /forgot for an unknown name"
n=$(mail_count)
form_post /forgot /forgot "login=nobody-at-all"
is "$STATUS $(header Location)" "303 $forgot_to" \
    "$WHAT: the same answer as for an account"
sleep 0.5
is "$(mail_count)" "$n" "$WHAT: no mail"

# A link mailed earlier stops working once the password has changed.
# forgot_link: ask for a link and print it (relative to base_url).
forgot_link() {
	local n
	n=$(mail_count)
	form_post /forgot /forgot "login=$USER1"
	mail_wait $((n + 1)) || return 1
	mail_last | grep -oE "$BASE/reset\\?t=[A-Za-z0-9_-]+" | head -n 1 |
	    sed "s|^$BASE||"
}
JAR=$WEB_TMP/jar.forgot2
WHAT="an older reset link"
older=$(forgot_link)
newer=$(forgot_link)
[ -n "$older" ] && [ -n "$newer" ] && [ "$older" != "$newer" ]
ok $? "$WHAT: two different links mailed"
form_post "$newer" /reset "t=${newer#*t=}" "password=$PASS3" \
    "password2=$PASS3"
is "$STATUS" 303 "$WHAT: the newer one sets the password"
fetch GET "$older"
is "$STATUS" 400 "$WHAT: then the older one is dead (400)"

# --- register: validation --------------------------------------------------------

JAR=$WEB_TMP/jar.reg
# check_refused DESC HANDLE EMAIL PASSWORD PASSWORD2
check_refused() {
	local n
	n=$(users_count)
	WHAT="POST /register, $1"
	form_post /register /register "handle=$2" "email=$3" \
	    "password=$4" "password2=$5" "display_name=Someone"
	is "$STATUS" 422 "$WHAT: 422"
	is "$(field_value handle)" "$(html_escape "$2")" "$WHAT: handle kept"
	is "$(field_value email)" "$(html_escape "$3")" "$WHAT: email kept"
	if grep -qF -- "$4" "$BODY" || grep -qF -- "$5" "$BODY"; then
		ok 1 "$WHAT: no password echoed"
	else
		ok 0 "$WHAT: no password echoed"
	fi
	is "$(users_count)" "$n" "$WHAT: no account created"
	is "$(jar_cookie qa_session)" "" "$WHAT: not signed in"
}
check_refused "a short password" newbie1 newbie1@example.com \
    'Ab3-x' 'Ab3-x'
check_refused "a common password" newbie2 newbie2@example.com \
    password1 password1
check_refused "passwords that differ" newbie3 newbie3@example.com \
    "$PASS1" "$PASS2"
check_refused "a bad email" newbie4 'not-an-email' "$PASS1" "$PASS1"
check_refused "a handle taken in another case" TESTER1 \
    other@example.com "$PASS1" "$PASS1"
check_refused "an email taken in another case" newbie5 \
    TESTER1@Example.com "$PASS1" "$PASS1"

# --- CSRF, on every POST route --------------------------------------------------

# csrf_case DESC WANT TOKEN HEADER...: POST to $route with the fields
# "x=1" and csrf=TOKEN (none if TOKEN is "-"), the jar and the headers;
# WANT is 403 or !403.
csrf_case() {
	local desc=$1 want=$2 token=$3 body='x=1'
	shift 3
	[ "$token" != - ] && body+="&csrf=$(urlencode "$token")"
	REQ_HEADERS=("$@")
	fetch POST "$route" "$body"
	REQ_HEADERS=()
	if [ "$want" = 403 ]; then
		is "$STATUS" 403 "$who POST $route $desc: 403"
		grep -qF "$MSG_CSRF" "$BODY"
		ok $? "$who POST $route $desc: refused by the CSRF check"
	elif [ "${route#/moderate}" != "$route" ] ||
	    [ "${route%/flag}" != "$route" ]; then
		# Only moderators may moderate, and a new account may not
		# flag: a 403 here is the handler's, not the CSRF check's.
		[ "$STATUS" != 000 ] && ! grep -qF "$MSG_CSRF" "$BODY"
		ok $? "$who POST $route $desc: past the CSRF check ($STATUS)"
	else
		[ "$STATUS" != 403 ] && [ "$STATUS" != 000 ]
		ok $? "$who POST $route $desc: not 403 ($STATUS)"
	fi
}

# csrf_checks WHO FORM: the checks on every route of a built program,
# with a token from the page FORM for the current jar.
csrf_checks() {
	local who=$1 form=$2 pair prog route good
	fetch GET "$form"
	good=$(csrf_in_page)
	[ -n "$good" ]
	ok $? "$who: GET $form has a csrf token"
	for pair in "${POST_ROUTES[@]}"; do
		prog=${pair%% *}
		route=${pair#* }
		program_built "$prog" || continue
		csrf_case "without a csrf field" 403 -
		csrf_case "with a wrong token" 403 \
		    "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"
		csrf_case "with Origin: http://evil.example" 403 "$good" \
		    "Origin: http://evil.example"
		csrf_case "with Sec-Fetch-Site: cross-site" 403 "$good" \
		    "Sec-Fetch-Site: cross-site"
		csrf_case "from another port" 403 "$good" \
		    "Origin: http://127.0.0.1:$((PORT == 65535 ? 1 : PORT + 1))"
		# /logout last, as the right token does log out.
		[ "$route" = /logout ] && continue
		csrf_case "with the right token, same origin" '!403' "$good" \
		    "Origin: $BASE" "Sec-Fetch-Site: same-origin"
	done
	route=/logout
	csrf_case "with the right token, same origin" '!403' "$good" \
	    "Origin: $BASE" "Sec-Fetch-Site: same-origin"
}

JAR=$WEB_TMP/jar.csrf-anon
csrf_checks anonymous /login

JAR=$WEB_TMP/jar.csrf-user
login_as "$USER1" "$PASS3"
is "$STATUS" 303 "CSRF: signed in for the checks"
fetch GET /account
user_token=$(csrf_in_page)
[ -n "$user_token" ] && [ "$user_token" != "$TOKEN" ]
ok $? "CSRF: a signed-in user's token is not the visitor's one"
route=/account/password
who=signed-in
csrf_case "with the token from before the login" 403 "$TOKEN" \
    "Origin: $BASE" "Sec-Fetch-Site: same-origin"
csrf_checks signed-in /account
fetch GET /account
is "$STATUS" 303 "CSRF: the right token did log out"

# --- Secure cookies under HTTPS (plain CGI, HTTPS=on) -----------------------------

WEB_MODE=cgi
JAR=$WEB_TMP/jar.cgi
CGI_ENV=(HTTPS=on REQUEST_SCHEME=https SERVER_PORT=443)
WHAT="CGI GET /register with HTTPS=on"
fetch GET /register
is "$STATUS" 200 "$WHAT: 200"
cookie=$(set_cookie qa_csrf)
has_attr "$cookie" Secure
ok $? "$WHAT: the qa_csrf cookie is Secure" || diag "$cookie"
token=$(csrf_in_page)
n0=$(users_count)
WHAT="CGI POST /register with HTTPS=on"
REQ_HEADERS=("Origin: https://localhost" "Sec-Fetch-Site: same-origin")
fetch POST /register "$(form_body handle=secure1 email=secure1@example.com \
    "password=$PASS1" "password2=$PASS1" "csrf=$token")"
REQ_HEADERS=()
is "$STATUS" 303 "$WHAT: 303"
is "$(users_count)" $((n0 + 1)) "$WHAT: the account is made"
cookie=$(set_cookie qa_session)
like "$cookie" '^qa_session=[A-Za-z0-9_-]{43};' "$WHAT: a qa_session cookie"
has_attr "$cookie" Secure
ok $? "$WHAT: the cookie is Secure" || diag "$cookie"
has_attr "$cookie" HttpOnly && has_attr "$cookie" SameSite=Lax &&
    has_attr "$cookie" Path=/
ok $? "$WHAT: and HttpOnly, SameSite=Lax, Path=/"
WHAT="CGI POST /register over https from http://localhost"
REQ_HEADERS=("Origin: http://localhost")
fetch POST /register "$(form_body handle=secure2 email=secure2@example.com \
    "password=$PASS1" "password2=$PASS1" "csrf=$token")"
REQ_HEADERS=()
is "$STATUS" 403 "$WHAT: 403 (another origin)"
CGI_ENV=()
WEB_MODE=nginx

# --- no enumeration by timing ---------------------------------------------------

# A login for an unknown name must cost what a wrong password for a real
# account costs: one argon2id verify (about 20 ms here), not a quick
# "no such user".  Two tries each stay under the login_soft delay.
# ms_login LOGIN: milliseconds the server takes to refuse one login
# (curl's time to the first byte of the answer to the POST alone).
ms_login() {
	local t
	REQ_HEADERS=()
	fetch GET /login
	TOKEN=$(csrf_in_page)
	t=$(curl -sS -o /dev/null -w '%{time_starttransfer}' -b "$JAR" \
	    -H "Origin: $BASE" -H 'Sec-Fetch-Site: same-origin' \
	    -H 'Content-Type: application/x-www-form-urlencoded' \
	    --data-binary "$(form_body "login=$1" \
	    "password=not-the-password-$RANDOM" "csrf=$TOKEN")" "$BASE/login")
	awk -v t="$t" 'BEGIN { printf "%d\n", t * 1000 }'
}
JAR=$WEB_TMP/jar.timing
WHAT="timing"
k1=$(ms_login "$USER1"); u1=$(ms_login "nobody-by-this-name")
k2=$(ms_login "$USER1"); u2=$(ms_login "nobody-by-this-name")
kmin=$((k1 < k2 ? k1 : k2)); umin=$((u1 < u2 ? u1 : u2))
diag "failed login: known ${k1}/${k2} ms, unknown ${u1}/${u2} ms"
[ "$kmin" -ge 8 ]
ok $? "$WHAT: a wrong password costs a password hash"
[ "$umin" -ge 8 ]
ok $? "$WHAT: an unknown name costs a password hash too"
[ $((umin * 3)) -ge "$kmin" ] && [ $((kmin * 3)) -ge "$umin" ]
ok $? "$WHAT: unknown and known names take about the same time"

# --- login throttling ---------------------------------------------------------------

# The limits per account are lowered and those per address raised (so
# that only the account's count matters here), the counts of the tests
# above cleared, and the programs restarted to read the settings: after
# login_soft failures a login of that name must wait 2^(n - soft) seconds
# after the last failure, after login_lock it is refused for the rest of
# the period.  An unknown name must be treated exactly like a known one.
# Counts are kept in fixed windows of login_period seconds: a day here,
# and not started in the last 30 s of one, so that no window ends during
# the checks.
site_sql "INSERT OR REPLACE INTO settings (key, value) VALUES
    ('login_soft', '2'), ('login_lock', '4'), ('login_period', '86400'),
    ('login_ip_soft', '1000'), ('login_ip_lock', '2000');
    DELETE FROM ratelimits;" || bail "cannot change the login limits"
left=$((86400 - $(date +%s) % 86400))
[ "$left" -lt 30 ] && sleep $((left + 1))
programs_restart

# alert_text: the text of the last page's message about the whole form
# (the line that says what went wrong), or nothing.
alert_text() {
	sed -e 's/<[^>]*>//g' -e 's/^[[:space:]]*//' -e 's/[[:space:]]*$//' \
	    "$BODY" | grep -E -m 1 'Wrong handle|Too many|Please wait|[Tt]ry again'
}

# throttle_run LOGIN: wrong passwords for LOGIN into the lock.  Prints
# one line per attempt: status, Retry-After and message.  Times count in
# whole seconds, so a delay of 1 s may be over at once: attempts that
# must be refused come right after a failure that set a delay of 2 s or
# more, and the others after the delay.
throttle_run() {
	local i
	for i in 1 2 3 4 5 6; do
		case $i in
		3) sleep 1.1 ;;		# the delay after 2 failures: 1 s
		5) sleep 2.1 ;;		# after 3 failures: 2 s
		esac
		login_as "$1" "wrong-password-$i"
		printf '%s|%s|%s\n' "$STATUS" "$(header Retry-After)" \
		    "$(alert_text)"
	done
}

JAR=$WEB_TMP/jar.throttle1
WHAT="throttling, $USER1"
known=$(throttle_run "$USER1")
mapfile -t steps <<< "$known"
like "${steps[0]}" '^422\|' "$WHAT: failure 1: 422"
like "${steps[1]}" '^422\|' "$WHAT: failure 2: 422"
like "${steps[2]}" '^422\|' "$WHAT: a second later: failure 3 (422)"
like "${steps[3]}" '^429\|[12]\|Please wait [12] seconds?' \
    "$WHAT: at once again: 429, wait 2 seconds (Retry-After)"
like "${steps[4]}" '^422\|' "$WHAT: 2 seconds later: failure 4 (422)"
like "${steps[5]}" '^429\|[0-9]+\|Too many failed attempts\. Try again in [0-9]+ minutes?\.' \
    "$WHAT: then locked: 429, 'Too many failed attempts'"
login_as "$USER1" "$PASS3"
is "$STATUS" 429 "$WHAT: locked even for the right password"

JAR=$WEB_TMP/jar.throttle2
WHAT="throttling, an unknown handle"
unknown=$(throttle_run nobody-here)
# The numbers may differ by one: the clock moved on.
is "$(printf '%s\n' "$unknown" | sed -e 's/^[^|]*|[^|]*|//' \
    -e 's/[0-9][0-9]* \(second\|minute\)s*/N \1s/')" \
    "$(printf '%s\n' "$known" | sed -e 's/^[^|]*|[^|]*|//' \
    -e 's/[0-9][0-9]* \(second\|minute\)s*/N \1s/')" \
    "$WHAT: the same messages as for a known handle"
is "$(printf '%s\n' "$unknown" | cut -d '|' -f 1 | tr '\n' ' ')" \
    "$(printf '%s\n' "$known" | cut -d '|' -f 1 | tr '\n' ' ')" \
    "$WHAT: the same statuses as for a known handle"

done_testing
