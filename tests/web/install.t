#!/bin/bash
# install.t: `make install` and `make install-strip` of this build into a
# DESTDIR, and the installed tree serving the site.  Checks that each
# file lands where the configured directories say, with its mode; that
# the deployment files carry those directories (no @name@ left) and
# agree with the paths compiled into the programs; that install-strip
# strips the programs and uninstall removes every file.  Then the
# installed qa-admin makes a database, and nginx with the installed
# programs (under spawn-fcgi) and static files serves the home page, a
# question, the login form and a posted answer; then the same through
# the installed fastqa-spawn, with workers.  Fails when make, nginx,
# spawn-fcgi or readelf is missing.
. "$(dirname "$0")/lib.sh"

nginx_only
WEB_MODE=nginx
site_init
command -v readelf > /dev/null ||
    bail "readelf not installed (apt-get install binutils)"

# mk ARGS...: make in the build tree, quietly, as a command of its own:
# not part of a make that runs this test (MAKEFLAGS would pass it that
# make's goals, variables and job server).
mk() {
	env -u MAKEFLAGS -u MFLAGS -u MAKELEVEL -u MAKEOVERRIDES \
	    -u DESTDIR make -s --no-print-directory -C "$top_builddir" "$@"
}

# The installation directories as this build's Makefile has them.
while IFS='=' read -r name value; do
	case $name in
	prefix | bindir | sbindir | sysconfdir | localstatedir | \
	    pkgdatadir | cgibindir)
		printf -v "$name" '%s' "$value" ;;
	esac
done < <(mk -f Makefile -f - qa-print-dirs <<'EOF'
qa-print-dirs:
	@echo prefix='$(prefix)'
	@echo bindir='$(bindir)'
	@echo sbindir='$(sbindir)'
	@echo sysconfdir='$(sysconfdir)'
	@echo localstatedir='$(localstatedir)'
	@echo pkgdatadir='$(pkgdatadir)'
	@echo cgibindir='$(cgibindir)'
EOF
)
[ -n "${cgibindir:-}" ] && [ -n "${pkgdatadir:-}" ] ||
    bail "cannot read the installation directories from the Makefile"
diag "prefix $prefix, programs in $cgibindir"

DEST=$WEB_TMP/dest
INSTALLED_PROGRAMS="view login ask answer vote moderate"

# mode_is FILE MODE: FILE exists with that mode (octal, as stat %a).
mode_is() {
	if [ ! -e "$DEST$1" ]; then
		ok 1 "$WHAT: $1 is installed"
		return 1
	fi
	is "$(stat -c %a "$DEST$1")" "$2" "$WHAT: $1 is installed, mode $2"
}

# stripped FILE: FILE has no symbol table.
stripped() {
	! readelf -S --wide "$1" 2>/dev/null | grep -q '\.symtab'
}

# --- make install ------------------------------------------------------------

WHAT="make install DESTDIR=..."
mk DESTDIR="$DEST" install > "$WEB_TMP/install.out" 2>&1
ok $? "$WHAT: succeeds" || diag "$(tail -n 20 "$WEB_TMP/install.out")"
for p in $INSTALLED_PROGRAMS; do
	mode_is "$cgibindir/$p" 755
done
mode_is "$bindir/qa-admin" 755
mode_is "$sbindir/fastqa-spawn" 755
mode_is "$pkgdatadir/templates/layout.tpl" 644
mode_is "$pkgdatadir/templates/question.tpl" 644
mode_is "$pkgdatadir/static/style.css" 644
mode_is "$pkgdatadir/sql/schema.sql" 644
mode_is "$pkgdatadir/sql/006-finding.sql" 644
mode_is "$sysconfdir/fastqa.conf.sample" 644
mode_is "$pkgdatadir/deploy/systemd/fastqa@.socket" 644
mode_is "$pkgdatadir/deploy/systemd/fastqa@.service" 644
mode_is "$pkgdatadir/deploy/systemd/fastqa-mail.service" 644
mode_is "$pkgdatadir/deploy/systemd/fastqa-mail.timer" 644
mode_is "$pkgdatadir/deploy/systemd/README" 644
mode_is "$pkgdatadir/deploy/nginx/fastqa-site.conf" 644
ntpl=$(ls "$top_srcdir"/templates/*.tpl | wc -l)
is "$(ls "$DEST$pkgdatadir"/templates/*.tpl 2>/dev/null | wc -l)" "$ntpl" \
    "$WHAT: every template"
! stripped "$DEST$cgibindir/view"
ok $? "$WHAT: view keeps its symbols"

# What the deployment files and the programs say about the paths.
left=$(grep -l '@[a-z]*@' "$DEST$sysconfdir/fastqa.conf.sample" \
    "$DEST$sbindir/fastqa-spawn" "$DEST$pkgdatadir"/deploy/*/* 2>&1)
is "$left" "" "$WHAT: no @name@ left in the deployment files"
sample=$DEST$sysconfdir/fastqa.conf.sample
like "$(cat "$sample")" "^db = $localstatedir/lib/fastqa/fastqa.db\$" \
    "$WHAT: the sample's db is the compiled-in default"
like "$(cat "$sample")" "^templates = $pkgdatadir/templates\$" \
    "$WHAT: the sample's templates are the installed ones"
grep -qaF "$pkgdatadir/templates" "$DEST$cgibindir/view" &&
    grep -qaF "$sysconfdir/fastqa.conf" "$DEST$cgibindir/view" &&
    grep -qaF "$localstatedir/lib/fastqa/fastqa.db" "$DEST$cgibindir/view"
ok $? "$WHAT: view has the same paths compiled in"
svc=$DEST$pkgdatadir/deploy/systemd/fastqa@.service
like "$(cat "$svc")" "^ExecStart=$cgibindir/%i\$" \
    "$WHAT: the service runs the installed program"
like "$(cat "$svc")" "^Environment=FASTQA_CONFIG=$sysconfdir/fastqa.conf\$" \
    "$WHAT: with the installed configuration"
like "$(cat "$svc")" "^ReadWritePaths=$localstatedir/lib/fastqa\$" \
    "$WHAT: and may write the database's folder"
like "$(cat "$DEST$pkgdatadir/deploy/nginx/fastqa-site.conf")" \
    "alias $pkgdatadir/static/;" \
    "$WHAT: the nginx site serves the installed static files"

# --- make uninstall, make install-strip --------------------------------------

WHAT="make uninstall DESTDIR=..."
mk DESTDIR="$DEST" uninstall > "$WEB_TMP/uninstall.out" 2>&1
ok $? "$WHAT: succeeds" || diag "$(tail -n 20 "$WEB_TMP/uninstall.out")"
is "$(find "$DEST" -type f | head -n 5)" "" "$WHAT: no file left"

WHAT="make install-strip DESTDIR=..."
mk DESTDIR="$DEST" install-strip > "$WEB_TMP/install.out" 2>&1
ok $? "$WHAT: succeeds" || diag "$(tail -n 20 "$WEB_TMP/install.out")"
for p in $INSTALLED_PROGRAMS; do
	stripped "$DEST$cgibindir/$p"
	ok $? "$WHAT: $p is stripped"
done
stripped "$DEST$bindir/qa-admin"
ok $? "$WHAT: qa-admin is stripped"
mode_is "$cgibindir/view" 755
built=$(stat -c %s "$top_builddir/cgi-bin/view")
diag "view: $built bytes built, $(stat -c %s "$DEST$cgibindir/view") installed"

# --- the installed tree serves the site ----------------------------------------

WHAT="the installed tree"
# A fresh database made by the installed qa-admin, and the installed
# templates; the rest of the test configuration (mock sendmail, log)
# stays.
rm -f "$DB" "$DB-wal" "$DB-shm"
"$DEST$bindir/qa-admin" -d "$DB" init > "$WEB_TMP/init.out" 2>&1 &&
    "$DEST$bindir/qa-admin" -d "$DB" demo >> "$WEB_TMP/init.out" 2>&1
ok $? "$WHAT: qa-admin init and demo" || diag "$(cat "$WEB_TMP/init.out")"
conf_set templates "$DEST$pkgdatadir/templates"
site_sql "UPDATE settings SET value = '1' WHERE key = 'form_min_seconds';"
PROGDIR=$DEST$cgibindir
STATIC_DIR=$DEST$pkgdatadir/static/
nginx_start
diag "nginx on $BASE"
is "$(readlink "/proc/$(pids_in "$WEB_TMP/view.pid" | head -n 1)/exe")" \
    "$(readlink -f "$DEST$cgibindir/view")" \
    "$WHAT: nginx talks to the installed view"

# check_site LABEL: the pages a visitor needs, and an answer posted.
check_site() {
	local q qid
	WHAT="$1: GET /"
	JAR=
	fetch GET /
	is "$STATUS" 200 "$WHAT: 200"
	q=$(grep -o 'href="/q/[0-9]*/[^"#]*"' "$BODY" | head -n 1 |
	    sed 's/^href="//; s/"$//')
	like "$q" '^/q/[0-9]+/' "$WHAT: links to a question"
	qid=$(printf '%s' "$q" | sed -n 's|^/q/\([0-9]*\)/.*|\1|p')
	WHAT="$1: GET $q"
	fetch GET "$q"
	is "$STATUS" 200 "$WHAT: 200"
	[ -n "$(form_of "/q/$qid/answer")" ]
	ok $? "$WHAT: with an answer form"
	WHAT="$1: GET /login"
	JAR=$WEB_TMP/jar.$RANDOM
	fetch GET /login
	is "$STATUS" 200 "$WHAT: 200"
	like "$(form_of /login)" 'name="password"' "$WHAT: the login form"
	WHAT="$1: POST /q/$qid/answer"
	register "inst$RANDOM"
	is "$STATUS" 303 "$1: register: 303"
	form_post "$q" "/q/$qid/answer" \
	    "body=Answered from the installed tree, $1."
	is "$STATUS" 303 "$WHAT: 303"
	fetch GET "$q"
	grep -qF "Answered from the installed tree, $1." "$BODY"
	ok $? "$WHAT: the answer is on the question page"
	WHAT="$1: GET /static/style.css"
	fetch GET /static/style.css
	is "$STATUS" 200 "$WHAT: 200"
	cmp -s "$BODY" "$DEST$pkgdatadir/static/style.css"
	ok $? "$WHAT: the installed file"
}

PASS='pale-otter-ledger-58'
check_site "spawn-fcgi"

# --- the installed fastqa-spawn ------------------------------------------------

# The same programs, now started by fastqa-spawn on the sockets nginx
# uses, as this user, with three workers for view and two for the rest.
programs_stop
SPAWN=$DEST$sbindir/fastqa-spawn
spawn() {
	FASTQA_CONFIG=$CONF FASTQA_PROGDIR=$DEST$cgibindir \
	    FASTQA_RUNDIR=$SOCKS FASTQA_USER= "$SPAWN" "$@"
}
# The EXIT trap stops them too, should the test end early.
trap 'rc=$?; spawn stop > /dev/null 2>&1; (exit $rc); site_cleanup' EXIT
conf_set workers 2
conf_set view.workers 3

WHAT="fastqa-spawn start"
spawn start > "$WEB_TMP/spawn.out" 2>&1
ok $? "$WHAT: succeeds" || diag "$(cat "$WEB_TMP/spawn.out")"
is "$(grep -c ': started (pid [0-9]*)$' "$WEB_TMP/spawn.out")" 6 \
    "$WHAT: six programs started"
vpid=$(pids_in "$SOCKS/view.pid")
like "$vpid" '^[0-9]+$' "$WHAT: view's pid file holds one pid"
[ -S "$SOCKS/view.sock" ]
ok $? "$WHAT: view's socket"
spawn status > "$WEB_TMP/status.out" 2>&1
ok $? "fastqa-spawn status: exit 0 while all run" ||
    diag "$(cat "$WEB_TMP/status.out")"
like "$(cat "$WEB_TMP/status.out")" "^view: running \\(pid $vpid, 3 workers\\)" \
    "fastqa-spawn status: view has 3 workers"
like "$(cat "$WEB_TMP/status.out")" '^login: running \(pid [0-9]+, 2 workers\)' \
    "fastqa-spawn status: login has 2"
workers=$(ps -o pid= --ppid "$vpid" | tr -d ' ')
spawn start > "$WEB_TMP/spawn.out" 2>&1
like "$(cat "$WEB_TMP/spawn.out")" "^view: already running \\(pid $vpid\\)" \
    "fastqa-spawn start again: leaves them running"

check_site "fastqa-spawn"

WHAT="fastqa-spawn stop"
spawn stop > "$WEB_TMP/spawn.out" 2>&1
ok $? "$WHAT: succeeds" || diag "$(cat "$WEB_TMP/spawn.out")"
left=
for p in $vpid $workers; do
	alive "$p" && left="$left $p"
done
is "$left" "" "$WHAT: view and its workers are gone"
[ ! -e "$SOCKS/view.pid" ] && [ ! -e "$SOCKS/view.sock" ]
ok $? "$WHAT: pid file and socket removed"
spawn status > /dev/null 2>&1
is $? 3 "fastqa-spawn status: exit 3 when stopped"
fetch GET /
is "$STATUS" 502 "$WHAT: nginx finds nobody behind the socket (502)"

done_testing
