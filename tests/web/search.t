#!/bin/bash
# search.t: GET /search through a real nginx and the view program, then a
# few of the same requests with view as plain CGI: the empty form and the
# header's search box, ranking, phrases, exclusions, OR, each operator
# checked against the database, paging that keeps the query, the marks
# around matched words with hostile titles and bodies (and stored mark
# bytes) escaped, odd and unparsable queries (200, no results), an
# over-long query (400 with what was typed), "did you mean" for a
# misspelt word or tag, and a page that public caches may keep.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/pages.sh"

WEB_MODE=nginx
site_init

# --- the questions to find ---------------------------------------------
# A hostile question (script in the title with the mark bytes 1 and 2
# around it, an img with a handler in the body), two for ranking and
# phrases, one closed, and 25 for paging; the search index is rebuilt by
# qa-admin reindex.
now=$(date +%s)
uid=$(site_sql "SELECT id FROM users ORDER BY id LIMIT 1")
[ -n "$uid" ] || bail "the demo database has no user"
site_sql "BEGIN;
    INSERT INTO posts (type, title, slug, body_md, body_html, user_id,
	created, activity) VALUES
    (1, char(2) || '<script>alert(1)</script> zebrafish tank' || char(1),
	'zebrafish', 'Feeding <img src=x onerror=alert(2)> zebrafish '
	|| char(1) || 'daily' || char(2) || ' &amp; more.', '', $uid,
	$now - 50, $now - 50),
    (1, 'Lemur habits: the moonlit stroll', 'lemur-habits',
	'Notes on a calm routine.', '', $uid, $now - 40, $now - 40),
    (1, 'Walking in the morning with a pet', 'walking',
	'Our lemur follows a routine stroll each moonlit night.', '', $uid,
	$now - 30, $now - 30),
    (1, 'A closed question about okapi', 'okapi', 'Okapi facts.', '',
	$uid, $now - 20, $now - 20);
    UPDATE posts SET closed = 1 WHERE slug = 'okapi';
    WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n
	WHERE i < 25)
    INSERT INTO posts (type, title, slug, body_md, body_html, user_id,
	created, activity)
    SELECT 1, 'Axolotl question number ' || i, 'axolotl-' || i,
	'Axolotl care, part ' || i || '.', '', $uid, $now - 1000 + i,
	$now - 1000 + i FROM n;
    UPDATE posts SET question_id = id WHERE question_id IS NULL AND type = 1;
    COMMIT;" || bail "cannot add the questions"
"$QA_ADMIN" -d "$DB" reindex > "$WEB_TMP/reindex.out" 2>&1 ||
    { diag "$(cat "$WEB_TMP/reindex.out")"; bail "qa-admin reindex failed"; }

nginx_start
diag "nginx on $BASE"

# --- helpers -----------------------------------------------------------

# search QUERY [STATUS]: GET /search?q=QUERY (urlencoded here), check
# the status (200 unless given) and the headers.
search() {
	WHAT="search '$1'"
	fetch GET "/search?q=$(urlencode "$1")"
	is "$STATUS" "${2:-200}" "$WHAT: status ${2:-200}"
	check_headers
}

# count_shown: the number in "N results" on the last page; 0 when it
# says that no question matches; nothing if neither.
count_shown() {
	if grep -q 'No questions match' "$BODY"; then
		echo 0
		return
	fi
	sed -n 's/.*class="count" role="status">\([0-9]*\) results*<.*/\1/p' \
	    "$BODY" | head -n 1
}

# rows: how many question rows the last page lists.
rows() {
	grep -c '<li class="qitem">' "$BODY"
}

# urls: the question links of the last page, in order, one a line.
urls() {
	grep -o '<h3 class="qtitle"><a href="[^"]*"' "$BODY" |
	    sed 's/.*href="\([^"]*\)"/\1/'
}

# visible SQL_WHERE: how many visible questions p satisfy SQL_WHERE.
visible() {
	site_sql "SELECT count(*) FROM posts p WHERE p.type = 1
	    AND p.status = 1 AND ($1)"
}

# --- the form ----------------------------------------------------------
req GET /search 200
has '<form class="search-form" method="get" action="/search"' \
    "the search form"
has 'tag:name' "the operators are explained"
lacks 'class="count"' "no query run"
unlike "$(header Cache-Control)" 'no-store|private' \
    "$WHAT: public caches may keep it"
is "$(set_cookie csrf)$(set_cookie session)" "" "$WHAT: sets no cookie"
well_formed

req GET '/search?q=+++' 200
lacks 'No questions match' "only spaces: the form, no query"

req GET / 200
form=$(tr '\n' ' ' < "$BODY" |
    grep -o '<form class="site-search"[^>]*>.*</form>' | sed 's|</form>.*||')
like "$form" 'action="/search"' "$WHAT: the header has a search form"
like "$form" '<label[^>]*for="site-q"' "$WHAT: with a label"
like "$form" '<input id="site-q" name="q"' "$WHAT: and an input named q"

# --- words, ranking, phrases, exclusions, OR ---------------------------
search 'lemur'
is "$(count_shown)" 2 "$WHAT: both questions"
is "$(urls | head -n 1)" "$(site_sql "SELECT '/q/' || id || '/lemur-habits'
    FROM posts WHERE slug = 'lemur-habits'")" \
    "$WHAT: the title match ranks above the body match"
has '<mark>Lemur</mark> habits' "$WHAT: the title marked"
has 'Our <mark>lemur</mark> follows' "$WHAT: the snippet marked"
like "$(cat "$BODY")" '<title>Search results for .+lemur.+ - ' \
    "$WHAT: the page title names the query"
like "$(cat "$BODY")" \
    '<input id="site-q" name="q" type="search" value="lemur"' \
    "$WHAT: the header's box holds the query"
like "$(cat "$BODY")" '<input id="q" name="q" type="search" value="lemur"' \
    "$WHAT: the form holds the query"
is "$(set_cookie csrf)$(set_cookie session)" "" "$WHAT: sets no cookie"
well_formed

search '"moonlit stroll"'
is "$(count_shown)" 1 "$WHAT: a phrase in its order only"
has 'lemur-habits' "$WHAT: the question with the phrase"
search 'moonlit stroll'
is "$(count_shown)" 2 "$WHAT: words in any order match both"
search 'lemur -habits'
is "$(count_shown)" 1 "$WHAT: an exclusion leaves one out"
lacks 'lemur-habits' "$WHAT: not the excluded one"
search 'okapi OR zebrafish'
is "$(count_shown)" 2 "$WHAT: OR finds either"
search 'okapi zebrafish'
has 'No questions match' "$WHAT: without OR, both words must match"

# --- operators, against the database -------------------------------------
TAG=$(site_sql "SELECT g.name FROM tags g JOIN post_tags t ON t.tag_id = g.id
    JOIN posts p ON p.id = t.post_id WHERE p.type = 1 AND p.status = 1
    AND g.name NOT GLOB '*[^a-z0-9-]*' GROUP BY g.id
    ORDER BY count(*) DESC, g.name LIMIT 1")
HANDLE=$(site_sql "SELECT u.handle FROM users u JOIN posts p
    ON p.user_id = u.id WHERE p.type = 1 AND p.status = 1
    AND u.handle NOT GLOB '*[^A-Za-z0-9_.-]*'
    GROUP BY u.id ORDER BY count(*) DESC, u.id LIMIT 1")

search "tag:$TAG"
is "$(count_shown)" "$(visible "EXISTS (SELECT 1 FROM post_tags t JOIN tags g
    ON g.id = t.tag_id WHERE t.post_id = p.id AND g.name = '$TAG')")" \
    "$WHAT: as many as have the tag"
is "$(grep -c "rel=\"tag\">$TAG<" "$BODY")" "$(rows)" \
    "$WHAT: every row has the tag"
search "TAG:$(printf '%s' "$TAG" | tr 'a-z' 'A-Z')"
is "$(rows)" "$(visible "EXISTS (SELECT 1 FROM post_tags t JOIN tags g
    ON g.id = t.tag_id WHERE t.post_id = p.id AND g.name = '$TAG')" |
    awk '{ print ($1 > 20 ? 20 : $1) }')" "$WHAT: the operator in any case"

search "user:$HANDLE"
is "$(count_shown)" "$(visible "p.user_id = (SELECT id FROM users
    WHERE handle = '$HANDLE')")" "$WHAT: as many as the user asked"
is "$(grep -c "<a href=\"/user/$HANDLE\">$HANDLE</a>" "$BODY")" "$(rows)" \
    "$WHAT: every row by the user"

search 'is:unanswered'
n=$(visible "p.answer_count = 0")
[ "$n" -gt 20 ] && n=20
is "$(rows)" "$n" "$WHAT: a page of unanswered questions"
is "$(grep -c '>0 answers<' "$BODY")" "$(rows)" "$WHAT: none has an answer"
is "$(urls | head -n 1)" "$(site_sql "SELECT '/q/' || id || '/' || slug
    FROM posts WHERE type = 1 AND status = 1 AND answer_count = 0
    ORDER BY created DESC LIMIT 1")" "$WHAT: newest first"
search 'is:answered'
n=$(visible "p.answer_count > 0")
[ "$n" -gt 20 ] && n=20
is "$(rows)" "$n" "$WHAT: a page of answered questions"
search 'IS:Accepted'
is "$(count_shown)" "$(visible "p.accepted_id IS NOT NULL")" \
    "$WHAT: as many as have a best answer"
is "$(grep -c 'class="answers answered accepted"' "$BODY")" "$(rows)" \
    "$WHAT: every row has a best answer"
search 'is:closed'
is "$(count_shown)" "$(visible "p.closed <> 0")" "$WHAT: the closed ones"
has 'okapi' "$WHAT: the closed question"
search "lemur user:$HANDLE"
is "$(count_shown)" "$(visible "p.user_id = (SELECT id FROM users
    WHERE handle = '$HANDLE') AND p.slug IN ('lemur-habits', 'walking')")" \
    "$WHAT: words and an operator together"

search 'user:nobody-at-all'
has 'No questions match' "$WHAT: no results"
has 'There is no user' "$WHAT: says why"

# --- paging --------------------------------------------------------------
search 'axolotl'
is "$(count_shown)" 25 "$WHAT: 25 results"
is "$(rows)" 20 "$WHAT: a page of 20"
has 'href="/search?q=axolotl&amp;page=2"' "$WHAT: the pager keeps the query"
urls > "$WEB_TMP/page1"
WHAT="search 'axolotl' page 2"
fetch GET '/search?q=axolotl&page=2'
is "$STATUS" 200 "$WHAT: status 200"
is "$(rows)" 5 "$WHAT: the other 5"
urls > "$WEB_TMP/page2"
is "$(sort "$WEB_TMP/page1" "$WEB_TMP/page2" | uniq -d | wc -l | tr -d ' ')" 0 \
    "$WHAT: no question of page 1 again"
has 'href="/search?q=axolotl"' "$WHAT: the link back keeps the query"
WHAT="search 'axolotl' page 9"
fetch GET '/search?q=axolotl&page=9'
is "$STATUS" 200 "$WHAT: status 200"
has 'There are no results on this page' "$WHAT: past the end"
fetch GET '/search?q=axolotl&page=0'
is "$STATUS" 400 "search 'axolotl' page 0: status 400"

# --- marks and hostile text ------------------------------------------------
search 'zebrafish'
is "$(count_shown)" 1 "$WHAT: one result"
has '&lt;script&gt;alert(1)&lt;/script&gt; <mark>zebrafish</mark> tank' \
    "$WHAT: the title escaped, the word marked"
lacks '<script>alert' "$WHAT: no raw script"
unlike "$(cat "$BODY")" '<img[^>]*onerror' "$WHAT: no img with a handler"
is "$(grep -o '<mark>' "$BODY" | wc -l | tr -d ' ')" \
    "$(grep -o '</mark>' "$BODY" | wc -l | tr -d ' ')" \
    "$WHAT: every <mark> closed, whatever bytes the text held"
unlike "$(cat "$BODY")" $'[\001\002]' "$WHAT: no mark bytes left"
well_formed

XSS_Q='<script>alert(9)</script> "><img src=x onerror=alert(8)>'
search "$XSS_Q"
lacks '<script>alert(9)' "$WHAT: the query escaped"
unlike "$(cat "$BODY")" '<img[^>]*onerror' "$WHAT: no img from the query"
has "value=\"$(html_escape "$XSS_Q")\"" "$WHAT: the query shown as typed"
well_formed

# --- odd queries ------------------------------------------------------------
for q in 'NEAR(qqq' 'NEAR(qqq zzz, 2)' '"' '""' '***' ')(' 'title:*qqq' \
    '^qqq' '-' '- -' 'qq:rr:ss' 'OR' '{title}: qqq' 'qqq" NEAR(' \
    '-zebrafish' $'qqq\tzzz' '\"' 'qqq AND OR NOT zzz' '—' '🙂' \
    'NEAR/2 qqq' '"unclosed qqq' 'qqq*' 'rank:qqq' '(qqq OR' 'posts_fts:1'; do
	search "$q"
	has 'No questions match' "$WHAT: the no-results page"
done
for q in 'NEAR(lemur' 'lemur*' '^lemur' '"lemur' 'title:lemur' \
    'lemur AND' '(lemur)'; do
	search "$q"
	like "$(cat "$BODY")" 'No questions match|class="count"' \
	    "$WHAT: results or the no-results page"
done
search '-lemur'
has 'need a word to search for' "$WHAT: exclusions alone are explained"
search "$(seq -s ' ' 17 | sed 's/[0-9]*/w&/g')"
has 'Only the first 16' "$WHAT: the terms past the limit"
search 'lemur is:sleeping'
is "$(count_shown)" 2 "$WHAT: an unknown is: is left out"
has 'is:sleeping' "$WHAT: and named"

long=$(printf 'word%.0s ' $(seq 60))
search "$long" 400
has 'too long' "$WHAT: says so"
has "value=\"${long%% }" "$WHAT: the form shows what was typed"
lacks 'class="qitem"' "$WHAT: no results"

# --- did you mean ---------------------------------------------------------
MISSPELT=$(printf '%s' "$TAG" | sed 's/^\(..\)\(.\)\(.\)/\1\3\2/')
[ "$MISSPELT" != "$TAG" ] || MISSPELT=${TAG}x
search "$MISSPELT"
has 'No questions match' "$WHAT: no results"
has "Did you mean <a href=\"/search?q=$(urlencode "$TAG" |
    sed 's/+/%20/g')\">$TAG</a>" "$WHAT: the tag offered"
search "lemur $MISSPELT"
has "Did you mean" "$WHAT: a suggestion"
search "tag:$MISSPELT"
has 'There is no tag' "$WHAT: says why"
has "Did you mean <a href=\"/search?q=tag%3A$(urlencode "$TAG")\">" \
    "$WHAT: the closest tag offered"
has ">tag:$TAG</a>?" "$WHAT: shown as a query"

# --- the same binary as plain CGI -----------------------------------------
WEB_MODE=cgi
search 'zebrafish'
has '<mark>zebrafish</mark>' "(cgi) $WHAT: marked"
lacks '<script>alert' "(cgi) $WHAT: no raw script"
search 'NEAR("qqq'
has 'No questions match' "(cgi) $WHAT: no results"
search "$long" 400
search 'axolotl'
is "$(rows)" 20 "(cgi) $WHAT: a page of 20"

done_testing
