#!/bin/bash
# crash.t: no acknowledged write is lost when the programs that write are
# killed.  Six members answer questions, vote (up, down, undo) on the
# same six posts and edit their own answers, each as fast as the site
# answers, for 20 s, through the server and the answer and vote
# programs, while a killer sends SIGKILL to those programs at random
# moments and starts them again (behind nginx, as spawn-fcgi daemons of
# this script's own; under apache-fcgid, the processes mod_fcgid
# started, which it replaces by itself).  The members take what fails
# in between (502 and the like) in their stride and write down every
# request and what came back.  Afterwards the database passes `PRAGMA
# integrity_check` and `foreign_key_check`, and
#   - every answer that got its 303 is saved, under the id of its
#     Location, with its body, and no answer is saved twice;
#   - every vote that got 200 and its JSON holds: a member's vote on a
#     post is the one the last acknowledged request gave, or what a
#     request sent after it (or one that got no answer at all) asked for;
#   - every acknowledged edit is a revision of the post, and the post
#     reads as the last acknowledged edit, or a later one;
#   - the counters are right: `qa-admin recount` changes nothing.
# The figures (requests, acknowledged, kills, found after) are printed
# as diagnostics.  Skipped under plain CGI (apache-cgi, apache-htaccess),
# where no program outlives its request, and while cgi-bin/answer or
# cgi-bin/vote is not built.
. "$(dirname "$0")/lib.sh"

case $WEB_SERVER in
nginx | apache-fcgid) ;;
*)
	skip_all "under $WEB_SERVER each request is a process of its own:" \
	    "no long-lived program to kill"
	;;
esac
program_built answer && program_built vote ||
    skip_all "cgi-bin/answer or cgi-bin/vote is not built"

WEB_MODE=nginx
site_init
# No wait for the forms' stamps, no rate limit in the way, down votes for
# new members, and no subscribers (their mail is not what is tested).
site_sql "UPDATE settings SET value = '0' WHERE key IN ('form_min_seconds',
    'priv_vote_up', 'priv_vote_down');
    UPDATE settings SET value = '1000000' WHERE key IN ('rate_a_ip',
    'rate_a_user', 'rate_v_user', 'rate_v_ip');
    DELETE FROM subscriptions;"
server_start
diag "$WEB_SERVER on $BASE"

PASS='grey-heron-lantern-41'
MEMBERS=6
SECS=20			# how long the members write and the killer kills
KILLED="answer vote"	# the programs the killer kills

# member N: the handle of member N (m01 ... m06).
member() {
	printf 'm%02d' "$1"
}

# --- the killer ------------------------------------------------------------

# under_apache PID: process PID descends from this script's Apache.
under_apache() {
	local q=$1 s
	while [ "$q" -gt 1 ]; do
		s=$(cat "/proc/$q/stat" 2>/dev/null) || return 1
		s=${s##*) }		# the name may hold spaces and ')'
		set -- $s
		q=$2
		[ "$q" = "$APACHE_PID" ] && return 0
	done
	return 1
}

# victims PROG: the pids of the running processes of program PROG that
# this script's server runs: spawn-fcgi's daemons (their pid files)
# behind nginx, the processes mod_fcgid started under Apache (found by
# their executable, one find over /proc, and their ancestry: processes
# come and go between a listing of /proc and its reading).
victims() {
	local p
	case $WEB_SERVER in
	nginx)
		for p in $(pids_in "$WEB_TMP/$1.pid"); do
			alive "$p" && echo "$p"
		done
		;;
	apache-fcgid)
		for p in $(find /proc/[0-9]*/exe -maxdepth 0 \
		    -lname "$(readlink -f "$PROGDIR/$1")" 2>/dev/null); do
			p=${p#/proc/}
			p=${p%/exe}
			under_apache "$p" && alive "$p" && echo "$p"
		done
		;;
	esac
	return 0
}

# revive PROG: start program PROG again behind nginx, once the killed
# process has let go of its socket; nothing under Apache, where mod_fcgid
# starts a process for the next request.
revive() {
	[ "$WEB_SERVER" = nginx ] || return 0
	PROGRAMS=$1 programs_start "$SOCKS"
}

# pause_random MAX: sleep up to MAX tenths of a second (at least one).
pause_random() {
	local t=$((RANDOM % $1 + 1))
	sleep "$((t / 10)).$((t % 10))"
}

# killer: until SECS have passed, kill answer, vote or both at a random
# moment, leave them dead for a moment (the members' requests meanwhile
# get 502 behind nginx), start them again.  Counts the kills in KILLS and
# the processes that were not running when they should have in DOWN.
killer() {
	local end=$((SECONDS + SECS)) p pid pids i dead victims_now
	KILLS=0
	DOWN=0
	while [ "$SECONDS" -lt "$end" ]; do
		pause_random 12
		case $((RANDOM % 3)) in
		0) victims_now=answer ;;
		1) victims_now=vote ;;
		*) victims_now="answer vote" ;;
		esac
		dead=
		for p in $victims_now; do
			pids=$(victims "$p")
			if [ -z "$pids" ]; then
				DOWN=$((DOWN + 1))
				continue
			fi
			for pid in $pids; do
				kill -KILL "$pid" 2>/dev/null &&
				    KILLS=$((KILLS + 1))
			done
			dead="$dead $p"
			for pid in $pids; do
				for i in $(seq 50); do
					alive "$pid" || break
					sleep 0.02
				done
			done
		done
		pause_random 5
		for p in $dead; do
			revive "$p"
		done
	done
}

# --- the members -------------------------------------------------------------

# sign_in N: member N logs in through the login form with the jar
# $WEB_TMP/jar.N and takes the first question's page (with the answer
# form) into $WEB_TMP/page.N; the login's status goes to $WEB_TMP/login.N.
sign_in() {
	local n=$1 jar=$WEB_TMP/jar.$1 BODY=$WEB_TMP/page.$1 html
	curl -sS --max-time 20 -b "$jar" -c "$jar" -o "$BODY" "$BASE/login" ||
	    return 1
	html=$(form_of /login)
	curl -sS --max-time 20 -b "$jar" -c "$jar" -o /dev/null \
	    -w '%{http_code}' -H "Origin: $BASE" \
	    -H 'Sec-Fetch-Site: same-origin' --data-binary "$(form_body \
	    "login=$(member "$n")" "password=$PASS" \
	    "csrf=$(value_in "$html" csrf)")" \
	    "$BASE/login" > "$WEB_TMP/login.$n" || return 1
	curl -sS --max-time 20 -b "$jar" -o "$BODY" "$BASE$Q1_URL"
}

# post N URI FIELD=VALUE...: member N posts the fields and their form
# token to URI as a browser on the same origin would; prints the status
# ("000" for no answer at all) and, after a space, the Location.  The
# body goes to $WEB_TMP/resp.N.  Extra curl options in the array POST_OPT.
post() {
	local n=$1 uri=$2
	shift 2
	curl -sS --max-time 10 -o "$WEB_TMP/resp.$n" \
	    -w '%{http_code} %{redirect_url}' "${POST_OPT[@]}" \
	    -b "$WEB_TMP/jar.$n" -H "Origin: $BASE" \
	    -H 'Sec-Fetch-Site: same-origin' \
	    --data-binary "$(form_body "$@" "csrf=${TOKEN[n]}")" \
	    "$BASE$uri" 2>/dev/null
	return 0
}

# answer_text N SEQ, edit_text N SEQ: the body member N sends in request
# SEQ, unique to each.
answer_text() {
	printf 'Crash test: answer %s from member %s, kept once or never.' \
	    "$2" "$(member "$1")"
}
edit_text() {
	printf 'Crash test: edit %s by member %s, the whole new text of it.' \
	    "$2" "$(member "$1")"
}

# The counts in a vote's JSON, as an extended regular expression.
JSON_COUNTS='"score":-?[0-9]+,"up":[0-9]+,"down":[0-9]+'

# writer N: member N sends request after request until $WEB_TMP/stop
# appears, each picked at random: an answer to one of QUESTIONS (40%), a
# vote up, down or undo on one of VOTE_POSTS (40%), an edit of the
# member's own answer OWN[N] (20%).  Each request is a line of
# $WEB_TMP/log.N, tab-separated: member, sequence number, kind (a, v or
# e), the post it went to, the vote it asked for (-1, 0, 1; empty for
# the others), the status (000 for no answer), what it acknowledged (the
# new answer's id of a 303; the vote of a 200 with its JSON; "ok" for the
# 303 of an edit; empty otherwise) and the text sent.
writer() {
	local n=$1 seq=0 h k out st ack q p d v text re
	local -a qs=($QUESTIONS) ps=($VOTE_POSTS) dirs=(down undo up)
	local -a POST_OPT
	h=$(member "$n")
	while [ ! -e "$WEB_TMP/stop" ]; do
		seq=$((seq + 1))
		k=$((RANDOM % 10))
		ack=
		v=
		POST_OPT=()
		if [ "$k" -lt 4 ]; then
			q=${qs[RANDOM % ${#qs[@]}]}
			text=$(answer_text "$n" "$seq")
			out=$(post "$n" "/q/$q/answer" "body=$text" \
			    "stamp=$STAMP" "website=")
			st=${out%% *}
			[ "$st" = 303 ] && ack=$(printf '%s' "$out" |
			    sed -n "s|^303 .*/q/$q/[^#]*#a\([0-9]*\)\$|\1|p")
			printf '%s\t%s\ta\t%s\t\t%s\t%s\t%s\n' "$h" "$seq" \
			    "$q" "$st" "$ack" "$text"
		elif [ "$k" -lt 8 ]; then
			p=${ps[RANDOM % ${#ps[@]}]}
			d=$((RANDOM % 3))
			v=$((d - 1))
			POST_OPT=(-H 'Accept: application/json')
			out=$(post "$n" "/post/$p/vote" "dir=${dirs[d]}")
			st=${out%% *}
			re="^\\{\"id\":$p,$JSON_COUNTS,\"vote\":(-?[01])\\}\$"
			[ "$st" = 200 ] && ack=$(sed -En "s/$re/\\1/p" \
			    "$WEB_TMP/resp.$n")
			printf '%s\t%s\tv\t%s\t%s\t%s\t%s\t\n' "$h" "$seq" \
			    "$p" "$v" "$st" "$ack"
		else
			p=${OWN[n]}
			text=$(edit_text "$n" "$seq")
			out=$(post "$n" "/post/$p/edit" "body=$text" \
			    "reason=" "stamp=$ESTAMP" "website=")
			st=${out%% *}
			[ "$st" = 303 ] && ack=ok
			printf '%s\t%s\te\t%s\t\t%s\t%s\t%s\n' "$h" "$seq" \
			    "$p" "$st" "$ack" "$text"
		fi
	done > "$WEB_TMP/log.$n"
}

# --- the members and what they write to --------------------------------------

pids=()
for n in $(seq "$MEMBERS"); do
	"$QA_ADMIN" -d "$DB" create-user "$(member "$n")" \
	    "$(member "$n")@example.org" --password "$PASS" \
	    > "$WEB_TMP/create.$n" 2>&1 &
	pids+=($!)
done
for n in $(seq "$MEMBERS"); do
	wait "${pids[n - 1]}" ||
	    bail "create-user failed: $(cat "$WEB_TMP/create.$n")"
done

# Three open questions to answer and six posts of others to vote on.
QUESTIONS=$(site_sql "SELECT id FROM posts WHERE type = 1 AND status = 1
    AND closed = 0 ORDER BY id LIMIT 3" | tr '\n' ' ')
QUESTIONS=${QUESTIONS% }
VOTE_POSTS=$(site_sql "SELECT id FROM posts WHERE type IN (1, 2)
    AND status = 1 ORDER BY id DESC LIMIT 6" | tr '\n' ' ')
VOTE_POSTS=${VOTE_POSTS% }
[ "$(printf '%s\n' $QUESTIONS | wc -l)" = 3 ] &&
    [ "$(printf '%s\n' $VOTE_POSTS | wc -l)" = 6 ] ||
    bail "the demo has too few posts"

Q1=${QUESTIONS%% *}
Q1_URL=/q/$Q1/$(site_sql "SELECT slug FROM posts WHERE id = $Q1")
pids=()
for n in $(seq "$MEMBERS"); do
	sign_in "$n" &
	pids+=($!)
done
TOKEN=()
STAMP=
for n in $(seq "$MEMBERS"); do
	wait "${pids[n - 1]}" && [ "$(cat "$WEB_TMP/login.$n")" = 303 ] ||
	    bail "$(member "$n") cannot log in:" \
	    "$(cat "$WEB_TMP/login.$n" 2>/dev/null)"
	BODY=$WEB_TMP/page.$n
	html=$(form_of "/q/$Q1/answer")
	TOKEN[n]=$(value_in "$html" csrf)
	[ -n "$STAMP" ] || STAMP=$(value_in "$html" stamp)
done
like "$STAMP" '^[0-9]+\.[0-9a-f]{32}$' "the answer form has a stamp"

# Each member's own answer, the one they edit, made before the killing.
OWN=()
bad=
for n in $(seq "$MEMBERS"); do
	POST_OPT=()
	out=$(post "$n" "/q/$Q1/answer" "body=$(answer_text "$n" 0)" \
	    "stamp=$STAMP" "website=")
	OWN[n]=$(printf '%s' "$out" | sed -n 's|^303 .*#a\([0-9]*\)$|\1|p')
	[ -n "${OWN[n]}" ] || bad="$bad $(member "$n"): $out;"
done
is "$bad" "" "each member has an answer of their own to edit"
JAR=$WEB_TMP/jar.1 fetch GET "/post/${OWN[1]}/edit"
ESTAMP=$(value_in "$(form_of "/post/${OWN[1]}/edit")" stamp)
like "$ESTAMP" '^[0-9]+\.[0-9a-f]{32}$' "the edit form has a stamp"

# --- writing while the programs are killed -----------------------------------

rm -f "$WEB_TMP/stop"
pids=()
for n in $(seq "$MEMBERS"); do
	writer "$n" &
	pids+=($!)
done
killer
# The programs run again; the members stop.
for p in $KILLED; do
	[ -n "$(victims "$p")" ] || revive "$p"
done
touch "$WEB_TMP/stop"
wait "${pids[@]}"
diag "uptime: $(uptime)"

cat "$WEB_TMP"/log.[0-9]* > "$WEB_TMP/log"
ok $? "the members' logs are there"

# acks SQL: run SQL on a database of the members' logs (the table log)
# with the site's database attached as site.
ACKS=$WEB_TMP/acks.db
sqlite3 -batch -bail "$ACKS" "CREATE TABLE log (member TEXT, seq INTEGER,
    kind TEXT, target INTEGER, dir INTEGER, status TEXT, ack TEXT,
    body TEXT)" || bail "cannot make the log database"
printf '.mode tabs\n.import %s log\n' "$WEB_TMP/log" |
    sqlite3 -batch -bail "$ACKS" || bail "cannot read the members' logs"
acks() {
	sqlite3 -batch -bail -cmd '.timeout 5000' "$ACKS" \
	    "ATTACH '$DB' AS site;" "$1"
}

sent=$(acks "SELECT count(*) FROM log")
acked=$(acks "SELECT count(*) FROM log WHERE ack != ''")
failed=$(acks "SELECT count(*) FROM log WHERE status NOT IN
    ('200', '303')")
diag "kills: $KILLS (${DOWN} times a program was already down)"
diag "requests sent: $sent; acknowledged: $acked; failed: $failed"
diag "$(acks "SELECT kind || ': ' || count(*) || ' sent, ' ||
	sum(ack != '') || ' acknowledged, statuses ' ||
	(SELECT group_concat(status || ' x' || n, ', ') FROM
	    (SELECT status, count(*) AS n FROM log l2 WHERE l2.kind = l.kind
	    GROUP BY status))
	FROM log l GROUP BY kind ORDER BY kind")"
[ "$KILLS" -ge 5 ]
ok $? "the programs were killed ($KILLS times)"
# Behind nginx a request that meets a killed program fails (502); mod_fcgid
# starts another process for it, so there none may fail at all.
if [ "$WEB_SERVER" = nginx ]; then
	[ "$failed" -gt 0 ] && [ "$acked" -ge 50 ]
	ok $? "requests failed while down ($failed), others acknowledged ($acked)"
else
	[ "$acked" -ge 50 ]
	ok $? "requests acknowledged ($acked; $failed failed)"
fi

# --- what the database holds -----------------------------------------------

is "$(site_sql "PRAGMA integrity_check")" ok "PRAGMA integrity_check: ok"
is "$(site_sql "PRAGMA foreign_key_check")" "" \
    "PRAGMA foreign_key_check: no dangling references"

# Answers: each acknowledged one under its id, with its text, once.
n_ack=$(acks "SELECT count(*) FROM log WHERE kind = 'a' AND ack != ''")
found=$(acks "SELECT count(*) FROM log l JOIN site.posts p
    ON p.id = CAST(l.ack AS INTEGER) AND p.type = 2 AND p.parent_id = l.target
    AND p.body_md = l.body AND p.status = 1
    WHERE l.kind = 'a' AND l.ack != ''")
indb=$(site_sql "SELECT count(*) FROM posts WHERE body_md
    LIKE 'Crash test: answer %' AND body_md NOT LIKE '% answer 0 from %'")
sent=$(acks "SELECT count(*) FROM log WHERE kind = 'a'")
msg="answers: $n_ack acknowledged, $found found after"
diag "$msg ($indb in the database of $sent sent)"
is "$found" "$n_ack" \
    "every acknowledged answer is saved with its text under its 303's id" ||
    diag "$(acks "SELECT member, seq, target, ack FROM log l WHERE
	l.kind = 'a' AND l.ack != '' AND NOT EXISTS (SELECT 1 FROM
	site.posts p WHERE p.id = CAST(l.ack AS INTEGER)
	AND p.body_md = l.body) LIMIT 5")"
is "$(site_sql "SELECT body_md FROM posts WHERE body_md LIKE
    'Crash test: answer %' GROUP BY body_md HAVING count(*) > 1 LIMIT 5")" \
    "" "no answer is saved twice"

# Votes: for each member and post with an acknowledged vote, the vote in
# the database is the last acknowledged one, or what a later request (or
# one without any answer, which may have been done) asked for.
VOTE_CHECK="WITH last AS (SELECT member, target, max(seq) AS seq FROM log
	WHERE kind = 'v' AND ack != '' GROUP BY member, target),
    now AS (SELECT l.member, l.target, l.seq, coalesce((SELECT v.value
	FROM site.votes v JOIN site.users u ON u.id = v.user_id
	WHERE u.handle = l.member AND v.post_id = l.target), 0) AS value
	FROM last l)
    SELECT n.member, n.target, n.value FROM now n WHERE n.value NOT IN
	(SELECT CAST(ack AS INTEGER) FROM log WHERE kind = 'v'
	    AND member = n.member AND target = n.target AND seq = n.seq
	UNION ALL SELECT dir FROM log WHERE kind = 'v'
	    AND member = n.member AND target = n.target
	    AND (seq > n.seq OR status = '000'))"
n_ack=$(acks "SELECT count(*) FROM log WHERE kind = 'v' AND ack != ''")
pairs=$(acks "SELECT count(DISTINCT member || '/' || target) FROM log
    WHERE kind = 'v' AND ack != ''")
exact=$(acks "SELECT count(*) FROM (SELECT member, target, max(seq) AS seq
    FROM log WHERE kind = 'v' AND ack != '' GROUP BY member, target) l
    WHERE NOT EXISTS (SELECT 1 FROM log o WHERE o.kind = 'v'
	AND o.member = l.member AND o.target = l.target
	AND (o.seq > l.seq OR o.status = '000'))")
wrong=$(acks "$VOTE_CHECK")
msg="votes: $n_ack acknowledged on $pairs member/post pairs, $exact of"
msg="$msg which ended on an acknowledged vote (whose row must be it);"
diag "$msg wrong after: $(printf '%s' "$wrong" | grep -c .)"
is "$wrong" "" "every member's vote is what the acknowledged votes left"
is "$(site_sql "SELECT count(*) FROM votes v JOIN users u ON u.id = v.user_id
    WHERE u.handle LIKE 'm__' AND v.value NOT IN (-1, 1)")" 0 \
    "no vote row of another value"

# Edits: each acknowledged one is a revision; the post reads as the last
# acknowledged edit, or as one sent after it.
n_ack=$(acks "SELECT count(*) FROM log WHERE kind = 'e' AND ack != ''")
found=$(acks "SELECT count(*) FROM log l WHERE l.kind = 'e' AND l.ack != ''
    AND EXISTS (SELECT 1 FROM site.revisions r WHERE r.post_id = l.target
	AND r.body_md = l.body)")
diag "edits: $n_ack acknowledged, $found found as revisions after"
is "$found" "$n_ack" "every acknowledged edit is a revision of its post"
is "$(acks "WITH last AS (SELECT member, target, max(seq) AS seq FROM log
	WHERE kind = 'e' AND ack != '' GROUP BY member, target)
    SELECT l.member FROM last l JOIN site.posts p ON p.id = l.target
    WHERE p.body_md NOT IN (SELECT body FROM log WHERE kind = 'e'
	AND member = l.member AND (seq >= l.seq OR status = '000'))")" "" \
    "each edited answer reads as its last acknowledged edit or a later one"
is "$(site_sql "SELECT p.id FROM posts p WHERE p.id IN
    ($(printf '%s,' "${OWN[@]}")0) AND p.body_md != (SELECT r.body_md
    FROM revisions r WHERE r.post_id = p.id ORDER BY r.rev DESC LIMIT 1)")" \
    "" "each edited answer's last revision is its text"

out=$("$QA_ADMIN" -d "$DB" recount 2>&1)
is "$out" "recount: 0 rows changed" "a recount finds nothing to correct"

done_testing
