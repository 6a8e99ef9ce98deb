#!/bin/bash
# pagecache.t: the view program's own store of the pages it made for
# visitors without a session (lib/pagecache.c), seen from outside.
# Visitors with the visitor cookie go past nginx's micro-cache, so each
# of their requests reaches the program.  The store gives a page again
# while the site's change stamp and the minute are those it was made
# with: a change to the database that moves no stamp (the views column)
# does not show on a stored page, but shows at once on a reload
# (Cache-Control: no-cache), for a member, and with page_cache_kb = 0;
# a write through the site shows at once, on the question and the home
# page.  A page from the store carries the visitor's own CSRF token
# (accepted by the site; "" on the page every visitor shares) and form
# stamps made now (accepted too), and its view is still counted.  As
# plain CGI (FASTQA_WEB_SERVER=apache-cgi) nothing is kept, and each
# such change shows at once.
. "$(dirname "$0")/lib.sh"

program_built answer && program_built ask ||
    skip_all "cgi-bin/answer or ask is not built"

WEB_MODE=nginx
site_init
# Posting forms must be at least form_min_seconds old; one second keeps
# the test quick.
site_sql "UPDATE settings SET value = '1' WHERE key = 'form_min_seconds';
    UPDATE settings SET value = '1000' WHERE key IN ('rate_q_ip',
    'rate_a_ip', 'rate_q_user', 'rate_a_user');"
PASS='quiet-fern-ledger-58'
"$QA_ADMIN" -d "$DB" create-user reader reader@example.org \
    --password "$PASS" > /dev/null || bail "create-user failed"
server_start
diag "$WEB_SERVER on $BASE"

# Two questions: Q for the store and the tokens, Q2 only for counting
# its views.
QID=$(site_sql "SELECT id FROM posts WHERE type = 1 AND status = 1
    ORDER BY id LIMIT 1")
Q=$(site_sql "SELECT '/q/' || id || '/' || slug FROM posts WHERE id = $QID")
Q2ID=$(site_sql "SELECT id FROM posts WHERE type = 1 AND status = 1
    ORDER BY id LIMIT 1 OFFSET 1")
Q2=$(site_sql "SELECT '/q/' || id || '/' || slug FROM posts WHERE id = $Q2ID")

# --- helpers ---------------------------------------------------------------

# shown_views: the view count the last body shows ("2229 views").
shown_views() {
	sed -n 's/.*<span class="views">\([0-9]*\) views*<.*/\1/p' "$BODY" |
	    head -n 1
}

# views ID: question ID's views column.
views() {
	site_sql "SELECT views FROM posts WHERE id = $1"
}

# poke ID: change what question ID's page shows without moving the
# site's change stamp (views has no trigger, see sql/schema.sql): a
# page made from the database afterwards shows 1000 views more, a
# stored one does not.  The view program may be writing its counts
# just then (after a response), so this waits for the lock.
poke() {
	sqlite3 -batch -bail -cmd '.timeout 5000' "$DB" \
	    "UPDATE posts SET views = views + 1000 WHERE id = $1" ||
	    bail "cannot change the views of question $1"
}

# stored_check DESC BEFORE: the last body is the page that showed BEFORE
# views, given again from the program's store although the question
# was poked since; as plain CGI, where nothing is kept, it is made anew
# and shows the poke.
stored_check() {
	local got
	got=$(shown_views)
	if server_keeps_programs; then
		is "$got" "$2" \
		    "$1: from the store (a change moving no stamp is not shown)"
	else
		[ -n "$got" ] && [ -n "$2" ] && [ "$got" -ge $(($2 + 1000)) ]
		ok $? "$1: made anew as plain CGI, with the change ($2 -> $got)"
	fi
}

# csrf_values: the distinct values of the csrf fields of the last body,
# one a line ("" for an empty one).
csrf_values() {
	grep -o 'name="csrf" value="[^"]*"' "$BODY" |
	    sed 's/.*value="\([^"]*\)"/"\1"/' | sort -u
}

# stamp_times: the time parts of the stamp fields of the last body, one
# a line.
stamp_times() {
	grep -o 'name="stamp" value="[0-9]*\.' "$BODY" |
	    sed 's/.*value="\([0-9]*\)\./\1/'
}

# no_stamps FILE: FILE with the values of its stamp fields left out.
no_stamps() {
	sed -E 's/(name="stamp" value=")[0-9]+\.[0-9a-f]+"/\1"/g' "$1"
}

# minute_room N: wait until N seconds are left in this minute.  A stored
# page is given only in the minute it was made in (pages say "3 minutes
# ago"), so what must come from the store is asked for within one.
minute_room() {
	while [ $((60 - $(date +%s) % 60)) -lt "$1" ]; do
		sleep 0.2
	done
}

# now_ms: the time in milliseconds.
now_ms() {
	echo $(($(date +%s%N) / 1000000))
}

# --- two visitors ----------------------------------------------------------

JAR1=$WEB_TMP/jar.one
JAR2=$WEB_TMP/jar.two
JAR3=$WEB_TMP/jar.reader
: > "$JAR1"
: > "$JAR2"
: > "$JAR3"
JAR=$JAR1
fetch GET /login
TOKEN1=$(value_in "$(form_of /login)" csrf)
JAR=$JAR2
fetch GET /login
TOKEN2=$(value_in "$(form_of /login)" csrf)
[ -n "$TOKEN1" ] && [ -n "$TOKEN2" ] && [ "$TOKEN1" != "$TOKEN2" ] &&
    [ -n "$(JAR=$JAR1 jar_cookie qa_csrf)" ]
ok $? "two visitors with a visitor cookie and a token each"

# From here to the shared page's second visit, each page that must come
# from the store is asked for in the minute its copy was made in.
minute_room 10

# --- a visitor's second view comes from the store --------------------------

JAR=$JAR1
WHAT="a visitor's GET of the question"
fetch GET "$Q"
is "$STATUS" 200 "$WHAT: 200"
cache_is BYPASS "$WHAT: past nginx's micro-cache (the visitor cookie)"
is "$(header Cache-Control)" "private, no-cache" "$WHAT: private"
SHOWN1=$(shown_views)
like "$SHOWN1" '^[0-9]+$' "$WHAT: a view count"
cp "$BODY" "$WEB_TMP/first.body"
poke "$QID"
WHAT="the visitor's next GET"
fetch GET "$Q"
is "$STATUS" 200 "$WHAT: 200"
stored_check "$WHAT" "$SHOWN1"
if server_keeps_programs; then
	diff <(no_stamps "$WEB_TMP/first.body") <(no_stamps "$BODY") \
	    > "$WEB_TMP/diff.out"
	ok $? "$WHAT: the same page, but for the form stamps" ||
	    diag "$(head -n 10 "$WEB_TMP/diff.out")"
fi
is "$(header Cache-Control)" "private, no-cache" "$WHAT: still private"

WHAT="a reload (Cache-Control: no-cache)"
REQ_HEADERS=("Cache-Control: no-cache")
fetch GET "$Q"
REQ_HEADERS=()
is "$STATUS" 200 "$WHAT: 200"
SHOWN_R=$(shown_views)
[ -n "$SHOWN_R" ] && [ "$SHOWN_R" -ge $((SHOWN1 + 1000)) ]
ok $? "$WHAT: made anew, the change shows ($SHOWN1 -> $SHOWN_R)"

# --- views of pages from the store are counted (first part) ----------------

# Q2 is not seen anywhere else: each of these GETs is counted, the first
# made by the handler, the others given from the store.
V0=$(views "$Q2ID")
WHAT="four visitor GETs of a second question"
shown=
for i in 1 2 3 4; do
	fetch GET "$Q2"
	[ "$STATUS" = 200 ] || break
	shown="$shown $(shown_views)"
done
is "$STATUS" 200 "$WHAT: 200"
shown=${shown# }
set -- $shown
if server_keeps_programs; then
	[ $# = 4 ] && [ "$1" = "$2" ] && [ "$1" = "$3" ] && [ "$1" = "$4" ]
	ok $? "$WHAT: the last three, from the store, show the first's ($shown)"
else
	[ $# = 4 ] && [ "$2" -gt "$1" ] && [ "$4" -gt "$3" ]
	ok $? "$WHAT: as plain CGI each shows the count so far ($shown)"
fi

# --- each visitor gets their own token in a stored page --------------------

poke "$QID"
JAR=$JAR2
WHAT="another visitor's GET of the question"
fetch GET "$Q"
is "$STATUS" 200 "$WHAT: 200"
stored_check "$WHAT" "$SHOWN_R"
SHOWN2=$(shown_views)
is "$(csrf_values)" "\"$TOKEN2\"" "$WHAT: every form carries their own token"
is "$(grep -c 'name="csrf"' "$BODY")" \
    "$(grep -c 'name="csrf"' "$WEB_TMP/first.body")" \
    "$WHAT: in as many forms as the first visitor's page"
cp "$BODY" "$WEB_TMP/two.body"
STAMP2=$(value_in "$(form_of "/q/$QID/answer")" stamp)
CSRF2=$(value_in "$(form_of "/q/$QID/answer")" csrf)
like "$STAMP2" '^[0-9]+\.[0-9a-f]{32}$' "$WHAT: the answer form has a stamp"
TIMES2=$(stamp_times | sort -u)

JAR=$JAR1
WHAT="the first visitor's GET again"
fetch GET "$Q"
is "$(csrf_values)" "\"$TOKEN1\"" "$WHAT: their own token, not the other's"
server_keeps_programs && is "$(shown_views)" "$SHOWN_R" \
    "$WHAT: from the store too"

# The page every visitor without a cookie shares: its forms carry no
# token, also when it comes from the store.
JAR=
WHAT="a GET of the question without a cookie"
fetch GET "$Q"
is "$STATUS" 200 "$WHAT: 200"
cache_is MISS "$WHAT: nginx asks the program"
is "$(csrf_values)" '""' "$WHAT: the forms' token is empty"
is "$(grep -ci '^set-cookie:' "$HDRS")" 0 "$WHAT: no cookie"
SHOWN_S=$(shown_views)
poke "$QID"

# --- form stamps are made for each request ---------------------------------

# Stamps count seconds; nginx keeps its copy of the shared page 1 to 2 s.
sleep 2.1
JAR=$JAR2
WHAT="the other visitor's GET 2 s later"
fetch GET "$Q"
stored_check "$WHAT" "$SHOWN2"
TIMES3=$(stamp_times | sort -u)
[ -n "$TIMES3" ] && [ "$(printf '%s\n' "$TIMES3" | wc -l)" = 1 ] &&
    [ "$TIMES3" -gt "$TIMES2" ]
ok $? "$WHAT: every stamp has the new time ($TIMES2 -> $TIMES3)"
is "$(stamp_times | wc -l)" "$(grep -c 'name="stamp"' "$WEB_TMP/two.body")" \
    "$WHAT: as many stamps as before"
[ "$(value_in "$(form_of "/q/$QID/answer")" stamp)" != "$STAMP2" ]
ok $? "$WHAT: the answer form's stamp changed"
is "$(csrf_values)" "\"$TOKEN2\"" "$WHAT: the token stays theirs"

JAR=
WHAT="the GET without a cookie 2 s later"
fetch GET "$Q"
is "$STATUS" 200 "$WHAT: 200"
if server_caches; then
	[ "$(header X-Cache)" != HIT ]
	ok $? "$WHAT: nginx's copy has expired ($(header X-Cache))"
fi
stored_check "$WHAT" "$SHOWN_S"
is "$(csrf_values)" '""' "$WHAT: the forms' token is still empty"

# --- the token and stamp of a stored page are the site's -------------------

# Without Origin or Sec-Fetch-Site, a visitor's POST must carry the
# token of their cookie (lib/auth.c auth_csrf_check()).
JAR=$JAR2
REQ_HEADERS=()
ANSWER="An answer number $RANDOM sent from a page the program had kept"
WHAT="the other visitor answers"
fetch POST "/q/$QID/answer" "$(form_body "body=$ANSWER, long enough for \
the answer form." "csrf=$TOKEN1" "stamp=$STAMP2" "website=" \
    "name=Second Visitor")"
is "$STATUS" 403 "$WHAT with the first visitor's token: 403"
fetch POST "/q/$QID/answer" "$(form_body "body=$ANSWER, long enough for \
the answer form." "csrf=$CSRF2" "stamp=$STAMP2" \
    "website=" "name=Second Visitor")"
is "$STATUS" 200 "$WHAT with the token and stamp of the stored page: 200"
grep -qF 'Your answer is posted' "$BODY"
ok $? "$WHAT: the answer is taken" ||
    diag "$(grep -o '<p class="error[^<]*' "$BODY" | head -n 3)"

# --- a write shows at once -------------------------------------------------

JAR=$JAR1
WHAT="the first visitor's GET after the answer"
fetch GET "$Q"
T_LAST=$(now_ms)
is "$STATUS" 200 "$WHAT: 200"
grep -qF "$ANSWER" "$BODY"
ok $? "$WHAT: shows the answer at once (the stamp moved)"
[ -n "$(shown_views)" ] && [ "$(shown_views)" -ge $((SHOWN_R + 2000)) ]
ok $? "$WHAT: made anew from the database"

WHAT="the first visitor's home page"
fetch GET /
is "$STATUS" 200 "$WHAT: 200"
JAR=$JAR3
login_as reader "$PASS"
is "$STATUS" 303 "reader logs in: 303"
TITLE="Which tide table does the harbour office $RANDOM use?"
form_post /ask /ask "title=$TITLE" "body=The one on the notice board \
disagrees with the app by twenty minutes every spring tide." "tags=" \
    "post=1"
is "$STATUS" 303 "reader asks: 303"
NEWQ=$(location_path)
JAR=$JAR1
fetch GET /
grep -qF "$(html_escape "$TITLE")" "$BODY"
ok $? "$WHAT after reader asks: the new question at once"

# --- views of pages from the store are counted (second part) ---------------

# A flush is due on a view 5 s after the last one (views_due()): the
# last counted GET was T_LAST, so the one below writes every pending
# view of Q2, its own too.
WHAT="views of the second question"
if server_keeps_programs; then
	while [ $(($(now_ms) - T_LAST)) -lt 5200 ]; do
		sleep 0.1
	done
fi
fetch GET "$Q2"
sleep 0.5
is "$(views "$Q2ID")" $((V0 + 5)) \
    "$WHAT: all five counted, those from the store too"

# --- members never get a stored page ---------------------------------------

JAR=$JAR3
WHAT="reader's GET of the question"
fetch GET "$Q"
is "$STATUS" 200 "$WHAT: 200"
grep -qF '>reader<' "$BODY"
ok $? "$WHAT: the page names reader"
SHOWN_M=$(shown_views)
poke "$QID"
fetch GET "$Q"
[ -n "$(shown_views)" ] && [ "$(shown_views)" -ge $((SHOWN_M + 1000)) ]
ok $? "$WHAT again: made anew, the change shows ($SHOWN_M -> $(shown_views))"
grep -qF '>reader<' "$BODY"
ok $? "$WHAT again: still reader's page"
JAR=$JAR1
fetch GET "$Q"
! grep -qF '>reader<' "$BODY"
ok $? "a visitor's GET after it: not reader's page"
[ -n "$NEWQ" ] && fetch GET "$NEWQ"
is "$STATUS" 200 "a visitor's GET of reader's new question: 200"

# --- page_cache_kb = 0: no store -------------------------------------------

conf_set page_cache_kb 0
programs_restart
minute_room 3
JAR=$JAR1
WHAT="page_cache_kb = 0: a visitor's GET"
fetch GET "$Q"
is "$STATUS" 200 "$WHAT: 200"
SHOWN_0=$(shown_views)
poke "$QID"
fetch GET "$Q"
[ -n "$(shown_views)" ] && [ "$(shown_views)" -ge $((SHOWN_0 + 1000)) ]
ok $? "$WHAT again: made anew, the change shows ($SHOWN_0 -> $(shown_views))"

done_testing
