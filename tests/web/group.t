#!/bin/bash
# group.t: many members writing at once, through the server and the
# login, view, answer and vote programs, with curl as browsers would.  A
# FastCGI program that writes serves the requests already waiting when
# one has begun a write as one group, whose transactions share one
# commit (lib/serve.c, group commit).  In each of three bursts, 16
# members send 3 answers and 3 votes each, 96 requests at once: every
# request gets its own answer (a 303 to the answer it made; 200 and the
# JSON of its own vote), every answer is saved exactly once, the counts
# on the posts equal their vote rows, and `qa-admin recount` finds
# nothing to correct.  The bursts: as the requests come; while another
# process holds the write lock, so that they queue up behind the first;
# and that again with `group_commit = 0` in the config.  The commits are
# counted in the database's write-ahead log: behind nginx, where the
# requests wait on each program's socket, the queued burst must take
# fewer commits than requests (which only groups can do), and the one
# without groups at least one per request (which shows that the count
# sees them all).  Under Apache (mod_fcgid gives a program one request
# at a time; under CGI each request is a process) nothing is grouped,
# and every request must still succeed.  Skipped while cgi-bin/answer
# or cgi-bin/vote is not built.
. "$(dirname "$0")/lib.sh"

program_built answer && program_built vote ||
    skip_all "cgi-bin/answer or cgi-bin/vote is not built"

WEB_MODE=nginx
site_init
# No wait for the forms' stamps, no rate limit in the way, down votes for
# new members, and no subscribers to mail (the mails' own commits would
# blur the count of commits).
site_sql "UPDATE settings SET value = '0' WHERE key IN ('form_min_seconds',
    'priv_vote_up', 'priv_vote_down');
    UPDATE settings SET value = '100000' WHERE key IN ('rate_a_ip',
    'rate_a_user', 'rate_v_user', 'rate_v_ip');
    DELETE FROM subscriptions;"
server_start
diag "$WEB_SERVER on $BASE"

PASS='grey-heron-lantern-41'
MEMBERS=16
PER=3			# answers and votes per member and burst
REQUESTS=$((MEMBERS * PER * 2))

# --- helpers ---------------------------------------------------------------

# member N: the handle of member N (m01 ... m16).
member() {
	printf 'm%02d' "$1"
}

# answer_body RUN N J: the answer member N sends to question J in burst
# RUN, unique to each.
answer_body() {
	printf 'Burst %s, answer %s from member %s: commit them together.' \
	    "$1" "$3" "$(member "$2")"
}

# commit_count: how many transactions the site's database has committed
# since snapshot_hold: the commit frames of its write-ahead log (see
# SQLite's file format: a 32-byte header whose bytes 16-23 are the salt,
# then frames of a 24-byte header and a page, the header's bytes 4-7 not
# zero in the last frame of each commit, bytes 8-15 the log's salt).
# The log is bound once as @w, not read once per frame.
commit_count() {
	local ps
	ps=$(site_sql "PRAGMA page_size")
	sqlite3 -batch :memory: \
	    ".parameter set @w \"coalesce(readfile('$DB-wal'), x'')\"" \
	    "WITH RECURSIVE f(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM f
		WHERE 32 + (i + 2) * ($ps + 24) <= length(@w))
	    SELECT count(*) FROM f
	    WHERE 32 + (i + 1) * ($ps + 24) <= length(@w)
	    AND substr(@w, 32 + i * ($ps + 24) + 9, 8) = substr(@w, 17, 8)
	    AND substr(@w, 32 + i * ($ps + 24) + 5, 4) != x'00000000'"
}

# snapshot_hold: empty the site's write-ahead log and open a read
# transaction on the database that lasts until snapshot_release: while
# it lasts, no checkpoint can let the log start again from its
# beginning, so that commit_count counts every commit from now on.
# Sets READER_PID and fd 7 (the reader's input).
snapshot_hold() {
	local i out
	for i in $(seq 20); do
		out=$(site_sql "PRAGMA wal_checkpoint(TRUNCATE)")
		[ "${out%%|*}" = 0 ] && break
		sleep 0.2
	done
	[ "${out%%|*}" = 0 ] || bail "the log could not be emptied ($out)"
	rm -f "$WEB_TMP/reader.in" "$WEB_TMP/reader.ready"
	mkfifo "$WEB_TMP/reader.in" || bail "mkfifo failed"
	sqlite3 -batch "$DB" < "$WEB_TMP/reader.in" \
	    > "$WEB_TMP/reader.out" 2>&1 &
	READER_PID=$!
	exec 7> "$WEB_TMP/reader.in"
	printf '%s\n' "BEGIN;" "SELECT count(*) FROM posts;" \
	    ".shell touch '$WEB_TMP/reader.ready'" >&7
	for i in $(seq 100); do
		[ -e "$WEB_TMP/reader.ready" ] && return 0
		sleep 0.05
	done
	bail "the reader did not start: $(cat "$WEB_TMP/reader.out")"
}

# snapshot_release: end the read transaction of snapshot_hold.
snapshot_release() {
	printf '%s\n' "COMMIT;" >&7
	exec 7>&-
	wait "$READER_PID"
	READER_PID=
}

# lock_hold: another process takes the database's write lock and keeps
# it until lock_release, or 2.5 s at most (the programs wait up to 5 s
# for it); returns once it has it.  Sets HOLDER_PID.
lock_hold() {
	local i
	rm -f "$WEB_TMP/holder.ready" "$WEB_TMP/holder.done"
	sqlite3 -batch "$DB" "BEGIN IMMEDIATE" \
	    ".shell touch '$WEB_TMP/holder.ready'" \
	    ".shell i=0; while [ ! -e '$WEB_TMP/holder.done' ] &&
		[ \$i -lt 50 ]; do sleep 0.05; i=\$((i + 1)); done" \
	    "COMMIT" > "$WEB_TMP/holder.out" 2>&1 &
	HOLDER_PID=$!
	for i in $(seq 100); do
		[ -e "$WEB_TMP/holder.ready" ] && return 0
		sleep 0.05
	done
	bail "no lock taken: $(cat "$WEB_TMP/holder.out")"
}

# lock_release: the process of lock_hold commits and ends.
lock_release() {
	touch "$WEB_TMP/holder.done"
	wait "$HOLDER_PID" ||
	    diag "the lock's holder failed: $(cat "$WEB_TMP/holder.out")"
}

# burst RUN: every member sends, all at once, an answer to each of the
# questions in QUESTIONS and a vote on each post of VOTE_POSTS (up for
# even members, down for odd ones), each request a curl of its own with
# the member's cookies.  What each got back goes to $WEB_TMP/RUN/: for
# answer J of member N, a.N.J holds the status and the Location; for a
# vote, v.N.J the status and v.N.J.body the body.  Returns once every
# request is sent; burst_wait waits for their answers.
burst() {
	local run=$1 dir=$WEB_TMP/$1 n j q p d
	mkdir -p "$dir"
	BURST_PIDS=()
	for n in $(seq "$MEMBERS"); do
		j=0
		for q in $QUESTIONS; do
			j=$((j + 1))
			curl -sS --max-time 30 -o /dev/null \
			    -w '%{http_code} %{redirect_url}\n' \
			    -b "$WEB_TMP/jar.$n" -H "Origin: $BASE" \
			    -H 'Sec-Fetch-Site: same-origin' \
			    --data-binary "$(form_body \
			    "body=$(answer_body "$run" "$n" "$j")" \
			    "csrf=${TOKEN[n]}" "stamp=$STAMP" "website=")" \
			    "$BASE/q/$q/answer" > "$dir/a.$n.$j" 2>&1 &
			BURST_PIDS+=($!)
		done
		j=0
		d=up
		[ $((n % 2)) = 1 ] && d=down
		for p in $VOTE_POSTS; do
			j=$((j + 1))
			curl -sS --max-time 30 -o "$dir/v.$n.$j.body" \
			    -w '%{http_code}\n' \
			    -b "$WEB_TMP/jar.$n" -H "Origin: $BASE" \
			    -H 'Sec-Fetch-Site: same-origin' \
			    -H 'Accept: application/json' \
			    --data-binary "$(form_body "csrf=${TOKEN[n]}" \
			    "dir=$d")" \
			    "$BASE/post/$p/vote" > "$dir/v.$n.$j" 2>&1 &
			BURST_PIDS+=($!)
		done
	done
}

# burst_wait: wait until every request of the burst has its answer.
burst_wait() {
	wait "${BURST_PIDS[@]}"
}

# burst_check RUN WHAT: what burst RUN got back and left in the
# database, WHAT naming it in the test descriptions.
burst_check() {
	local run=$1 what=$2 dir=$WEB_TMP/$1 n j q p d bad sql sep id got re
	local out
	# Every answer: 303 to the answer it made, which holds its body.
	bad=
	sql=
	sep=
	for n in $(seq "$MEMBERS"); do
		j=0
		for q in $QUESTIONS; do
			j=$((j + 1))
			got=$(cat "$dir/a.$n.$j")
			id=$(printf '%s' "$got" |
			    sed -n "s|^303 .*/q/$q/[^#]*#a\([0-9]*\)\$|\1|p")
			if [ -z "$id" ]; then
				bad="$bad $(member "$n") to $q: $got;"
				continue
			fi
			sql="$sql$sep($id, $q,"
			sql="$sql '$(answer_body "$run" "$n" "$j")')"
			sep=,
		done
	done
	is "$bad" "" "$what: every answer gets a 303 to its own answer"
	[ -n "$sql" ] || sql="(0, 0, '')"
	is "$(site_sql "SELECT count(*) FROM posts p JOIN (VALUES $sql) s
	    ON p.id = s.column1 AND p.type = 2 AND p.parent_id = s.column2
	    AND p.body_md = s.column3 AND p.status = 1")" \
	    "$((MEMBERS * PER))" \
	    "$what: each answer is saved, under the id its 303 gave"
	is "$(site_sql "SELECT count(*), count(DISTINCT body_md) FROM posts
	    WHERE body_md LIKE 'Burst $run, %'")" \
	    "$((MEMBERS * PER))|$((MEMBERS * PER))" \
	    "$what: $((MEMBERS * PER)) answers in the database, each once"

	# Every vote: 200 and the JSON of its own vote.
	bad=
	for n in $(seq "$MEMBERS"); do
		j=0
		d=1
		[ $((n % 2)) = 1 ] && d=-1
		for p in $VOTE_POSTS; do
			j=$((j + 1))
			got="$(cat "$dir/v.$n.$j") $(cat "$dir/v.$n.$j.body" \
			    2>/dev/null)"
			re="^200 \\{\"id\":$p,\"score\":-?[0-9]+,\"up\":[0-9]+,"
			re="$re\"down\":[0-9]+,\"vote\":$d\\}\$"
			printf '%s' "$got" | grep -Eq "$re" ||
			    bad="$bad $(member "$n") on $p: $(printf '%s' \
			    "$got" | head -c 200);"
		done
	done
	is "$bad" "" "$what: every vote gets 200 and its own vote as JSON"
	is "$(site_sql "SELECT count(*) FROM votes v JOIN users u
	    ON u.id = v.user_id WHERE v.post_id IN (${VOTE_POSTS// /,})
	    AND u.handle LIKE 'm__'
	    AND v.value = CASE WHEN CAST(substr(u.handle, 2) AS INTEGER) % 2
		THEN -1 ELSE 1 END")" "$((MEMBERS * PER))" \
	    "$what: every vote is a row"
	is "$(site_sql "SELECT count(*) FROM posts p WHERE
	    up != (SELECT count(*) FROM votes WHERE post_id = p.id
		AND value = 1) OR
	    down != (SELECT count(*) FROM votes WHERE post_id = p.id
		AND value = -1) OR
	    score != (SELECT coalesce(sum(value), 0) FROM votes
		WHERE post_id = p.id)")" 0 \
	    "$what: the counts on every post are its vote rows"

	out=$("$QA_ADMIN" -d "$DB" recount 2>&1)
	is "$out" "recount: 0 rows changed" \
	    "$what: a recount finds nothing to correct"
}

# --- the members and what they write to ------------------------------------

# The members' accounts, made all at once (each hashes a password).
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

# Three open questions to answer, and three other posts (questions or
# answers, none of the members') to vote on in each burst.
QUESTIONS=$(site_sql "SELECT id FROM posts WHERE type = 1 AND status = 1
    AND closed = 0 ORDER BY id LIMIT $PER" | tr '\n' ' ')
QUESTIONS=${QUESTIONS% }
set -- $(site_sql "SELECT id FROM posts WHERE type IN (1, 2)
    AND status = 1 ORDER BY id DESC LIMIT $((PER * 3))")
[ $# = $((PER * 3)) ] && [ "$(printf '%s\n' $QUESTIONS | wc -l)" = "$PER" ] ||
    bail "the demo has too few posts"
VOTES_1="$1 $2 $3"
VOTES_2="$4 $5 $6"
VOTES_3="$7 $8 $9"

# sign_in N: member N logs in as a browser would, with the jar
# $WEB_TMP/jar.N (the login form, then the form posted with its token),
# and takes a question's page with the answer form, which is left in
# $WEB_TMP/page.N; the login's status goes to $WEB_TMP/login.N.
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

# Every member signs in, all at once (each verifies a password), and
# takes the form token of their session and the answer form's stamp.
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
like "${TOKEN[*]}" '^([A-Za-z0-9_-]{43} ){15}[A-Za-z0-9_-]{43}$' \
    "every member has a form token"
like "$STAMP" '^[0-9]+\.[0-9a-f]{32}$' "the answer form has a stamp"

# --- as the requests come ---------------------------------------------------

WHAT="$REQUESTS requests at once"
VOTE_POSTS=$VOTES_1
snapshot_hold
burst 1
burst_wait
commits=$(commit_count)
snapshot_release
diag "$WHAT: $commits commits"
burst_check 1 "$WHAT"

# --- behind a writer: the requests queue up ---------------------------------

WHAT="$REQUESTS requests at once behind a writer"
VOTE_POSTS=$VOTES_2
snapshot_hold
lock_hold
burst 2
sleep 0.3
lock_release
burst_wait
commits=$(commit_count)
snapshot_release
burst_check 2 "$WHAT"
if [ "$WEB_SERVER" = nginx ]; then
	[ "$commits" -lt "$REQUESTS" ]
	ok $? "$WHAT: fewer commits ($commits) than requests: grouped"
else
	skip "$WHAT: under $WEB_SERVER a program takes one request at a time"
fi

# --- one request at a time --------------------------------------------------

conf_set group_commit 0
programs_restart
WHAT="$REQUESTS requests at once with group_commit = 0"
VOTE_POSTS=$VOTES_3
snapshot_hold
lock_hold
burst 3
sleep 0.3
lock_release
burst_wait
commits=$(commit_count)
snapshot_release
burst_check 3 "$WHAT"
if [ "$WEB_SERVER" = nginx ]; then
	[ "$commits" -ge "$REQUESTS" ]
	ok $? "$WHAT: a commit ($commits) for each request at least"
else
	skip "$WHAT: the commits are counted behind nginx only"
fi

done_testing
