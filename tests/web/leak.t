#!/bin/bash
# leak.t: the programs keep their memory flat over thousands of requests
# and free what they hold when they stop.  Behind nginx, one process each
# of view, answer and vote (spawn-fcgi daemons) gets 20,000 requests of
# a mix that wrk sends on four connections, rotating through a list:
# every page type as a visitor (from the view program's store of pages,
# and made anew with Cache-Control: no-cache) and as a member, the edit
# form and a post's revisions, answers, votes and undos, edits, and the
# errors: 404s, 405s, forms refused (422), a missing form token or a
# visitor's vote (403), a bad vote (400).  Every status of the mix comes
# back and none is a 5xx.  The resident memory (VmRSS) of each process is
# taken after 2,000 requests, once everything has been made once, and at
# the end: it may grow by less than 1 MB.  Then the three programs run
# under valgrind's memcheck for another 2,000 requests of the mix and are
# stopped with SIGTERM, which they end through serve_fini(): valgrind
# must find no block definitely lost and no error (an invalid read or
# write, a jump on an uninitialised value).  Skipped under Apache (it
# measures spawn-fcgi's daemons) and without wrk; the valgrind part is
# skipped without valgrind.
. "$(dirname "$0")/lib.sh"

[ "$WEB_SERVER" = nginx ] || skip_all "measures the FastCGI daemons run" \
    "behind nginx, not the processes of $WEB_SERVER"
for p in view answer vote; do
	program_built "$p" || skip_all "cgi-bin/$p is not built"
done
command -v wrk >/dev/null ||
    skip_all "wrk is not installed (apt-get install wrk)"
# A build with the sanitizers checks for leaks itself (LeakSanitizer, as
# every program ends, in every web test), its memory grows by design
# (ASan's quarantine) and valgrind cannot run it.
if grep -qa __asan_init "$PROGDIR/view" 2>/dev/null; then
	skip_all "built with the sanitizers, which check for leaks themselves"
fi

WEB_MODE=nginx
site_init
# Forms may be sent at once, no rate limit stops the mix, and no
# subscriber gets mail for its answers.
site_sql "UPDATE settings SET value = '0' WHERE key IN ('form_min_seconds',
    'priv_vote_up', 'priv_vote_down');
    UPDATE settings SET value = '1000000' WHERE key IN ('rate_a_ip',
    'rate_a_user', 'rate_v_user', 'rate_v_ip', 'rate_c_ip', 'rate_c_user');
    DELETE FROM subscriptions;"
PASS='amber-otter-canvas-73'
"$QA_ADMIN" -d "$DB" create-user leaky leaky@example.org \
    --password "$PASS" > "$WEB_TMP/create.out" 2>&1 ||
    bail "create-user failed: $(cat "$WEB_TMP/create.out")"
server_start
diag "$WEB_SERVER on $BASE"

WARM=2000		# requests before the first measure
TOTAL=20000		# requests in all
GROWTH_KB=1024		# what a process may grow by from WARM to TOTAL
VG_REQUESTS=2000	# requests under valgrind
MEASURED="view answer vote"

# --- the member, the visitor and the posts ----------------------------------

# Questions to look at (Q1 with answers), questions to
# answer (not looked at, so that the pages measured keep their size),
# a post of someone else to vote on, a tag, a category, a member.
Q1=$(site_sql "SELECT id FROM posts q WHERE type = 1 AND status = 1
    AND closed = 0 AND answer_count > 1 ORDER BY id LIMIT 1")
Q2=$(site_sql "SELECT id FROM posts WHERE type = 1 AND status = 1
    AND id != $Q1 ORDER BY id LIMIT 1")
SINKS=($(site_sql "SELECT id FROM posts WHERE type = 1 AND status = 1
    AND closed = 0 AND id NOT IN ($Q1, $Q2) ORDER BY id DESC LIMIT 4"))
[ -n "$Q1" ] && [ -n "$Q2" ] && [ "${#SINKS[@]}" = 4 ] ||
    bail "the demo has too few questions"
Q1_URL=$(site_sql "SELECT '/q/' || id || '/' || slug FROM posts
    WHERE id = $Q1")
Q2_URL=$(site_sql "SELECT '/q/' || id || '/' || slug FROM posts
    WHERE id = $Q2")
VP=$(site_sql "SELECT id FROM posts WHERE type = 2 AND status = 1
    ORDER BY id DESC LIMIT 1")
TAG=$(site_sql "SELECT name FROM tags ORDER BY qcount DESC LIMIT 1")
CAT=$(site_sql "SELECT slug FROM categories ORDER BY id LIMIT 1")
HANDLE=$(site_sql "SELECT handle FROM users WHERE acount > 0
    ORDER BY id LIMIT 1")

# The member logs in and posts two answers: OWN, which the mix edits
# again and again, and OWN2, edited once here, whose revisions the mix
# shows (not those of OWN: a page that grows with each edit would take
# more memory for a good reason).
JAR=$WEB_TMP/member.jar
login_as leaky "$PASS"
is "$STATUS" 303 "the member logs in"
fetch GET "$Q1_URL"
html=$(form_of "/q/$Q1/answer")
TOKEN=$(value_in "$html" csrf)
STAMP=$(value_in "$html" stamp)
REQ_HEADERS=("Origin: $BASE" "Sec-Fetch-Site: same-origin")
for n in 1 2; do
	fetch POST "/q/$Q2/answer" "$(form_body "csrf=$TOKEN" \
	    "stamp=$STAMP" "website=" \
	    "body=The member's answer number $n, edited after this.")"
	OWN2=$OWN
	OWN=$(location_path | sed -n 's|.*#a\([0-9]*\)$|\1|p')
done
REQ_HEADERS=()
like "$OWN2 $OWN" '^[0-9]+ [0-9]+$' "the member has answers to edit"
fetch GET "/post/$OWN/edit"
ESTAMP=$(value_in "$(form_of "/post/$OWN/edit")" stamp)
like "$ESTAMP" '^[0-9]+\.[0-9a-f]{32}$' "the edit form has a stamp"
REQ_HEADERS=("Origin: $BASE" "Sec-Fetch-Site: same-origin")
fetch POST "/post/$OWN2/edit" "$(form_body "csrf=$TOKEN" \
    "stamp=$ESTAMP" "website=" "reason=A second revision." \
    "body=The member's answer number 2, edited once, and only once.")"
REQ_HEADERS=()
is "$STATUS" 303 "the member edits one of them"
MEMBER=$(jar_header)

# A visitor: the CSRF cookie of a form page (which takes nginx's cache
# out of the way) and its token.
JAR=$WEB_TMP/visitor.jar
fetch GET /login
VTOKEN=$(value_in "$(form_of /login)" csrf)
VISITOR=$(jar_header)
like "$VISITOR" 'qa_csrf=' "the visitor has a CSRF cookie"
JAR=

# --- the mix -----------------------------------------------------------------

# The list wrk rotates through: one request a line, tab-separated: the
# method, the URI, the headers (separated by '|') and the body, in which
# {n} becomes a number of its own for each request sent.
V="Cookie: $VISITOR"
N="Cookie: $VISITOR|Cache-Control: no-cache"
M="Cookie: $MEMBER"
F="|Origin: $BASE|Sec-Fetch-Site: same-origin"
F="$F|Content-Type: application/x-www-form-urlencoded"
J="$F|Accept: application/json"
PAGES=(/ /questions "/questions?page=2&sort=votes" "$Q1_URL" "$Q2_URL"
    "/q/$Q1" /tags "/tag/$TAG" /categories "/c/$CAT" /users
    "/user/$HANDLE" "/search?q=sleep+anxiety" /feed/questions.atom
    "/feed/tag/$TAG.atom" "/feed/c/$CAT.atom" "/feed/q/$Q1.atom"
    /sitemap.xml /robots.txt)
ANSWER="body=Answer+{n}+of+the+mix%3A+long+enough+to+be+saved+as+it+is."
EDIT="body=Edit+{n}+of+the+member%27s+own+answer%2C+long+enough+to+keep."
{
	for p in "${PAGES[@]}"; do
		printf 'GET\t%s\t%s\t\n' "$p" "$V" "$p" "$N" "$p" "$M"
	done
	for p in /nowhere "/q/99999999/gone" /user/nobody-at-all \
	    "/questions?page=x"; do
		printf 'GET\t%s\t%s\t\n' "$p" "$V" "$p" "$M"
	done
	printf 'GET\t%s\t%s\t\n' "/post/$VP/vote" "$M" "/q/$Q1/answer" "$M" \
	    "/post/$OWN/edit" "$M" "/post/$OWN2/revisions" "$M" \
	    "/post/$OWN/edit" "$V"
	for q in "${SINKS[@]}"; do
		printf 'POST\t%s\t%s\t%s\n' "/q/$q/answer" "$M$F" \
		    "$ANSWER&csrf=$TOKEN&stamp=$STAMP&website="
	done
	printf 'POST\t%s\t%s\t%s\n' \
	    "/q/${SINKS[0]}/answer" "$M$F" \
	    "body=Too+short&csrf=$TOKEN&stamp=$STAMP&website=" \
	    "/q/${SINKS[0]}/answer" "$M$F" \
	    "$ANSWER&stamp=$STAMP&website=" \
	    "/post/$VP/vote" "$M$J" "dir=up&csrf=$TOKEN" \
	    "/post/$VP/vote" "$M$J" "dir=undo&csrf=$TOKEN" \
	    "/post/$VP/vote" "$M$F" "dir=down&csrf=$TOKEN" \
	    "/post/$VP/vote" "$M$F" "dir=undo&csrf=$TOKEN" \
	    "/post/$VP/vote" "$M$J" "dir=sideways&csrf=$TOKEN" \
	    "/post/$OWN/vote" "$M$J" "dir=up&csrf=$TOKEN" \
	    "/post/$VP/vote" "$V$J" "dir=up&csrf=$VTOKEN" \
	    "/post/$OWN/edit" "$M$F" \
	    "$EDIT&reason=&csrf=$TOKEN&stamp=$ESTAMP&website=" \
	    "/post/$OWN/edit" "$M$F" \
	    "body=Short&reason=&csrf=$TOKEN&stamp=$ESTAMP&website="
} > "$WEB_TMP/mix"
diag "the mix: $(wc -l < "$WEB_TMP/mix") requests in rotation"

cat > "$WEB_TMP/mix.lua" <<'EOF'
-- written by tests/web/leak.t: send the requests of a list in turn until
-- LIMIT responses came back, then make the file DONE (wrk itself runs
-- until its duration is over or it is interrupted); count the responses
-- by status.
-- args: LIST LIMIT DONE
local threads = {}

function setup(thread)
	table.insert(threads, thread)
end

function init(args)
	list = {}
	for line in io.lines(args[1]) do
		local m, uri, hs, body =
		    line:match("^([^\t]*)\t([^\t]*)\t([^\t]*)\t(.*)$")
		local h = {}
		for name, value in hs:gmatch("([^|:]+): ([^|]*)") do
			h[name] = value
		end
		list[#list + 1] = { m, uri, h, body }
	end
	limit = tonumber(args[2])
	donefile = args[3]
	sent, got, statuses = 0, 0, {}
end

function request()
	local r = list[sent % #list + 1]
	sent = sent + 1
	local body = nil
	if r[4] ~= "" then
		body = r[4]:gsub("{n}", tostring(sent))
	end
	return wrk.format(r[1], r[2], r[3], body)
end

function response(status, headers, body)
	got = got + 1
	statuses[status] = (statuses[status] or 0) + 1
	if got == limit then
		io.open(donefile, "w"):close()
		wrk.thread:stop()
	end
end

function done(summary, latency, requests)
	local all, n = {}, 0
	for _, t in ipairs(threads) do
		n = n + t:get("got")
		for s, c in pairs(t:get("statuses")) do
			all[s] = (all[s] or 0) + c
		end
	end
	local e = summary.errors
	io.write(string.format("RESULT %d %d", n,
	    e.connect + e.read + e.write + e.timeout))
	for s, c in pairs(all) do
		io.write(string.format(" %d:%d", s, c))
	end
	io.write("\n")
end
EOF

# mix N: send N requests of the mix with wrk (one thread, four
# connections), which is interrupted (SIGINT: it reports and ends) once
# the script says they are done, or after 5 minutes; sets GOT
# (responses), SOCKERR (wrk's socket errors) and STATUSES ("200:N
# 303:N ...; socket errors N"), and adds each status's count to SEEN (an
# associative array).  Returns non-zero if wrk failed or counted fewer
# responses.
declare -A SEEN
mix() {
	local n=$1 line pid i rc
	rm -f "$WEB_TMP/mix.done"
	wrk -t 1 -c 4 -d 300s --timeout 30s -s "$WEB_TMP/mix.lua" "$BASE" -- \
	    "$WEB_TMP/mix" "$n" "$WEB_TMP/mix.done" > "$WEB_TMP/wrk.out" 2>&1 &
	pid=$!
	while [ ! -e "$WEB_TMP/mix.done" ] && kill -0 "$pid" 2>/dev/null; do
		sleep 0.1
	done
	kill -INT "$pid" 2>/dev/null
	wait "$pid"
	rc=$?
	# 130: wrk ended on the interrupt, as it should.
	[ $rc -eq 0 ] || [ $rc -eq 130 ] ||
	    { diag "wrk: $(tail -n 5 "$WEB_TMP/wrk.out")"; return 1; }
	line=$(grep '^RESULT ' "$WEB_TMP/wrk.out") ||
	    { diag "wrk: $(tail -n 5 "$WEB_TMP/wrk.out")"; return 1; }
	set -- $line
	GOT=$2
	SOCKERR=$3
	shift 3
	STATUSES=$(printf '%s\n' "$@" | sort -n | tr '\n' ' ')
	STATUSES="${STATUSES% }; socket errors $SOCKERR"
	for i in "$@"; do
		SEEN[${i%%:*}]=$((${SEEN[${i%%:*}]:-0} + ${i#*:}))
	done
	[ "$GOT" -ge "$n" ]
}

# rss PROG: the resident memory of program PROG's process, in kB.
rss() {
	awk '/^VmRSS:/ { print $2 }' "/proc/$(pids_in "$WEB_TMP/$1.pid" |
	    head -n 1)/status" 2>/dev/null
}

# --- memory over 20,000 requests ------------------------------------------

declare -A RSS0 RSS1
mix "$WARM"
ok $? "the warm-up: $WARM requests answered ($STATUSES)"
for p in $MEASURED; do
	RSS0[$p]=$(rss "$p")
done
mix $((TOTAL - WARM))
ok $? "then $((TOTAL - WARM)) more ($STATUSES)"
for p in $MEASURED; do
	RSS1[$p]=$(rss "$p")
	msg="$p: VmRSS ${RSS0[$p]} kB after $WARM requests,"
	diag "$msg ${RSS1[$p]} kB after $TOTAL"
done
diag "uptime: $(uptime)"
for p in $MEASURED; do
	grew=$((${RSS1[$p]:-99999} - ${RSS0[$p]:-0}))
	[ "$grew" -lt "$GROWTH_KB" ]
	ok $? "$p: VmRSS grows by less than $GROWTH_KB kB ($grew kB)"
done
# The mix's statuses: every one it is made to bring, no server error.
for s in 200 301 303 400 403 404 405 422; do
	[ "${SEEN[$s]:-0}" -gt 0 ]
	ok $? "the mix brought $s responses (${SEEN[$s]:-0})"
done
bad=
for s in "${!SEEN[@]}"; do
	[ "$s" -ge 500 ] && bad="$bad $s:${SEEN[$s]}"
done
is "$bad" "" "no response of the mix is a server error"
# Four answers in each whole turn of the list (each run of wrk starts it
# from the top).
saved=$(site_sql "SELECT count(*) FROM posts WHERE body_md LIKE
    'Answer % of the mix: %'")
turns=$((WARM / $(wc -l < "$WEB_TMP/mix") +
    (TOTAL - WARM) / $(wc -l < "$WEB_TMP/mix")))
[ "$saved" -ge $((turns * 4)) ]
ok $? "the answers of the mix are saved ($saved, $turns turns)"

# --- valgrind ----------------------------------------------------------------

if ! command -v valgrind >/dev/null; then
	skip "valgrind is not installed (apt-get install valgrind)"
	done_testing
	exit
fi

# Each program again, as spawn-fcgi's daemon on its socket, under
# memcheck.  Its report goes to $WEB_TMP/valgrind.PROG.
PROGRAMS=$MEASURED programs_stop
for p in $MEASURED; do
	"$SPAWN_FCGI" -s "$SOCKS/$p.sock" -M 0600 -P "$WEB_TMP/$p.pid" -- \
	    "$(command -v valgrind)" --leak-check=full \
	    --show-leak-kinds=definite --errors-for-leak-kinds=definite \
	    --num-callers=30 --log-file="$WEB_TMP/valgrind.$p" \
	    "$PROGDIR/$p" > "$WEB_TMP/spawn-fcgi.out" 2>&1 ||
	    bail "spawn-fcgi failed for valgrind $p:" \
	    "$(cat "$WEB_TMP/spawn-fcgi.out")"
done
# Ready once each answers through nginx (valgrind starts slowly).
ready=
for uri in / "/post/$VP/vote" "/post/$OWN/edit"; do
	for i in $(seq 300); do
		JAR=$WEB_TMP/member.jar fetch GET "$uri"
		[ "$STATUS" != 502 ] && break
		sleep 0.2
	done
	ready="$ready $STATUS"
done
is "$ready" " 200 405 200" "the programs answer under valgrind"

mix "$VG_REQUESTS"
ok $? "$VG_REQUESTS requests of the mix under valgrind ($STATUSES)"
VG_PIDS=
for p in $MEASURED; do
	VG_PIDS="$VG_PIDS $(pids_in "$WEB_TMP/$p.pid")"
	kill -TERM $(pids_in "$WEB_TMP/$p.pid") 2>/dev/null
done
# memcheck's leak search at exit takes a while on a loaded machine.
for i in $(seq 600); do
	left=
	for p in $VG_PIDS; do
		alive "$p" && left="$left $p"
	done
	[ -z "$left" ] && break
	sleep 0.1
done
is "$left" "" "the programs end on SIGTERM"
for p in $MEASURED; do
	f=$WEB_TMP/valgrind.$p
	summary=$(grep -E 'definitely lost:|ERROR SUMMARY:|All heap blocks' \
	    "$f" | sed 's/^==[0-9]*== *//' | tr '\n' ' ')
	diag "$p under valgrind: $summary"
	grep -q 'ERROR SUMMARY: 0 errors' "$f"
	ok $? "$p: no memory error and no block definitely lost at exit" ||
	    diag "$(sed -e 's/^==[0-9]*== \{0,1\}//' -e '/^ *$/d' "$f" |
		head -n 60)"
	grep -q 'HEAP SUMMARY' "$f"
	ok $? "$p: valgrind's report is complete (the process exited)"
done

done_testing
