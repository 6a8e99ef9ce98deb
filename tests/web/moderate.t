#!/bin/bash
# moderate.t: moderation through a real nginx and the moderate, view, ask
# and answer programs, with curl and cookie jars as browsers would.  Who
# may do what: a visitor is sent to log in (403 for a POST), a registered
# user gets 403 on every page and form of /moderate, a moderator works the
# queue and the posts, an admin alone restores, purges, sets levels and
# changes the settings.  Each action is checked on the pages readers see:
# approve, reject, hide, reshow, delete, restore, purge, close as a
# duplicate, reopen, move, retag, lock comments, flags (and the automatic
# hide after flags_to_hide of them), blocking a user, IP blocks, nuking
# and unnuking an account, the audit log, the settings (live in the view
# program), bulk approval; `qa-admin recount` finds nothing to correct
# afterwards.  Skipped while cgi-bin/moderate, ask or answer is not built.
. "$(dirname "$0")/lib.sh"

program_built moderate && program_built ask && program_built answer ||
    skip_all "cgi-bin/moderate, ask or answer is not built"

WEB_MODE=nginx
site_init
site_sql "UPDATE settings SET value = '1' WHERE key = 'form_min_seconds';
    UPDATE settings SET value = '1000' WHERE key IN ('rate_q_ip',
    'rate_a_ip', 'rate_c_ip', 'rate_q_user', 'rate_a_user',
    'rate_c_user', 'rate_v_user', 'rate_v_ip');
    UPDATE settings SET value = '3' WHERE key = 'flags_to_hide';"

PASS='grey-heron-lantern-41'
for u in mod:moderator adm:admin alice:registered bob:registered \
    carol:registered dave:registered erin:registered spammer:registered; do
	"$QA_ADMIN" -d "$DB" create-user "${u%%:*}" "${u%%:*}@example.org" \
	    --level "${u#*:}" --password "$PASS" > "$WEB_TMP/cu.out" 2>&1 ||
	    bail "create-user ${u%%:*}: $(cat "$WEB_TMP/cu.out")"
done
nginx_start
diag "nginx on $BASE"

# --- helpers ---------------------------------------------------------------

# as NAME: use NAME's cookie jar (logging in on first use; "visitor" is
# nobody's) and set TOKEN to a csrf token of that jar.
as() {
	JAR=$WEB_TMP/jar.$1
	if [ "$1" != visitor ] && [ ! -e "$JAR.in" ]; then
		form_post /login /login "login=$1" "password=$PASS"
		[ "$STATUS" = 303 ] || diag "log in as $1: $STATUS"
		touch "$JAR.in"
	fi
	fetch GET /login
	[ "$1" = visitor ] || fetch GET /
	TOKEN=$(grep -oE 'name="csrf" value="[^"]*"' "$BODY" | head -n 1 |
	    sed -e 's/.*value="//' -e 's/"$//')
}

# mpost URI NAME=VALUE...: POST the fields with $TOKEN as a browser on
# the same origin would.
mpost() {
	local uri=$1
	shift
	REQ_HEADERS=("Origin: $BASE" "Sec-Fetch-Site: same-origin")
	fetch POST "$uri" "$(form_body "$@" "csrf=$TOKEN")"
	REQ_HEADERS=()
}

# ask TITLE BODY: ask with the current jar; QID and Q are the new
# question's id and address.
ask() {
	form_post /ask /ask "title=$1" "body=$2" "tags=" "post=1"
	Q=$(location_path)
	QID=$(printf '%s' "$Q" | sed -n 's|^/q/\([0-9]*\)/.*|\1|p')
}

# answer Q QID BODY: answer with the current jar; AID is the new answer.
answer() {
	form_post "$1" "/q/$2/answer" "body=$3"
	AID=$(location_path | sed -n 's/.*#a\([0-9]*\)$/\1/p')
}

# status_of ID: posts.status of post ID (0 queued, 1 visible, 2 hidden,
# 3 deleted), nothing if there is no such post.
status_of() {
	site_sql "SELECT status FROM posts WHERE id = $1"
}

# has TEXT DESC / hasnt TEXT DESC: the last body has (has not) TEXT.
has() {
	grep -qF -- "$1" "$BODY"
	ok $? "$2"
}
hasnt() {
	! grep -qF -- "$1" "$BODY"
	ok $? "$2"
}

# audits ACTION: how many audit entries ACTION there are.
audits() {
	site_sql "SELECT count(*) FROM audit WHERE action = '$1'"
}

MSG_HIDDEN='This post is hidden by a moderator'
WELCOME=$(site_sql "SELECT value FROM settings WHERE key = 'welcome'")

# --- content -----------------------------------------------------------------

as alice
ask "How do I keep a moderation queue small?" \
    "Spam arrives faster than we can read it; what do other sites do?"
Q1=$Q Q1ID=$QID
like "$Q1ID" '^[0-9]+$' "alice asks Q1"
ask "What keeps a moderation queue small on a busy site?" \
    "The same question as before, asked again in other words by alice."
Q2=$Q Q2ID=$QID
like "$Q2ID" '^[0-9]+$' "alice asks Q2"
as bob
answer "$Q1" "$Q1ID" "Let trusted users flag posts and hide after three flags."
A1=$AID
like "$A1" '^[0-9]+$' "bob answers Q1"
answer "$Q1" "$Q1ID" "Block the addresses the spam comes from, for a while."
A2=$AID
like "$A2" '^[0-9]+$' "bob answers Q1 again"

# --- who may ---------------------------------------------------------------

MOD_GETS="/moderate /moderate/log /moderate/ips /moderate/settings
    /moderate/user/bob"
MOD_POSTS="/moderate/post/$A1 /moderate/bulk /moderate/close/$Q2ID
    /moderate/reopen/$Q2ID /moderate/move/$Q1ID /moderate/retag/$Q1ID
    /moderate/user/bob/block /moderate/user/bob/level
    /moderate/user/bob/nuke /moderate/unnuke/1 /moderate/ips
    /moderate/ips/1/delete /moderate/settings"

as visitor
for u in $MOD_GETS; do
	fetch GET "$u"
	is "$STATUS $(location_path | sed 's/?.*//')" "303 /login" \
	    "visitor GET $u: 303 to /login"
done
for u in $MOD_POSTS "/post/$A1/flag"; do
	mpost "$u" "next=$u"
	[ "$STATUS" = 403 ] || [ "$STATUS $(location_path | sed 's/?.*//')" = \
	    "303 /login" ]
	ok $? "visitor POST $u: refused, 403 or to /login ($STATUS)"
done

as alice
for u in $MOD_GETS; do
	fetch GET "$u"
	is "$STATUS" 403 "registered user GET $u: 403"
done
for u in $MOD_POSTS; do
	mpost "$u"
	is "$STATUS" 403 "registered user POST $u: 403"
done
is "$(status_of "$A1")" 1 "registered user: the answer is still visible"
is "$(site_sql "SELECT count(*) FROM audit")" 0 "refusals: no audit entry"

# --- the question page ------------------------------------------------------

as alice
WHAT="GET Q1 as alice"
fetch GET "$Q1"
like "$(form_of "/post/$A1/flag")" 'name="reason" type="radio" value="spam"' \
    "$WHAT: a flag form on bob's answer, with reasons"
like "$(form_of "/post/$A1/flag")" 'name="note"' "$WHAT: and a note"
is "$(form_of "/post/$Q1ID/flag")" "" "$WHAT: no flag form on her question"
is "$(form_of "/moderate/post/$A1")" "" "$WHAT: no moderator's buttons"
is "$(form_of "/moderate/close/$Q1ID")" "" "$WHAT: no close form"

as visitor
fetch GET "$Q1"
is "$(form_of "/post/$A1/flag")" "" "GET Q1 as a visitor: no flag form"

as mod
WHAT="GET Q1 as a moderator"
fetch GET "$Q1"
html=$(form_of "/moderate/post/$A1")
like "$html" 'value="hide"' "$WHAT: a hide button on the answer"
like "$html" 'value="delete"' "$WHAT: a delete button on the answer"
is "$(value_in "$html" next)" "$Q1" "$WHAT: which come back to the question"
like "$(form_of "/moderate/post/$Q1ID")" 'value="lock"' \
    "$WHAT: lock the comments"
like "$(form_of "/moderate/close/$Q1ID")" 'name="duplicate_of"' \
    "$WHAT: close, as a duplicate too"
has 'href="/moderate/user/bob"' "$WHAT: a link to moderate the author"

# --- the queue: approve, reject, bulk approve ---------------------------------

site_sql "UPDATE settings SET value = '1' WHERE key = 'queue_anon'"
programs_restart
as visitor
queued() {
	ask "$1" "Asked by a visitor while anonymous posts wait for approval."
	QID=$(site_sql "SELECT max(id) FROM posts WHERE type = 1")
	is "$(status_of "$QID")" 0 "visitor asks '$1': queued"
}
queued "Is this anonymous question waiting?"
QQ1=$QID
queued "Will this anonymous question be rejected?"
QQ2=$QID
fetch GET "/q/$QQ1"
is "$STATUS" 404 "a queued question: 404 for another visitor"

as mod
WHAT="GET /moderate as a moderator"
fetch GET /moderate
is "$STATUS" 200 "$WHAT: 200"
has "Is this anonymous question waiting?" "$WHAT: the queued question"
mpost "/moderate/post/$QQ1" action=approve next=/moderate
is "$STATUS $(location_path)" "303 /moderate" "approve: 303 to next"
is "$(status_of "$QQ1")" 1 "approve: visible"
as visitor
fetch GET "/q/$QQ1"
is "$STATUS" 301 "approve: the question is there for visitors"
as mod
mpost "/moderate/post/$QQ2" action=reject reason=spam next=/moderate
is "$STATUS" 303 "reject: 303"
is "$(status_of "$QQ2")" 3 "reject: deleted"
fetch GET /moderate
hasnt "Will this anonymous question be rejected?" "reject: off the queue"

as visitor
queued "Will bulk approval take this first question?"
QB1=$QID
queued "Will bulk approval take this second question?"
QB2=$QID
as mod
mpost /moderate/bulk action=approve "post_$QB1=1" "post_$QB2=1" \
    next=/moderate
is "$STATUS" 303 "bulk approve: 303"
is "$(status_of "$QB1") $(status_of "$QB2")" "1 1" "bulk approve: both visible"
site_sql "UPDATE settings SET value = '0' WHERE key = 'queue_anon'"
programs_restart

# --- hide, reshow, delete, restore, purge ------------------------------------

as mod
mpost "/moderate/post/$A1" action=hide reason=spam next="$Q1"
is "$STATUS $(location_path)" "303 $Q1" "hide: 303 to the question"
is "$(status_of "$A1")" 2 "hide: hidden"
as alice
fetch GET "$Q1"
hasnt "hide after three flags" "hide: the answer is gone for others"
as bob
fetch GET "$Q1"
has "$MSG_HIDDEN" "hide: its author sees it, with the notice"

as mod
mpost "/moderate/post/$A1" action=reshow next="$Q1"
is "$STATUS" 303 "reshow: 303"
is "$(status_of "$A1")" 1 "reshow: visible"
as alice
fetch GET "$Q1"
has "hide after three flags" "reshow: the answer is back"

as alice
ask "Will a moderator hide this question of mine?" \
    "A question that the moderator will hide to see who still sees it."
Q3=$Q Q3ID=$QID
as mod
mpost "/moderate/post/$Q3ID" action=hide next=/moderate
is "$STATUS" 303 "hide a question: 303"
as visitor
fetch GET "$Q3"
is "$STATUS" 404 "a hidden question: 404 for a visitor"
as bob
fetch GET "$Q3"
is "$STATUS" 404 "a hidden question: 404 for another user"
as alice
fetch GET "$Q3"
is "$STATUS" 200 "a hidden question: 200 for its author"
has "$MSG_HIDDEN" "a hidden question: with the notice"

as mod
mpost "/moderate/post/$A2" action=delete reason=spam next="$Q1"
is "$STATUS" 303 "delete: 303"
is "$(status_of "$A2")" 3 "delete: deleted"
mpost "/moderate/post/$A2" action=restore next="$Q1"
is "$STATUS" 403 "restore as a moderator: 403"
is "$(status_of "$A2")" 3 "restore as a moderator: still deleted"
as adm
mpost "/moderate/post/$A2" action=restore next="$Q1"
is "$STATUS" 303 "restore as an admin: 303"
is "$(status_of "$A2")" 1 "restore as an admin: visible"
as mod
mpost "/moderate/post/$A2" action=delete next="$Q1"
is "$(status_of "$A2")" 3 "delete again: deleted"
mpost "/moderate/post/$A2" action=purge next="$Q1"
is "$STATUS" 403 "purge as a moderator: 403"
as adm
mpost "/moderate/post/$A2" action=purge next="$Q1"
is "$STATUS" 303 "purge as an admin: 303"
is "$(status_of "$A2")" "" "purge: the post is gone"

# --- close, reopen, move, retag, lock ------------------------------------------

as mod
mpost "/moderate/close/$Q2ID" "reason=asked before" "duplicate_of=$Q1ID" \
    next="$Q2"
is "$STATUS" 303 "close as a duplicate: 303"
as visitor
fetch GET "$Q2"
has "This question is closed" "close: the page says so"
has "asked before" "close: with the reason"
has "It is a duplicate of <a href=\"$Q1\">" "close: with a link to the original"
as mod
mpost "/moderate/reopen/$Q2ID" next="$Q2"
is "$STATUS" 303 "reopen: 303"
as visitor
fetch GET "$Q2"
hasnt "This question is closed" "reopen: open again"

cats=$(site_sql "SELECT id FROM categories ORDER BY id LIMIT 2" |
    tr '\n' ' ')
C1=${cats%% *} C2=$(echo $cats | cut -d ' ' -f 2)
qcount() {
	site_sql "SELECT qcount FROM categories WHERE id = $1"
}
as mod
mpost "/moderate/move/$Q1ID" "category=$C1" next="$Q1"
is "$STATUS" 303 "move to a category: 303"
n1=$(qcount "$C1") n2=$(qcount "$C2")
mpost "/moderate/move/$Q1ID" "category=$C2" next="$Q1"
is "$STATUS" 303 "move to another: 303"
is "$(qcount "$C1") $(qcount "$C2")" "$((n1 - 1)) $((n2 + 1))" \
    "move: the categories' counts follow"
is "$(site_sql "SELECT category_id FROM posts WHERE id = $Q1ID")" "$C2" \
    "move: the question is in the new category"

mpost "/moderate/retag/$Q1ID" "tags=moderation spam" next="$Q1"
is "$STATUS" 303 "retag: 303"
fetch GET "$Q1"
has 'href="/tag/moderation"' "retag: the new tags on the page"

mpost "/moderate/post/$Q1ID" action=lock next="$Q1"
is "$STATUS" 303 "lock comments: 303"
as alice
fetch GET "$Q1"
is "$(form_of "/q/$Q1ID/comment")" "" "lock: no comment form on the question"
as mod
mpost "/moderate/post/$Q1ID" action=unlock next="$Q1"
is "$STATUS" 303 "unlock comments: 303"
as alice
fetch GET "$Q1"
like "$(form_of "/q/$Q1ID/comment")" 'name="body"' "unlock: the form is back"

# --- flags -------------------------------------------------------------------

as alice
mpost "/post/$Q1ID/flag" reason=spam
is "$STATUS" 403 "flag one's own post: 403"
mpost "/post/$A1/flag" reason=spam
is "$STATUS" 303 "flag: 303"
is "$(site_sql "SELECT count(*) FROM flags WHERE post_id = $A1")" 1 \
    "flag: recorded"
mpost "/post/$A1/flag" reason=offensive
is "$STATUS" 409 "flag twice: 409"
mpost "/post/$A1/flag" reason=boring
is "$STATUS" 422 "flag with an unknown reason: 422"
as carol
mpost "/post/$A1/flag" reason=other "note=copied from another site"
is "$STATUS" 303 "second flag: 303"
is "$(status_of "$A1")" 1 "two flags: still visible"
as mod
fetch GET /moderate
has "copied from another site" "the queue shows the flagged answer's notes"
as dave
mpost "/post/$A1/flag" reason=offtopic
is "$STATUS" 303 "third flag: 303"
is "$(status_of "$A1")" 2 "flags_to_hide flags: hidden"
as mod
mpost "/moderate/post/$A1" action=reshow next=/moderate
mpost "/moderate/post/$A1" action=clear next=/moderate
is "$STATUS" 303 "clear the flags: 303"
is "$(site_sql "SELECT count(*) FROM flags WHERE post_id = $A1
    AND resolved = 0")" 0 "clear: no open flag left"

# --- users: block, level ---------------------------------------------------------

as mod
fetch GET /moderate/user/carol
is "$STATUS" 200 "GET /moderate/user/carol: 200"
mpost /moderate/user/carol/block block=1 "reason=rude"
is "$STATUS" 303 "block carol: 303"
is "$(site_sql "SELECT blocked FROM users WHERE handle = 'carol'")" 1 \
    "block: carol is blocked"
as carol
fetch GET "$Q1"
is "$STATUS" 200 "a blocked user still reads"
mpost /ask "title=May a blocked user still ask this?" \
    "body=Asking while blocked, which the site must refuse." post=1
is "$STATUS" 403 "a blocked user may not ask: 403"
has "Your account is blocked" "a blocked user may not ask: says why"
as mod
mpost /moderate/user/carol/block block=0
is "$(site_sql "SELECT blocked FROM users WHERE handle = 'carol'")" 0 \
    "unblock: carol may post again"

mpost /moderate/user/dave/level level=2
is "$STATUS" 403 "set a level as a moderator: 403"
as adm
mpost /moderate/user/dave/level level=2
is "$STATUS" 303 "set a level as an admin: 303"
is "$(site_sql "SELECT level FROM users WHERE handle = 'dave'")" 2 \
    "set a level: dave is an expert"

# --- IP blocks ---------------------------------------------------------------

as mod
mpost /moderate/ips cidr=127.0.0.1 "reason=test block"
is "$STATUS" 303 "block 127.0.0.1: 303"
IPID=$(site_sql "SELECT max(id) FROM ip_blocks")
fetch GET /moderate/ips
has "test block" "GET /moderate/ips: lists the block"
as visitor
form_post /ask /ask "title=Can a blocked address still ask this?" \
    "body=Asked from an address a moderator blocked a moment ago." post=1
is "$STATUS" 403 "anonymous post from a blocked address: 403"
has "Posts from your address are not accepted" \
    "anonymous post from a blocked address: says why"
as mod
mpost "/moderate/ips/$IPID/delete"
is "$STATUS" 303 "unblock the address: 303"
as visitor
form_post /ask /ask "title=Can an unblocked address ask this again?" \
    "body=Asked from an address a moderator unblocked a moment ago." post=1
is "$STATUS" 200 "anonymous post after the unblock: 200"
has "Your question is posted" "anonymous post after the unblock: posted"

# --- nuke, unnuke --------------------------------------------------------------

as spammer
ask "Cheap watches for sale, which shop is best?" \
    "Buy cheap watches here today, the best shop on the whole internet."
SQ=$QID
answer "$Q1" "$Q1ID" "Cheap watches fix every moderation queue, buy some."
SA=$AID
as mod
mpost /moderate/user/spammer/nuke reason=spam
is "$STATUS" 422 "nuke without sure=1: 422"
is "$(status_of "$SQ")" 1 "nuke without sure=1: nothing done"
nips=$(site_sql "SELECT count(*) FROM ip_blocks")
mpost /moderate/user/spammer/nuke reason=spam sure=1
is "$STATUS" 303 "nuke: 303"
is "$(status_of "$SQ") $(status_of "$SA")" "2 2" "nuke: the posts are hidden"
is "$(site_sql "SELECT blocked FROM users WHERE handle = 'spammer'")" 1 \
    "nuke: the account is blocked"
is "$(site_sql "SELECT count(*) FROM ip_blocks")" "$((nips + 1))" \
    "nuke: the address is blocked"
is "$(audits nuke)" 1 "nuke: one audit entry"
NUKE=$(site_sql "SELECT id FROM audit WHERE action = 'nuke'")
mpost "/moderate/unnuke/$NUKE"
is "$STATUS" 303 "unnuke: 303"
is "$(status_of "$SQ") $(status_of "$SA")" "1 1" "unnuke: the posts are back"
is "$(site_sql "SELECT blocked FROM users WHERE handle = 'spammer'")" 0 \
    "unnuke: the account is unblocked"
is "$(site_sql "SELECT count(*) FROM ip_blocks")" "$nips" \
    "unnuke: the address block is gone"

# --- the log -----------------------------------------------------------------

# Every action left one audit entry or more, and the log's pages (newest
# first) list them all with who did them.
as mod
fetch GET /moderate/log
is "$STATUS" 200 "GET /moderate/log: 200"
log=$(tr '\n' ' ' < "$BODY")
n=$(site_sql "SELECT count(*) FROM audit")
for ((p = 2; p <= (n + 24) / 25 + 1; p++)); do
	fetch GET "/moderate/log?page=$p"
	log+=$(tr '\n' ' ' < "$BODY")
done
for a in approve reject hide reshow delete restore purge close reopen move \
    retag lock unlock block unblock level ip-block ip-unblock nuke unnuke flag \
    auto-hide; do
	[ "$(audits "$a")" -gt 0 ]
	ok $? "audit entries for $a"
	like "$log" "<td>$a[< ]" "the log lists $a"
done
like "$log" '<a href="/user/mod">mod</a>' "the log says who acted"

# --- settings ------------------------------------------------------------------

# settings_post NAME=VALUE...: GET /moderate/settings with the jar and
# POST its form back with every field as shown (a ticked box as 1) but
# for the ones given.
settings_post() {
	local html f name value
	local -a fields
	fetch GET /moderate/settings
	html=$(form_of /moderate/settings)
	while read -r f; do
		name=$(printf '%s' "$f" | sed -n 's/.* name="\([^"]*\)".*/\1/p')
		value=$(printf '%s' "$f" | sed -n 's/.* value="\([^"]*\)".*/\1/p')
		case $name in "" | csrf) continue ;; esac
		case $f in
		*'type="checkbox"'*)
			case $f in *' checked'*) ;; *) continue ;; esac ;;
		esac
		fields+=("$name=$(unescape "$value")")
	done < <(printf '%s' "$html" | grep -oE '<input[^>]*>')
	while read -r f; do
		name=$(printf '%s' "$f" | sed -n 's/.* name="\([^"]*\)".*/\1/p')
		value=${f#*>}
		value=${value%</textarea>}
		fields+=("$name=$(unescape "$value")")
	done < <(printf '%s' "$html" | grep -oE '<textarea[^>]*>[^<]*</textarea>')
	for f in "$@"; do
		fields+=("$f")
	done
	# The last of a repeated name wins: keep one of each.
	declare -A seen=()
	local -a out=()
	local i
	for ((i = ${#fields[@]} - 1; i >= 0; i--)); do
		name=${fields[i]%%=*}
		[ -n "${seen[$name]-}" ] && continue
		seen[$name]=1
		out+=("${fields[i]}")
	done
	mpost /moderate/settings "${out[@]}"
}

# unescape TEXT: TEXT with ctemplate's HTML escapes undone.
unescape() {
	printf '%s' "$1" | sed -e 's/&lt;/</g' -e 's/&gt;/>/g' \
	    -e 's/&quot;/"/g' -e "s/&#39;/'/g" -e 's/&amp;/\&/g'
}

as mod
mpost /moderate/settings "site_name=Moderated by mod"
is "$STATUS" 403 "change the settings as a moderator: 403"
as adm
fetch GET /moderate/settings
is "$STATUS" 200 "GET /moderate/settings as an admin: 200"
settings_post "site_name=The Heron Forum"
is "$STATUS $(location_path)" "303 /moderate/settings?done=1" \
    "change site_name: 303"
is "$(site_sql "SELECT value FROM settings WHERE key = 'site_name'")" \
    "The Heron Forum" "change site_name: saved"
is "$(site_sql "SELECT value FROM settings WHERE key = 'welcome'")" \
    "$WELCOME" "change site_name: the other settings as they were"
as visitor
fetch GET /
has "The Heron Forum" "the view program shows the new name, without a restart"
as adm
settings_post "page_size=lots-of-them"
is "$STATUS" 422 "an invalid page_size: 422"
has 'value="lots-of-them"' "an invalid page_size: the typed text kept"
settings_post "priv_flag=100000"
is "$STATUS" 303 "raise priv_flag: 303"
as erin
mpost "/post/$Q2ID/flag" reason=spam
is "$STATUS" 403 "flag with fewer points than priv_flag: 403"

# --- counters ----------------------------------------------------------------

out=$("$QA_ADMIN" -d "$DB" recount 2>&1)
ok $? "qa-admin recount after moderation: runs"
is "$out" "recount: 0 rows changed" \
    "qa-admin recount after moderation: nothing to correct"

done_testing
