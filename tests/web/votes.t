#!/bin/bash
# votes.t: voting through a real nginx and the vote and view programs,
# with curl and cookie jars as browsers would.  Alice asks, Bob votes:
# the plain form (303 to the post's anchor, the score and the pressed
# button on the page), a double submit counted once, a change from up to
# down, undo, the JSON answer that static/vote.js asks for, and every
# refusal: a visitor, one's own post, too few points, a down vote on a
# comment, a hidden post, an unknown post, a bad dir, the rate limit.
# The author's points move by the settings' amounts (Question2Answer's
# table), the profile shows the history, and `qa-admin recount` finds
# nothing to correct afterwards.  Skipped while cgi-bin/vote, ask or
# answer is not built.
. "$(dirname "$0")/lib.sh"

program_built vote && program_built ask && program_built answer ||
    skip_all "cgi-bin/vote, ask or answer is not built"

WEB_MODE=nginx
site_init
site_sql "UPDATE settings SET value = '1' WHERE key = 'form_min_seconds';
    UPDATE settings SET value = '1000' WHERE key IN ('rate_q_ip',
    'rate_a_ip', 'rate_c_ip', 'rate_q_user', 'rate_a_user',
    'rate_c_user', 'rate_v_user', 'rate_v_ip');"
nginx_start
diag "nginx on $BASE"

PASS='grey-heron-lantern-41'

# --- helpers ---------------------------------------------------------------

# button_in HTML LABEL: the <button> with aria-label LABEL in HTML.
button_in() {
	printf '%s' "$1" | grep -oE "<button[^>]*aria-label=\"$2\"[^>]*>" |
	    head -n 1
}

# page_token URI: GET URI with the jar and set TOKEN to the csrf token of
# its first form.
page_token() {
	fetch GET "$1"
	TOKEN=$(grep -oE 'name="csrf" value="[^"]*"' "$BODY" | head -n 1 |
	    sed -e 's/.*value="//' -e 's/"$//')
}

# vote ID DIR [json]: POST /post/ID/vote with dir=DIR and $TOKEN as a
# browser on the same origin would; with json, asking for JSON as
# vote.js does.  DIR "-" sends no dir field.
vote() {
	local -a f
	REQ_HEADERS=("Origin: $BASE" "Sec-Fetch-Site: same-origin")
	[ "${3-}" = json ] && REQ_HEADERS+=("Accept: application/json")
	f=("csrf=$TOKEN")
	[ "$2" != - ] && f+=("dir=$2")
	fetch POST "/post/$1/vote" "$(form_body "${f[@]}")"
	REQ_HEADERS=()
}

# points HANDLE: users.points of HANDLE.
points() {
	site_sql "SELECT points FROM users WHERE handle = '$1'"
}

# setting KEY: the site setting KEY.
setting() {
	site_sql "SELECT value FROM settings WHERE key = '$1'"
}

# score ID: posts.score of post ID.
score() {
	site_sql "SELECT score FROM posts WHERE id = $1"
}

# vote_box ID: the vote form of post ID on the last page, on one line.
vote_box() {
	form_of "/post/$1/vote"
}

# --- alice asks, bob answers, alice comments ----------------------------------

JAR=$WEB_TMP/jar.alice
register alice
is "$STATUS" 303 "register alice: 303"
JAR=$WEB_TMP/jar.bob
register bob
is "$STATUS" 303 "register bob: 303"

JAR=$WEB_TMP/jar.alice
form_post /ask /ask "title=How do I count votes without a race in SQLite?" \
    "body=Two requests read the score, add one and write it back; one vote is lost." \
    "tags="
is "$STATUS" 303 "POST /ask as alice: 303"
Q=$(location_path)
QID=$(printf '%s' "$Q" | sed -n 's|^/q/\([0-9]*\)/.*|\1|p')
like "$QID" '^[0-9]+$' "POST /ask as alice: to the question"
form_post "$Q" "/q/$QID/comment" "body=Tried BEGIN IMMEDIATE already."
is "$STATUS" 303 "POST a comment as alice: 303"
CID=$(location_path | sed -n 's/.*#c\([0-9]*\)$/\1/p')
like "$CID" '^[0-9]+$' "POST a comment as alice: to the comment"
JAR=$WEB_TMP/jar.bob
form_post "$Q" "/q/$QID/answer" \
    "body=Do it in one UPDATE: SET score = score + 1 in the same transaction."
is "$STATUS" 303 "POST an answer as bob: 303"
AID=$(location_path | sed -n 's/.*#a\([0-9]*\)$/\1/p')
like "$AID" '^[0-9]+$' "POST an answer as bob: to the answer"

# Bob may vote up but not yet down: priv_vote_down is one point above
# what he has.
BOB0=$(points bob)
site_sql "UPDATE settings SET value = '$((BOB0 + 1))'
    WHERE key = 'priv_vote_down'"
programs_restart
ALICE0=$(points alice)
QUP=$(setting points_q_voted_up)
QDOWN=$(setting points_q_voted_down)
AUP=$(setting points_a_voted_up)
VUP=$(setting points_vote_up)
VDOWN=$(setting points_vote_down)

# --- what the page offers ------------------------------------------------------

WHAT="GET the question as bob"
fetch GET "$Q"
is "$STATUS" 200 "$WHAT: 200"
html=$(vote_box "$QID")
like "$html" 'class="vote"' "$WHAT: a vote form on the question"
like "$(value_in "$html" csrf)" '^[A-Za-z0-9_-]{43}$' "$WHAT: with a csrf token"
like "$(button_in "$html" 'Vote up')" 'name="dir" value="up"' \
    "$WHAT: an up button, value up"
like "$(button_in "$html" 'Vote up')" 'aria-pressed="false"' \
    "$WHAT: not pressed"
like "$(button_in "$html" 'Vote down')" "disabled title=\"You need $((BOB0 + 1)) points to vote down\"" \
    "$WHAT: the down button disabled, saying why"
like "$html" 'data-score="0"[^>]*aria-live="polite"' \
    "$WHAT: the score, announced when it changes"
is "$(vote_box "$AID")" "" "$WHAT: no vote form on his own answer"
like "$(vote_box "$CID")" 'aria-label="Vote up"' "$WHAT: an up button on the comment"
unlike "$(vote_box "$CID")" 'Vote down' "$WHAT: no down button on a comment"
like "$(cat "$BODY")" '<script src="/static/vote.js" defer></script>' \
    "$WHAT: the vote script, as a file"

JAR=$WEB_TMP/jar.alice
WHAT="GET the question as its asker"
fetch GET "$Q"
is "$(vote_box "$QID")" "" "$WHAT: no vote form on her own question"
like "$(cat "$BODY")" "id=\"q$QID\"" "$WHAT: the question is there"
like "$(tr '\n' ' ' < "$BODY")" "id=\"q$QID\"[^>]*> *<div class=\"vote\"> *<span class=\"score\" data-score=\"0\">0 votes" \
    "$WHAT: the score without buttons"
like "$(vote_box "$AID")" 'aria-label="Vote down"' \
    "$WHAT: both buttons on bob's answer"

JAR=$WEB_TMP/jar.visitor
WHAT="GET the question as a visitor"
fetch GET "$Q"
is "$(vote_box "$QID")" "" "$WHAT: no vote form"
like "$(cat "$BODY")" 'data-score="0"' "$WHAT: the score"

WHAT="GET /static/vote.js"
fetch GET /static/vote.js
is "$STATUS" 200 "$WHAT: 200"
like "$(header Content-Type)" '^text/javascript' "$WHAT: as JavaScript"
like "$(cat "$BODY")" "'Accept': 'application/json'" "$WHAT: asks for JSON"

# --- the plain form: up, again, down, undo --------------------------------------

JAR=$WEB_TMP/jar.bob
page_token "$Q"
WHAT="POST dir=down with too few points"
vote "$QID" down
is "$STATUS" 403 "$WHAT: 403"
like "$(cat "$BODY")" "You need $((BOB0 + 1)) points to vote down" \
    "$WHAT: says how many points"
is "$(score "$QID")" 0 "$WHAT: nothing counted"

WHAT="POST dir=up (form)"
vote "$QID" up
is "$STATUS" 303 "$WHAT: 303"
is "$(location_path)" "$Q#q$QID" "$WHAT: to the question's anchor"
is "$(score "$QID")" 1 "$WHAT: score 1"
is "$(points alice)" "$((ALICE0 + QUP))" \
    "$WHAT: the asker gains points_q_voted_up ($QUP)"
is "$(points bob)" "$((BOB0 + VUP))" \
    "$WHAT: the voter gains points_vote_up ($VUP)"
fetch GET "$Q"
html=$(vote_box "$QID")
like "$html" 'data-score="1"[^>]*>\+1 vote<' "$WHAT: +1 vote on the page"
like "$(button_in "$html" 'Vote up')" 'value="undo"[^>]*aria-pressed="true"' \
    "$WHAT: the up button is pressed and now withdraws"

WHAT="POST dir=up again (double submit)"
vote "$QID" up
is "$STATUS" 303 "$WHAT: 303"
is "$(score "$QID")" 1 "$WHAT: still score 1"
is "$(site_sql "SELECT count(*) FROM votes WHERE post_id = $QID")" 1 \
    "$WHAT: one vote row"
is "$(points alice)" "$((ALICE0 + QUP))" "$WHAT: counted once for the asker"

# Bob may vote down from here on.
site_sql "UPDATE settings SET value = '$BOB0' WHERE key = 'priv_vote_down'"
programs_restart
page_token "$Q"

WHAT="POST dir=down (change the vote)"
vote "$QID" down
is "$STATUS" 303 "$WHAT: 303"
is "$(score "$QID")" -1 "$WHAT: score -1"
is "$(site_sql "SELECT value FROM votes WHERE post_id = $QID")" -1 \
    "$WHAT: the row says -1"
is "$(points alice)" "$((ALICE0 - QDOWN))" \
    "$WHAT: the asker loses points_q_voted_down ($QDOWN)"
is "$(points bob)" "$((BOB0 + VDOWN))" \
    "$WHAT: the voter has points_vote_down ($VDOWN) instead"
fetch GET "$Q"
html=$(vote_box "$QID")
like "$html" 'data-score="-1"[^>]*>-1 vote<' "$WHAT: -1 vote on the page"
like "$(button_in "$html" 'Vote down')" 'value="undo"[^>]*aria-pressed="true"' \
    "$WHAT: the down button is pressed"
like "$(button_in "$html" 'Vote up')" 'value="up"[^>]*aria-pressed="false"' \
    "$WHAT: the up button is not"

WHAT="POST dir=undo"
vote "$QID" undo
is "$STATUS" 303 "$WHAT: 303"
is "$(score "$QID")" 0 "$WHAT: score 0"
is "$(site_sql "SELECT count(*) FROM votes WHERE post_id = $QID")" 0 \
    "$WHAT: no vote row"
is "$(points alice)" "$ALICE0" "$WHAT: the asker's points are back"
is "$(points bob)" "$BOB0" "$WHAT: the voter's points are back"
vote "$QID" undo
is "$STATUS" 303 "$WHAT again: 303, nothing to withdraw"

# --- JSON ---------------------------------------------------------------------

WHAT="POST dir=up, Accept: application/json"
vote "$QID" up json
is "$STATUS" 200 "$WHAT: 200"
like "$(header Content-Type)" '^application/json' "$WHAT: JSON"
is "$(cat "$BODY")" "{\"id\":$QID,\"score\":1,\"up\":1,\"down\":0,\"vote\":1}" \
    "$WHAT: the new counts and the vote"
like "$(header Cache-Control)" 'no-store' "$WHAT: not cached"
vote "$QID" down json
is "$(cat "$BODY")" "{\"id\":$QID,\"score\":-1,\"up\":0,\"down\":1,\"vote\":-1}" \
    "POST dir=down as JSON: the counts"
vote "$QID" undo json
is "$(cat "$BODY")" "{\"id\":$QID,\"score\":0,\"up\":0,\"down\":0,\"vote\":0}" \
    "POST dir=undo as JSON: the counts"

WHAT="POST dir=up on the answer"
JAR=$WEB_TMP/jar.alice
page_token "$Q"
ALICE1=$(points alice)
BOB1=$(points bob)
vote "$AID" up
is "$STATUS" 303 "$WHAT: 303"
is "$(location_path)" "$Q#a$AID" "$WHAT: to the answer's anchor"
is "$(points bob)" "$((BOB1 + AUP))" \
    "$WHAT: the answerer gains points_a_voted_up ($AUP)"
is "$(points alice)" "$((ALICE1 + VUP))" "$WHAT: the voter gains $VUP"

WHAT="POST dir=up on her own question"
vote "$QID" up
is "$STATUS" 403 "$WHAT: 403"
vote "$QID" up json
is "$STATUS" 403 "$WHAT as JSON: 403"
like "$(cat "$BODY")" '^\{"error":"[^"]+"\}$' "$WHAT as JSON: an error message"
is "$(score "$QID")" 0 "$WHAT: nothing counted"

# --- comments, refusals ----------------------------------------------------------

JAR=$WEB_TMP/jar.bob
page_token "$Q"
WHAT="POST dir=down on a comment"
vote "$CID" down
is "$STATUS" 400 "$WHAT: 400"
vote "$CID" down json
is "$STATUS" 400 "$WHAT as JSON: 400"
like "$(cat "$BODY")" '^\{"error":' "$WHAT as JSON: an error"
WHAT="POST dir=up on a comment"
vote "$CID" up
is "$STATUS" 303 "$WHAT: 303"
is "$(location_path)" "$Q#c$CID" "$WHAT: to the comment's anchor"
is "$(score "$CID")" 1 "$WHAT: score 1"
fetch GET "$Q"
like "$(button_in "$(vote_box "$CID")" 'Vote up')" 'aria-pressed="true"' \
    "$WHAT: pressed on the page"

WHAT="POST to a hidden post"
site_sql "UPDATE posts SET status = 2 WHERE id = $AID"
vote "$AID" up
is "$STATUS" 404 "$WHAT: 404"
vote "$AID" up json
is "$STATUS" 404 "$WHAT as JSON: 404"
site_sql "UPDATE posts SET status = 1 WHERE id = $AID"

vote 999999 up
is "$STATUS" 404 "POST to an unknown post: 404"
vote "$QID" sideways
is "$STATUS" 400 "POST dir=sideways: 400"
vote "$QID" sideways json
like "$(cat "$BODY")" '^\{"error":"A vote is up, down or undo\."\}$' \
    "POST dir=sideways as JSON: the message"
vote "$QID" -
is "$STATUS" 400 "POST without dir: 400"
fetch GET "/post/$QID/vote"
is "$STATUS" 405 "GET /post/$QID/vote: 405"

WHAT="POST as a visitor"
JAR=$WEB_TMP/jar.visitor
page_token "$Q"
is "$TOKEN" "" "$WHAT: the shared page's forms carry no token"
vote "$QID" up
is "$STATUS" 403 "$WHAT: 403"
like "$(cat "$BODY")" 'Log in to vote' "$WHAT: says to log in"
vote "$QID" up json
is "$STATUS" 403 "$WHAT as JSON: 403"
is "$(cat "$BODY")" '{"error":"Log in to vote."}' "$WHAT as JSON: the message"

# --- rate limit -------------------------------------------------------------

site_sql "UPDATE settings SET value = '2' WHERE key = 'rate_v_user'"
programs_restart
JAR=$WEB_TMP/jar.bob
page_token "$Q"
WHAT="POST past rate_v_user"
vote "$QID" up
is "$STATUS" 429 "$WHAT: 429"
like "$(header Retry-After)" '^[1-9][0-9]*$' "$WHAT: Retry-After"
like "$(cat "$BODY")" 'too often' "$WHAT: says why"
vote "$QID" up json
is "$STATUS" 429 "$WHAT as JSON: 429"
like "$(header Retry-After)" '^[1-9][0-9]*$' "$WHAT as JSON: Retry-After"
like "$(cat "$BODY")" '^\{"error":"You have voted too often' \
    "$WHAT as JSON: the message"
is "$(score "$QID")" 0 "$WHAT: nothing counted"

# --- points history and recount --------------------------------------------------

WHAT="GET /user/alice"
fetch GET /user/alice
is "$STATUS" 200 "$WHAT: 200"
like "$(cat "$BODY")" 'Points history' "$WHAT: a points history"
like "$(tr '\n' ' ' < "$BODY")" 'class="phistory".*href="'"$Q"'"' \
    "$WHAT: entries link to the question"
like "$(cat "$BODY")" 'class="delta">\+[0-9]+</span>' "$WHAT: points won"
like "$(cat "$BODY")" "$(points alice)" "$WHAT: her points"

WHAT="qa-admin recount after the votes"
out=$("$QA_ADMIN" -d "$DB" recount 2>&1)
ok $? "$WHAT: runs" || diag "$out"
is "$out" "recount: 0 rows changed" "$WHAT: nothing to correct"

done_testing
