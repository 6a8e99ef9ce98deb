#!/bin/bash
# activate.t: the view program started the way systemd starts it, with
# the listening socket as descriptor 3 (LISTEN_FDS, LISTEN_PID), by
# systemd-socket-activate, behind nginx: it serves pages and stays up;
# LISTEN_* meant for another process are ignored, and anything but one
# listening socket is refused.  Then the `workers` option: the program
# supervises that many workers on its socket (PROGRAM.workers overriding
# workers), gives the same ETags as one process, replaces a worker that
# dies, and stops them all on SIGTERM; workers end with a killed
# supervisor.  Last, systemd-analyze verify on the unit files of
# deploy/systemd.  The parts that need systemd-socket-activate or
# systemd-analyze are skipped without them (Debian package systemd).
. "$(dirname "$0")/lib.sh"

nginx_only
WEB_MODE=nginx
site_init
ACTIVATE=$(command -v systemd-socket-activate || true)

# children PID: the pids of PID's child processes, one a line (from
# /proc's list of them, or ps where the kernel does not keep one).
children() {
	local f=/proc/$1/task/$1/children
	if [ -r "$f" ]; then
		tr ' ' '\n' < "$f" | sed '/^$/d'
	else
		ps -o pid= --ppid "$1" | tr -d ' '
	fi
}

# wait_children PID N: wait up to 5 s for PID to have N live children.
wait_children() {
	local i p n
	for i in $(seq 50); do
		n=0
		for p in $(children "$1"); do
			alive "$p" && n=$((n + 1))
		done
		[ "$n" -eq "$2" ] && return 0
		sleep 0.1
	done
	diag "pid $1 has $n children, not $2"
	return 1
}

# gone PID...: wait up to 5 s for every PID to end.
gone() {
	local i p left
	for i in $(seq 50); do
		left=
		for p in "$@"; do
			alive "$p" && left="$left $p"
		done
		[ -z "$left" ] && return 0
		sleep 0.1
	done
	diag "still running:$left"
	return 1
}

# build_tag: the part of the last response's ETag that names the
# templates and program ("STAMP-BUILD-MINUTE").
build_tag() {
	header ETag | tr -d '"' | cut -d- -f2
}

# --- LISTEN_FDS and LISTEN_PID without a socket manager ----------------------

WHAT="LISTEN_PID of another process"
WEB_MODE=cgi
CGI_ENV=(LISTEN_PID=1 LISTEN_FDS=1)
fetch GET /
is "$STATUS" 200 "$WHAT: ignored, view answers as plain CGI"
cgi_tag=$(build_tag)
like "$cgi_tag" '^[0-9a-f]{8}$' "GET / as plain CGI: an ETag"
CGI_ENV=()
WEB_MODE=nginx

# activated FDS PROG: run PROG with LISTEN_PID its own and LISTEN_FDS
# FDS, /dev/null on descriptor 3; prints its exit status.  Its stderr
# (where it says why before it has read the configuration's `log`) goes
# to $WEB_TMP/activated.err.
activated() {
	FASTQA_CONFIG=$CONF bash -c 'exec 3< /dev/null
	    LISTEN_PID=$$ LISTEN_FDS=$1 exec "$2"' activated "$1" "$2" \
	    < /dev/null > /dev/null 2> "$WEB_TMP/activated.err"
	echo $?
}
WHAT="LISTEN_FDS=1 with no socket on descriptor 3"
is "$(activated 1 "$PROGDIR/view")" 1 "$WHAT: exit status 1"
like "$(cat "$WEB_TMP/activated.err")" \
    '^view: descriptor 3 is not a listening stream socket$' "$WHAT: says why"
WHAT="LISTEN_FDS=2"
is "$(activated 2 "$PROGDIR/view")" 1 "$WHAT: exit status 1"
like "$(cat "$WEB_TMP/activated.err")" '^view: given 2 sockets, expected one$' \
    "$WHAT: says why"

# --- socket activation behind nginx --------------------------------------------

if [ -z "$ACTIVATE" ]; then
	skip "systemd-socket-activate is not installed (package systemd)"
	done_testing
	exit
fi

# Instead of lib.sh's spawn-fcgi: view only, under
# systemd-socket-activate, which binds SOCKDIR/view.sock, waits for the
# first connection and then execs view with the socket as descriptor 3
# (same pid, recorded where programs_stop finds it).  The other
# programs' URLs answer 502 here.
programs_start() {
	local i
	rm -f "$1/view.sock"
	"$ACTIVATE" -l "$1/view.sock" -E FASTQA_CONFIG "$PROGDIR/view" \
	    < /dev/null >> "$WEB_TMP/activate.out" 2>&1 &
	echo $! > "$WEB_TMP/view.pid"
	for i in $(seq 50); do
		[ -S "$1/view.sock" ] && return 0
		sleep 0.1
	done
	bail "systemd-socket-activate did not make $1/view.sock"
}

nginx_start
diag "nginx on $BASE"
VPID=$(pids_in "$WEB_TMP/view.pid")

WHAT="view socket-activated"
fetch GET /
is "$STATUS" 200 "$WHAT: GET / through nginx: 200"
like "$(cat "$BODY")" '<title>' "$WHAT: a page"
is "$(readlink "/proc/$VPID/exe")" "$(readlink -f "$PROGDIR/view")" \
    "$WHAT: the process systemd-socket-activate started is view"
n=0
for i in 1 2 3 4 5 6 7 8; do
	fetch GET "/questions?page=$i"
	[ "$STATUS" = 200 ] && n=$((n + 1))
done
is "$n" 8 "$WHAT: 8 more pages, all 200"
alive "$VPID"
ok $? "$WHAT: and the same process still runs"
is "$(children "$VPID" | wc -l)" 0 "$WHAT: one process, no workers"
is "$(build_tag)" "$cgi_tag" "$WHAT: the ETag of plain CGI"

# --- workers ------------------------------------------------------------------

conf_set workers 2
conf_set view.workers 3
programs_restart
VPID=$(pids_in "$WEB_TMP/view.pid")
WHAT="view.workers = 3 (workers = 2)"
# Addresses nginx has not cached: the request must reach the program.
fetch GET "/?start=$RANDOM"
is "$STATUS" 200 "$WHAT: GET /: 200"
wait_children "$VPID" 3
ok $? "$WHAT: three workers"
W=$(children "$VPID" | tr '\n' ' ')
diag "supervisor $VPID, workers $W"
same=0
for i in 1 2 3 4 5 6 7 8 9 10 11 12; do
	fetch GET "/questions?page=$i&w=$RANDOM"
	[ "$STATUS" = 200 ] && [ "$(build_tag)" = "$cgi_tag" ] &&
	    same=$((same + 1))
done
is "$same" 12 "$WHAT: 12 pages, all 200 with the ETag of one process"
for p in $W; do
	is "$(readlink "/proc/$p/exe")" "$(readlink -f "$PROGDIR/view")" \
	    "$WHAT: worker $p is view"
	break
done

WHAT="a worker killed"
victim=${W%% *}
kill -KILL "$victim"
gone "$victim"
ok $? "$WHAT: it ends"
wait_children "$VPID" 3
ok $? "$WHAT: the supervisor starts another"
unlike "$(children "$VPID" | tr '\n' ' ')" "(^| )$victim( |\$)" \
    "$WHAT: a new process"
like "$(tail -n 5 "$WEB_TMP/fastqa.log")" \
    "view: worker $victim killed by signal 9; starting another" \
    "$WHAT: logged"
n=0
for i in 1 2 3 4 5 6; do
	fetch GET "/?k=$i$RANDOM"
	[ "$STATUS" = 200 ] && n=$((n + 1))
done
is "$n" 6 "$WHAT: the site still answers"

WHAT="SIGTERM to the supervisor"
W=$(children "$VPID" | tr '\n' ' ')
kill -TERM "$VPID"
wait "$VPID"
is $? 0 "$WHAT: it exits 0"
# shellcheck disable=SC2086
gone $W
ok $? "$WHAT: after its workers"
rm -f "$WEB_TMP/view.pid"

WHAT="SIGKILL to the supervisor"
programs_start "$SOCKS"
VPID=$(pids_in "$WEB_TMP/view.pid")
fetch GET "/?again=$RANDOM"
is "$STATUS" 200 "$WHAT: (started again) GET /: 200"
wait_children "$VPID" 3
W=$(children "$VPID" | tr '\n' ' ')
disown "$VPID"		# no "Killed" from bash
kill -KILL "$VPID"
# shellcheck disable=SC2086
gone $W
ok $? "$WHAT: its workers end too"
rm -f "$WEB_TMP/view.pid"

WHAT="workers = 0"
conf_set view.workers 0
programs_start "$SOCKS"
VPID=$(pids_in "$WEB_TMP/view.pid")
fetch GET "/?zero=$RANDOM"
is "$STATUS" 502 "$WHAT: view does not start (502)"
wait "$VPID"
is $? 1 "$WHAT: exit status 1"
like "$(tail -n 3 "$WEB_TMP/fastqa.log")" 'view: workers must be 1 to 64' \
    "$WHAT: logged"
rm -f "$WEB_TMP/view.pid"

# --- the unit files --------------------------------------------------------------

ANALYZE=$(command -v systemd-analyze || true)
UNITS=$WEB_TMP/units
mkdir -p "$UNITS"
# A known-good unit first: where systemd-analyze cannot run at all (no
# /proc, a container that forbids what it needs), the check is skipped.
printf '[Service]\nExecStart=/bin/true\n' > "$UNITS/probe.service"
if [ -z "$ANALYZE" ]; then
	skip "systemd-analyze is not installed (package systemd)"
elif ! "$ANALYZE" verify "$UNITS/probe.service" > "$WEB_TMP/verify.out" 2>&1
then
	skip "systemd-analyze verify does not run here:" \
	    "$(head -n 1 "$WEB_TMP/verify.out")"
else
	rm -f "$UNITS/probe.service"
	# The units as make writes them, with this tree's programs (verify
	# checks that ExecStart exists) and folders of this test.
	for f in fastqa@.socket fastqa@.service fastqa-mail.service; do
		sed -e "s|@cgibindir@|$(sed_quote "$PROGDIR")|g" \
		    -e "s|@bindir@|$(sed_quote "$top_builddir/tools")|g" \
		    -e "s|@sysconfdir@|$(sed_quote "$WEB_TMP")|g" \
		    -e "s|@pkgdatadir@|$(sed_quote "$WEB_TMP")|g" \
		    -e "s|@localstatedir@|$(sed_quote "$WEB_TMP")|g" \
		    "$top_srcdir/deploy/systemd/$f.in" > "$UNITS/$f"
	done
	cp "$top_srcdir/deploy/systemd/fastqa-mail.timer" "$UNITS/"
	for p in view login ask answer vote moderate; do
		WHAT="systemd-analyze verify fastqa@$p"
		if ! program_built "$p"; then
			skip "$WHAT: $p is not built"
			continue
		fi
		"$ANALYZE" verify "$UNITS/fastqa@$p.socket" \
		    "$UNITS/fastqa@$p.service" > "$WEB_TMP/verify.out" 2>&1
		ok $? "$WHAT: passes" || diag "$(cat "$WEB_TMP/verify.out")"
		is "$(cat "$WEB_TMP/verify.out")" "" "$WHAT: no warnings"
	done
	WHAT="systemd-analyze verify fastqa-mail"
	"$ANALYZE" verify "$UNITS/fastqa-mail.service" \
	    "$UNITS/fastqa-mail.timer" > "$WEB_TMP/verify.out" 2>&1
	ok $? "$WHAT: passes" || diag "$(cat "$WEB_TMP/verify.out")"
	is "$(cat "$WEB_TMP/verify.out")" "" "$WHAT: no warnings"
	score=$("$ANALYZE" security --offline=true \
	    "$UNITS/fastqa@view.service" 2>/dev/null |
	    sed -n 's/.*Overall exposure level for [^:]*: \([0-9.]*\).*/\1/p')
	if [ -n "$score" ]; then
		diag "systemd-analyze security: fastqa@view.service $score"
		awk -v s="$score" 'BEGIN { exit !(s < 2.0) }'
		ok $? "fastqa@view.service: exposure $score, under 2.0"
	else
		skip "systemd-analyze security --offline is not available"
	fi
fi

done_testing
