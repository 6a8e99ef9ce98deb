# tests/web/lib.sh: TAP output and a throw-away fastqa site for web tests.
#
# Sourced by the tests/web/*.t scripts (bash).  `make check` sets
# top_srcdir and top_builddir (absolute); run by hand, both default to the
# tree this file is in.  Everything written goes under
# $top_builddir/tests/web/tmp.XXXX, which is removed at exit (set
# QA_TEST_KEEP=1 to keep it for a look after a failure).
#
# TAP:     plan N | done_testing, ok STATUS DESC, is GOT WANT DESC,
#          like TEXT ERE DESC, unlike TEXT ERE DESC, diag MSG..., skip DESC,
#          skip_all REASON, bail MSG
# Site:    site_init       temp dir, config file, mock sendmail, database
#                          (init + demo)
#          site_sql SQL    run SQL on the site's database (sqlite3)
#          nginx_start     every built program under spawn-fcgi, each on
#                          its own socket, + nginx on 127.0.0.1:$PORT;
#                          or, as FASTQA_WEB_SERVER says (below), Apache
#                          with the programs under mod_fcgid or as CGI
#          server_start    the same (nginx_start is its older name)
#          cgi_program PATH  the program that answers PATH (the URL map)
#          cgi_run ...     one plain-CGI request to the program for a path
#          conf_set KEY VALUE    change the config file (before a start)
#          programs_restart      restart the programs behind the server
#          server_caches   the server keeps nginx's micro-cache
#          server_keeps_programs   the programs live on between requests
#          cache_is VALUE DESC   X-Cache is VALUE (skipped without cache)
#          nginx_only      skip the script unless the server is nginx
#          mail_count, mail_wait N, mail_last   the mock sendmail's mbox
#
# The server: FASTQA_WEB_SERVER (the environment, read once here) names
# the web server that nginx_start starts and that WEB_MODE=nginx requests
# go through, so that every web test runs through each deployment of
# deploy/:
#   nginx           nginx + one spawn-fcgi daemon per program
#                   (deploy/nginx/fastqa.conf.in); the default
#   apache-fcgid    Apache 2.4 + mod_fcgid (deploy/apache/fastqa-fcgid.conf)
#   apache-cgi      Apache 2.4 + mod_cgid, a program per request
#                   (deploy/apache/fastqa-cgi.conf)
#   apache-htaccess the same on a shared host's layout: a document root
#                   with the programs in its cgi-bin and
#                   deploy/apache/htaccess as its .htaccess
# Apache keeps no micro-cache (X-Cache checks are skipped: cache_is), and
# under plain CGI each request is a new process (server_keeps_programs).
# Fetch:   fetch METHOD URI [BODY]   through the mode in $WEB_MODE (nginx
#          or cgi); sets STATUS and the files $HDRS and $BODY; header NAME
#          prints a response header's value, set_cookie NAME the
#          Set-Cookie line of cookie NAME.  A cookie jar is used when $JAR
#          names a file (jar_cookie NAME reads it), extra request headers
#          come from the array REQ_HEADERS ("Name: value"), and, for CGI
#          only, extra environment from the array CGI_ENV ("HTTPS=on").
#          location_path prints the Location header without scheme and
#          host.
# Forms:   urlencode TEXT, form_body NAME=VALUE...   an urlencoded body;
#          form_of ACTION the form of the last body that posts to ACTION,
#          value_in HTML NAME  an input's value in it; form_post FORM_URI
#          POST_URI NAME=VALUE...  GET the form, POST it with its csrf
#          token and stamp (NOSTAMP, HONEYPOT, FAST); login_as LOGIN
#          PASSWORD, register HANDLE (password $PASS) through the forms

: "${top_srcdir:=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)}"
: "${top_builddir:=$top_srcdir}"
export top_srcdir top_builddir

VIEW=$top_builddir/cgi-bin/view
QA_ADMIN=$top_builddir/tools/qa-admin

# Where nginx_start and cgi_run take the programs from, and where nginx
# takes the static files (with a trailing slash): the build tree, unless
# a test sets them after sourcing this file (install.t: an installed
# tree).
PROGDIR=$top_builddir/cgi-bin
STATIC_DIR=$top_srcdir/static/

# The programs in cgi-bin, view first.  nginx_start starts each one that
# is built; the others' URLs answer 502 behind nginx.
PROGRAMS="view login ask answer vote moderate"

WEB_SERVER=${FASTQA_WEB_SERVER:-nginx}
case $WEB_SERVER in
nginx | apache-fcgid | apache-cgi | apache-htaccess) ;;
*)
	echo "Bail out! FASTQA_WEB_SERVER must be nginx, apache-fcgid," \
	    "apache-cgi or apache-htaccess, not '$WEB_SERVER'"
	exit 1
	;;
esac

# For the patterns of cgi_program: +([0-9]) is "one or more digits".
shopt -s extglob

# cgi_program PATH: the program that answers the URL path PATH: the URL
# map of deploy/nginx/fastqa.conf.in as a shell function, for plain CGI.
# Change both together (and POST_ROUTES in accounts.t's CSRF checks).
cgi_program() {
	case $1 in
	/login | /logout | /register | /account | /account/* | /forgot | \
	    /reset | /confirm)
		echo login ;;
	/ask)
		echo ask ;;
	/q/+([0-9])/@(answer|comment) | /q/+([0-9])/accept/+([0-9]) | \
	    /a/+([0-9])/comment | /post/+([0-9])/@(edit|revisions|manage) | \
	    /unsubscribe)
		echo answer ;;
	/post/+([0-9])/vote)
		echo vote ;;
	/moderate* | /post/+([0-9])/flag)
		echo moderate ;;
	*)
		echo view ;;
	esac
}

# program_built NAME: $PROGDIR/NAME is built.
program_built() {
	[ -x "$PROGDIR/$1" ]
}

# --- TAP ---------------------------------------------------------------

tap_n=0
tap_failed=0
tap_planned=0

plan() {
	tap_planned=$1
	echo "1..$1"
}

# done_testing: print the plan after the last test; returns non-zero if
# a test failed, so that a script ending with it exits non-zero.
done_testing() {
	if [ "$tap_planned" -eq 0 ]; then
		echo "1..$tap_n"
		tap_planned=$tap_n
	fi
	[ "$tap_failed" -eq 0 ]
}

diag() {
	local line
	printf '%s\n' "$@" | while IFS= read -r line; do
		printf '# %s\n' "$line"
	done
}

# ok STATUS DESC: passes when STATUS is 0 (as in `test ...; ok $? "..."`).
ok() {
	tap_n=$((tap_n + 1))
	if [ "$1" -eq 0 ]; then
		echo "ok $tap_n - $2"
		return 0
	fi
	echo "not ok $tap_n - $2"
	tap_failed=$((tap_failed + 1))
	return 1
}

skip() {
	tap_n=$((tap_n + 1))
	echo "ok $tap_n # SKIP $1"
}

bail() {
	echo "Bail out! $*"
	exit 1
}

# skip_all REASON: the whole script is skipped (a plan of 0 tests).
skip_all() {
	echo "1..0 # SKIP $*"
	exit 0
}

is() {
	if [ "$1" = "$2" ]; then
		ok 0 "$3"
	else
		ok 1 "$3"
		diag "     got: '$1'" "expected: '$2'"
		return 1
	fi
}

# like TEXT ERE DESC: TEXT has a line that matches the extended regex.
like() {
	if printf '%s\n' "$1" | grep -Eq -- "$2"; then
		ok 0 "$3"
	else
		ok 1 "$3"
		diag "'$(printf '%s' "$1" | head -c 300)'" "does not match /$2/"
		return 1
	fi
}

unlike() {
	if printf '%s\n' "$1" | grep -Eq -- "$2"; then
		ok 1 "$3"
		diag "'$(printf '%s\n' "$1" | grep -E -- "$2" | head -n 3 |
		    head -c 300)'" "matches /$2/"
		return 1
	fi
	ok 0 "$3"
}

# html_escape TEXT: TEXT as ctemplate's HTML escaping writes it.
html_escape() {
	printf '%s' "$1" | sed -e 's/&/\&amp;/g' -e 's/</\&lt;/g' \
	    -e 's/>/\&gt;/g' -e 's/"/\&quot;/g' -e "s/'/\\&#39;/g"
}

# --- the site ----------------------------------------------------------

WEB_TMP=
SOCK_DIR=
NGINX_PID=
APACHE_PID=
APACHE_DIR=
PORT=
BASE=
SOCKS=
JAR=
REQ_HEADERS=()
CGI_ENV=()

# site_init: make the temp dir with a config file, a mock sendmail and a
# demo database.  Sets WEB_TMP, DB, CONF, MBOX and exports FASTQA_CONFIG.
# Bails out (failing the test script) if the programs or tools it needs
# are missing.
site_init() {
	local t
	for t in "$VIEW" "$QA_ADMIN"; do
		[ -x "$t" ] || bail "$t not built (run make first)"
	done
	command -v sqlite3 >/dev/null || bail "sqlite3 not installed" \
	    "(apt-get install sqlite3)"
	mkdir -p "$top_builddir/tests/web" || bail "cannot create tests/web"
	WEB_TMP=$(mktemp -d "$top_builddir/tests/web/tmp.XXXX") ||
	    bail "mktemp failed"
	trap site_cleanup EXIT
	trap 'exit 1' HUP INT TERM
	sanitizer_logs
	DB=$WEB_TMP/fastqa.db
	CONF=$WEB_TMP/fastqa.conf
	MBOX=$WEB_TMP/mail/outbox.mbox
	mkdir -p "$WEB_TMP/mail"
	: > "$MBOX"
	# The mock sendmail: each message read from stdin is appended to
	# the mbox after a "From fastqa" line (and ">From " quoting).
	cat > "$WEB_TMP/sendmail" <<-EOF
	#!/bin/sh
	# mock sendmail for the web tests, written by tests/web/lib.sh
	printf '%s\n' "\$*" >> '$WEB_TMP/mail/args'
	{
		printf 'From fastqa %s\n' "\$(date -u '+%a %b %e %T %Y')"
		sed -e 's/^\(>*From \)/>\1/'
		printf '\n'
	} >> '$MBOX'
	EOF
	chmod 755 "$WEB_TMP/sendmail"
	# base_url is the plain-CGI host here; nginx_start sets its port.
	cat > "$CONF" <<-EOF
	# written by tests/web/lib.sh
	db = $DB
	templates = $top_srcdir/templates
	log = $WEB_TMP/fastqa.log
	base_url = http://localhost
	sendmail = $WEB_TMP/sendmail -t -i
	argon2_m = 19456
	argon2_t = 2
	argon2_p = 1
	EOF
	export FASTQA_CONFIG=$CONF
	"$QA_ADMIN" -d "$DB" init > "$WEB_TMP/init.out" 2>&1 ||
	    { diag "$(cat "$WEB_TMP/init.out")"; bail "qa-admin init failed"; }
	"$QA_ADMIN" -d "$DB" demo > "$WEB_TMP/demo.out" 2>&1 ||
	    { diag "$(cat "$WEB_TMP/demo.out")"; bail "qa-admin demo failed"; }
}

# conf_set KEY VALUE: set KEY in the site's config file (programs read it
# when they start).
conf_set() {
	local v
	v=$(sed_quote "$2")
	if grep -q "^$1 *=" "$CONF"; then
		sed -i "s|^$1 *=.*|$1 = $v|" "$CONF"
	else
		printf '%s = %s\n' "$1" "$2" >> "$CONF"
	fi
}

# site_sql SQL: run SQL against the site's database; prints the result
# rows, columns separated by '|'.
site_sql() {
	# The programs write after their responses (views): wait for them.
	sqlite3 -batch -bail -cmd '.timeout 5000' "$DB" "$1"
}

# sed_quote TEXT: TEXT safe as the replacement of s|...|TEXT|.
sed_quote() {
	printf '%s' "$1" | sed -e 's/[\\|&]/\\&/g'
}

# mail_count: how many messages the mock sendmail has taken.
mail_count() {
	grep -c '^From fastqa' "$MBOX"
}

# mail_wait N: wait up to 10 s for the mock sendmail to have taken N
# messages (the programs send mail after their response); fails if not.
mail_wait() {
	local i
	for i in $(seq 100); do
		[ "$(mail_count)" -ge "$1" ] && return 0
		sleep 0.1
	done
	return 1
}

# mail_settle: wait (up to 10 s) until every queued mail has been handed
# to sendmail, so that a count taken next is not raced by mail still
# being sent for an earlier step.
mail_settle() {
	local i
	for i in $(seq 100); do
		[ "$(site_sql "SELECT count(*) FROM outbox WHERE sent IS NULL")" \
		    = 0 ] && return 0
		sleep 0.1
	done
	return 1
}

# mail_last: the last message in the mbox, without its "From " line.
mail_last() {
	awk '/^From fastqa/ { m = ""; next } { m = m $0 "\n" }
	    END { printf "%s", m }' "$MBOX"
}

# programs_start SOCKDIR: each built program of $PROGRAMS as a FastCGI
# daemon under spawn-fcgi on SOCKDIR/PROG.sock, pid in $WEB_TMP/PROG.pid.
programs_start() {
	local p
	for p in $PROGRAMS; do
		program_built "$p" || continue
		"$SPAWN_FCGI" -s "$1/$p.sock" -M 0600 -P "$WEB_TMP/$p.pid" \
		    -- "$PROGDIR/$p" \
		    > "$WEB_TMP/spawn-fcgi.out" 2>&1 ||
		    { diag "$(cat "$WEB_TMP/spawn-fcgi.out")";
		      bail "spawn-fcgi failed for $p"; }
	done
}

# programs_stop: stop the programs that programs_start started.
programs_stop() {
	local p
	for p in $PROGRAMS; do
		stop_pids $(pids_in "$WEB_TMP/$p.pid")
		rm -f "$WEB_TMP/$p.pid"
	done
}

# programs_restart: stop and start the programs again behind the running
# server, e.g. after a change of settings (each process caches them):
# spawn-fcgi's daemons behind nginx, a graceful restart of Apache for
# mod_fcgid (its new processes read the config again), nothing for plain
# CGI (each request starts the program).
programs_restart() {
	case $WEB_SERVER in
	nginx)
		programs_stop
		programs_start "$SOCKS"
		;;
	apache-fcgid)
		apache_graceful
		;;
	esac
}

# server_caches: the server in front keeps the micro-cache of shared
# pages (nginx's fastcgi_cache, with its X-Cache header); Apache passes
# every request to a program.
server_caches() {
	[ "$WEB_SERVER" = nginx ]
}

# server_keeps_programs: the programs behind the server are FastCGI
# processes that serve request after request (so what a process keeps,
# such as view counts not yet written, carries over), not a new process
# per request as under plain CGI.
server_keeps_programs() {
	case $WEB_SERVER in
	nginx | apache-fcgid) return 0 ;;
	esac
	return 1
}

# cache_is VALUE DESC: the last response's X-Cache header (what nginx's
# micro-cache did) is VALUE; a skip under a server without that cache.
cache_is() {
	if server_caches; then
		is "$(header X-Cache)" "$1" "$2"
	else
		skip "$2: $WEB_SERVER keeps no micro-cache (X-Cache)"
	fi
}

# nginx_only: for a test of the nginx + FastCGI daemons deployment
# itself (spawn-fcgi, socket activation, the installed nginx site), to
# call before site_init: the whole script is skipped under Apache.
nginx_only() {
	[ "$WEB_SERVER" = nginx ] || skip_all "a test of nginx with FastCGI" \
	    "daemons, not run with FASTQA_WEB_SERVER=$WEB_SERVER"
}

# server_start: start the web server that $WEB_SERVER names, with the
# programs behind it, on 127.0.0.1:$PORT; sets BASE and the config's
# base_url (see nginx_run and apache_start).
server_start() {
	case $WEB_SERVER in
	nginx) nginx_run ;;
	*) apache_start ;;
	esac
}

# nginx_start: server_start, under the name the tests have always called
# (it starts Apache when FASTQA_WEB_SERVER says so).
nginx_start() {
	server_start
}

# sock_dir: make SOCKS, the folder of the programs' unix sockets: a
# socket path holds at most 107 bytes ("moderate.sock" is the longest
# name), so a deep build tree gets a short folder of its own, removed
# with the rest.
sock_dir() {
	SOCKS=$WEB_TMP/run
	if [ ${#SOCKS} -gt 90 ]; then
		SOCK_DIR=$(mktemp -d "${TMPDIR:-/tmp}/fastqa.XXXXXX") ||
		    bail "mktemp failed"
		SOCKS=$SOCK_DIR
	fi
	mkdir -p "$SOCKS"
}

# pick_port: a port in PORT that nothing listens on now, below the
# kernel's ephemeral range (so that no outgoing connection holds it).
pick_port() {
	while :; do
		PORT=$((20000 + (RANDOM * 32768 + RANDOM) % 12000))
		(exec 3<>"/dev/tcp/127.0.0.1/$PORT") 2>/dev/null || return 0
	done
}

# nginx_run: start every built program under spawn-fcgi, each on its
# own unix socket, and nginx (from deploy/nginx/fastqa.conf.in) on
# 127.0.0.1:$PORT, with every pid, log and temporary file inside
# $WEB_TMP.  Sets BASE, SOCKS (the sockets' folder) and the config's
# base_url.  Fails the script (not
# skips it) when nginx or spawn-fcgi is missing.
nginx_run() {
	local nginx user try logdir rundir i
	nginx=$(command -v nginx || echo /usr/sbin/nginx)
	[ -x "$nginx" ] || bail "nginx not installed (apt-get install nginx)"
	SPAWN_FCGI=$(command -v spawn-fcgi || echo /usr/bin/spawn-fcgi)
	[ -x "$SPAWN_FCGI" ] || bail "spawn-fcgi not installed" \
	    "(apt-get install spawn-fcgi)"
	command -v curl >/dev/null || bail "curl not installed" \
	    "(apt-get install curl)"

	sock_dir

	user=
	if [ "$(id -u)" -eq 0 ]; then
		user="user $(id -un) $(id -gn);"
	fi
	rundir=$WEB_TMP/nginx
	logdir=$WEB_TMP/nginx
	mkdir -p "$rundir"
	for try in 1 2 3 4 5 6 7 8 9 10; do
		pick_port
		# The programs read base_url when they start, so they are
		# (re)started for each port tried.
		BASE=http://127.0.0.1:$PORT
		conf_set base_url "$BASE"
		programs_start "$SOCKS"
		sed -e "s|@RUNDIR@|$(sed_quote "$rundir")|g" \
		    -e "s|@LOGDIR@|$(sed_quote "$logdir")|g" \
		    -e "s|@LISTEN@|127.0.0.1:$PORT|g" \
		    -e "s|@STATIC@|$(sed_quote "$STATIC_DIR")|g" \
		    -e "s|@SOCKDIR@|$(sed_quote "$SOCKS")|g" \
		    -e "s|@USER@|$(sed_quote "$user")|g" \
		    "$top_srcdir/deploy/nginx/fastqa.conf.in" \
		    > "$WEB_TMP/nginx.conf"
		rm -f "$rundir/nginx.pid"
		"$nginx" -p "$rundir/" -c "$WEB_TMP/nginx.conf" \
		    -e "$logdir/error.log" -g 'daemon off;' \
		    < /dev/null > "$WEB_TMP/nginx.out" 2>&1 &
		NGINX_PID=$!
		# nginx writes its pid file once it has bound the port.
		for i in $(seq 50); do
			[ -s "$rundir/nginx.pid" ] && break
			kill -0 "$NGINX_PID" 2>/dev/null || break
			sleep 0.1
		done
		if [ -s "$rundir/nginx.pid" ]; then
			return 0
		fi
		if kill -0 "$NGINX_PID" 2>/dev/null; then
			diag "$(cat "$WEB_TMP/nginx.out" "$logdir/error.log" \
			    2>/dev/null)"
			bail "nginx did not start in 5 s"
		fi
		wait "$NGINX_PID" 2>/dev/null
		NGINX_PID=
		programs_stop
		if ! grep -qs 'in use' "$WEB_TMP/nginx.out" \
		    "$logdir/error.log"; then
			diag "$(cat "$WEB_TMP/nginx.out" "$logdir/error.log" \
			    2>/dev/null)"
			bail "nginx failed to start"
		fi
	done
	bail "no free port for nginx after 10 tries"
}

# --- Apache ------------------------------------------------------------

# apache_user: the user Apache's children, and so the programs, run as
# when the tests run as root (Apache will not serve as root): www-data,
# apache or nobody, the first that exists.
apache_user() {
	local u
	for u in www-data apache nobody; do
		if id -u "$u" >/dev/null 2>&1; then
			echo "$u"
			return 0
		fi
	done
	return 1
}

# apache_start: Apache 2.4 on 127.0.0.1:$PORT in front of the programs,
# with the site of deploy/apache that $WEB_SERVER names: fastqa-fcgid.conf
# (mod_fcgid starts the programs), fastqa-cgi.conf (mod_cgid starts one
# per request) or a shared host (mod_cgid, a document root whose
# .htaccess is deploy/apache/htaccess and whose cgi-bin holds copies of
# the programs).  The main config around the site, the pid file, logs
# and sockets are in $WEB_TMP/apache and $SOCKS.  As root, Apache's
# children run as apache_user, who is given $WEB_TMP.  Sets BASE,
# APACHE_PID and the config's base_url.  Fails the script (not skips
# it) when Apache or a module it needs is missing.
apache_start() {
	local httpd moddir m mods user= group= htdocs p try i
	httpd=$(command -v apache2 || command -v httpd || echo /usr/sbin/apache2)
	[ -x "$httpd" ] || bail "apache2 not installed (apt-get install apache2)"
	command -v curl >/dev/null || bail "curl not installed" \
	    "(apt-get install curl)"
	for moddir in /usr/lib/apache2/modules /usr/lib64/httpd/modules \
	    /usr/lib/httpd/modules; do
		[ -f "$moddir/mod_rewrite.so" ] && break
	done
	mods="mpm_event authz_core mime dir alias rewrite env headers expires
	    filter deflate"
	case $WEB_SERVER in
	apache-fcgid) mods="$mods fcgid" ;;
	*) mods="$mods cgid" ;;
	esac
	for m in $mods; do
		[ -f "$moddir/mod_$m.so" ] && continue
		[ "$m" = fcgid ] && bail "mod_fcgid not installed" \
		    "(apt-get install libapache2-mod-fcgid)"
		bail "Apache's mod_$m not found (in $moddir)"
	done

	APACHE_DIR=$WEB_TMP/apache
	mkdir -p "$APACHE_DIR"
	sock_dir
	if [ "$WEB_SERVER" = apache-htaccess ]; then
		# The host's layout (see deploy/apache/htaccess).
		htdocs=$WEB_TMP/htdocs
		mkdir -p "$htdocs/cgi-bin" "$htdocs/static"
		for p in $PROGRAMS; do
			program_built "$p" || continue
			cp -p "$PROGDIR/$p" "$htdocs/cgi-bin/" ||
			    bail "cannot copy $p into the cgi-bin"
		done
		cp -pR "${STATIC_DIR%/}/." "$htdocs/static/" ||
		    bail "cannot copy the static files"
		sed -e "s|^SetEnv FASTQA_CONFIG .*|SetEnv FASTQA_CONFIG $(
		    sed_quote "$CONF")|" "$top_srcdir/deploy/apache/htaccess" \
		    > "$htdocs/.htaccess"
	fi
	if [ "$(id -u)" -eq 0 ]; then
		user=$(apache_user) || bail "no user for Apache's children" \
		    "(www-data, apache or nobody)"
		group=$(id -gn "$user")
		chown -R "$user:$group" "$WEB_TMP" "$SOCKS" ||
		    bail "cannot give $WEB_TMP to $user"
		if command -v runuser >/dev/null && ! runuser -u "$user" -- \
		    test -x "$PROGDIR/view" -a -r "$top_srcdir/templates" -a \
		    -r "${STATIC_DIR%/}" -a -w "$WEB_TMP"; then
			bail "Apache runs the programs as $user, who cannot" \
			    "reach $PROGDIR, $top_srcdir or $WEB_TMP" \
			    "(chmod o+x their folders, or test as another user)"
		fi
	fi

	for try in 1 2 3 4 5 6 7 8 9 10; do
		pick_port
		BASE=http://127.0.0.1:$PORT
		conf_set base_url "$BASE"
		apache_conf "$moddir" "$mods" "$user" "$group" "$htdocs" \
		    > "$APACHE_DIR/apache.conf"
		rm -f "$APACHE_DIR/httpd.pid"
		"$httpd" -f "$APACHE_DIR/apache.conf" -DFOREGROUND \
		    < /dev/null > "$APACHE_DIR/apache.out" 2>&1 &
		APACHE_PID=$!
		# Apache writes its pid file once it has bound the port.
		for i in $(seq 50); do
			[ -s "$APACHE_DIR/httpd.pid" ] && break
			kill -0 "$APACHE_PID" 2>/dev/null || break
			sleep 0.1
		done
		if [ -s "$APACHE_DIR/httpd.pid" ]; then
			return 0
		fi
		if kill -0 "$APACHE_PID" 2>/dev/null; then
			diag "$(cat "$APACHE_DIR/apache.out" \
			    "$APACHE_DIR/error.log" 2>/dev/null)"
			bail "Apache did not start in 5 s"
		fi
		wait "$APACHE_PID" 2>/dev/null
		APACHE_PID=
		if ! grep -qs 'in use' "$APACHE_DIR/apache.out" \
		    "$APACHE_DIR/error.log"; then
			diag "$(cat "$APACHE_DIR/apache.out" \
			    "$APACHE_DIR/error.log" 2>/dev/null)"
			bail "Apache failed to start"
		fi
	done
	bail "no free port for Apache after 10 tries"
}

# apache_conf MODDIR MODULES USER GROUP HTDOCS: the main config for
# apache_start, as a system's apache2.conf would be (everything denied
# but what the site allows), around the site for $WEB_SERVER.  USER and
# GROUP are empty unless run as root; HTDOCS is the shared host's
# document root.
apache_conf() {
	local m types=/etc/mime.types
	[ -r "$types" ] || types=/dev/null
	echo "# written by tests/web/lib.sh ($WEB_SERVER)"
	for m in $2; do
		echo "LoadModule ${m}_module \"$1/mod_$m.so\""
	done
	[ -n "$3" ] && echo "User $3" && echo "Group $4"
	cat <<-EOF
	ServerRoot "$APACHE_DIR"
	DefaultRuntimeDir "$APACHE_DIR"
	PidFile "$APACHE_DIR/httpd.pid"
	ErrorLog "$APACHE_DIR/error.log"
	LogLevel warn
	LogFormat "%h %t \"%r\" %>s %b %D" timed
	CustomLog "$APACHE_DIR/access.log" timed
	Listen 127.0.0.1:$PORT
	ServerName 127.0.0.1
	ServerTokens Prod
	TypesConfig "$types"
	# To the programs: where to write sanitizer reports (sanitizer_logs).
	PassEnv ASAN_OPTIONS UBSAN_OPTIONS
	StartServers 1
	ServerLimit 2
	ThreadsPerChild 16
	MaxRequestWorkers 32
	MinSpareThreads 4
	MaxSpareThreads 32

	<Directory />
		Options FollowSymLinks
		AllowOverride None
		Require all denied
	</Directory>
	<Files ".ht*">
		Require all denied
	</Files>

	EOF
	case $WEB_SERVER in
	apache-fcgid)
		cat <<-EOF
		FcgidIPCDir "$SOCKS"
		FcgidProcessTableFile "$APACHE_DIR/fcgid_shm"
		FcgidInitialEnv ASAN_OPTIONS "$ASAN_OPTIONS"
		FcgidInitialEnv UBSAN_OPTIONS "$UBSAN_OPTIONS"
		EOF
		;;
	*)
		echo "ScriptSock \"$SOCKS/cgid.sock\""
		;;
	esac
	case $WEB_SERVER in
	apache-htaccess)
		cat <<-EOF
		DocumentRoot "$5"
		DirectoryIndex index.html
		<Directory "$5">
			Options FollowSymLinks
			AllowOverride All
			Require all granted
		</Directory>
		ScriptAlias /cgi-bin/ "$5/cgi-bin/"
		EOF
		;;
	*)
		cat <<-EOF
		Define FASTQA_LISTEN "127.0.0.1:$PORT"
		Define FASTQA_NAME 127.0.0.1
		Define FASTQA_PROGRAMS "$PROGDIR"
		Define FASTQA_STATIC "${STATIC_DIR%/}"
		Define FASTQA_CONFIG "$CONF"
		Include "$top_srcdir/deploy/apache/fastqa-${WEB_SERVER#apache-}.conf"
		EOF
		;;
	esac
}

# apache_procs: the processes below Apache's (its children, mod_fcgid's
# process manager and the programs it started, mod_cgid's daemon...).
apache_procs() {
	[ -n "$APACHE_PID" ] || return 0
	# cat, not awk on the files: mawk gives up on a file that vanished
	# (a process that ended) and prints nothing at all.
	cat /proc/[0-9]*/stat 2>/dev/null |
	    awk '{ pid = $1; sub(/.*\) /, ""); parent[pid] = $2 }
	    END { for (p in parent) for (q = parent[p]; q in parent;
		q = parent[q]) if (q == root) { print p; break } }' \
	    root="$APACHE_PID"
}

# apache_programs: those of apache_procs that run a program.
apache_programs() {
	local p e
	for p in $(apache_procs); do
		e=$(readlink "/proc/$p/exe" 2>/dev/null) || continue
		case ${e##*/} in
		view | login | ask | answer | vote | moderate) echo "$p" ;;
		esac
	done
}

# apache_graceful: a graceful restart of Apache (SIGUSR1), done when it
# says so in its log and the programs mod_fcgid had started have ended,
# so that the next request reaches a program that read the config anew.
apache_graceful() {
	local old n i p left
	old=$(apache_programs)
	n=$(grep -c 'resuming normal operations' "$APACHE_DIR/error.log")
	kill -USR1 "$APACHE_PID" 2>/dev/null || bail "Apache is not running"
	for i in $(seq 100); do
		[ "$(grep -c 'resuming normal operations' \
		    "$APACHE_DIR/error.log")" -gt "$n" ] && break
		sleep 0.05
	done
	for i in $(seq 100); do
		left=
		for p in $old; do
			alive "$p" && left="$left $p"
		done
		[ -z "$left" ] && return 0
		sleep 0.05
	done
	diag "programs still running 5 s after Apache's restart:$left"
}

# apache_stop: stop Apache, and whatever it had started that outlives it.
apache_stop() {
	local left
	[ -n "$APACHE_PID" ] || return 0
	left=$(apache_procs)
	stop_pids "$APACHE_PID"
	wait "$APACHE_PID" 2>/dev/null
	stop_pids $left
	APACHE_PID=
}

# alive PID: the process exists and is not a zombie (a container's init
# may not reap the FastCGI children that spawn-fcgi left to it).
alive() {
	kill -0 "$1" 2>/dev/null || return 1
	! grep -q '^[0-9]* (.*) Z ' "/proc/$1/stat" 2>/dev/null
}

# stop_pids PID...: TERM each, wait up to 5 s, then KILL what is left.
stop_pids() {
	local p left i
	for p in "$@"; do
		kill -TERM "$p" 2>/dev/null
	done
	for i in $(seq 50); do
		left=
		for p in "$@"; do
			alive "$p" && left="$left $p"
		done
		[ -z "$left" ] && return 0
		sleep 0.1
	done
	for p in $left; do
		kill -KILL "$p" 2>/dev/null
	done
}

# pids_in FILE...: the process ids listed in pid files (spawn-fcgi -F
# writes one per line, the last without a newline).
pids_in() {
	local f p
	for f in "$@"; do
		[ -s "$f" ] || continue
		for p in $(cat "$f"); do
			case $p in
			*[!0-9]* | "") ;;
			*) echo "$p" ;;
			esac
		done
	done
}

# sanitizer_logs: have the programs this script starts write what
# AddressSanitizer, LeakSanitizer and UBSan report (in a build made with
# -fsanitize, as by make check-asan) to files in $WEB_TMP/sanitizer,
# since spawn-fcgi sends their stderr to /dev/null and Apache to its log.
# The options are added to those of the environment (the last of a
# repeated option counts), and are inert in a build without sanitizers.
sanitizer_logs() {
	local d=$WEB_TMP/sanitizer
	SANITIZER_DIR=$d
	mkdir -p "$d" || bail "cannot create $d"
	ASAN_OPTIONS=${ASAN_OPTIONS:+$ASAN_OPTIONS:}log_path=$d/asan
	UBSAN_OPTIONS=${UBSAN_OPTIONS:+$UBSAN_OPTIONS:}log_path=$d/ubsan
	export ASAN_OPTIONS UBSAN_OPTIONS
}

# sanitizer_reported: print the sanitizer reports written under this
# script (sanitizer_logs) as diagnostics, followed by a "Bail out!", and
# succeed, if there are any.  Called once every program has ended, so
# that LeakSanitizer's reports at exit are in.
sanitizer_reported() {
	local f found=1
	for f in "$SANITIZER_DIR"/*; do
		[ -s "$f" ] || continue
		diag "--- ${f##*/}:" "$(head -n 200 "$f")"
		found=0
	done
	[ $found -eq 0 ] && echo "Bail out! a sanitizer reported errors"
	return $found
}

# site_cleanup: the EXIT trap.  Stops exactly the processes this script
# started, shows the logs if a test failed, and removes the temp dir.
site_cleanup() {
	local rc=$? f san=0
	[ -n "$WEB_TMP" ] || return
	if [ -n "$NGINX_PID" ]; then
		stop_pids "$NGINX_PID"
		wait "$NGINX_PID" 2>/dev/null
	fi
	programs_stop
	apache_stop
	sanitizer_reported && san=1
	if [ "$tap_failed" -gt 0 ] || [ "$rc" -ne 0 ] || [ $san -eq 1 ]; then
		for f in "$WEB_TMP/fastqa.log" "$WEB_TMP/nginx/error.log" \
		    "$WEB_TMP/apache/error.log"; do
			[ -s "$f" ] || continue
			diag "--- last lines of ${f##*/}:" "$(tail -n 20 "$f")"
		done
	fi
	if [ "${QA_TEST_KEEP:-0}" = 1 ]; then
		diag "kept $WEB_TMP"
	else
		rm -rf "$WEB_TMP"
	fi
	[ -n "$SOCK_DIR" ] && rm -rf "$SOCK_DIR"
	WEB_TMP=
	# A script that printed failures exits non-zero too, and so does
	# one whose programs a sanitizer caught.
	if [ "$rc" -eq 0 ] &&
	    { [ "$tap_failed" -gt 0 ] || [ $san -eq 1 ]; }; then
		exit 1
	fi
}

# --- requests ----------------------------------------------------------

# cgi_run METHOD URI [BODY [CONTENT_TYPE]]: run the program that answers
# URI's path (cgi_program) once as plain CGI with a clean environment
# (but for the sanitizers' options, see sanitizer_logs) and write its raw
# output ("Status: ...\r\nheaders\r\n\r\nbody") to stdout.
# The body, if any, goes to stdin.  The headers in REQ_HEADERS become
# HTTP_* variables, the cookies of $JAR (if set) HTTP_COOKIE, and CGI_ENV
# is added last.
cgi_run() {
	local method=$1 uri=$2 body=${3-} ctype=${4-application/x-www-form-urlencoded}
	local path=${uri%%\?*} query= prog h name cookies len
	local -a env
	case $uri in
	*\?*) query=${uri#*\?} ;;
	esac
	prog=$PROGDIR/$(cgi_program "$path")
	env=(PATH="$PATH" FASTQA_CONFIG="$FASTQA_CONFIG"
	    GATEWAY_INTERFACE=CGI/1.1 SERVER_SOFTWARE=fastqa-test
	    SERVER_NAME=localhost SERVER_PORT=80 SERVER_ADDR=127.0.0.1
	    SERVER_PROTOCOL=HTTP/1.1 REQUEST_SCHEME=http
	    REMOTE_ADDR=127.0.0.1 REMOTE_PORT=40000
	    REQUEST_METHOD="$method" REQUEST_URI="$uri"
	    SCRIPT_NAME= PATH_INFO="$path" QUERY_STRING="$query"
	    HTTP_HOST=localhost
	    ASAN_OPTIONS="${ASAN_OPTIONS-}" UBSAN_OPTIONS="${UBSAN_OPTIONS-}")
	for h in "${REQ_HEADERS[@]}"; do
		name=HTTP_$(printf '%s' "${h%%:*}" | tr 'a-z-' 'A-Z_')
		h=${h#*:}
		env+=("$name=${h# }")
	done
	if [ -n "$JAR" ]; then
		cookies=$(jar_header)
		[ -n "$cookies" ] && env+=("HTTP_COOKIE=$cookies")
	fi
	env+=("${CGI_ENV[@]}")
	if [ -n "$body" ]; then
		len=$(printf '%s' "$body" | wc -c | tr -d ' ')
		printf '%s' "$body" | env -i "${env[@]}" \
		    CONTENT_TYPE="$ctype" CONTENT_LENGTH="$len" \
		    timeout 10 "$prog"
	else
		env -i "${env[@]}" timeout 10 "$prog" < /dev/null
	fi
}

# The cookie jar, $JAR: curl's file format (tab-separated: domain, tail
# match, path, secure, expiry, name, value; "#HttpOnly_" before the domain
# of HttpOnly cookies), written by curl behind nginx and by jar_update
# for plain CGI.

# jar_cookie NAME: the value of cookie NAME in $JAR, or nothing.
jar_cookie() {
	[ -s "$JAR" ] || return 0
	awk -F '\t' -v n="$1" '
	/^#HttpOnly_/ { sub(/^#HttpOnly_/, "") }
	/^#/ || NF < 7 { next }
	$6 == n { v = $7 }
	END { printf "%s", v }' "$JAR"
}

# jar_header: the cookies of $JAR as a Cookie header's value.
jar_header() {
	[ -s "$JAR" ] || return 0
	awk -F '\t' '
	/^#HttpOnly_/ { sub(/^#HttpOnly_/, "") }
	/^#/ || NF < 7 { next }
	{ printf "%s%s=%s", sep, $6, $7; sep = "; " }' "$JAR"
}

# jar_update: take the last response's Set-Cookie headers into $JAR (for
# plain CGI; curl keeps its own).  A cookie with Max-Age <= 0, an Expires
# in 1970 or an empty value is removed.
jar_update() {
	local line name value attrs
	[ -n "$JAR" ] || return 0
	touch "$JAR"
	while IFS= read -r line; do
		line=${line#*:}
		line=${line# }
		name=${line%%=*}
		value=${line#*=}
		value=${value%%;*}
		attrs=${line#*;}
		[ "$attrs" = "$line" ] && attrs=
		awk -F '\t' -v n="$name" '{ l = $0; sub(/^#HttpOnly_/, "") }
		    $6 != n { print l }' "$JAR" > "$JAR.new"
		mv "$JAR.new" "$JAR"
		if [ -n "$value" ] && ! printf '%s' "$attrs" | grep -Eqi \
		    'max-age=(-|0 *(;|$))|expires=[^;]*1970'; then
			printf 'localhost\tFALSE\t/\tFALSE\t0\t%s\t%s\n' \
			    "$name" "$value" >> "$JAR"
		fi
	done < <(grep -i '^set-cookie:' "$HDRS")
}

# fetch METHOD URI [BODY]: one request through $WEB_MODE, with BODY (if
# given) as an urlencoded form, the cookies of $JAR if set, and the
# headers of REQ_HEADERS.  Sets STATUS (the number, or 000 when there
# was no valid answer), $HDRS (a file with one "Name: value" per line,
# CRs removed, no status line) and $BODY (a file with the body).  Returns
# 0 when a response came back.
fetch() {
	local method=$1 uri=$2 rc h
	local -a args
	HDRS=$WEB_TMP/resp.headers
	BODY=$WEB_TMP/resp.body
	RAW=$WEB_TMP/resp.raw
	: > "$HDRS"
	: > "$BODY"
	STATUS=000
	case $WEB_MODE in
	nginx)
		if [ "$method" = HEAD ]; then
			# curl never reads a body after HEAD: ask over a bare
			# connection to see whether the server sends one.
			raw_request "HEAD $uri HTTP/1.0" > "$RAW" || return 1
			cgi_split "$RAW" "$HDRS" "$BODY" || return 1
			STATUS=$(head -n 1 "$HDRS" | awk '{ print $2 }')
			sed -i '1d' "$HDRS"
			return 0
		fi
		args=()
		for h in "${REQ_HEADERS[@]}"; do
			args+=(-H "$h")
		done
		[ -n "$JAR" ] && args+=(-b "$JAR" -c "$JAR")
		[ $# -ge 3 ] && args+=(--data-binary "$3" -H \
		    'Content-Type: application/x-www-form-urlencoded')
		curl -sS -X "$method" --max-time 10 -D "$RAW" \
		    -o "$BODY" "${args[@]}" "$BASE$uri"
		rc=$?
		[ $rc -eq 0 ] || { diag "curl $method $uri: exit $rc"; return 1; }
		STATUS=$(head -n 1 "$RAW" | awk '{ print $2 }')
		sed -e '1d' -e 's/\r$//' -e '/^$/d' "$RAW" > "$HDRS"
		;;
	cgi)
		cgi_run "$method" "$uri" "${3-}" > "$RAW" 2> "$WEB_TMP/cgi.err"
		rc=$?
		[ $rc -eq 0 ] || { diag "$(cgi_program "${uri%%\?*}") as CGI," \
		    "$method $uri: exit $rc" \
		    "$(head -c 500 "$WEB_TMP/cgi.err")"; return 1; }
		cgi_split "$RAW" "$HDRS" "$BODY" || return 1
		STATUS=$(sed -n 's/^[Ss]tatus: *\([0-9][0-9][0-9]\).*/\1/p' \
		    "$HDRS" | head -n 1)
		# RFC 3875: no Status header means 200 (or 302 with Location).
		if [ -z "$STATUS" ]; then
			if grep -qi '^location:' "$HDRS"; then
				STATUS=302
			else
				STATUS=200
			fi
		fi
		sed -i '/^[Ss]tatus:/d' "$HDRS"
		jar_update
		;;
	*)
		bail "WEB_MODE must be nginx or cgi"
		;;
	esac
	return 0
}

# raw_request LINE: send the request line LINE (HTTP/1.0, so that the
# server closes the connection after its answer) and a Host header to
# nginx, and write all that comes back to stdout.
raw_request() {
	local rc
	if ! exec 3<>"/dev/tcp/127.0.0.1/$PORT"; then
		diag "cannot connect to 127.0.0.1:$PORT"
		return 1
	fi
	printf '%s\r\nHost: 127.0.0.1:%s\r\n\r\n' \
	    "$1" "$PORT" >&3
	timeout 10 cat <&3
	rc=$?
	exec 3>&-
	[ $rc -eq 0 ] || diag "no complete answer to $1 in 10 s"
	return $rc
}

# cgi_split RAW HDRS BODY: split a CGI response at the first empty line.
# The header lines must end in CRLF; fails (with a diag) if they do not or
# if there is no empty line.
cgi_split() {
	LC_ALL=C awk -v hdrs="$2" -v body="$3" '
	BEGIN { inbody = 0; bad = 0; n = 0 }
	inbody { if (n++) printf "\n" > body; printf "%s", $0 > body; next }
	$0 == "\r" { inbody = 1; next }
	{
		if (substr($0, length($0)) != "\r") bad = 1
		sub(/\r$/, "")
		print > hdrs
	}
	END {
		if (!inbody) { print "no empty line after the headers"; exit 1 }
		if (bad) { print "a header line does not end in CRLF"; exit 1 }
	}' "$1" > "$WEB_TMP/split.err"
	if [ -s "$WEB_TMP/split.err" ]; then
		diag "$(cat "$WEB_TMP/split.err")" "$(head -c 300 "$1")"
		return 1
	fi
	touch "$3"
}

# header NAME: the value of response header NAME (first one), or nothing.
header() {
	local name
	name=$(printf '%s' "$1" | tr 'A-Z' 'a-z')
	awk -v n="$name" '
	{ i = index($0, ":"); if (i == 0) next
	  if (tolower(substr($0, 1, i - 1)) == n) {
		v = substr($0, i + 1); sub(/^[ \t]+/, "", v); print v; exit } }
	' "$HDRS"
}

# set_cookie NAME: the last response's Set-Cookie line for cookie NAME
# (without "Set-Cookie: "), or nothing.
set_cookie() {
	awk -v n="$1" '
	{ i = index($0, ":"); if (i == 0) next
	  if (tolower(substr($0, 1, i - 1)) != "set-cookie") next
	  v = substr($0, i + 1); sub(/^[ \t]+/, "", v)
	  if (index(v, n "=") == 1) { print v; exit } }
	' "$HDRS"
}

# location_path: the Location header without scheme and host.
location_path() {
	header Location | sed -E 's|^https?://[^/]+||'
}

# --- forms ---------------------------------------------------------------

# urlencode TEXT: TEXT for an application/x-www-form-urlencoded value.
urlencode() {
	local LC_ALL=C s=$1 i c out=
	for ((i = 0; i < ${#s}; i++)); do
		c=${s:i:1}
		case $c in
		[A-Za-z0-9._~-]) out+=$c ;;
		' ') out+=+ ;;
		*) out+=$(printf '%%%02X' "'$c") ;;
		esac
	done
	printf '%s' "$out"
}

# form_body NAME=VALUE...: the urlencoded body with those fields.
form_body() {
	local f body= sep=
	for f in "$@"; do
		body+=$sep$(urlencode "${f%%=*}")=$(urlencode "${f#*=}")
		sep='&'
	done
	printf '%s' "$body"
}

# form_of ACTION: the <form> of the last body that posts to ACTION, on
# one line (up to its </form>), or nothing.
form_of() {
	tr '\n' ' ' < "$BODY" | sed 's|<form |\n<form |g' |
	    grep -F "action=\"$1\"" | head -n 1 | sed 's|</form>.*||'
}

# value_in HTML NAME: the value attribute of the input NAME in HTML.
value_in() {
	printf '%s' "$1" | grep -oE "<input[^>]*name=\"$2\"[^>]*>" |
	    head -n 1 | sed -n 's/.* value="\([^"]*\)".*/\1/p'
}

# form_post FORM_URI POST_URI NAME=VALUE...: GET FORM_URI with the jar,
# take the csrf token (and the stamp, when there is one) of the form that
# posts to POST_URI, wait until the stamp is old enough, and POST the
# fields with the token, the stamp and an empty honeypot as a browser on
# the same origin would.  NOSTAMP=1 leaves the stamp out, HONEYPOT=text
# fills the honeypot, FAST=1 sends at once.  Sets STATUS, $HDRS and
# $BODY as fetch does.
form_post() {
	local form=$1 post=$2 html token stamp t
	local -a extra
	shift 2
	REQ_HEADERS=()
	fetch GET "$form"
	html=$(form_of "$post")
	[ -n "$html" ] || diag "GET $form ($STATUS): no form to $post"
	token=$(value_in "$html" csrf)
	stamp=$(value_in "$html" stamp)
	extra=("csrf=$token")
	if [ -n "$stamp" ]; then
		[ "${NOSTAMP:-0}" = 1 ] || extra+=("stamp=$stamp")
		extra+=("website=${HONEYPOT-}")
		t=${stamp%%.*}
		if [ "${FAST:-0}" != 1 ]; then
			while [ "$(date +%s)" -le "$t" ]; do
				sleep 0.1
			done
		fi
	fi
	REQ_HEADERS=("Origin: $BASE" "Sec-Fetch-Site: same-origin")
	fetch POST "$post" "$(form_body "$@" "${extra[@]}")"
	REQ_HEADERS=()
}

# login_as LOGIN PASSWORD: log in with the jar.
login_as() {
	form_post /login /login "login=$1" "password=$2"
}

# register HANDLE: a new account HANDLE (password $PASS) with the jar.
register() {
	form_post /register /register "handle=$1" "email=$1@example.org" \
	    "password=$PASS" "password2=$PASS"
}
