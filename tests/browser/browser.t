#!/bin/bash
# browser.t: the site end to end in a real browser, with accessibility
# checks.  Starts a site as the web tests do (tests/web/lib.sh: nginx and
# the FastCGI programs on a free loopback port, a fresh demo database),
# makes the accounts the flows need (alice, registered; mod, a
# moderator), turns off what would slow them (form_min_seconds, the rate
# limits), and runs tests/browser/flows.mjs, which drives Debian's
# Chromium headless through playwright-core and checks each kind of page
# with axe-core; its TAP is this script's.  Screenshots go to
# $top_builddir/tests/browser/artifacts.
#
# playwright-core and axe-core (the exact versions of package-lock.json)
# are installed with `npm ci` into $top_builddir/tests/browser/deps (or
# the folder $FASTQA_BROWSER_DEPS names) on the first run, and again
# whenever package-lock.json changes; never into the source tree.
# Without chromium, node 20 or later, or npm, or when npm ci fails, the
# script is skipped, unless FASTQA_BROWSER_REQUIRED=1 (as in CI), which
# makes each of those a failure.  FASTQA_CHROMIUM names another browser
# binary.  Under Apache (FASTQA_WEB_SERVER=apache-*) it is skipped: the
# pages are the same bytes behind every server, and the web tests cover
# the deployments.
. "$(dirname "$0")/../web/lib.sh"

# unavailable REASON...: skip the script, or fail it when the browser
# suite is required.
unavailable() {
	if [ "${FASTQA_BROWSER_REQUIRED:-0}" = 1 ]; then
		bail "$* (FASTQA_BROWSER_REQUIRED=1)"
	fi
	skip_all "$*"
}

[ "$WEB_SERVER" = nginx ] || skip_all "the browser suite runs behind" \
    "nginx; the pages are the same with FASTQA_WEB_SERVER=$WEB_SERVER"
for p in $PROGRAMS; do
	program_built "$p" || skip_all "cgi-bin/$p is not built"
done

CHROMIUM=${FASTQA_CHROMIUM:-/usr/bin/chromium}
[ -x "$CHROMIUM" ] || unavailable "no $CHROMIUM (apt-get install chromium)"
command -v node >/dev/null || unavailable "no node (apt-get install nodejs)"
NODE_MAJOR=$(node -p 'process.versions.node.split(".")[0]' 2>/dev/null)
[ "${NODE_MAJOR:-0}" -ge 20 ] 2>/dev/null ||
    unavailable "node ${NODE_MAJOR:-?} is too old: playwright-core needs 20"

# deps_installed: $DEPS has playwright-core and axe-core, installed
# from this package-lock.json.
deps_installed() {
	[ -f "$DEPS/node_modules/playwright-core/package.json" ] &&
	    [ -f "$DEPS/node_modules/axe-core/axe.min.js" ] &&
	    cmp -s "$SRC/package-lock.json" "$DEPS/package-lock.json"
}

# The dependencies, installed when missing, under a lock: two test runs
# of one build tree must not run npm ci in the same folder at once.  A
# failed npm ci leaves no package-lock.json there, so the next run tries
# again.  (The copies are made anew: in `make distcheck` the sources, and
# so the copies, are read-only.)
SRC=$top_srcdir/tests/browser
DEPS=${FASTQA_BROWSER_DEPS:-$top_builddir/tests/browser/deps}
if ! deps_installed; then
	command -v npm >/dev/null ||
	    unavailable "no npm to install playwright-core and axe-core" \
	    "(apt-get install npm)"
	mkdir -p "$DEPS" || bail "cannot create $DEPS"
	exec 9> "$DEPS/.lock" || bail "cannot write in $DEPS"
	command -v flock >/dev/null && flock -w 600 9
	if ! deps_installed; then
		rm -f "$DEPS/package.json" "$DEPS/package-lock.json"
		cp "$SRC/package.json" "$SRC/package-lock.json" "$DEPS/" ||
		    bail "cannot copy package.json into $DEPS"
		if ! (cd "$DEPS" && npm ci --no-audit --no-fund) \
		    > "$DEPS/npm-ci.log" 2>&1; then
			diag "$(grep -i 'err' "$DEPS/npm-ci.log" | head -n 8)"
			rm -rf "$DEPS/node_modules" "$DEPS/package-lock.json"
			unavailable "npm ci failed in $DEPS"
		fi
		diag "installed playwright-core and axe-core in $DEPS"
	fi
	exec 9>&-
fi

WEB_MODE=nginx
site_init
site_sql "UPDATE settings SET value = '0' WHERE key = 'form_min_seconds';
    UPDATE settings SET value = '1000' WHERE key IN ('rate_q_ip',
    'rate_a_ip', 'rate_c_ip', 'rate_q_user', 'rate_a_user',
    'rate_c_user', 'rate_v_user', 'rate_v_ip');"
PASS='grey-heron-lantern-41'
for u in alice:registered mod:moderator; do
	"$QA_ADMIN" -d "$DB" create-user "${u%%:*}" "${u%%:*}@example.org" \
	    --level "${u#*:}" --password "$PASS" > "$WEB_TMP/cu.out" 2>&1 ||
	    bail "create-user ${u%%:*}: $(cat "$WEB_TMP/cu.out")"
done
server_start

ARTIFACTS=$top_builddir/tests/browser/artifacts
mkdir -p "$ARTIFACTS" || bail "cannot create $ARTIFACTS"
rm -f "$ARTIFACTS"/*.png

# Chromium's profile (a fresh user-data-dir) goes in the site's temp
# folder through TMPDIR, and so is removed with it whatever happens.
start=$(date +%s)
TMPDIR=$WEB_TMP FASTQA_BASE=$BASE FASTQA_BROWSER_DEPS=$DEPS \
    FASTQA_ARTIFACTS=$ARTIFACTS FASTQA_PASS=$PASS FASTQA_CHROMIUM=$CHROMIUM \
    node "$SRC/flows.mjs" < /dev/null
rc=$?
diag "browser suite against $BASE: $(($(date +%s) - start)) s;" \
    "screenshots in $ARTIFACTS"
exit $rc
