#!/bin/bash
# badinput.t: hostile input on every route with every method, through
# the real web server and every program.  The routes are read from the
# route tables (static const struct route routes[] in cgi-bin/*.c) and
# the field names of each route from its handler's code (the fields it
# reads, in the functions it calls) and from the form that posts to it,
# so that a new route or field is covered as soon as it is written.  Each
# route gets a real address (posts, users, categories, tokens of the
# site's database, made through the forms) and is sent:
#   - every method: GET, HEAD, POST, PUT, DELETE and a made-up one (405
#     with Allow for a method the route does not take; 403 for a POST
#     without a CSRF token);
#   - malformed query strings: bad percent-escapes, invalid and overlong
#     UTF-8, NUL and control bytes, bad, repeated or too many names, an
#     oversize query (400);
#   - hostile path segments for its {}: negative, huge, non-numeric and
#     malformed ids, encoded NUL, CR LF, "..", script (4xx);
#   - malformed urlencoded bodies, with each of its field names: the
#     same bytes, repeated and too many fields, an oversize field (400,
#     413), an oversize body (the web server's 413), wrong content types
#     (415);
#   - forged requests: no token without Origin or Sec-Fetch-Site, the
#     token of another visitor or member, a visitor's token with a
#     session, a made-up, truncated or altered token, a session ended by
#     logging out, a foreign Origin, Sec-Fetch-Site other than
#     same-origin (403, with the CSRF message);
#   - hostile cookies and headers (Host, Origin, Referer, Cookie, If-*,
#     User-Agent): answered, never reflected off-site;
#   - hostile values in each of its fields with a valid token, as an
#     administrator, alone and in the whole form its page shows: SQL
#     and template injection, XSS, CR LF, off-site redirect targets,
#     negative, huge and non-numeric numbers, long and exotic text
#     (anything but a 5xx; what is stored comes out escaped).
# Every answer must come within 10 s, never be a 5xx, be a 4xx page with
# a body (HTML or JSON) where refused, carry no header injected through
# a CR LF and no Location off this site, and the programs must answer
# the next request.  The database (every table but the counters that
# reading may move: views, last_seen, last_used, rate limits) must be
# unchanged by each group of refused requests, and intact, with its
# tables and everyone's level, after the hostile values.  Raw requests
# (perl, so that the bytes are exactly those written) add what curl
# would normalise: raw bytes in the request line and headers, broken
# Content-Length, chunked bodies, no Host.  Then: next= targets after a
# login and a moderator's action, a session expired in the database or
# idle too long, a logged-out session, and hostile text stored and shown
# escaped.  The web server's own 4xx (nginx's or Apache's 413, 400 for a
# bad request line) count as answers; so do two ways of mod_fcgid's
# (apache-fcgid): a body over Apache's limit reaches the program as no
# body at all (refused by the CSRF check), and a body cut short gets
# mod_fcgid's own 500 (never the program's: checked).  With a server
# that starts a program per request (apache-cgi) each route gets a
# rotating part of each list of inputs, so that the script stays quick.
. "$(dirname "$0")/lib.sh"

for p in $PROGRAMS; do
	program_built "$p" || skip_all "cgi-bin/$p is not built"
done
command -v perl >/dev/null || bail "perl not installed (apt-get install perl)"

T0=$(date +%s)
WEB_MODE=nginx
site_init
# No wait before a form may be sent, limits far above what the requests
# here reach (so that a refusal is never a rate limit's), and visitors'
# posts queued (a queued post with its manage key).
site_sql "UPDATE settings SET value = '0' WHERE key = 'form_min_seconds';
    UPDATE settings SET value = '100000' WHERE key IN ('rate_q_ip',
    'rate_a_ip', 'rate_c_ip', 'rate_q_user', 'rate_a_user',
    'rate_c_user', 'rate_v_user', 'rate_v_ip');
    UPDATE settings SET value = '1' WHERE key = 'queue_anon';
    INSERT OR REPLACE INTO settings (key, value) VALUES
    ('login_soft', '100000'), ('login_lock', '200000'),
    ('login_ip_soft', '100000'), ('login_ip_lock', '200000');" ||
    bail "cannot change the settings"
FAST=1
# The cheapest password hashes argon2id allows: thousands of requests
# here carry a password, none of them to test the hash.
conf_set argon2_m 8
conf_set argon2_t 1

PASS='grey-heron-lantern-41'
for u in adm:admin mod:moderator mem:registered mem2:registered \
    victim:registered spammer:registered; do
	"$QA_ADMIN" -d "$DB" create-user "${u%%:*}" "${u%%:*}@example.org" \
	    --level "${u#*:}" --password "$PASS" > "$WEB_TMP/cu.out" 2>&1 ||
	    bail "create-user ${u%%:*}: $(cat "$WEB_TMP/cu.out")"
done
site_sql "UPDATE users SET points = 1000 WHERE handle IN ('mem', 'mem2')"
server_start
diag "$WEB_SERVER on $BASE"

# Under plain CGI a request costs a program's start: each route then
# gets FEW inputs of each list (a different part for each route).
if server_keeps_programs; then
	FEW=0
else
	FEW=4
fi

# --- the routes -------------------------------------------------------

# route_table: every route of the route tables, one a line: "PROGRAM
# METHOD PATTERN HANDLER" (METHOD GET or POST); a flags word that is a
# macro (view.c's PAGE) is looked up in the #defines of its file.
route_table() {
	awk '
	FNR == 1 { split("", def); tab = 0; prog = FILENAME
		sub(/.*\//, "", prog); sub(/\.c$/, "", prog) }
	/^#define[ \t]+[A-Z_]+[ \t]/ {
		d = $0
		sub(/^#define[ \t]+[A-Z_]+[ \t]+/, "", d)
		def[$2] = d
	}
	/^static const struct route routes\[\]/ { tab = 1; next }
	tab && /^};/ { tab = 0 }
	tab && /\{[ \t]*"/ { line = $0; open = 1 }
	tab && !/\{[ \t]*"/ && open { line = line " " $0 }
	tab && line ~ /\}/ && open {
		open = 0
		s = line
		sub(/^[ \t]*\{[ \t]*"/, "", s)
		path = s
		sub(/".*/, "", path)
		sub(/^[^"]*",[ \t]*/, "", s)
		flags = s
		sub(/,.*/, "", flags)
		gsub(/[ \t]/, "", flags)
		if (flags in def)
			flags = def[flags]
		h = s
		sub(/^[^,]*,[ \t]*/, "", h)
		sub(/[ \t]*\}.*/, "", h)
		if (flags ~ /ROUTE_GET/)
			print prog, "GET", path, h
		if (flags ~ /ROUTE_POST/)
			print prog, "POST", path, h
	}' "$top_srcdir"/cgi-bin/*.c
}

# handler_fields PROGRAM: "HANDLER NAME..." for every function of the
# program, a line each: the names the function and the functions it
# calls (three calls deep) read with http_formval() ("f:NAME"),
# http_query() or http_query_int() ("q:NAME"), and the names of the
# field tables (static const struct field) they use ("f:NAME").  The
# program's file comes with the cgi-bin files that have no route table
# (view's feed.c and search.c), and lib/form.h and lib/auth.h for the
# macros that name fields.
handler_fields() {
	local f files=
	for f in "$top_srcdir"/cgi-bin/*.c; do
		grep -q '^static const struct route routes\[\]' "$f" ||
		    files="$files $f"
	done
	awk '
	FNR == 1 { fn = ""; tbl = "" }
	/^#define[ \t]+[A-Z_]+[ \t]+"[a-z0-9_-]+"/ {
		v = $3; gsub(/"/, "", v); mac[$2] = v
	}
	/^static const struct field [a-z_0-9]+\[/ {
		tbl = $5; sub(/\[.*/, "", tbl); tabs[tbl] = ""
	}
	tbl != "" {
		s = $0
		while (match(s, /"[a-z0-9_-]+"/)) {
			tabs[tbl] = tabs[tbl] " " substr(s, RSTART + 1,
			    RLENGTH - 2)
			s = substr(s, RSTART + RLENGTH)
		}
		if ($0 ~ /^};/)
			tbl = ""
		next
	}
	/^[a-z_][a-z0-9_]*\(/ {
		fn = $0; sub(/\(.*/, "", fn)
		if (!(fn in defined)) { defined[fn] = 1; words[fn] = "" }
		next
	}
	/^}/ { fn = ""; next }
	fn != "" {
		s = $0
		while (match(s,
		    /http_(formval|query|query_int)\(req, "[a-z0-9_-]+"/)) {
			t = substr(s, RSTART, RLENGTH)
			k = t ~ /^http_formval/ ? "f:" : "q:"
			sub(/^[^"]*"/, "", t); sub(/"$/, "", t)
			names[fn] = names[fn] " " k t
			s = substr(s, RSTART + RLENGTH)
		}
		s = $0
		while (match(s, /http_formval\(req, [A-Z_]+\)/)) {
			t = substr(s, RSTART, RLENGTH)
			sub(/^http_formval\(req, /, "", t); sub(/\)$/, "", t)
			names[fn] = names[fn] " M:" t
			s = substr(s, RSTART + RLENGTH)
		}
		s = $0
		while (match(s, /[a-z_][a-z0-9_]*/)) {
			words[fn] = words[fn] " " substr(s, RSTART, RLENGTH)
			s = substr(s, RSTART + RLENGTH)
		}
	}
	END {
		for (f in defined) {
			split("", seen); split("", out); split("", depth)
			q[1] = f; nq = 1; seen[f] = 1; depth[f] = 0
			for (i = 1; i <= nq; i++) {
				g = q[i]
				n = split(names[g], a, " ")
				for (j = 1; j <= n; j++)
					out[a[j]] = 1
				n = split(words[g], a, " ")
				for (j = 1; j <= n; j++) {
					w = a[j]
					if (w in tabs) {
						m = split(tabs[w], b, " ")
						for (k = 1; k <= m; k++)
							out["f:" b[k]] = 1
					}
					if ((w in defined) && !(w in seen) &&
					    depth[g] < 3) {
						seen[w] = 1
						depth[w] = depth[g] + 1
						q[++nq] = w
					}
				}
			}
			line = f
			for (x in out) {
				if (x ~ /^M:/) {
					y = substr(x, 3)
					if (!(y in mac))
						continue
					x = "f:" mac[y]
				}
				line = line " " x
			}
			print line
		}
	}' "$top_srcdir/lib/form.h" "$top_srcdir/lib/auth.h" \
	    "$top_srcdir/cgi-bin/$1.c" $files
}

R_PROG=()
R_METHOD=()
R_PAT=()
R_HANDLER=()
while read -r prog method pat handler; do
	R_PROG+=("$prog")
	R_METHOD+=("$method")
	R_PAT+=("$pat")
	R_HANDLER+=("$handler")
done < <(route_table)
NR_ROUTES=${#R_PAT[@]}
[ "$NR_ROUTES" -ge 60 ]
ok $? "the route tables were read ($NR_ROUTES routes)" ||
    bail "the route tables could not be read"

# The field names of each route's handler: F_NAMES["METHOD PATTERN"],
# space-separated, form fields for POST and query fields for GET.
declare -A F_NAMES H_NAMES
for prog in $(printf '%s\n' "${R_PROG[@]}" | sort -u); do
	while read -r h rest; do
		H_NAMES["$prog $h"]=$rest
	done < <(handler_fields "$prog")
done
for ((i = 0; i < NR_ROUTES; i++)); do
	kind=f
	[ "${R_METHOD[i]}" = GET ] && kind=q
	F_NAMES["${R_METHOD[i]} ${R_PAT[i]}"]=$(printf '%s\n' \
	    ${H_NAMES["${R_PROG[i]} ${R_HANDLER[i]}"]} |
	    sed -n "s/^$kind://p" | grep -vx csrf | sort -u | tr '\n' ' ')
done

# --- content and accounts ---------------------------------------------

# as NAME: act as NAME with NAME's cookie jar, logging in on first use
# (a name starting "vis" is a visitor, who does not), and set COOKIE (a
# Cookie header's value, the jar's cookies) and TOKEN (the csrf token of
# NAME's forms).
as() {
	JAR=$WEB_TMP/jar.$1
	if [ "${1#vis}" = "$1" ] && [ ! -e "$JAR.in" ]; then
		login_as "$1" "$PASS"
		[ "$STATUS" = 303 ] || bail "log in as $1: $STATUS"
		touch "$JAR.in"
	fi
	if [ "${1#vis}" = "$1" ]; then
		fetch GET /account
	else
		fetch GET /login
	fi
	TOKEN=$(grep -oE 'name="csrf" value="[^"]*"' "$BODY" | head -n 1 |
	    sed -e 's/.*value="//' -e 's/"$//')
	[ -n "$TOKEN" ] || bail "no csrf token for $1"
	COOKIE=$(jar_header)
}

# relogin NAME: forget NAME's login and log in again.
relogin() {
	rm -f "$WEB_TMP/jar.$1" "$WEB_TMP/jar.$1.in"
	as "$1"
}

# qid_of PATH: the question id in /q/ID/...
qid_of() {
	printf '%s' "$1" | sed -n 's|^/q/\([0-9]*\).*|\1|p'
}

# A demo question with answers and comments, one of its answers and a
# comment on it; another question for the moderators' actions.
QID=$(site_sql "SELECT q.id FROM posts q WHERE q.type = 1 AND q.status = 1
    AND q.answer_count > 0 AND EXISTS (SELECT 1 FROM posts c WHERE c.type = 3
    AND c.status = 1 AND c.question_id = q.id) ORDER BY q.id LIMIT 1")
[ -n "$QID" ] || bail "the demo database has no question with comments"
QSLUG=$(site_sql "SELECT slug FROM posts WHERE id = $QID")
AID=$(site_sql "SELECT id FROM posts WHERE type = 2 AND status = 1
    AND parent_id = $QID ORDER BY id LIMIT 1")
CID=$(site_sql "SELECT id FROM posts WHERE type = 3 AND status = 1
    AND question_id = $QID ORDER BY id LIMIT 1")
QID2=$(site_sql "SELECT id FROM posts WHERE type = 1 AND status = 1
    AND closed = 0 AND id <> $QID ORDER BY id LIMIT 1")
TAG=$(site_sql "SELECT g.name FROM tags g JOIN post_tags t ON t.tag_id = g.id
    WHERE t.post_id = $QID AND g.name NOT GLOB '*[^a-z0-9.-]*' LIMIT 1")
CAT=$(site_sql "SELECT slug FROM categories WHERE slug NOT GLOB
    '*[^a-z0-9-]*' ORDER BY id LIMIT 1")
[ -n "$AID" ] && [ -n "$CID" ] && [ -n "$QID2" ] && [ -n "$TAG" ] &&
    [ -n "$CAT" ] || bail "the demo database lacks an answer, comment," \
    "second question, tag or category"

# mem asks (and is subscribed), mem2 answers: the asker may accept it.
as mem
form_post /ask /ask "title=What breaks a parser that reads forms?" \
    "body=Which inputs should every form handler be tried with?" \
    "tags=$TAG" "notify=1" "post=1"
MQ=$(location_path)
MQID=$(qid_of "$MQ")
as mem2
form_post "$MQ" "/q/$MQID/answer" \
    "body=Every byte that is not what the form expects, and then some."
MAID=$(location_path | sed -n 's/.*#a\([0-9]*\)$/\1/p')
SUBTOKEN=$(site_sql "SELECT token FROM subscriptions WHERE user_id =
    (SELECT id FROM users WHERE handle = 'mem') LIMIT 1")
[ -n "$MQID" ] && [ -n "$MAID" ] && [ -n "$SUBTOKEN" ] ||
    bail "mem could not ask, mem2 could not answer, or no subscription"

# A visitor's question (queued) and the key to manage it.
as vis0
form_post /ask /ask "title=A visitor asks what a form should refuse" \
    "body=A body long enough to pass its check, from a visitor." \
    "name=Val Visitor" "email=val@example.org" "post=1"
MANAGE=$(grep -oE '/post/[0-9]+/manage\?key=[A-Za-z0-9_-]+' "$BODY" |
    head -n 1)
VID=$(printf '%s' "$MANAGE" | sed 's|^/post/\([0-9]*\)/.*|\1|')
VKEY=${MANAGE#*key=}
[ -n "$VID" ] || bail "no manage link after a visitor's question"

# expendables: (again) an IP block, a nuked account and a category, for
# the routes that delete and undo them; sets IPID, NUKEID, SCRATCH.
expendables() {
	as mod
	form_post /moderate/ips /moderate/ips "cidr=203.0.113.7" "reason=test"
	IPID=$(site_sql "SELECT id FROM ip_blocks WHERE
	    hex(first) = '00000000000000000000FFFFCB007107'")
	as adm
	fetch GET /moderate/user/spammer
	grep -q 'action="/moderate/user/spammer/nuke"' "$BODY" &&
	    form_post /moderate/user/spammer /moderate/user/spammer/nuke \
	    "reason=spam" "sure=1"
	NUKEID=$(site_sql "SELECT id FROM audit WHERE action = 'nuke'
	    ORDER BY id DESC LIMIT 1")
	site_sql "INSERT OR IGNORE INTO categories (slug, name)
	    VALUES ('scratch', 'Scratch')"
	SCRATCH=$(site_sql "SELECT id FROM categories WHERE slug = 'scratch'")
	[ -n "$IPID" ] && [ -n "$NUKEID" ] && [ -n "$SCRATCH" ] ||
	    bail "no IP block, nuke or scratch category"
}
expendables

# route_url PATTERN: a real address for the route: every {} filled with
# the id, name or slug of something that exists (and that the route may
# change: QID2, victim, the scratch category).  A pattern not known here
# gets the question's id for each {}.
route_url() {
	case $1 in
	/q/{}/{})			echo "/q/$QID/$QSLUG" ;;
	/q/{}/accept/{})		echo "/q/$MQID/accept/$MAID" ;;
	/a/{}/comment)			echo "/a/$AID/comment" ;;
	/post/{}/manage)		echo "/post/$VID/manage?key=$VKEY" ;;
	/post/{}/vote | /post/{}/flag)	echo "${1/\{\}/$AID}" ;;
	/tag/{})			echo "/tag/$TAG" ;;
	/c/{})				echo "/c/$CAT" ;;
	/user/{})			echo "/user/mem" ;;
	/feed/tag/{})			echo "/feed/tag/$TAG.atom" ;;
	/feed/c/{})			echo "/feed/c/$CAT.atom" ;;
	/feed/q/{})			echo "/feed/q/$QID.atom" ;;
	/sitemap/{})			echo "/sitemap/q-1.xml" ;;
	/moderate/post/{})		echo "/moderate/post/$CID" ;;
	/moderate/@(close|reopen|move|retag)/{})
		echo "${1/\{\}/$QID2}" ;;
	/moderate/user/{}*)		echo "${1/\{\}/victim}" ;;
	/moderate/unnuke/{})		echo "/moderate/unnuke/$NUKEID" ;;
	/moderate/ips/{}/delete)	echo "/moderate/ips/$IPID/delete" ;;
	/moderate/categories/{}/delete)
		echo "/moderate/categories/$SCRATCH/delete" ;;
	/moderate/categories/{})	echo "/moderate/categories/$SCRATCH" ;;
	/unsubscribe)			echo "/unsubscribe?t=$SUBTOKEN" ;;
	/confirm | /reset)		echo "$1?t=not-a-token" ;;
	*)				echo "${1//\{\}/$QID}" ;;
	esac
}

# The form fields of the pages: for a POST route that is also a GET
# route, the names of the inputs of the form that posts to it, as the
# administrator sees the page.
as adm
for ((i = 0; i < NR_ROUTES; i++)); do
	[ "${R_METHOD[i]}" = POST ] || continue
	u=$(route_url "${R_PAT[i]}")
	for ((j = 0; j < NR_ROUTES; j++)); do
		[ "${R_METHOD[j]}" = GET ] &&
		    [ "${R_PAT[j]}" = "${R_PAT[i]}" ] && break
	done
	[ $j -lt $NR_ROUTES ] || continue
	fetch GET "$u"
	names=$(form_of "${u%%\?*}" | grep -oE \
	    '<(input|textarea|select)[^>]*name="[a-z0-9_-]+"' |
	    sed 's/.*name="\([^"]*\)"/\1/' | grep -vx csrf)
	k="POST ${R_PAT[i]}"
	F_NAMES[$k]=$(printf '%s\n' ${F_NAMES[$k]} $names | sort -u |
	    tr '\n' ' ')
done
nf=0
for k in "${!F_NAMES[@]}"; do
	set -- ${F_NAMES[$k]}
	nf=$((nf + $#))
done
[ -n "${F_NAMES[POST /ask]}" ] &&
    [[ " ${F_NAMES[POST /ask]} " == *" title "* ]] &&
    [[ " ${F_NAMES[POST /moderate/settings]} " == *" page_size "* ]] &&
    [[ " ${F_NAMES[GET /questions]} " == *" page "* ]]
ok $? "the field names of the handlers and forms were read ($nf)" ||
    diag "/ask: ${F_NAMES[POST /ask]}" \
    "/moderate/settings: ${F_NAMES[POST /moderate/settings]}" \
    "/questions: ${F_NAMES[GET /questions]}"

# The tokens and cookies of each role: adm, mod, mem, mem2; visitors
# vis1 and vis2 (each with a CSRF cookie of its own).
declare -A CK TK
for r in adm mod mem mem2 vis1 vis2; do
	as "$r"
	CK[$r]=$COOKIE
	TK[$r]=$TOKEN
done
[ "${TK[vis1]}" != "${TK[vis2]}" ] && [ "${TK[mem]}" != "${TK[mem2]}" ]
ok $? "each member and visitor has a token of its own"

# A session ended by logging out, with the token it had.
"$QA_ADMIN" -d "$DB" create-user gone gone@example.org --level registered \
    --password "$PASS" > "$WEB_TMP/cu.out" 2>&1 || bail "create-user gone"
as gone
GONE_CK=$COOKIE
GONE_TK=$TOKEN
form_post /account /logout
[ "$STATUS" = 303 ] || bail "gone could not log out: $STATUS"
# A made-up session token (the right shape) and a made-up CSRF token.
FAKE=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA
FAKE2=$(printf '%s' "${TK[mem]}" | tr 'A-Za-z' 'B-ZAb-za')

# --- the requests -----------------------------------------------------

B=$WEB_TMP/batch
B_N=0
TOTAL=0
NGROUPS=0

# cq TEXT: set CQ to TEXT as a quoted value of curl's config file.
cq() {
	CQ=${1//\\/\\\\}
	CQ=${CQ//\"/\\\"}
	CQ=${CQ//$'\r'/\\r}
	CQ=\"${CQ//$'\n'/\\n}\"
}

# batch_start: begin a group of requests, sent by one curl (batch_send).
batch_start() {
	rm -rf "$B"
	mkdir -p "$B"
	: > "$B/cfg"
	: > "$B/meta"
	B_N=0
}

# The write-out of each request: its number, status, curl's exit code,
# content type, body size, and the headers Location, X-Injected,
# Set-Cookie and Allow, tab-separated.
WOUT='\t%{http_code}\t%{exitcode}\t%{content_type}\t%{size_download}'
WOUT+='\t%header{location}\t%header{x-injected}\t%header{set-cookie}'
WOUT+='\t%header{allow}\n'

# rq EXPECT METHOD URI [-c COOKIE] [-H HEADER]... [-d BODY] [-D FILE]
#     [-t TYPE] [-w WHAT]: add a request to the group: METHOD (HEAD is
#     sent as curl sends it, without waiting for a body) to URI (a path
#     on the site, sent as written) with the Cookie header COOKIE, the
#     headers, the body BODY (or the bytes of FILE) as
#     application/x-www-form-urlencoded or TYPE ("-": no Content-Type);
#     WHAT says what is sent for the failure report.  EXPECT is the
#     status wanted, an ERE ("4..", "403", "[234]..").  No subshell:
#     the groups hold thousands of requests.
rq() {
	local expect=$1 method=$2 uri=$3 what= type=x f= d=- h cfg
	local -a hdr=()
	shift 3
	while [ $# -gt 0 ]; do
		case $1 in
		-c) hdr+=("Cookie: $2") ;;
		-H) hdr+=("$2") ;;
		-d) d=$2 ;;
		-D) f=$2 ;;
		-t) type=$2 ;;
		-w) what=$2 ;;
		esac
		shift 2
	done
	B_N=$((B_N + 1))
	cq "$BASE$uri"
	cfg="url = $CQ"$'\n'
	case $method in
	GET) ;;
	HEAD) cfg+="head"$'\n' ;;
	*) cq "$method"; cfg+="request = $CQ"$'\n' ;;
	esac
	if [ -n "$f" ] || [ "$d" != - ]; then
		if [ -n "$f" ]; then
			cq "@$f"
		else
			cq "$d"
		fi
		cfg+="data-binary = $CQ"$'\n'
		case $type in
		x) ;;
		-) cfg+='header = "Content-Type:"'$'\n' ;;
		*) cq "Content-Type: $type"; cfg+="header = $CQ"$'\n' ;;
		esac
	fi
	for h in "${hdr[@]}"; do
		cq "$h"
		cfg+="header = $CQ"$'\n'
	done
	cq "$B/$B_N.out"
	cfg+="output = $CQ"$'\n'
	cfg+="write-out = \"$B_N$WOUT\""$'\n'
	cfg+="max-time = 10"$'\n'"path-as-is"$'\n'"globoff"$'\n'"next"$'\n'
	printf '%s' "$cfg" >> "$B/cfg"
	printf '%s\t%s\t%s\t%s\t%s\n' "$B_N" "$expect" "$method" \
	    "${uri:0:120}" "$what" >> "$B/meta"
}

# The tables a refused request must leave as they were: all but those
# that reading may move (posts.views, users.last_seen,
# sessions.last_used, the rate limits, the related questions' cache).
SUM_SQL="SELECT 'stamp', n FROM stamp;
SELECT 'posts', id, type, parent_id, question_id, title, slug, body_md,
    body_html, tags, category_id, user_id, anon_name, anon_email, status,
    closed, close_reason, duplicate_of, comments_locked, up, down, score,
    answer_count, comment_count, flag_count, accepted_id, edited, activity
    FROM posts ORDER BY id;
SELECT 'users', id, handle, email, display_name, pwhash, level, points,
    blocked, notify, about, qcount, acount, email_confirmed
    FROM users ORDER BY id;
SELECT 'sessions', id, hex(token_hash), user_id, hex(csrf), expires, idle
    FROM sessions ORDER BY id;
SELECT 'user_tokens', hex(token_hash), kind, user_id FROM user_tokens
    ORDER BY 2;
SELECT 'votes', * FROM votes ORDER BY post_id, user_id;
SELECT 'flags', * FROM flags ORDER BY id;
SELECT 'tags', * FROM tags ORDER BY id;
SELECT 'post_tags', * FROM post_tags ORDER BY tag_id, post_id;
SELECT 'categories', * FROM categories ORDER BY id;
SELECT 'settings', * FROM settings ORDER BY key;
SELECT 'ip_blocks', id, hex(first), hex(last), reason FROM ip_blocks
    ORDER BY id;
SELECT 'audit', * FROM audit ORDER BY id;
SELECT 'subscriptions', * FROM subscriptions ORDER BY id;
SELECT 'post_keys', hex(token_hash), post_id FROM post_keys ORDER BY 2;
SELECT 'revisions', * FROM revisions ORDER BY id;
SELECT 'points_log', * FROM points_log ORDER BY id;
SELECT 'outbox', id, to_addr, subject FROM outbox ORDER BY id;"

# db_sums: a checksum of each table of SUM_SQL, "TABLE SUM" a line.
db_sums() {
	rm -f "$WEB_TMP"/sums/*
	# Each table's rows after a line "@@TABLE", into a file of its own.
	site_sql "$(printf '%s\n' "$SUM_SQL" |
	    sed "s/^SELECT '\([a-z_]*\)', /SELECT '@@\1'; SELECT /")" |
	    awk -v dir="$WEB_TMP/sums" '
	    /^@@[a-z_]+$/ { f = dir "/" substr($0, 3); next }
	    f != "" { print > f }'
	(cd "$WEB_TMP/sums" && md5sum * | awk '{ print $2, $1 }')
}
mkdir -p "$WEB_TMP/sums"

# alive: each program answers a plain request as it should (view 200,
# login 200, ask 200, answer 200, vote 405, moderate 303 to the login),
# and under nginx each FastCGI daemon is still running.  Prints what is
# wrong.
alive_check() {
	local u want got p
	for u in "/ 200" "/login 200" "/ask 200" "/unsubscribe?done=1 200" \
	    "/post/$AID/vote 405" "/moderate 303"; do
		want=${u#* }
		got=$(curl -s -o /dev/null -w '%{http_code}' --max-time 10 \
		    "$BASE${u% *}")
		[ "$got" = "$want" ] || echo "GET ${u% *}: $got, not $want"
	done
	if [ "$WEB_SERVER" = nginx ]; then
		for p in $PROGRAMS; do
			for u in $(pids_in "$WEB_TMP/$p.pid"); do
				alive "$u" || echo "$p (pid $u) has ended"
			done
		done
	fi
}

# batch_check [refused] [GREP] [noalive]: send the group and check every
# answer:
# the status EXPECT asks for and never a 5xx or none (curl's 10 s
# limit), a body that is HTML or JSON for a 4xx (but for HEAD), an
# Allow header with a 405, no header injected (X-Injected, a Set-Cookie
# "injected"), a Location only on this site, and no raw script or img
# handler of the inputs in an HTML page.  With refused, the database
# must be as before; with GREP, every 4xx page must hold GREP.  Then the
# programs must still answer (unless noalive: the caller checks that
# later).  Sets FAILS to what is wrong, a line each.
batch_check() {
	local refused=${1-} grep=${2-} noalive=${3-} before after
	[ "$refused" = refused ] && before=$(db_sums)
	curl -s -K "$B/cfg" > "$B/results" 2> "$B/curl.err"
	tally "$(cut -f 2 "$B/results")"
	TOTAL=$((TOTAL + B_N))
	NGROUPS=$((NGROUPS + 1))
	FAILS=$(LC_ALL=C awk -F '\t' -v dir="$B" -v base="$BASE" '
	NR == FNR { want[$1] = $2; meth[$1] = $3; uri[$1] = $4
		what[$1] = $5; next }
	{
		i = $1; st = $2; ex = $3; ct = $4; sz = $5; loc = $6
		inj = $7; ck = $8; allow = $9; seen[i] = 1
		d = meth[i] " " uri[i] (what[i] != "" ? " (" what[i] ")" : "")
		bad = ""
		if (st == "000")
			bad = "no answer (curl exit " ex ")"
		else if (st ~ /^5/)
			bad = "status " st
		else if (st !~ ("^(" want[i] ")$"))
			bad = "status " st ", wanted " want[i]
		else if (st ~ /^4/ && meth[i] != "HEAD" &&
		    (sz == 0 || ct !~ /^(text\/html|application\/json)/))
			bad = "a " st " without an HTML or JSON body (" ct \
			    ", " sz " bytes)"
		else if (st == "405" && allow == "")
			bad = "a 405 without Allow"
		if (bad == "" && inj != "")
			bad = "an injected header X-Injected: " inj
		if (bad == "" && ck ~ /injected/)
			bad = "an injected Set-Cookie: " ck
		if (bad == "" && loc != "" && loc !~ /^\/([^\/\\]|$)/ &&
		    index(loc, base "/") != 1)
			bad = "Location: " loc
		if (bad != "")
			print d ": " bad
		else if (st ~ /^4/ && meth[i] != "HEAD")
			print i > (dir "/4xx")
		if (ct ~ /^text\/html/)
			print i > (dir "/html")
	}
	END {
		for (i in want)
			if (!(i in seen))
				print meth[i] " " uri[i] ": no result"
	}' "$B/meta" "$B/results")
	FAILS+=$(cd "$B" && [ -s html ] && sed 's/$/.out/' html |
	    xargs grep -lF -e '<script>alert(1)' -e '<img src=x onerror' \
	    2>/dev/null | sed 's/\.out$//' | while read -r i; do
		printf '\n%s: a raw script or img handler in the page' \
		    "$(awk -F '\t' -v i="$i" '$1 == i { print $3, $4, $5 }' \
		    meta)"
	done)
	if [ -n "$grep" ] && [ -s "$B/4xx" ]; then
		FAILS+=$(cd "$B" && sed 's/$/.out/' 4xx | xargs grep -LF -- \
		    "$grep" | sed 's/\.out$//' | while read -r i; do
			printf '\n%s: the page does not say "%s"' \
			    "$(awk -F '\t' -v i="$i" '$1 == i { print $3, $4,
			    $5 }' meta)" "$grep"
		done)
	fi
	if [ "$refused" = refused ]; then
		after=$(db_sums)
		[ "$before" = "$after" ] || FAILS+=$(printf '\n%s' \
		    "the database changed: $(comm -13 <(echo "$before") \
		    <(echo "$after") | cut -d ' ' -f 1 | tr '\n' ' ')")
	fi
	[ "$noalive" = noalive ] ||
	    FAILS+=$(alive_check | sed 's/^/\nafter the group: /')
	FAILS=$(printf '%s\n' "$FAILS" | grep -v '^$')
}

# tally STATUSES: count the statuses (one a line) by their first digit
# in TALLY.
declare -A TALLY
tally() {
	local c n
	while read -r n c; do
		[ -n "$c" ] && TALLY[$c]=$((${TALLY[$c]-0} + n))
	done < <(printf '%s\n' "$1" | cut -c 1 | sort | uniq -c)
}

# report DESC N: one TAP test for a group of N requests: passes when
# FAILS is empty, else shows the first failures.
report() {
	if [ -z "$FAILS" ]; then
		ok 0 "$1 ($2 requests)"
	else
		ok 1 "$1 ($2 requests)"
		diag "$(printf '%s\n' "$FAILS" | wc -l) failures:" \
		    "$(printf '%s\n' "$FAILS" | head -n 25)"
	fi
}

# batch_send DESC [refused] [GREP]: batch_check and report.
batch_send() {
	batch_check "${2-}" "${3-}"
	report "$1" "$B_N"
}

# take LIST...: set the array TAKEN to the items of the list that this
# use of it gets: all of them, or with FEW set, FEW of them from the
# ROT-th on (ROT moves on at each use, so that the uses together go
# through the whole list).
ROT=0
take() {
	local n=$# i
	TAKEN=("$@")
	if [ "$FEW" -eq 0 ] || [ "$n" -le "$FEW" ]; then
		return
	fi
	TAKEN=()
	for ((i = 0; i < FEW; i++)); do
		TAKEN+=("${@:(ROT + i) % n + 1:1}")
	done
	ROT=$((ROT + 1))
}

# Same-origin headers, as a browser sends with a form of this site.
SAME=(-H "Origin: $BASE" -H "Sec-Fetch-Site: same-origin")

# The unique patterns and the methods each takes.
declare -A P_METHODS
PATS=()
for ((i = 0; i < NR_ROUTES; i++)); do
	p=${R_PAT[i]}
	[ -n "${P_METHODS[$p]-}" ] || PATS+=("$p")
	P_METHODS[$p]+=" ${R_METHOD[i]}"
done

# base_want PATTERN: the status of the route's own address, GET as the
# administrator: a page or a redirect, but a 400 for the links whose
# token cannot be had here (a reset link is mailed, a confirmation link
# would confirm).
base_want() {
	case $1 in
	/confirm | /reset) echo 400 ;;
	*) echo '[23]..' ;;
	esac
}

# with_query URI QUERY: set WQ to URI with QUERY added to its query
# string.
with_query() {
	case $1 in
	*\?*) WQ=$1\&$2 ;;
	*) WQ=$1\?$2 ;;
	esac
}

# --- every method on every route --------------------------------------

batch_start
for p in "${PATS[@]}"; do
	u=$(route_url "$p")
	if [[ ${P_METHODS[$p]} == *GET* ]]; then
		rq "$(base_want "$p")" GET "$u" -c "${CK[adm]}" -w "as adm"
		rq '[234]..' GET "$u" -w "as a visitor"
		rq "$(base_want "$p")" HEAD "$u" -c "${CK[adm]}" -w "as adm"
	else
		rq 405 GET "$u" -c "${CK[adm]}"
		rq 405 HEAD "$u" -c "${CK[adm]}"
	fi
	if [[ ${P_METHODS[$p]} == *POST* ]]; then
		rq 403 POST "$u" -c "${CK[adm]}" -d "" \
		    -w "as adm, no token, no Origin"
		rq 403 POST "$u" -d "x=1" -w "a visitor, no token, no Origin"
	else
		rq 405 POST "$u" -c "${CK[adm]}" "${SAME[@]}" \
		    -d "csrf=${TK[adm]}" -w "with a token"
	fi
	for m in PUT DELETE BREW; do
		rq 405 "$m" "$u" -c "${CK[adm]}" "${SAME[@]}" \
		    -d "csrf=${TK[adm]}" -w "with a token"
	done
done
# Each route's address answers; a method it does not take is a 405 with
# Allow; a POST without a token a 403.
batch_send "every route with GET, HEAD, POST, PUT, DELETE, BREW" refused

# --- malformed query strings ------------------------------------------

# The query strings; N is a field name of the route (x when it has none).
MANY=$(for i in $(seq 0 64); do printf 'a%d=1&' "$i"; done)
LONGQ=N=$(printf 'a%.0s' $(seq 4100))
MALQ=('N=%' 'N=%zz' 'N=%4' 'N=%ff' 'N=%c0%af' 'N=%e0%80%af' 'N=%00'
    'N=%01' 'N=%0d' 'N=%7f' 'N=%c2%85' 'N=%ed%a0%80' 'N=%f4%90%80%80'
    'N=%fe' 'N=1&N=2' 'X=1' 'a%20b=1' '=1' 'n%00=1' 'N.x=1'
    "$(printf 'n%.0s' $(seq 33))=1" "${MANY%&}" "$LONGQ")
batch_start
for ((i = 0; i < NR_ROUTES; i++)); do
	u=$(route_url "${R_PAT[i]}")
	set -- ${F_NAMES["${R_METHOD[i]} ${R_PAT[i]}"]} x
	names=("$@")
	k=0
	take "${MALQ[@]}"
	for q in "${TAKEN[@]}"; do
		n=${names[k % $#]}
		k=$((k + 1))
		with_query "$u" "${q//N/$n}"
		if [ "${R_METHOD[i]}" = GET ]; then
			rq 400 GET "$WQ" -c "${CK[adm]}"
		else
			rq 400 POST "$WQ" -c "${CK[adm]}" \
			    "${SAME[@]}" -d "csrf=${TK[adm]}"
		fi
	done
done
batch_send "every route with malformed query strings: 400" refused

# --- hostile path segments --------------------------------------------

# path_want PATTERN K VALUE: set WANT to the status for VALUE as the
# K-th segment of the route's address: 4xx, but a 301 to the question's
# own address for any slug, and no test of aid 0 of an accept (it
# unchooses the best answer: a valid input that changes the question).
path_want() {
	case $1:$2:$3 in
	/q/{}/{}:3:*) WANT='301|4..' ;;
	/q/{}/accept/{}:4:0) WANT=skip ;;
	*) WANT='4..' ;;
	esac
}

LONGID=$(printf '9%.0s' $(seq 1100))
MALP=(-1 0 99999999999999999999 9223372036854775808 -9223372036854775809
    1.0 1e3 0x1 %201 +1 abc %00 %ff %c0%ae %0d%0aX-Injected:%201 %09
    %2e%2e %2e ..%2f..%2fetc%2fpasswd %2fq
    '%3Cscript%3Ealert(1)%3C%2Fscript%3E' "'%20OR%20'1'='1" "$LONGID")
batch_start
for ((i = 0; i < NR_ROUTES; i++)); do
	p=${R_PAT[i]}
	[[ $p == *'{}'* ]] || continue
	u=$(route_url "$p")
	q=
	[[ $u == *\?* ]] && q=?${u#*\?}
	IFS=/ read -r -a useg <<< "${u%%\?*}"
	IFS=/ read -r -a pseg <<< "$p"
	for ((k = 0; k < ${#pseg[@]}; k++)); do
		[ "${pseg[k]}" = '{}' ] || continue
		take "${MALP[@]}"
		for v in "${TAKEN[@]}"; do
			path_want "$p" "$k" "$v"
			[ "$WANT" = skip ] && continue
			seg=("${useg[@]}")
			seg[k]=$v
			IFS=/
			path=${seg[*]}$q
			IFS=$' \t\n'
			if [ "${R_METHOD[i]}" = GET ]; then
				rq "$WANT" GET "$path" -c "${CK[adm]}"
			else
				rq "$WANT" POST "$path" -c "${CK[adm]}" \
				    "${SAME[@]}" -d "csrf=${TK[adm]}"
			fi
		done
	done
done
# And paths of no route: encoded bytes, dot segments, the static files'
# folder left through "..".
for path in /%ff /%00 /%c0%af /%2e%2e/%2e%2e/etc/passwd /q/1/ //q/1 /Q/1 \
    /q//1 /static/..%2f..%2fconfigure.ac /static/%2e%2e/%2e%2e/configure.ac \
    /static/..%5c..%5cconfigure.ac "/$(printf 'a%.0s' $(seq 1100))" \
    /search%00 /login%0d%0aX-Injected:%201 /moderate%2f..%2flogin; do
	rq '4..' GET "$path" -c "${CK[adm]}"
done
batch_send "every route with hostile path segments, no route's paths: 4xx" \
    refused

# --- malformed bodies -------------------------------------------------

# The values: bad escapes, bad UTF-8 (a raw 0xff too), NUL and control
# bytes.  And the files: a raw NUL in a value, a body over
# HTTP_MAX_BODY (the web server's limit too).
MALV=('%' '%zz' '%4' '%ff' '%c0%af' '%e0%80%af' '%00' '%01' '%0d' '%7f'
    '%c2%9f' '%ed%b0%80' '%f8%88%80%80%80' $'\xff' $'a\xc3' '%fe%ff')
BIG=$(printf 'a%.0s' $(seq 1000))
mkdir -p "$WEB_TMP/bodies"
printf 'x=a\000b' > "$WEB_TMP/bodies/nul"
head -c 300000 /dev/zero | tr '\0' a | sed 's/^/x=/' > "$WEB_TMP/bodies/huge"
MULTI=$'--xyz\r\nContent-Disposition: form-data; name="csrf"\r\n\r\n'
# A body over the limit gets the web server's 413; mod_fcgid instead
# hands the request to the program without its body (Apache's
# LimitRequestBody stops the reading), where the CSRF check refuses it.
HUGE_WANT=413
[ "$WEB_SERVER" = apache-fcgid ] && HUGE_WANT='413|403'
batch_start
for ((i = 0; i < NR_ROUTES; i++)); do
	[ "${R_METHOD[i]}" = POST ] || continue
	u=$(route_url "${R_PAT[i]}")
	t="csrf=${TK[adm]}"
	a=(-c "${CK[adm]}" "${SAME[@]}")
	set -- ${F_NAMES["POST ${R_PAT[i]}"]} x
	first=$1
	# Each field name with one of the values, each value (of those
	# this route gets) with one of the names.
	take "${MALV[@]}"
	vals=("${TAKEN[@]}")
	n=$(($# > ${#vals[@]} ? $# : ${#vals[@]}))
	names=("$@")
	for ((k = 0; k < n; k++)); do
		f=${names[k % $#]}
		rq 400 POST "$u" "${a[@]}" -d "$t&$f=${vals[k % ${#vals[@]}]}" \
		    -w "$f"
	done
	take "400~twice~$first=1&$first=2" \
	    "400~csrf twice~csrf=${TK[adm]}" "400~a capital~${first^^}=1" \
	    "400~no name~=1" "400~a dot~$first.x=1" \
	    "400~a long name~$(printf 'n%.0s' $(seq 33))=1" \
	    "400~65 fields~$MANY" "400~a raw NUL~@$WEB_TMP/bodies/nul" \
	    "413~a field over 64 KiB~$first=$(printf '%s' "$BIG"{1..66})" \
	    "$HUGE_WANT~a body over 256 KiB~@$WEB_TMP/bodies/huge"
	for e in "${TAKEN[@]}"; do
		IFS='~' read -r want what b <<< "$e"
		case $b in
		@*) rq "$want" POST "$u" "${a[@]}" -D "${b#@}" -w "$what" ;;
		*) rq "$want" POST "$u" "${a[@]}" -d "$t&$b" -w "$what" ;;
		esac
	done
	take text/plain 'multipart/form-data; boundary=xyz' \
	    application/json - application/x-www-form-urlencodedx \
	    'text/html; a=application/x-www-form-urlencoded'
	for ty in "${TAKEN[@]}"; do
		case $ty in
		multipart*) b="$MULTI${TK[adm]}"$'\r\n--xyz--\r\n' ;;
		application/json) b="{\"csrf\": \"${TK[adm]}\"}" ;;
		*) b=$t ;;
		esac
		rq 415 POST "$u" "${a[@]}" -d "$b" -t "$ty" \
		    -w "Content-Type: $ty"
	done
done
batch_send "every POST route with malformed bodies: 400, 413, 415" refused

# --- forged requests --------------------------------------------------

# FORGED: "COOKIES|TOKEN|HEADERS|WHAT" (headers ";"-separated; SAME for
# those of a same-origin form): each must be refused by the CSRF check.
P=http://127.0.0.1:$PORT
FORGED=(
	"${CK[vis1]}|||a visitor, no token, no Origin or Sec-Fetch-Site"
	"${CK[vis1]}|${TK[vis2]}|SAME|another visitor's token"
	"|${TK[vis1]}|SAME|a visitor's token without the visitor's cookie"
	"${CK[mem]}|${TK[mem2]}|SAME|another member's token"
	"${CK[mem]}; ${CK[vis1]}|${TK[vis1]}|SAME|a visitor's token, a session"
	"${CK[vis1]}|${TK[mem]}|SAME|a member's token without the session"
	"${CK[mem]}||SAME|a session, no token"
	"qa_session=$FAKE|${TK[mem]}|SAME|a made-up session"
	"$GONE_CK|$GONE_TK|SAME|a session ended by logging out"
	"${CK[mem]}|${TK[mem]:0:42}|SAME|a truncated token"
	"${CK[mem]}|${TK[mem]}A|SAME|a token too long"
	"${CK[mem]}|$FAKE2|SAME|an altered token"
	"${CK[mem]}|$FAKE|SAME|a made-up token"
	"${CK[mem]}|${TK[mem]}|Origin: http://evil.example|a foreign Origin"
	"${CK[mem]}|${TK[mem]}|Origin: null|Origin: null"
	"${CK[mem]}|${TK[mem]}|Origin: $P.evil.example|Origin: $P.evil.example"
	"${CK[mem]}|${TK[mem]}|Origin: https://127.0.0.1:$PORT|another scheme"
	"${CK[mem]}|${TK[mem]}|Origin: http://127.0.0.1:$((PORT + 1))|a port"
	"${CK[mem]}|${TK[mem]}|Sec-Fetch-Site: cross-site|cross-site"
	"${CK[mem]}|${TK[mem]}|Sec-Fetch-Site: same-site|same-site"
	"${CK[mem]}|${TK[mem]}|Sec-Fetch-Site: none|Sec-Fetch-Site: none"
	"qa_session=<script>; qa_csrf=%00|<script>|SAME|hostile cookies"
)
batch_start
for ((i = 0; i < NR_ROUTES; i++)); do
	[ "${R_METHOD[i]}" = POST ] || continue
	u=$(route_url "${R_PAT[i]}")
	set -- ${F_NAMES["POST ${R_PAT[i]}"]} x
	take "${FORGED[@]}"
	for e in "${TAKEN[@]}"; do
		IFS='|' read -r ck tok hd what <<< "$e"
		a=()
		[ -n "$ck" ] && a+=(-c "$ck")
		case $hd in
		SAME) a+=("${SAME[@]}") ;;
		?*) a+=(-H "$hd") ;;
		esac
		b="$1=1"
		[ -n "$tok" ] && b+="&csrf=$tok"
		rq 403 POST "$u" "${a[@]}" -d "$b" -w "$what"
	done
	with_query "$u" "csrf=${TK[mem]}"
	rq 403 POST "$WQ" -c "${CK[mem]}" \
	    "${SAME[@]}" -d "$1=1" -w "the token in the query string"
	rq 403 POST "$u" -c "${CK[mem]}" "${SAME[@]}" -H \
	    "Accept: application/json" -d "$1=1&csrf=${TK[mem2]}" \
	    -w "another member's token, JSON asked for"
done
batch_send "every POST route with forged tokens, sessions, origins: 403" \
    refused 'did not come from this site'

# --- hostile cookies and headers --------------------------------------

# HOSTILE: "HEADER" a line (several are ";;"-separated).
FWD="X-Forwarded-Host: evil.example;;X-Forwarded-Proto: https"
FWD+=";;Forwarded: host=evil.example"
COOKIES40=$(for i in $(seq 40); do printf 'c%d=%d; ' "$i" "$i"; done)
HOSTILE=(
	"Cookie: qa_session=<script>alert(1)</script>; qa_csrf=%00%ff"
	$'Cookie: qa_session=\xff\xfe\x01; qa_csrf=\xc0\xaf'
	"Cookie: ${COOKIES40}qa_csrf=x"
	"Cookie: big=$(printf 'b%.0s' $(seq 7000))"
	"Cookie: big=$(printf 'b%.0s' $(seq 9000))"
	"Cookie: qa_session=$FAKE; ${CK[adm]}"
	"Cookie: ${CK[adm]}=x; qa_csrf=qa_csrf=qa_csrf"
	"Host: evil.example"
	"Host: evil.example;;$FWD"
	"Referer: javascript:alert(1)//<script>;;Origin: http://evil.example"
	"User-Agent: <script>alert(1)</script>$(printf 'u%.0s' $(seq 3000))"
	"Accept: application/json;;Accept-Language: <script>, *;q=x"
	"If-None-Match: *"
	"If-None-Match: $(printf '"x", %.0s' $(seq 500))W/"
	"If-Modified-Since: Fri, 31 Dec 9999 23:59:59 GMT"
	"If-Modified-Since: <script>alert(1)</script>;;Range: bytes=-1"
	"Cache-Control: no-cache;;Pragma: no-cache;;Accept-Encoding: gzip, br"
)
batch_start
for p in "${PATS[@]}"; do
	u=$(route_url "$p")
	take "${HOSTILE[@]}"
	for h in "${TAKEN[@]}"; do
		a=()
		while [ -n "$h" ]; do
			a+=(-H "${h%%;;*}")
			[[ $h == *';;'* ]] && h=${h#*;;} || h=
		done
		if [[ ${P_METHODS[$p]} == *GET* ]]; then
			rq '[234]..' GET "$u" "${a[@]}"
		else
			rq 4.. POST "$u" "${a[@]}" -d x=1 -w "no token"
		fi
	done
done
batch_send "every route with hostile cookies and headers" refused
evil=$(cd "$B" && grep -l 'evil\.example' $(sed 's/$/.out/' html) \
    2>/dev/null | head -n 3)
[ -z "$evil" ]
ok $? "hostile Host and forwarding headers are not reflected in a page" ||
    diag "$(for f in $evil; do
	awk -F '\t' -v i="${f%.out}" '$1 == i { print $3, $4 }' "$B/meta"
	grep -o '.\{40\}evil\.example.\{20\}' "$B/$f" | head -n 2
    done)"

# --- hostile values in every field ------------------------------------

# The values, urlencoded: script and an img handler, SQL, template
# markers, numbers out of every range, CR LF with a header after it,
# off-site redirect targets, a javascript: link, 40000 bytes, a
# right-to-left override with an emoji and a noncharacter, nothing, a
# space, full-text search syntax.
LONGX=$(printf 'x%.0s' $(seq 40000))
SEM=('%3Cscript%3Ealert(1)%3C%2Fscript%3E'
    '%22%3E%3Cimg+src%3Dx+onerror%3Dalert(1)%3E'
    '%27+OR+%271%27%3D%271%27+--+' '1%3B+DROP+TABLE+users%3B+--'
    '%7B%7BCSRF%7D%7D%7B%7B%3Elayout.tpl%7D%7D%7B%7B%23SIGNED_IN%7D%7D'
    -1 0 99999999999999999999 -9223372036854775808 '%2B1' 1.5 abc
    '%2F%0D%0AX-Injected%3A+1%0D%0ASet-Cookie%3A+injected%3D1'
    '%2F%2Fevil.example%2F' '%2F%5Cevil.example' '%2F%09%2Fevil.example'
    'https%3A%2F%2Fevil.example%2F' 'javascript%3Aalert(1)' "$LONGX"
    '%E2%80%AE%F0%9F%91%8B+%C3%A9+%EF%BF%BF' '' '+'
    '%22NEAR(*+OR+title%3A%5E')

# What a refusal must not undo: the tables, the accounts with more than
# a member's rights, and the database's integrity.
schema() {
	site_sql "SELECT type, name FROM sqlite_master ORDER BY name" | md5sum
}
privileged() {
	site_sql "SELECT handle, level FROM users WHERE level > 1 ORDER BY id"
}
SCHEMA0=$(schema)
PRIV0=$(privileged)

# session_check NAME: NAME's session still works (a POST may have
# ended it: /logout, a change of password); else log in again.
session_check() {
	local st
	st=$(curl -s -o /dev/null -w '%{http_code}' --max-time 10 \
	    -H "Cookie: ${CK[$1]}" "$BASE/account")
	[ "$st" = 200 ] && return 0
	relogin "$1"
	CK[$1]=$COOKIE
	TK[$1]=$TOKEN
	RELOGINS=$((RELOGINS + 1))
}
RELOGINS=0

# Each POST route as the administrator with a valid token: the token
# alone (every field missing; the route's address must be one its
# handler knows: no 404, no 405), then each field with the values (with
# FEW, two of them a field).  One group a route, so that a route that
# ends the session is followed by a new one.
ANSWERS='[23]..|40[0-35-9]|4[1-9].'
sem_fails=
sem_n=0
for ((i = 0; i < NR_ROUTES; i++)); do
	[ "${R_METHOD[i]}" = POST ] || continue
	u=$(route_url "${R_PAT[i]}")
	batch_start
	a=(-c "${CK[adm]}" "${SAME[@]}")
	t="csrf=${TK[adm]}"
	rq "$ANSWERS" POST "$u" "${a[@]}" -d "$t" -w "the token alone"
	rq '[234]..' POST "$u" "${a[@]}" -H "Accept: application/json" \
	    -d "$t" -w "the token alone, JSON asked for"
	for f in ${F_NAMES["POST ${R_PAT[i]}"]}; do
		FEW=$((FEW > 0 ? 2 : 0)) take "${SEM[@]}"
		for v in "${TAKEN[@]}"; do
			rq '[234]..' POST "$u" "${a[@]}" -d "$t&$f=$v" \
			    -w "$f=${v:0:40}"
		done
	done
	batch_check "" "" noalive
	NGROUPS=$((NGROUPS - 1))
	sem_n=$((sem_n + B_N))
	[ -n "$FAILS" ] && sem_fails+=$FAILS$'\n'
	session_check adm
done
NGROUPS=$((NGROUPS + 1))
FAILS=$sem_fails$(alive_check | sed 's/^/\nafter the group: /')
report "every POST route with hostile values in each field, as admin" \
    "$sem_n"
diag "the administrator logged in again $RELOGINS times" \
    "(after the routes that end a session)"

# Each GET route with hostile values in each of its query fields, as a
# visitor and as the administrator in turn.
batch_start
k=0
for ((i = 0; i < NR_ROUTES; i++)); do
	[ "${R_METHOD[i]}" = GET ] || continue
	u=$(route_url "${R_PAT[i]}")
	for f in ${F_NAMES["GET ${R_PAT[i]}"]}; do
		FEW=$((FEW > 0 ? 2 : 0)) take "${SEM[@]}"
		for v in "${TAKEN[@]}"; do
			k=$((k + 1))
			with_query "$u" "$f=$v"
			if [ $((k % 2)) = 0 ]; then
				rq '[234]..' GET "$WQ" -c "${CK[adm]}" \
				    -w "as adm"
			else
				rq '[234]..' GET "$WQ"
			fi
		done
	done
done
batch_send "every GET route with hostile values in each query field"

# --- whole forms with one hostile field -------------------------------

# forms_in FILE: the forms of an HTML page that post, a line each:
# "ACTION BODY", BODY what a browser sends when nothing is changed
# (urlencoded): each input with its value (a checkbox or radio button
# only when checked), each textarea with its text, each select with its
# selected (or first) option, and the first button with a name, as if
# pressed.
forms_in() {
	tr '\n' '\001' < "$1" | LC_ALL=C awk -v RS='<form' '
	BEGIN {
		for (i = 1; i < 256; i++)
			chars = chars sprintf("%c", i)
	}
	function attr(tag, name,	v) {
		if (!match(tag, "[ \001]" name "=\"[^\"]*\""))
			return ""
		v = substr(tag, RSTART + length(name) + 3,
		    RLENGTH - length(name) - 4)
		return unescape(v)
	}
	function unescape(s) {
		gsub(/&lt;/, "<", s); gsub(/&gt;/, ">", s)
		gsub(/&quot;/, "\"", s); gsub(/&#39;/, "\047", s)
		gsub(/&amp;/, "\\&", s); gsub(/\001/, "\n", s)
		return s
	}
	function enc(s,	o, i, c) {
		o = ""
		for (i = 1; i <= length(s); i++) {
			c = substr(s, i, 1)
			if (c ~ /[A-Za-z0-9._~-]/)
				o = o c
			else if (c == " ")
				o = o "+"
			else
				o = o sprintf("%%%02X", index(chars, c))
		}
		return o
	}
	function add(n, v) {
		if (n == "")
			return
		body = body (body == "" ? "" : "&") enc(n) "=" enc(v)
	}
	NR > 1 {
		rec = $0
		head = substr(rec, 1, index(rec, ">"))
		if (tolower(attr(head, "method")) != "post")
			next
		action = attr(head, "action")
		if ((k = index(rec, "</form>")) > 0)
			rec = substr(rec, 1, k - 1)
		body = ""; sel = ""; selv = ""; selfirst = 0; button = ""
		while (match(rec,
		    /<(input|button|textarea|select|option|\/select)[^>]*>/)) {
			tag = substr(rec, RSTART, RLENGTH)
			rec = substr(rec, RSTART + RLENGTH)
			if (tag ~ /^<input/) {
				t = attr(tag, "type")
				if ((t == "checkbox" || t == "radio") &&
				    tag !~ /[ \001]checked/)
					continue
				if (t == "submit" || t == "button") {
					if (button == "" &&
					    attr(tag, "name") != "")
						button = tag
					continue
				}
				add(attr(tag, "name"), attr(tag, "value"))
			} else if (tag ~ /^<button/) {
				if (button == "" && attr(tag, "name") != "")
					button = tag
			} else if (tag ~ /^<textarea/) {
				k = index(rec, "</textarea>")
				add(attr(tag, "name"), unescape(substr(rec, 1,
				    k - 1)))
			} else if (tag ~ /^<select/) {
				sel = attr(tag, "name"); selv = ""; selfirst = 1
			} else if (tag ~ /^<option/ && sel != "") {
				if (selfirst || tag ~ /[ \001]selected/)
					selv = attr(tag, "value")
				selfirst = 0
			} else if (tag ~ /^<\/select/) {
				add(sel, selv); sel = ""
			}
		}
		if (button != "")
			add(attr(button, "name"), attr(button, "value"))
		print action, body
	}'
}

# The forms the administrator sees on every page of a GET route (and the
# page of the question the moderators' actions change), by action, once
# what the routes above deleted or undid is there again.
declare -A FORM
expendables
fetch GET "/q/$QID2"
pages=("$(location_path)")
for p in "${PATS[@]}"; do
	[[ ${P_METHODS[$p]} == *GET* ]] && pages+=("$(route_url "$p")")
done
for u in "${pages[@]}"; do
	fetch GET "$u"
	[ "$STATUS" = 200 ] || continue
	while read -r action body; do
		[ -n "${FORM[$action]-}" ] || FORM[$action]=$body
	done < <(forms_in "$BODY")
done

# Routes left out: those that would change the administrator's own
# password, address or session (or end it), another account's level,
# or make accounts (over their rate limit at once).
WHOLE_SKIP=' /logout /login /register /forgot /reset /account/password '
WHOLE_SKIP+='/account/email /account/delete /account/sessions '
WHOLE_SKIP+='/moderate/user/{}/nuke /moderate/user/{}/level '
# typed NAME=VALUE: set TYPED to the field as a person fills it in: an
# empty one with what would be typed there, a slug or an address made
# new for each request (so that each can be added).
typed() {
	local n=${1%%=*}
	TYPED=$1
	case $n in
	slug) TYPED=slug=s$B_N ;;
	cidr) TYPED=cidr=198.51.100.$((B_N % 250 + 1)) ;;
	esac
	[ -z "${1#*=}" ] || return 0
	case $n in
	title) TYPED+=How+does+a+parser+read+forms ;;
	body) TYPED+=A+body+long+enough+for+every+check+of+its+length ;;
	tags) TYPED+=$TAG ;;
	reason | note | description) TYPED+=testing ;;
	name | display_name) TYPED+=Val ;;
	email) TYPED+=val%40example.org ;;
	esac
}
SETTINGS0=$(sqlite3 -batch -cmd '.timeout 5000' -cmd '.mode insert settings' \
    "$DB" "SELECT * FROM settings")
sem_fails=
sem_n=0
whole=
for ((i = 0; i < NR_ROUTES; i++)); do
	[ "${R_METHOD[i]}" = POST ] || continue
	[[ $WHOLE_SKIP == *" ${R_PAT[i]} "* ]] && continue
	u=$(route_url "${R_PAT[i]}")
	base=${FORM[${u%%\?*}]-}
	[ -n "$base" ] || continue
	whole+=" ${R_PAT[i]}"
	batch_start
	IFS='&' read -r -a pairs <<< "$base"
	for ((k = 0; k < ${#pairs[@]}; k++)); do
		f=${pairs[k]%%=*}
		[ "$f" = csrf ] && continue
		FEW=$((FEW > 0 ? 2 : 0)) take "${SEM[@]}"
		for v in "${TAKEN[@]}"; do
			b=
			for ((j = 0; j < ${#pairs[@]}; j++)); do
				e=${pairs[j]}
				if [ $j = $k ]; then
					e=${e%%=*}=$v
				else
					typed "$e"
					e=$TYPED
				fi
				b+=${b:+&}$e
			done
			rq '[234]..' POST "$u" -c "${CK[adm]}" "${SAME[@]}" \
			    -d "$b" -w "the form with $f=${v:0:40}"
		done
	done
	batch_check "" "" noalive
	NGROUPS=$((NGROUPS - 1))
	sem_n=$((sem_n + B_N))
	[ -n "$FAILS" ] && sem_fails+=$FAILS$'\n'
	session_check adm
done
NGROUPS=$((NGROUPS + 1))
# The settings as they were, read anew by every program.
site_sql "DELETE FROM settings; $SETTINGS0;
    UPDATE settings SET value = value || '.1' WHERE key = 'settings_stamp'"
FAILS=$sem_fails$(alive_check | sed 's/^/\nafter the group: /')
report "whole forms with a hostile value in one field, as admin" "$sem_n"
diag "the whole forms of:$whole"

is "$(site_sql "PRAGMA integrity_check")" ok \
    "after the hostile values: the database is intact"
is "$(schema)" "$SCHEMA0" "after the hostile values: no table or index changed"
is "$(privileged)" "$PRIV0" "after the hostile values: nobody's level changed"
is "$(site_sql "SELECT count(*) FROM ip_blocks WHERE hex(first) <> hex(last)
    OR (hex(first) NOT LIKE '00000000000000000000FFFFC63364%' AND
    hex(first) <> '00000000000000000000FFFFCB007107')")" 0 \
    "after the hostile values: no address blocked but those the forms gave"

# --- raw requests -----------------------------------------------------

# What curl would not send as written, over a bare connection (perl:
# every byte as given).  RAW: "EXPECT|REQUEST", the request a printf
# format in which @H@ is the Host header, @C@ "Connection: close", @G@
# a GET of / and @L@ a POST to /login with both, @F@ the form's
# Content-Type, @T@ "Transfer-Encoding: chunked", and a final @S@ shuts
# the sending side after it (so that a short body ends there: without
# it, the server would wait for the rest).  EXPECT is an ERE for the
# status; "none" (the server closed without an answer) is allowed where
# the bytes end before the request does, or go on after it (they are a
# second request, on which the server may reset the connection before
# the first answer is read).
cat > "$WEB_TMP/raw.pl" <<'PERL'
# raw.pl PORT DIR: for each line "N [shut]" of DIR/list, send DIR/N.req
# to 127.0.0.1:PORT (and shut the sending side), read the answer (10 s
# at most) into DIR/N.resp and print "N STATUS LOCATION INJECTED"
# (tab-separated; STATUS "none" for no answer, "timeout", "garbage" for
# no status line; LOCATION "-" for none; INJECTED 1 when an X-Injected
# header or a Set-Cookie "injected" came).
use strict;
use IO::Socket::INET;
my ($port, $dir) = @ARGV;
open(my $list, '<', "$dir/list") or die "$dir/list: $!";
$| = 1;
while (my $line = <$list>) {
	chomp $line;
	my ($n, $shut) = split(/ /, $line);
	open(my $in, '<:raw', "$dir/$n.req") or die "$n.req: $!";
	my $req = do { local $/; <$in> };
	close($in);
	my $s = IO::Socket::INET->new(PeerAddr => '127.0.0.1',
	    PeerPort => $port, Proto => 'tcp');
	if (!$s) {
		print "$n\tnoconnect\t\t0\n";
		next;
	}
	binmode($s);
	my $resp = '';
	my $st;
	eval {
		local $SIG{ALRM} = sub { die "timeout\n" };
		local $SIG{PIPE} = 'IGNORE';
		alarm(10);
		syswrite($s, $req);
		shutdown($s, 1) if $shut;
		while (1) {
			my $r = sysread($s, my $buf, 65536);
			last if !$r;
			$resp .= $buf;
		}
		alarm(0);
	};
	alarm(0);
	close($s);
	if ($@ eq "timeout\n") {
		$st = 'timeout';
	} elsif ($resp eq '') {
		$st = 'none';
	} elsif ($resp =~ m{^HTTP/\d\.\d (\d{3})}) {
		$st = $1;
	} else {
		$st = 'garbage';
	}
	open(my $out, '>:raw', "$dir/$n.resp") or die "$n.resp: $!";
	print $out $resp;
	close($out);
	my ($head) = split(/\r?\n\r?\n/, $resp, 2);
	$head = '' if !defined($head);
	my ($loc) = $head =~ /^Location:[ \t]*([^\r\n]*)/mi;
	$loc = '-' if !defined($loc) || $loc eq '';
	my $inj = ($head =~ /^X-Injected:/mi ||
	    $head =~ /^Set-Cookie:[^\r\n]*injected/mi) ? 1 : 0;
	print "$n\t$st\t$loc\t$inj\n";
}
PERL
LONGH=$(printf 'h%.0s' $(seq 10000))
# An absolute target naming another host, and a next= with CR LF.
EVIL='GET http://evil.example/login?next=//evil.example HTTP/1.1\r\n'
EVIL+='Host: evil.example\r\n'
CRLFNEXT='login?next=%%2F%%0D%%0AX-Injected:%%201'
# A body cut short: mod_fcgid answers 500 itself, the program never
# runs (its page is Apache's, without our headers: checked below).
CUT_WANT=
[ "$WEB_SERVER" = apache-fcgid ] && CUT_WANT='|500'
HDRS200=$(for i in $(seq 200); do printf 'X-H%d: %d\\r\\n' "$i" "$i"; done)
RAW=(
	'4..|GET /q/1/\xff\xfe HTTP/1.1\r\n@H@@C@\r\n'
	'4..|GET /user/\x01x HTTP/1.1\r\n@H@@C@\r\n'
	'4..|GET /\000 HTTP/1.1\r\n@H@@C@\r\n'
	'4..|GET /search?q=a\x7fb HTTP/1.1\r\n@H@@C@\r\n'
	'4..|GET /q/1 x HTTP/1.1\r\n@H@@C@\r\n'
	'400|GET / HTTP/1.1\r\nHost: a\r\nHost: b\r\n@C@\r\n'
	'400|GET / HTTP/1.1\r\n@C@\r\n'
	'4..|get / HTTP/1.1\r\n@H@@C@\r\n'
	'4..|GET / HTTX/1.1\r\n@H@@C@\r\n'
	"[234]..|$EVIL@C@\\r\\n"
	'[234]..|GET http://127.0.0.1@evil.example/ HTTP/1.1\r\n@H@@C@\r\n'
	'405|BREW / HTTP/1.1\r\n@H@@C@\r\n'
	"4..|none$CUT_WANT|@L@@F@Content-Length: 100\\r\\n\\r\\ncsrf=short@S@"
	'4..|none|@L@@F@Content-Length: 5\r\n\r\nlogin=adm&password=x&csrf=y'
	'4..|@L@Content-Length: -1\r\n\r\nx=1'
	'4..|@L@Content-Length: abc\r\n\r\nx=1'
	'4..|@L@Content-Length: +3\r\n\r\nx=1'
	'4..|@L@Content-Length: 99999999999999999999\r\n\r\nx=1'
	'4..|@L@Content-Length: 3\r\nContent-Length: 4\r\n\r\nx=1&'
	'4..|@L@@F@@T@\r\n9\r\ncsrf=abcd\r\n0\r\n\r\n'
	'4..|@L@@T@\r\nzz\r\ncsrf=abcd\r\n0\r\n\r\n'
	'4..|@L@Content-Length: 3\r\n@T@\r\n3\r\nx=1\r\n0\r\n\r\n'
	'4..|none|@L@@F@\r\ncsrf=abcd&login=adm'
	'4..|@G@No colon here\r\n\r\n'
	'[24]..|@G@X-A: a\r\n folded\r\n\r\n'
	'4..|@G@X-A: a\000b\r\n\r\n'
	'4..|@G@X-A: a\rX-Injected: 1\r\n\r\n'
	"4..|@G@X-Long: $LONGH\\r\\n\\r\\n"
	"4..|GET /search?q=$LONGH HTTP/1.1\\r\\n@H@@C@\\r\\n"
	"[234]..|@G@$HDRS200\\r\\n"
	'4..|none|\x16\x03\x01\x00\xa5\x01\x00\x00\xa1\x03\x03\r\n\r\n@S@'
	'4..|GET /../../etc/passwd HTTP/1.1\r\n@H@@C@\r\n'
	'4..|GET /static/../../configure.ac HTTP/1.1\r\n@H@@C@\r\n'
	'4..|GET /static/%%2e%%2e/%%2e%%2e/configure.ac HTTP/1.1\r\n@H@@C@\r\n'
	'[234]..|@G@Cookie: qa_session=\xff\x01\x7f; qa_csrf=\xc3\r\n\r\n'
	'[234]..|@G@Content-Length: 10\r\n\r\n0123456789'
	"[234]..|GET /$CRLFNEXT HTTP/1.0\\r\\n@H@\\r\\n"
)
rm -rf "$B"
mkdir -p "$B"
: > "$B/list"
n=0
for r in "${RAW[@]}"; do
	n=$((n + 1))
	req=${r##*|}
	req=${req//@G@/GET / HTTP/1.1\\r\\n@H@@C@}
	req=${req//@L@/POST /login HTTP/1.1\\r\\n@H@@C@}
	req=${req//@F@/Content-Type: application/x-www-form-urlencoded\\r\\n}
	req=${req//@T@/Transfer-Encoding: chunked\\r\\n}
	req=${req//@H@/Host: 127.0.0.1:$PORT\\r\\n}
	req=${req//@C@/Connection: close\\r\\n}
	shut=
	[ "${req%@S@}" != "$req" ] && shut=shut
	# The request is a printf format.
	# shellcheck disable=SC2059
	printf "${req%@S@}" > "$B/$n.req"
	printf '%s %s\n' "$n" "$shut" >> "$B/list"
done
before=$(db_sums)
perl "$WEB_TMP/raw.pl" "$PORT" "$B" > "$B/results"
tally "$(cut -f 2 "$B/results")"
TOTAL=$((TOTAL + n))
NGROUPS=$((NGROUPS + 1))
FAILS=$(while IFS=$'\t' read -r i st loc inj; do
	r=${RAW[i - 1]}
	want=${r%|*}
	d=$(printf '%s' "${r##*|}" | LC_ALL=C cut -c 1-60)
	if [[ ! $st =~ ^($want)$ ]]; then
		echo "$d: $st, wanted $want"
	elif [[ $st == 5* ]] && grep -qi '^Content-Security-Policy:' \
	    "$B/$i.resp"; then
		echo "$d: $st from the program"
	elif [ "$inj" = 1 ]; then
		echo "$d: an injected header"
	elif [ "$loc" != - ] && { [[ $loc == *evil* ]] ||
	    { [[ ! $loc =~ ^/([^/\\]|$) ]] &&
	    [[ $loc != "$BASE/"* ]]; }; }; then
		echo "$d: Location: $loc"
	elif grep -q 'AC_INIT' "$B/$i.resp"; then
		echo "$d: a file outside the static folder"
	fi
done < "$B/results")
[ "$(wc -l < "$B/results")" = "$n" ] || FAILS+=$'\nnot every request answered'
after=$(db_sums)
[ "$before" = "$after" ] || FAILS+=$'\nthe database changed'
FAILS+=$(alive_check | sed 's/^/\nafter the raw requests: /')
FAILS=$(printf '%s\n' "$FAILS" | grep -v '^$')
report "raw requests: bytes, lengths, chunks, headers curl would not send" \
    "$n"

# --- next= targets ----------------------------------------------------

# A login (the right password) and a moderator's action (that succeeds)
# with a hostile next: the redirect goes to the default page, on this
# site, with no header added.
NEXTS=($'/\r\nX-Injected: 1\r\nSet-Cookie: injected=1' '//evil.example/'
    '/\evil.example' 'https://evil.example/' $'/\t/evil.example'
    ' //evil.example' 'javascript:alert(1)' '/%2F%2Fevil.example')
k=0
for v in "${NEXTS[@]}"; do
	k=$((k + 1))
	JAR=$WEB_TMP/jar.next$k
	login_as mem "$PASS"
	is "$STATUS $(header Location) $(header X-Injected)$(set_cookie \
	    injected)" "303 / " "log in with next=$(printf '%q' "$v"): 303 to /"
done
JAR=
as mod
k=$(site_sql "SELECT blocked FROM users WHERE handle = 'victim'")
for v in "${NEXTS[@]}"; do
	k=$((1 - k))
	REQ_HEADERS=("Origin: $BASE" "Sec-Fetch-Site: same-origin")
	fetch POST /moderate/user/victim/block "$(form_body block=$k \
	    reason=test "next=$v" "csrf=$TOKEN")"
	REQ_HEADERS=()
	is "$STATUS $(location_path) $(header X-Injected)" \
	    "303 /moderate/user/victim " \
	    "a moderator's block with next=$(printf '%q' "$v"): 303 to the user"
done
for v in '//evil.example/' '/\evil.example' 'https://evil.example/'; do
	fetch GET "/login?next=$(urlencode "$v")"
	is "$STATUS $(value_in "$(form_of /login)" next)" "200 " \
	    "GET /login?next=$v: the form does not keep it"
done

# --- sessions in the database -----------------------------------------

# ended_session WHAT SQL: log in as mem2, make the session end with SQL
# (on sessions, ? for the session's id), and check that it is treated
# as no session at all: /account sends to the login, the cookie is
# expired, the row is gone, and a POST with its token is refused.
ended_session() {
	local id ck tok
	JAR=$WEB_TMP/jar.ended.$1
	login_as mem2 "$PASS"
	fetch GET /account
	tok=$(value_in "$(form_of /account/profile)" csrf)
	ck=$(jar_header)
	id=$(site_sql "SELECT max(id) FROM sessions WHERE user_id =
	    (SELECT id FROM users WHERE handle = 'mem2')")
	site_sql "${2//\?/$id}"
	JAR=
	REQ_HEADERS=("Cookie: $ck")
	fetch GET /account
	is "$STATUS $(location_path)" "303 /login?next=/account" \
	    "a session $1: /account sends to the login"
	like "$(set_cookie qa_session)" '^qa_session=;.*Max-Age=0' \
	    "a session $1: the cookie is expired"
	is "$(site_sql "SELECT count(*) FROM sessions WHERE id = $id")" 0 \
	    "a session $1: its row is deleted"
	REQ_HEADERS=("Cookie: $ck" "Origin: $BASE"
	    "Sec-Fetch-Site: same-origin")
	fetch POST /account/profile "$(form_body display_name=Changed \
	    "csrf=$tok")"
	REQ_HEADERS=()
	is "$STATUS" 403 "a session $1: a POST with its token is refused"
}
ended_session "past its expiry" "UPDATE sessions SET
    expires = unixepoch() - 1 WHERE id = ?"
ended_session "idle too long" "UPDATE sessions SET
    last_used = unixepoch() - idle - 1 WHERE id = ?"
for c in "a session ended by logging out|$GONE_CK" \
    "a made-up session token|qa_session=$FAKE" \
    "a token too long|qa_session=${FAKE}A" \
    "a script for a token|qa_session=<script>"; do
	REQ_HEADERS=("Cookie: ${c#*|}")
	fetch GET /account
	REQ_HEADERS=()
	is "$STATUS $(location_path)" "303 /login?next=/account" \
	    "GET /account with ${c%%|*}: no session"
done

# --- what is stored comes out escaped ---------------------------------

X='<script>alert(1)</script>'
XE='&lt;script&gt;alert(1)&lt;/script&gt;'
as mem
form_post /account /account/profile "display_name=$X" "notify=1"
is "$STATUS" 303 "a display name with a script element is saved"
fetch GET /user/mem
grep -qF "$XE" "$BODY" && ! grep -qF "$X" "$BODY"
ok $? "the display name comes out escaped on the user's page"
form_post /ask /ask "title=Why does $X show as text?" \
    "body=Because every page escapes what people type: $X" \
    "tags=$TAG" "post=1"
fetch GET "$(location_path)"
grep -qF "$XE" "$BODY" && ! grep -qF "$X" "$BODY"
ok $? "a title with a script element comes out escaped on its page"
as adm
form_post /moderate/categories /moderate/categories "name=$X" \
    "slug=xss-cat" "description=$X"
is "$STATUS" 303 "a category named with a script element is saved"
fetch GET /categories
grep -qF "$XE" "$BODY" && ! grep -qF "$X" "$BODY"
ok $? "the category's name comes out escaped on /categories"

diag "$TOTAL requests in $NGROUPS groups through $WEB_SERVER:" \
    "$((${TALLY[2]-0} + ${TALLY[3]-0})) answered 2xx or 3xx," \
    "${TALLY[4]-0} refused with a 4xx," \
    "$((${TALLY[5]-0} + ${TALLY[n]-0})) cut short and closed or" \
    "answered 5xx by the web server itself;" \
    "$(($(date +%s) - T0)) s in all"

done_testing
