#!/bin/bash
# queries.t: every page asks the database a small, bounded number of
# questions, the same however many items it lists (no query per item).
# With config log_queries = 1 each program logs "PROG: METHOD URI:
# STATUS, N queries" per request (the db_stmt() and db_exec() calls of
# the request, lib/db.c db_queries()); the pages run as plain CGI, so
# nothing is reused from a store and every page is made from the
# database.  The counts are printed as diagnostics (bench/README.md
# lists them).
. "$(dirname "$0")/lib.sh"

# The most queries a page may make (the question page, logged in, is the
# largest: see the diagnostics).
MAX_QUERIES=15

site_init
conf_set log_queries 1
FAST=1
PASS='lantern-quiet-harbor-41'
"$QA_ADMIN" -d "$DB" create-user counter counter@example.org \
    --password "$PASS" > /dev/null || bail "create-user failed"
site_sql "UPDATE settings SET value = '0' WHERE key = 'form_min_seconds';
    UPDATE settings SET value = '1000' WHERE key IN ('rate_q_ip',
    'rate_q_user', 'rate_a_ip', 'rate_a_user');" ||
    bail "cannot change the settings"
server_start
WEB_MODE=nginx

# queries URI: fetch URI (200 expected) and print the count of queries
# the program logged for it.
queries() {
	local n
	: > "$WEB_TMP/fastqa.log"
	fetch GET "$1"
	[ "$STATUS" = 200 ] || { diag "GET $1: $STATUS" >&2; echo -1; return; }
	n=$(sed -n 's/.*, \([0-9][0-9]*\) queries$/\1/p' "$WEB_TMP/fastqa.log" |
	    tail -n 1)
	echo "${n:--1}"
}

# bounded WHAT URI: the page answers 200 with at most MAX_QUERIES
# queries, and at least one (the count is real).
bounded() {
	local n
	n=$(queries "$2")
	diag "$1 ($2): $n queries"
	ok "$([ "$n" -ge 1 ] && [ "$n" -le "$MAX_QUERIES" ]; echo $?)" \
	    "$1: between 1 and $MAX_QUERIES queries ($n)"
	eval "Q_$3=$n"
}

# More questions than fit a page, with tags, answers and comments, asked
# through the site.
JAR=$WEB_TMP/counter.jar
: > "$JAR"
login_as counter "$PASS"
is "$STATUS" 303 "the member logs in"
CATID=$(site_sql "SELECT id FROM categories ORDER BY id LIMIT 1")
for i in $(seq 24); do
	form_post /ask /ask "title=Question number $i about sleeping badly" \
	    "body=How do I sleep better when work keeps me up? ($i)" \
	    "tags=sleep work$((i % 5))" "category=$CATID" "post=1" > /dev/null
	[ "$STATUS" = 303 ] ||
	    diag "ask $i: $STATUS $(grep -o 'class="error[^<]*<[^<]*' "$BODY" |
	    head -n 3)"
done
is "$(site_sql "SELECT count(*) FROM posts WHERE type = 1 AND
    title LIKE 'Question number %'")" 24 "24 questions asked"
QID=$(site_sql "SELECT id FROM posts WHERE title =
    'Question number 3 about sleeping badly'")
QURL=$(site_sql "SELECT '/q/' || id || '/' || slug FROM posts
    WHERE id = $QID")
for i in 1 2 3; do
	form_post "$QURL" "/q/$QID/answer" \
	    "body=Answer $i: keep a regular bedtime and no screens." > /dev/null
done
CAT=$(site_sql "SELECT slug FROM categories ORDER BY id LIMIT 1")
HANDLE=$(site_sql "SELECT handle FROM users WHERE handle = 'counter'")
PSIZE=$(site_sql "SELECT value FROM settings WHERE key = 'page_size'")
NQ=$(site_sql "SELECT count(*) FROM posts WHERE type = 1 AND status = 1")
LAST=$(((NQ + ${PSIZE:-20} - 1) / ${PSIZE:-20}))

# --- as a visitor -------------------------------------------------------------

# Counted as plain CGI: every request is made from the database.
WEB_MODE=cgi
JAR=
bounded "home" / home
bounded "questions, page 1" /questions list1
bounded "questions, last page" "/questions?page=$LAST" listlast
bounded "question page" "$QURL" question
bounded "tags" /tags tags
bounded "tag page" /tag/sleep tag
bounded "categories" /categories cats
[ -n "$CAT" ] && bounded "category page" "/c/$CAT" cat
bounded "search" "/search?q=sleeping+badly" search
bounded "user page" "/user/$HANDLE" user
bounded "feed" /feed/questions.atom feed

# No query per item: a full page of questions costs what a page of a few
# costs.
if [ "$LAST" -gt 1 ]; then
	is "$Q_list1" "$Q_listlast" \
	    "a full list page makes as many queries as the last, shorter one"
else
	skip "only one page of questions"
fi

# --- as the member ----------------------------------------------------------------

JAR=$WEB_TMP/counter.jar
bounded "home, member" / mhome
bounded "question page, member" "$QURL" mquestion
bounded "ask form, member" /ask mask

# A question with more answers costs no more queries per answer.
for i in 4 5 6 7 8 9; do
	form_post "$QURL" "/q/$QID/answer" \
	    "body=Answer $i: a walk in the evening helps too." > /dev/null
done
n=$(queries "$QURL")
diag "question page with 9 answers, member: $n queries"
is "$n" "$Q_mquestion" \
    "the question page makes as many queries with 9 answers as with 3"

done_testing
