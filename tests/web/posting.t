#!/bin/bash
# posting.t: asking, answering, commenting, the best answer, mail and
# edits through a real nginx and the ask, answer and view programs, with
# curl and cookie jars as browsers would: an anonymous visitor asks with
# a name and an email address, a member answers, another comments, the
# asker picks the best answer, mail reaches the mock outbox, an editor
# edits with a reason and the revisions show the change.  Then every
# validation error (422 with what was typed), the rate limit (429), the
# spam checks, hostile input in every field, other scripts and emoji,
# the moderation queue, and the view count.  Skipped while cgi-bin/ask
# or cgi-bin/answer is not built.
. "$(dirname "$0")/lib.sh"

program_built ask && program_built answer ||
    skip_all "cgi-bin/ask or cgi-bin/answer is not built"

WEB_MODE=nginx
site_init
# Posting forms must be at least form_min_seconds old; one second keeps
# the test quick.  The rate limits are raised until the test of them.
site_sql "UPDATE settings SET value = '1' WHERE key = 'form_min_seconds';
    UPDATE settings SET value = '1000' WHERE key IN ('rate_q_ip',
    'rate_a_ip', 'rate_c_ip', 'rate_q_user', 'rate_a_user',
    'rate_c_user');"
nginx_start
diag "nginx on $BASE"

PASS='grey-heron-lantern-41'
XSS_NAME='<img src=x onerror=alert(1)>{{TITLE}}'
XSS='<script>alert(1)</script> [x](javascript:alert(1)) <img src=x onerror=alert(1)> {{TITLE}}'
WORLD='Привет 👋 مرحبا'

# --- helpers ---------------------------------------------------------------

# body_has TEXT DESC / body_lacks TEXT DESC: the last body holds TEXT
# (fixed string), or does not.
body_has() {
	grep -qF -- "$1" "$BODY"
	ok $? "$WHAT: $2" || diag "no '$1' in the page ($STATUS)"
}
body_lacks() {
	! grep -qF -- "$1" "$BODY"
	ok $? "$WHAT: $2" || diag "'$1' is in the page: $(grep -F -- "$1" \
	    "$BODY" | head -n 2 | head -c 300)"
}

# inert DESC [notitle]: the last body shows $XSS typed by a person only
# as text: no script element, no img with its handler, no javascript:
# link, and (unless notitle: a page that does not show what was typed)
# {{TITLE}} as typed (the template did not expand it).
inert() {
	body_lacks '<script>alert(1)' "$1: no script element"
	unlike "$(cat "$BODY")" '<img[^>]*onerror' "$WHAT: $1: no onerror"
	unlike "$(cat "$BODY")" 'href="javascript:' \
	    "$WHAT: $1: no javascript: link"
	[ "${2-}" = notitle ] ||
	    body_has '{{TITLE}}' "$1: {{TITLE}} shown as typed"
}

# mail_to ADDR: the last message in the mbox to ADDR, without "From ".
mail_to() {
	awk -v a="$1" '/^From fastqa/ { if (hit) last = m; m = ""; hit = 0
		next }
	    { m = m $0 "\n" } /^To:/ && index($0, a) { hit = 1 }
	    END { if (hit) last = m; printf "%s", last }' "$MBOX"
}

# qid_of PATH: the question id in /q/ID/...
qid_of() {
	printf '%s' "$1" | sed -n 's|^/q/\([0-9]*\).*|\1|p'
}

# --- an anonymous visitor asks -----------------------------------------------

JAR=$WEB_TMP/jar.ada
WHAT="GET /ask as a visitor"
fetch GET /ask
is "$STATUS" 200 "$WHAT: 200"
html=$(form_of /ask)
like "$(value_in "$html" stamp)" '^[0-9]+\.[0-9a-f]{32}$' "$WHAT: a stamp"
like "$html" 'name="website"' "$WHAT: a honeypot field"
like "$html" 'name="email"' "$WHAT: an email field for visitors"

TITLE1='How do I read a FastCGI request body in C?'
BODY1='I call FCGX_GetStr but get a short read on large bodies. What is the loop supposed to look like?'
WHAT="POST /ask as a visitor"
form_post /ask /ask "title=$TITLE1" "body=$BODY1" "tags=" \
    "name=Ada Visitor" "email=ada@example.org" "notify=1"
is "$STATUS" 200 "$WHAT: 200 and the posted page"
Q1=$(grep -oE 'href="/q/[0-9]+/[^"#]*"' "$BODY" | head -n 1 |
    sed -e 's/^href="//' -e 's/"$//')
like "$Q1" '^/q/[0-9]+/' "$WHAT: a link to the question"
Q1ID=$(qid_of "$Q1")
MANAGE1=$(grep -oE '/post/[0-9]+/manage\?key=[A-Za-z0-9_-]+' "$BODY" |
    head -n 1)
like "$MANAGE1" "^/post/$Q1ID/manage\\?key=" "$WHAT: the manage link"
mail_wait 1
ok $? "$WHAT: the manage link is mailed"
like "$(mail_to ada@example.org)" "/post/$Q1ID/manage\\?key=" \
    "$WHAT: to the visitor's address"

WHAT="GET the question"
JAR=$WEB_TMP/jar.reader
fetch GET "$Q1"
is "$STATUS" 200 "$WHAT: 200"
body_has "$(html_escape "$TITLE1")" "the title"
body_has "FCGX_GetStr" "the body"
body_has "Ada Visitor" "the display name"
body_lacks "ada@example.org" "never the email address"
like "$(cat "$BODY")" '[0-9]+ views?' "$WHAT: a view count"
html=$(form_of "/q/$Q1ID/answer")
[ -n "$html" ]
ok $? "$WHAT: an answer form for a visitor"
like "$html" 'name="name"' "$WHAT: the visitor's name field"
like "$(cat "$BODY")" 'Your name to display' "$WHAT: labelled"
like "$(cat "$BODY")" 'only used for sending these notifications' \
    "$WHAT: the email field says what it is for"
like "$(value_in "$html" stamp)" '^[0-9]+\.[0-9a-f]{32}$' \
    "$WHAT: the answer form has a stamp"
like "$(form_of "/q/$Q1ID/comment")" 'name="body"' \
    "$WHAT: a comment form under the question"
unlike "$(cat "$BODY")" '/post/[0-9]+/edit' "$WHAT: no edit link for a reader"
# The page is the one every visitor shares (and nginx caches): no cookie,
# and its forms carry no token (the same-origin headers stand for it).
is "$(set_cookie qa_csrf)" "" "$WHAT: no CSRF cookie on a shared page"
like "$html" 'name="csrf" value=""' "$WHAT: the shared page's form has no token"

# --- a member answers ----------------------------------------------------------

JAR=$WEB_TMP/jar.bob
register bob
is "$STATUS" 303 "register bob: 303"
mail_settle
nmail=$(mail_count)
WHAT="POST /q/$Q1ID/answer as bob"
fetch GET "$Q1"
unlike "$(form_of "/q/$Q1ID/answer")" 'name="email"' \
    "GET the question as bob: no email field for a member"
ANSWER1='Loop until FCGX_GetStr returns 0, appending each chunk to your buffer.'
form_post "$Q1" "/q/$Q1ID/answer" "body=$ANSWER1" "notify=1"
is "$STATUS" 303 "$WHAT: 303"
A1ID=$(location_path | sed -n 's/.*#a\([0-9]*\)$/\1/p')
like "$A1ID" '^[0-9]+$' "$WHAT: to the answer's anchor"
fetch GET "$Q1"
body_has "Loop until FCGX_GetStr returns 0" "the answer is on the page"
body_has '>bob</a>' "by bob"
mail_wait $((nmail + 1))
ok $? "$WHAT: a mail is sent"
m=$(mail_to ada@example.org)
like "$m" '^Subject: .*[Nn]ew answer' "$WHAT: the asker gets 'New answer'"
like "$m" "$BASE/unsubscribe\\?" "$WHAT: with an unsubscribe link"

# --- another member comments ------------------------------------------------------

JAR=$WEB_TMP/jar.carol
register carol
is "$STATUS" 303 "register carol: 303"
WHAT="POST /a/$A1ID/comment as carol"
form_post "$Q1" "/a/$A1ID/comment" "body=Do not forget CONTENT_LENGTH."
is "$STATUS" 303 "$WHAT: 303"
like "$(location_path)" "^/q/$Q1ID/.*#c[0-9]+$" "$WHAT: to the comment"
fetch GET "$Q1"
body_has "Do not forget CONTENT_LENGTH." "the comment is on the page"

# --- the visitor picks the best answer with the manage link ----------------------

JAR=$WEB_TMP/jar.ada
mail_settle
nmail=$(mail_count)
WHAT="GET the manage page"
fetch GET "$MANAGE1"
is "$STATUS" 200 "$WHAT: 200"
WHAT="POST /q/$Q1ID/accept/$A1ID with the key"
form_post "$MANAGE1" "/q/$Q1ID/accept/$A1ID" "key=${MANAGE1#*key=}"
is "$STATUS" 303 "$WHAT: 303"
is "$(site_sql "SELECT accepted_id FROM posts WHERE id = $Q1ID")" "$A1ID" \
    "$WHAT: the answer is the best one"
mail_wait $((nmail + 1))
ok $? "$WHAT: a mail is sent"
like "$(mail_to bob@example.org)" '^Subject: .*selected' \
    "$WHAT: the answerer hears it was selected"
fetch GET "$Q1"
WHAT="GET the question after the choice"
body_has 'Best answer' "the answer is marked best"

# --- a member asks; the asker selects and unselects on the page -------------------

JAR=$WEB_TMP/jar.dave
register dave
is "$STATUS" 303 "register dave: 303"
WHAT="POST /ask as dave"
form_post /ask /ask "title=Which nginx setting limits the request body?" \
    "body=Large posts get a 413 from nginx before my program sees them." \
    "notify=1"
is "$STATUS" 303 "$WHAT: 303"
Q2=$(location_path)
Q2ID=$(qid_of "$Q2")
like "$Q2ID" '^[0-9]+$' "$WHAT: to the question"
JAR=$WEB_TMP/jar.bob
form_post "$Q2" "/q/$Q2ID/answer" \
    "body=Set client_max_body_size in the server block; the default is 1m." \
    "notify=1"
is "$STATUS" 303 "POST /q/$Q2ID/answer as bob: 303"
A2ID=$(location_path | sed -n 's/.*#a\([0-9]*\)$/\1/p')
fetch GET "$Q2"
[ -z "$(form_of "/q/$Q2ID/accept/$A2ID")" ]
ok $? "GET the question as the answerer: no best-answer button"
JAR=$WEB_TMP/jar.dave
WHAT="GET the question as its asker"
fetch GET "$Q2"
html=$(form_of "/q/$Q2ID/accept/$A2ID")
like "$html" 'Select as best answer' "$WHAT: a best-answer button"
like "$(cat "$BODY")" "href=\"/post/$Q2ID/edit\"" "$WHAT: an edit link"
mail_settle
nmail=$(mail_count)
WHAT="POST /q/$Q2ID/accept/$A2ID as the asker"
form_post "$Q2" "/q/$Q2ID/accept/$A2ID"
is "$STATUS" 303 "$WHAT: 303"
is "$(site_sql "SELECT accepted_id FROM posts WHERE id = $Q2ID")" "$A2ID" \
    "$WHAT: selected"
mail_wait $((nmail + 1))
ok $? "$WHAT: the answerer gets a mail"
like "$(mail_last)" '^Subject: .*selected' "$WHAT: that it was selected"
fetch GET "$Q2"
like "$(form_of "/q/$Q2ID/accept/$A2ID")" 'Unselect' \
    "GET the question: 'Unselect' on the best answer"
form_post "$Q2" "/q/$Q2ID/accept/$A2ID" "undo=1"
is "$STATUS" 303 "POST Unselect: 303"
is "$(site_sql "SELECT ifnull(accepted_id, 0) FROM posts
    WHERE id = $Q2ID")" 0 "POST Unselect: no best answer any more"

# --- an editor edits with a reason ----------------------------------------------

"$QA_ADMIN" -d "$DB" create-user editor editor@example.org --level editor \
    --password "$PASS" > "$WEB_TMP/ed.out" 2>&1
ok $? "qa-admin create-user editor --level editor" ||
    diag "$(cat "$WEB_TMP/ed.out")"
JAR=$WEB_TMP/jar.ed
login_as editor "$PASS"
is "$STATUS" 303 "editor logs in: 303"
WHAT="GET the question as an editor"
fetch GET "$Q1"
like "$(cat "$BODY")" "href=\"/post/$Q1ID/edit\"" "$WHAT: an edit link"
like "$(cat "$BODY")" "href=\"/post/$A1ID/edit\"" \
    "$WHAT: an edit link on the answer too"
WHAT="POST /post/$Q1ID/edit as editor"
fetch GET "/post/$Q1ID/edit"
is "$STATUS" 200 "GET /post/$Q1ID/edit as editor: 200"
EDITED1='I call FCGX_GetStr but get a short read on bodies over 64 KiB. What should the read loop look like?'
form_post "/post/$Q1ID/edit" "/post/$Q1ID/edit" "title=$TITLE1" \
    "body=$EDITED1" "tags=" "category=0" "reason=clearer question"
is "$STATUS" 303 "$WHAT: 303"
fetch GET "$Q1"
WHAT="GET the edited question"
body_has "bodies over 64 KiB" "the new text"
like "$(tr '\n' ' ' < "$BODY")" 'edited by <a href="/user/editor">editor</a>' \
    "$WHAT: edited by editor"
like "$(cat "$BODY")" "href=\"/post/$Q1ID/revisions\"" \
    "$WHAT: a revisions link"
WHAT="GET /post/$Q1ID/revisions"
fetch GET "/post/$Q1ID/revisions"
is "$STATUS" 200 "$WHAT: 200"
like "$(cat "$BODY")" '<del>' "$WHAT: what was removed in <del>"
like "$(cat "$BODY")" '<ins>' "$WHAT: what was added in <ins>"
body_has "clearer question" "the reason"

# --- validation: 422 with what was typed ------------------------------------------

JAR=$WEB_TMP/jar.eve
GOODT='A perfectly fine question title here'
GOODB='And a body that is long enough to pass the minimum length check.'
# ask_422 DESC WANT_TEXT FIELD=VALUE...: POST /ask as a visitor, 422, and
# the page holds WANT_TEXT (escaped as the page writes it).
ask_422() {
	local desc=$1 want=$2
	shift 2
	WHAT="POST /ask $desc"
	form_post /ask /ask "$@"
	is "$STATUS" 422 "$WHAT: 422"
	body_has "$(html_escape "$want")" "what was typed is in the form"
}
ask_422 "with a title too short" 'Too short' "title=Too short" \
    "body=$GOODB"
long=$(printf 'x%.0s' $(seq 151))
ask_422 "with a title too long" "$long" "title=$long" "body=$GOODB"
ask_422 "with an empty body" "$GOODT" "title=$GOODT" "body="
long=$(printf 'word %.0s' $(seq 6001))
ask_422 "with a body too long" "word word word" "title=$GOODT" \
    "body=$long"
ask_422 "with too many tags" 'c sql nginx linux http fastcgi' \
    "title=$GOODT" "body=$GOODB" "tags=c sql nginx linux http fastcgi"
ask_422 "with a bad tag" 'no/slashes!' "title=$GOODT" "body=$GOODB" \
    "tags=no/slashes!"
ask_422 "with a new tag by a visitor" 'brandnewtag' "title=$GOODT" \
    "body=$GOODB" "tags=brandnewtag"
HONEYPOT=http://spam.example ask_422 "with the honeypot filled" "$GOODT" \
    "title=$GOODT" "body=$GOODB"
NOSTAMP=1 ask_422 "without a stamp" "$GOODT" "title=$GOODT" "body=$GOODB"
# Too fast: the form sent within the second it was served.
while [ "$(date +%N | cut -c1)" -ge 7 ]; do sleep 0.05; done
FAST=1 ask_422 "sent at once" "$GOODT" "title=$GOODT" "body=$GOODB"
is "$(site_sql "SELECT count(*) FROM posts WHERE title = '$GOODT'")" 0 \
    "POST /ask: none of these made a question"

site_sql "UPDATE posts SET closed = 1 WHERE id = $Q2ID"
WHAT="POST /q/$Q2ID/answer on a closed question"
fetch GET "$Q2"
like "$(cat "$BODY")" 'closed' "GET a closed question: says it is closed"
[ -z "$(form_of "/q/$Q2ID/answer")" ]
ok $? "GET a closed question: no answer form"
# The form from before it was closed.
site_sql "UPDATE posts SET closed = 0 WHERE id = $Q2ID"
fetch GET "$Q2"
html=$(form_of "/q/$Q2ID/answer")
site_sql "UPDATE posts SET closed = 1 WHERE id = $Q2ID"
sleep 1
REQ_HEADERS=("Origin: $BASE" "Sec-Fetch-Site: same-origin")
fetch POST "/q/$Q2ID/answer" "$(form_body "body=An answer typed before the close, long enough." \
    "csrf=$(value_in "$html" csrf)" "stamp=$(value_in "$html" stamp)" \
    website=)"
REQ_HEADERS=()
is "$STATUS" 422 "$WHAT: 422"
body_has "An answer typed before the close" "what was typed is in the form"
site_sql "UPDATE posts SET closed = 0 WHERE id = $Q2ID"

WHAT="POST /q/$Q1ID/comment too long"
long=$(printf 'blah %.0s' $(seq 130))
form_post "$Q1" "/q/$Q1ID/comment" "body=$long"
is "$STATUS" 422 "$WHAT: 422"
body_has "blah blah blah" "what was typed is in the form"
WHAT="POST /q/$Q1ID/answer with an empty body"
form_post "$Q1" "/q/$Q1ID/answer" "body=" "name=Eve Typed"
is "$STATUS" 422 "$WHAT: 422"
body_has "Eve Typed" "the name typed is in the form"

# --- hostile input comes back inert -------------------------------------------------

WHAT="POST /ask with markup in every field (422)"
HONEYPOT=x form_post /ask /ask "title=$XSS" "body=$XSS" "tags=$XSS" \
    "name=$XSS" "email=$XSS"
is "$STATUS" 422 "$WHAT: 422"
inert "the re-rendered form"
WHAT="POST /ask with markup in the title, body and name"
form_post /ask /ask "title=Why $XSS" "body=Body $XSS" "tags=" \
    "name=$XSS_NAME" "email="
is "$STATUS" 200 "$WHAT: 200"
inert "the posted page" notitle
Q3=$(grep -oE 'href="/q/[0-9]+/[^"#]*"' "$BODY" | head -n 1 |
    sed -e 's/^href="//' -e 's/"$//')
Q3ID=$(qid_of "$Q3")
WHAT="GET the question with markup"
fetch GET "$Q3"
is "$STATUS" 200 "$WHAT: 200"
inert "the question page"
body_has "$(html_escape '<script>alert(1)</script>')" "the title escaped"
fetch GET /
WHAT="GET / after the question with markup"
inert "the home page"
WHAT="POST /q/$Q3ID/answer with markup (422)"
HONEYPOT=x form_post "$Q3" "/q/$Q3ID/answer" "body=$XSS" "name=$XSS" \
    "email=$XSS"
is "$STATUS" 422 "$WHAT: 422"
inert "the re-rendered form"
WHAT="POST /q/$Q3ID/comment with markup (422)"
HONEYPOT=x form_post "$Q3" "/q/$Q3ID/comment" "body=$XSS" "name=$XSS"
is "$STATUS" 422 "$WHAT: 422"
inert "the re-rendered form"
WHAT="POST /q/$Q3ID/comment with markup"
form_post "$Q3" "/q/$Q3ID/comment" "body=C $XSS" "name=$XSS_NAME"
is "$STATUS" 303 "$WHAT: 303"
fetch GET "$Q3"
WHAT="GET the question with a comment with markup"
inert "the question page"

# --- other scripts and emoji ------------------------------------------------------

WHAT="POST /ask in Russian and Arabic with an emoji"
form_post /ask /ask "title=$WORLD: which encoding?" \
    "body=$WORLD, the body says so too, with enough text." \
    "name=$WORLD" "email="
is "$STATUS" 200 "$WHAT: 200"
Q4=$(grep -oE 'href="/q/[0-9]+/[^"#]*"' "$BODY" | head -n 1 |
    sed -e 's/^href="//' -e 's/"$//')
fetch GET "$Q4"
is "$STATUS" 200 "GET the question: 200"
WHAT="GET $WORLD"
body_has "<h1><a href=\"$Q4\">$WORLD: which encoding?</a></h1>" \
    "the title as typed"
body_has "$WORLD, the body says so too" "the body as typed"
body_has "$WORLD</span>" "the name as typed"

# --- the moderation queue ------------------------------------------------------------

site_sql "UPDATE settings SET value = '1' WHERE key = 'queue_anon'"
programs_restart
JAR=$WEB_TMP/jar.queued
WHAT="POST /ask by a visitor while visitors are queued"
form_post /ask /ask "title=A queued question from a visitor" \
    "body=This should wait for a moderator before anyone sees it." \
    "email="
is "$STATUS" 200 "$WHAT: 200"
QQ=$(grep -oE 'href="/q/[0-9]+/[^"#]*"' "$BODY" | head -n 1 |
    sed -e 's/^href="//' -e 's/"$//')
QQID=$(qid_of "$QQ")
is "$(site_sql "SELECT status FROM posts WHERE id = $QQID")" 0 \
    "$WHAT: the question is queued"
JAR=$WEB_TMP/jar.other
fetch GET "$QQ"
is "$STATUS" 404 "GET the queued question as another visitor: 404"
fetch GET /
! grep -qF "A queued question from a visitor" "$BODY"
ok $? "GET / as another visitor: not listed"
WHAT="POST /q/$Q1ID/answer by a visitor while visitors are queued"
form_post "$Q1" "/q/$Q1ID/answer" \
    "body=A queued answer that only moderators may see for now."
is "$STATUS" 200 "$WHAT: 200"
fetch GET "$Q1"
! grep -qF "A queued answer that only moderators" "$BODY"
ok $? "GET the question as a visitor: the queued answer is not there"
"$QA_ADMIN" -d "$DB" create-user mod mod@example.org --level moderator \
    --password "$PASS" > "$WEB_TMP/mo.out" 2>&1
ok $? "qa-admin create-user mod --level moderator" ||
    diag "$(cat "$WEB_TMP/mo.out")"
JAR=$WEB_TMP/jar.mod
login_as mod "$PASS"
is "$STATUS" 303 "mod logs in: 303"
WHAT="GET the queued question as a moderator"
fetch GET "$QQ"
is "$STATUS" 200 "$WHAT: 200"
body_has "Waiting for approval" "marked as waiting"
WHAT="GET the question with a queued answer as a moderator"
fetch GET "$Q1"
body_has "A queued answer that only moderators" "the queued answer"
body_has "Waiting for approval" "marked as waiting"
site_sql "UPDATE settings SET value = '0' WHERE key = 'queue_anon'"

# --- view counts -----------------------------------------------------------------------

# The view program writes counts at most every 5 s (and at once for the
# first view a process counts); the view that comes 5 s after the last
# write writes them all, its own included.
views() {
	site_sql "SELECT views FROM posts WHERE id = $Q4ID"
}
Q4ID=$(qid_of "$Q4")
# A visitor with the visitor cookie, so that every GET reaches the
# program (nginx's shared copies are not counted).
JAR=$WEB_TMP/jar.views
fetch GET /login
v0=$(views)
programs_restart
fetch GET "$Q4"
sleep 0.5
is "$(views)" $((v0 + 1)) "views: a new process writes its first view"
fetch GET "$Q4"
sleep 0.5
# As plain CGI each request is a new process: every view is its first.
if server_keeps_programs; then
	is "$(views)" $((v0 + 1)) "views: the next one waits"
else
	is "$(views)" $((v0 + 2)) "views: as CGI, the next one is written at once"
fi
sleep 5
fetch GET "$Q4"
sleep 0.5
v1=$(views)
is "$v1" $((v0 + 3)) "views: both written 5 s after the last write"
fetch HEAD "$Q4"
REQ_HEADERS=("User-Agent: Mozilla/5.0 (compatible; Googlebot/2.1)")
fetch GET "$Q4"
REQ_HEADERS=("User-Agent: ExampleSpider/1.0")
fetch GET "$Q4"
# A reload: the page is made anew, not given from the program's store of
# pages, where the count may be a minute behind (tests/web/pagecache.t).
REQ_HEADERS=("Cache-Control: no-cache")
fetch GET "$Q4"
REQ_HEADERS=()
if server_keeps_programs; then
	is "$(views)" "$v1" "views: not written again within 5 s"
else
	is "$(views)" $((v1 + 1)) "views: as CGI, written at once"
fi
like "$(cat "$BODY")" "$((v1 + 1)) views" \
    "views: the page counts the views not yet written"
sleep 5.2
fetch GET "$Q4"
sleep 0.5
is "$(views)" $((v1 + 2)) "views: HEAD and robots are not counted"

# --- a site that takes no posts from visitors ---------------------------------------------

site_sql "UPDATE settings SET value = '0' WHERE key = 'anon_posting'"
programs_restart
JAR=$WEB_TMP/jar.nobody
WHAT="GET a question as a visitor without anonymous posting"
fetch GET "$Q1"
is "$STATUS" 200 "$WHAT: 200"
[ -z "$(form_of "/q/$Q1ID/answer")" ] && [ -z "$(form_of "/q/$Q1ID/comment")" ]
ok $? "$WHAT: no answer or comment form"
like "$(cat "$BODY")" "href=\"/login\?next=[^\"]*$Q1ID[^\"]*\">Log in to answer</a>" \
    "$WHAT: 'Log in to answer', back to the question"
[ -z "$(set_cookie qa_csrf)" ]
ok $? "$WHAT: no CSRF cookie without a form"

# --- locked comments ---------------------------------------------------------------

site_sql "UPDATE settings SET value = '1' WHERE key = 'anon_posting'"
programs_restart
JAR=$WEB_TMP/jar.locked
fetch GET /login	# the visitor cookie: live pages, just after the change
fetch GET "$Q1"
[ -n "$(form_of "/q/$Q1ID/comment")" ]
ok $? "a visitor may comment on an open question"
site_sql "UPDATE posts SET comments_locked = 1 WHERE id = $Q1ID"
WHAT="GET a question whose comments are locked"
fetch GET "$Q1"
is "$STATUS" 200 "$WHAT: 200"
[ -z "$(form_of "/q/$Q1ID/comment")" ]
ok $? "$WHAT: no comment form under the question"
site_sql "UPDATE posts SET comments_locked = 0 WHERE id = $Q1ID"

# --- the rate limit ----------------------------------------------------------------------

site_sql "UPDATE settings SET value = '1' WHERE key = 'anon_posting';
    UPDATE settings SET value = '1' WHERE key = 'rate_q_ip'"
programs_restart
JAR=$WEB_TMP/jar.limited
WHAT="POST /ask over the rate limit"
form_post /ask /ask "title=One question too many for today" \
    "body=This one goes over the limit of questions per address." \
    "name=Limited Larry"
is "$STATUS" 429 "$WHAT: 429"
body_has "One question too many for today" "the title typed is kept"
body_has "Limited Larry" "the name typed is kept"
[ -n "$(header Retry-After)" ]
ok $? "$WHAT: Retry-After"

done_testing
