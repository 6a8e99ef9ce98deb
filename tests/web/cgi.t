#!/bin/bash
# cgi.t: the same page checks as nginx.t, with cgi-bin/view run once per
# request as a plain CGI program (environment in, "Status:" and headers
# out), as a host without FastCGI would run it.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/pages.sh"

WEB_MODE=cgi
site_init
pages_prepare

pages_run

# --- what only the raw CGI output shows --------------------------------
WHAT="CGI GET /"
cgi_run GET / > "$WEB_TMP/raw" 2> "$WEB_TMP/err"
ok $? "$WHAT: exit status 0"
like "$(head -n 1 "$WEB_TMP/raw" | tr -d '\r')" '^(Status: 200( OK)?|Content-Type: .*)$' \
    "$WHAT: starts with a Status or Content-Type header"
grep -q $'^\r$' "$WEB_TMP/raw"
ok $? "$WHAT: headers end with an empty CRLF line"
is "$(wc -c < "$WEB_TMP/err" | tr -d ' ')" 0 "$WHAT: nothing on stderr"

WHAT="CGI GET /no-such-page"
cgi_run GET /no-such-page > "$WEB_TMP/raw" 2>/dev/null
like "$(head -n 1 "$WEB_TMP/raw" | tr -d '\r')" '^Status: 404' \
    "$WHAT: Status: 404 first"

# The request line's query must not leak into the path.
req GET '/no-such-page?x=/' 404

WHAT="CGI POST / with a body"
out=$(cgi_run POST / 'a=1' 2>/dev/null | head -n 1 | tr -d '\r')
like "$out" '^Status: (403|405)' "$WHAT: refused"

WHAT="CGI with FASTQA_CONFIG naming a missing file"
out=$(FASTQA_CONFIG=$WEB_TMP/missing.conf cgi_run GET / 2>/dev/null |
    head -n 1 | tr -d '\r')
like "$out" '^Status: 5[0-9][0-9]' "$WHAT: Status 5xx, not a crash"

done_testing
