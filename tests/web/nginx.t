#!/bin/bash
# nginx.t: the site through a real nginx and the view program as a FastCGI
# daemon (spawn-fcgi) on loopback: statuses, content, headers, HEAD,
# escaping of hostile posts, and the static files.  Fails when nginx,
# spawn-fcgi or curl is missing.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/pages.sh"

WEB_MODE=nginx
site_init
pages_prepare
nginx_start
diag "nginx on $BASE"

pages_run

# --- what only nginx does --------------------------------------------
WHAT="GET /static/style.css"
fetch GET /static/style.css
is "$STATUS" 200 "$WHAT: status 200"
like "$(header Content-Type)" '^text/css' "$WHAT: Content-Type text/css"
maxage=$(header Cache-Control | sed -n 's/.*max-age=\([0-9]*\).*/\1/p')
[ "${maxage:-0}" -ge $((30 * 86400)) ]
ok $? "$WHAT: cached for 30 days or more (max-age=${maxage:-none})"
[ -n "$(header Expires)" ]
ok $? "$WHAT: Expires header"
is "$(header X-Content-Type-Options)" nosniff "$WHAT: nosniff"
cmp -s "$BODY" "$top_srcdir/static/style.css"
ok $? "$WHAT: the file from the source tree"
gz=$(curl -sS --max-time 10 -H 'Accept-Encoding: gzip' -o /dev/null \
    -D - "$BASE/static/style.css" | tr -d '\r' |
    sed -n 's/^[Cc]ontent-[Ee]ncoding: *//p')
if [ "$(cat "$top_srcdir/static/style.css" 2>/dev/null | wc -c)" -ge 512 ]
then
	is "$gz" gzip "$WHAT: gzip when asked"
else
	skip "style.css is under gzip_min_length"
fi

WHAT="GET /static/no-such-file.css"
fetch GET /static/no-such-file.css
is "$STATUS" 404 "$WHAT: status 404"

done_testing
