#!/bin/bash
# feeds.t: the Atom feeds, the sitemap and robots.txt through a real nginx
# and the view program (and a few of them again as plain CGI): each feed
# validates against tests/web/atom.rng (RFC 4287's schema, which is shown
# to reject a broken feed), its entries are those its HTML page lists, in
# the same order, a question asked through the form comes first and a
# hidden one goes, hostile text comes out as escaped XML text, every
# address is absolute; the sitemap's parts list every visible question
# exactly once and no hidden one; robots.txt; 404s; content types; HEAD;
# and no cookie anywhere.  Fails when xmllint (libxml2-utils) is missing.
. "$(dirname "$0")/lib.sh"

program_built ask && program_built answer ||
    skip_all "cgi-bin/ask or cgi-bin/answer is not built"
command -v xmllint >/dev/null ||
    bail "xmllint not installed (apt-get install libxml2-utils)"
RNG=$top_srcdir/tests/web/atom.rng
[ -r "$RNG" ] || bail "no $RNG"

WEB_MODE=nginx
SITE_NAME='Feeds & <Friends>'
FEED_SIZE=5
SITEMAP_SIZE=7
site_init
# Posting forms need to be a second old; the rate limits stay out of the
# way.  The site name carries XML's special characters.
site_sql "UPDATE settings SET value = '1' WHERE key = 'form_min_seconds';
    UPDATE settings SET value = '1000' WHERE key IN ('rate_q_ip',
    'rate_a_ip', 'rate_q_user', 'rate_a_user');
    UPDATE settings SET value = '$SITE_NAME' WHERE key = 'site_name';
    INSERT INTO settings (key, value) VALUES ('feed_size', '$FEED_SIZE'),
    ('sitemap_size', '$SITEMAP_SIZE');" || bail "cannot change the settings"
nginx_start
diag "nginx on $BASE"

ATOM_TYPE='application/atom+xml; charset=utf-8'
XML_TYPE='application/xml; charset=utf-8'

# --- helpers ----------------------------------------------------------------

# xq XPATH: XPATH (1.0) over the last body with its default namespace
# dropped, so that names need no prefix (text is escaped in the document,
# so no xmlns="..." inside it can be touched).
xq() {
	sed 's/ xmlns="[^"]*"//' "$BODY" | xmllint --xpath "$1" - 2>/dev/null
}

# xlist XPATH: the string value of each node XPATH selects, one a line.
xlist() {
	local n i
	n=$(xq "count($1)")
	for ((i = 1; i <= ${n:-0}; i++)); do
		printf '%s\n' "$(xq "string(($1)[$i])")"
	done
}

# valid DESC: the last body is a valid Atom document (atom.rng).
valid() {
	local out
	out=$(xmllint --noout --relaxng "$RNG" "$BODY" 2>&1)
	ok $? "$WHAT: valid Atom (atom.rng)${1:+: $1}" ||
	    diag "$(printf '%s\n' "$out" | head -n 5)"
}

# well_formed_xml: the last body parses as XML.
well_formed_xml() {
	local out
	out=$(xmllint --noout "$BODY" 2>&1)
	ok $? "$WHAT: well-formed XML" || diag "$(printf '%s\n' "$out" |
	    head -n 5)"
}

# shared TYPE: status 200, Content-Type TYPE, no cookie set, and nothing
# that keeps caches from keeping a copy (no-store, private).
shared() {
	is "$STATUS" 200 "$WHAT: 200"
	is "$(header Content-Type)" "$1" "$WHAT: Content-Type $1"
	is "$(grep -ci '^set-cookie:' "$HDRS")" 0 "$WHAT: sets no cookie"
	unlike "$(header Cache-Control)" 'no-store|private' \
	    "$WHAT: cacheable"
}

# get URI: fetch URI as a visitor without cookies.  Behind nginx, a copy
# that its micro-cache serves while it fetches a new one (X-Cache STALE or
# UPDATING) is not taken: the request is made again until a current one
# comes, so that after settle() every page shows the writes made before.
get() {
	local i
	WHAT="GET $1"
	JAR=
	REQ_HEADERS=()
	for i in $(seq 50); do
		fetch GET "$1"
		case $(header X-Cache) in
		STALE | UPDATING) sleep 0.1 ;;
		*) return 0 ;;
		esac
	done
}

# not_found URI: 404 with the site's usual error page.
not_found() {
	get "$1"
	is "$STATUS" 404 "$WHAT: 404"
	like "$(header Content-Type)" '^text/html' "$WHAT: the HTML error page"
	grep -q 'Page not found' "$BODY"
	ok $? "$WHAT: says the page is not found"
}

# list_links PATH: the question addresses a list page shows, in order, as
# absolute addresses.
list_links() {
	get "$1"
	grep -oE '<h3 class="qtitle"><a href="/q/[0-9]+/[^"]*"' "$BODY" |
	    sed -e 's|.*href="|'"$BASE"'|' -e 's|"$||'
}

# list_times PATH: the <time datetime> of each question of a list page.
list_times() {
	get "$1"
	grep -oE 'asked <time datetime="[^"]*"' "$BODY" |
	    sed -e 's/.*datetime="//' -e 's/"$//'
}

# absolute_only: every address of the last feed starts with $BASE.
absolute_only() {
	local bad
	bad=$( { xlist '//link/@href'; xlist '//id'; xlist '//uri';
	    xlist '//category/@scheme'; } | grep -v "^$BASE/")
	is "$bad" "" "$WHAT: every address is absolute ($BASE/...)"
}

# entries_like PATH: the entries of the last feed are the first
# $FEED_SIZE questions of list page PATH, in its order, with its times.
# The feed stays the last body.
entries_like() {
	local feed times what=$WHAT
	cp "$BODY" "$WEB_TMP/feed.keep"
	feed=$(xlist '//entry/link[@rel="alternate"]/@href')
	times=$(xlist '//entry/published')
	is "$feed" "$(list_links "$1" | head -n "$FEED_SIZE")" \
	    "$what: the first $FEED_SIZE questions of $1, in order"
	is "$times" "$(list_times "$1" | head -n "$FEED_SIZE")" \
	    "$what: published when $1 says they were asked"
	cp "$WEB_TMP/feed.keep" "$BODY"
	WHAT=$what
}

# setting KEY VALUE: change a site setting; the programs reload it at
# their next request (settings_stamp moves).
setting() {
	site_sql "INSERT INTO settings (key, value) VALUES ('$1', '$2')
	    ON CONFLICT (key) DO UPDATE SET value = excluded.value;
	    INSERT INTO settings (key, value) VALUES ('settings_stamp', '1')
	    ON CONFLICT (key) DO UPDATE SET value = value + 1;"
}

# settle: let nginx's micro-cache expire what it kept before a write (an
# entry of one second lives until the second after next), so that get()
# then waits out the stale copy.  Nothing to wait for without the cache.
settle() {
	server_caches || return 0
	sleep 2.1
}

# The busiest tag, a category with categories below it, and the question
# with the most answers.
TAG=$(site_sql "SELECT g.name FROM tags g JOIN post_tags t ON t.tag_id = g.id
    JOIN posts p ON p.id = t.post_id WHERE p.type = 1 AND p.status = 1
    AND g.name NOT GLOB '*[^a-z0-9.-]*' GROUP BY g.id
    ORDER BY count(*) DESC, g.name LIMIT 1")
CAT=$(site_sql "SELECT c.slug FROM categories c WHERE c.qcount > 0
    AND EXISTS (SELECT 1 FROM categories k WHERE k.parent_id = c.id
    AND EXISTS (SELECT 1 FROM categories g WHERE g.parent_id = k.id))
    AND c.slug NOT GLOB '*[^a-z0-9-]*' ORDER BY c.qcount DESC LIMIT 1")
LEAF=$(site_sql "SELECT g.id FROM categories c JOIN categories k
    ON k.parent_id = c.id JOIN categories g ON g.parent_id = k.id
    WHERE c.slug = '$CAT' LIMIT 1")
QID=$(site_sql "SELECT parent_id FROM posts WHERE type = 2 AND status = 1
    GROUP BY parent_id ORDER BY count(*) DESC, parent_id LIMIT 1")
[ -n "$TAG" ] || bail "the demo database has no tag"
[ -n "$CAT" ] && [ -n "$LEAF" ] ||
    bail "the demo database has no category two levels deep"
[ -n "$QID" ] || bail "the demo database has no answered question"
QURL=$BASE$(site_sql "SELECT '/q/' || id || '/' || slug FROM posts
    WHERE id = $QID")

# --- the schema -------------------------------------------------------------

get /feed/questions.atom
WHAT="atom.rng"
cp "$BODY" "$WEB_TMP/good.atom"
sed '0,/<id>/{/<id>/d}' "$WEB_TMP/good.atom" > "$WEB_TMP/noid.atom"
sed '0,/<updated>/s|<updated>[^<]*<|<updated>yesterday<|' \
    "$WEB_TMP/good.atom" > "$WEB_TMP/baddate.atom"
sed 's| xmlns="http://www.w3.org/2005/Atom"||' "$WEB_TMP/good.atom" \
    > "$WEB_TMP/nons.atom"
[ "$(grep -c '<id>' "$WEB_TMP/noid.atom")" -eq \
    $(($(grep -c '<id>' "$WEB_TMP/good.atom") - 1)) ]
ok $? "$WHAT: the broken copy lacks only the feed's <id>"
xmllint --noout "$WEB_TMP/noid.atom" 2>/dev/null
ok $? "$WHAT: the broken copy is still well-formed XML"
for f in noid baddate nons; do
	xmllint --noout --relaxng "$RNG" "$WEB_TMP/$f.atom" >/dev/null 2>&1
	[ $? -ne 0 ]
	ok $? "$WHAT: rejects a feed that is not Atom ($f)"
done
xmllint --noout --relaxng "$RNG" "$WEB_TMP/good.atom" >/dev/null 2>&1
ok $? "$WHAT: accepts the feed they were made from"

# --- the questions feed -----------------------------------------------------

get /feed/questions.atom
shared "$ATOM_TYPE"
valid
is "$(xq 'string(/feed/id)')" "$BASE/feed/questions.atom" \
    "$WHAT: the feed's id is its address"
is "$(xq 'string(/feed/link[@rel="self"]/@href)')" \
    "$BASE/feed/questions.atom" "$WHAT: rel=self"
is "$(xq 'string(/feed/link[@rel="alternate"]/@href)')" "$BASE/" \
    "$WHAT: rel=alternate is the home page"
is "$(xq 'string(/feed/title)')" "Recent questions - $SITE_NAME" \
    "$WHAT: title with the site's name, & and < as text"
grep -qF 'Feeds &amp; &lt;Friends&gt;' "$BODY"
ok $? "$WHAT: the site's name escaped in the document"
is "$(xq 'string(/feed/author/name)')" "$SITE_NAME" \
    "$WHAT: the site is the author"
is "$(xq 'count(/feed/entry)')" "$FEED_SIZE" \
    "$WHAT: feed_size ($FEED_SIZE) entries"
entries_like /questions
absolute_only
get /feed/questions.atom
newest=$(xlist '//entry/updated' | sort | tail -n 1)
is "$(xq 'string(/feed/updated)')" "$newest" \
    "$WHAT: updated is the latest entry's"
first=$(site_sql "SELECT id FROM posts WHERE type = 1 AND status = 1
    ORDER BY created DESC, id LIMIT 1")
is "$(xq 'string(/feed/entry[1]/id)')" "$BASE/q/$first" \
    "$WHAT: an entry's id is the question's short address"
body=$(site_sql "SELECT body_html FROM posts WHERE id = $first")
is "$(xq 'string(/feed/entry[1]/content)')" "$body" \
    "$WHAT: content is the question's body_html"
is "$(xq 'string(/feed/entry[1]/content/@type)')" html \
    "$WHAT: content type=\"html\""
is "$(xq 'count(/feed/entry[1]/content/*)')" 0 \
    "$WHAT: the HTML is text, not markup"
tags=$(site_sql "SELECT tags FROM posts WHERE id = $first" | tr ' ' '\n')
is "$(xlist "/feed/entry[1]/category[@scheme=\"$BASE/tags\"]/@term")" \
    "$tags" "$WHAT: a category per tag"
author=$(site_sql "SELECT coalesce(u.handle, nullif(p.anon_name, ''),
    'Anonymous') FROM posts p LEFT JOIN users u ON u.id = p.user_id
    WHERE p.id = $first")
is "$(xq 'string(/feed/entry[1]/author/name)')" "$author" \
    "$WHAT: the author's name"

visible=$(site_sql "SELECT count(*) FROM posts WHERE type = 1 AND status = 1")
setting feed_size 1000
settle
get /feed/questions.atom
is "$(xq 'count(/feed/entry)')" $((visible < 100 ? visible : 100)) \
    "$WHAT: feed_size 1000 is taken as 100 ($visible questions)"
setting feed_size 0
settle
get /feed/questions.atom
is "$(xq 'count(/feed/entry)')" 1 "$WHAT: feed_size 0 is taken as 1"
setting feed_size "$FEED_SIZE"
settle

# --- the tag, category and question feeds -----------------------------------

get "/feed/tag/$TAG.atom"
shared "$ATOM_TYPE"
valid
is "$(xq 'string(/feed/id)')" "$BASE/feed/tag/$TAG.atom" "$WHAT: id"
is "$(xq 'string(/feed/link[@rel="alternate"]/@href)')" "$BASE/tag/$TAG" \
    "$WHAT: rel=alternate is the tag's page"
entries_like "/tag/$TAG"
is "$(xq "count(/feed/entry[not(category[@term=\"$TAG\" and
    @scheme=\"$BASE/tags\"])])")" 0 "$WHAT: every entry has the tag"
absolute_only

get "/feed/c/$CAT.atom"
shared "$ATOM_TYPE"
valid
is "$(xq 'string(/feed/link[@rel="alternate"]/@href)')" "$BASE/c/$CAT" \
    "$WHAT: rel=alternate is the category's page"
entries_like "/c/$CAT"
absolute_only

get "/feed/q/$QID.atom"
shared "$ATOM_TYPE"
valid
is "$(xq 'string(/feed/link[@rel="alternate"]/@href)')" "$QURL" \
    "$WHAT: rel=alternate is the question"
want=$(site_sql "SELECT '$QURL#a' || id FROM posts WHERE parent_id = $QID
    AND type = 2 AND status = 1 ORDER BY created DESC, id DESC
    LIMIT $FEED_SIZE")
is "$(xlist '//entry/link/@href')" "$want" \
    "$WHAT: the newest answers, newest first, linked to their anchors"
absolute_only
ids=$(xlist '//entry/link/@href' | sed 's/.*#//')
what=$WHAT
get "${QURL#"$BASE"}"
missing=
for a in $ids; do
	grep -q "id=\"$a\"" "$BODY" || missing="$missing $a"
done
is "$missing" "" "$what: every answer is on the question page"

# --- pages announce their feeds ----------------------------------------------

# feed_link_on PAGE FEED: PAGE has <link rel="alternate"> to FEED in its head.
feed_link_on() {
	get "$1"
	grep -qE "<link rel=\"alternate\" type=\"application/atom\+xml\" href=\"$2\"" "$BODY"
	ok $? "GET $1: announces $2"
}
feed_link_on / /feed/questions.atom
feed_link_on "/tag/$TAG" "/feed/tag/$TAG.atom"
feed_link_on "/c/$CAT" "/feed/c/$CAT.atom"
feed_link_on "$(site_sql "SELECT '/q/' || id || '/' || slug FROM posts
    WHERE id = $QID")" "/feed/q/$QID.atom"
get /tags
! grep -q 'application/atom+xml' "$BODY"
ok $? "GET /tags: announces no feed"

# --- a new question, with hostile text --------------------------------------

TITLE='Tom & Jerry <script>alert("feed")</script> say '"'"'hi'"'"' & bye'
BODYMD='A body with **strong words**, an & and'
BODYMD+=' <b onmouseover="x()">raw</b> markup, long enough.'
get /sitemap/q-1.xml
cp "$BODY" "$WEB_TMP/part1.before"
JAR=$WEB_TMP/jar.asker
form_post /ask /ask "title=$TITLE" "body=$BODYMD" "tags=$TAG" \
    "category=$LEAF" "name=Feed <Reader> & Co" "email="
WHAT="POST /ask"
is "$STATUS" 200 "$WHAT: asked"
NEW=$(site_sql "SELECT max(id) FROM posts WHERE type = 1")
is "$(site_sql "SELECT title FROM posts WHERE id = $NEW")" "$TITLE" \
    "$WHAT: stored as typed"
settle

for feed in /feed/questions.atom "/feed/tag/$TAG.atom" "/feed/c/$CAT.atom"; do
	get "$feed"
	valid "with the hostile title"
	is "$(xq 'string(/feed/entry[1]/id)')" "$BASE/q/$NEW" \
	    "$WHAT: the new question comes first"
	is "$(xq 'string(/feed/entry[1]/title)')" "$TITLE" \
	    "$WHAT: its title as typed, read back from the XML"
	is "$(xq 'count(/feed/entry)')" "$FEED_SIZE" \
	    "$WHAT: still $FEED_SIZE entries"
done
get /feed/questions.atom
grep -qF 'Tom &amp; Jerry &lt;script&gt;alert(&quot;feed&quot;)&lt;/script' \
    "$BODY"
ok $? "$WHAT: the title escaped as XML text"
unlike "$(cat "$BODY")" '<script|<b |onmouseover="' "$WHAT: no raw markup"
is "$(xq 'string(/feed/entry[1]/author/name)')" 'Feed <Reader> & Co' \
    "$WHAT: the anonymous author's name"
is "$(xq 'count(/feed/entry[1]/author/uri)')" 0 \
    "$WHAT: no profile for an anonymous author"
content=$(xq 'string(/feed/entry[1]/content)')
like "$content" '<strong>strong words</strong>' \
    "$WHAT: content is the rendered HTML"
unlike "$content" 'onmouseover' "$WHAT: the body's raw HTML was dropped"
entries_like /questions

# An answer to it, from a visitor who gives no name.
QNEW=$(site_sql "SELECT '/q/' || id || '/' || slug FROM posts WHERE id = $NEW")
get "/feed/q/$NEW.atom"
valid "no answers yet"
is "$(xq 'count(/feed/entry)')" 0 "$WHAT: no entries yet"
JAR=$WEB_TMP/jar.answerer
form_post "$QNEW" "/q/$NEW/answer" \
    "body=An answer with <i>markup</i> & an ampersand, long enough." \
    "name=" "email="
WHAT="POST /q/$NEW/answer"
like "$STATUS" '^(200|303)$' "$WHAT: answered"
AID=$(site_sql "SELECT max(id) FROM posts WHERE type = 2 AND parent_id = $NEW")
settle
get "/feed/q/$NEW.atom"
valid "one answer"
is "$(xq 'count(/feed/entry)')" 1 "$WHAT: one entry"
is "$(xq 'string(/feed/entry[1]/link/@href)')" "$BASE$QNEW#a$AID" \
    "$WHAT: linked to the answer"
is "$(xq 'string(/feed/entry[1]/author/name)')" Anonymous \
    "$WHAT: an author without a name is Anonymous"
is "$(xq 'string(/feed/entry[1]/title)')" 'Answer by Anonymous' \
    "$WHAT: titled by its author"
is "$(xq 'string(/feed/title)')" "Answers to $TITLE - $SITE_NAME" \
    "$WHAT: titled by the question, escaped"

# --- the sitemap ------------------------------------------------------------

# sitemap_all: every <loc> of every question part of the sitemap, one a
# line; sets PARTS, the number of parts the index lists.
sitemap_all() {
	local k
	get /sitemap.xml
	PARTS=$(xlist '//sitemap/loc' | grep -c '/sitemap/q-')
	for ((k = 1; k <= PARTS; k++)); do
		get "/sitemap/q-$k.xml"
		xlist '//url/loc'
	done
}

visible=$(site_sql "SELECT count(*) FROM posts WHERE type = 1 AND status = 1")
get /sitemap.xml
shared "$XML_TYPE"
well_formed_xml
is "$(xq 'name(/*)')" sitemapindex "$WHAT: a sitemap index"
grep -q '<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">' \
    "$BODY"
ok $? "$WHAT: in the sitemaps.org 0.9 namespace"
n=$(( (visible + SITEMAP_SIZE - 1) / SITEMAP_SIZE ))
want=$(echo "$BASE/sitemap/pages.xml"; for ((k = 1; k <= n; k++)); do
	echo "$BASE/sitemap/q-$k.xml"; done)
is "$(xlist '//sitemap/loc')" "$want" \
    "$WHAT: pages.xml, q-1 to q-$n ($visible questions, $SITEMAP_SIZE a part)"

bad=
for ((k = 1; k <= n; k++)); do
	get "/sitemap/q-$k.xml"
	[ "$STATUS" = 200 ] || bad="$bad q-$k:$STATUS"
	[ "$(header Content-Type)" = "$XML_TYPE" ] || bad="$bad q-$k:type"
	xmllint --noout "$BODY" 2>/dev/null || bad="$bad q-$k:xml"
	[ "$(xq 'name(/*)')" = urlset ] || bad="$bad q-$k:root"
	urls=$(xq 'count(//url)')
	[ "$urls" -ge 1 ] && [ "$urls" -le "$SITEMAP_SIZE" ] ||
	    bad="$bad q-$k:$urls-urls"
	[ "$(xq 'count(//url[not(lastmod)])')" = 0 ] || bad="$bad q-$k:lastmod"
	xlist '//url/lastmod' | grep -vqE \
	    '^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}Z$' &&
	    bad="$bad q-$k:date"
	grep -qi '^set-cookie:' "$HDRS" && bad="$bad q-$k:cookie"
done
desc="every part: 200, XML, a urlset of 1 to $SITEMAP_SIZE urls"
is "$bad" "" "$desc, each with a W3C lastmod, no cookie"

all=$(sitemap_all)
want=$(site_sql "SELECT '$BASE/q/' || id || '/' || slug FROM posts
    WHERE type = 1 AND status = 1" | sort)
is "$(printf '%s\n' "$all" | sort)" "$want" \
    "sitemap: every visible question once across the parts"
is "$(printf '%s\n' "$all" | sort | uniq -d)" "" "sitemap: no question twice"
printf '%s\n' "$all" | grep -q "/q/$NEW/"
ok $? "sitemap: the new question is listed"
is "$(printf '%s\n' "$all" | tail -n 1)" "$BASE$QNEW" \
    "sitemap: the newest question is the last"
get /sitemap/q-1.xml
cmp -s "$BODY" "$WEB_TMP/part1.before"
ok $? "sitemap: q-1.xml kept its questions when one was asked"

not_found "/sitemap/q-$((n + 1)).xml"
not_found /sitemap/q-0.xml
not_found /sitemap/q-01.xml
not_found /sitemap/q-1
not_found /sitemap/q-x.xml
not_found /sitemap/other.xml
not_found /sitemap/pages

get /sitemap/pages.xml
shared "$XML_TYPE"
well_formed_xml
locs=$(xlist '//url/loc')
want=$( { printf '%s\n' "$BASE/" "$BASE/questions" "$BASE/tags" \
    "$BASE/categories"
    site_sql "SELECT '$BASE/c/' || slug FROM categories"
    site_sql "SELECT '$BASE/tag/' || name FROM tags WHERE qcount > 0
    AND name NOT GLOB '*[^a-z0-9._~-]*'"; } | sort)
missing=$(comm -13 <(printf '%s\n' "$locs" | sort) <(printf '%s\n' "$want"))
is "$missing" "" "$WHAT: home, lists, every category and every tag in use"
is "$(xq 'count(//url)')" "$(printf '%s\n' "$locs" | sort -u | wc -l |
    tr -d ' ')" "$WHAT: each once"

# --- a hidden question goes -------------------------------------------------

site_sql "UPDATE posts SET status = 2 WHERE id = $NEW"
settle
for feed in /feed/questions.atom "/feed/tag/$TAG.atom" "/feed/c/$CAT.atom"; do
	get "$feed"
	valid "after the hide"
	is "$(xq "count(//entry[id=\"$BASE/q/$NEW\"])")" 0 \
	    "$WHAT: the hidden question is gone"
	is "$(xq 'count(/feed/entry)')" "$FEED_SIZE" \
	    "$WHAT: $FEED_SIZE entries again"
done
get /feed/questions.atom
entries_like /questions
get "/feed/q/$NEW.atom"
is "$STATUS" 404 "$WHAT: 404 behind nginx once the question is hidden"
all=$(sitemap_all)
printf '%s\n' "$all" | grep -q "/q/$NEW/"
[ $? -ne 0 ]
ok $? "sitemap: the hidden question is not listed"
visible=$(site_sql "SELECT count(*) FROM posts WHERE type = 1 AND status = 1")
is "$(printf '%s\n' "$all" | wc -l | tr -d ' ')" "$visible" \
    "sitemap: the $visible visible questions"

# --- not found --------------------------------------------------------------

not_found /feed/questions
not_found /feed/questions.rss
not_found "/feed/tag/$TAG"
not_found "/feed/tag/$TAG.rss"
not_found /feed/tag/.atom
not_found /feed/tag/no-such-tag-zz.atom
not_found "/feed/c/$CAT"
not_found /feed/c/no-such-category-zz.atom
not_found "/feed/q/$QID"
not_found /feed/q/99999999.atom
not_found /feed/q/0.atom
not_found "/feed/q/0$QID.atom"
not_found /feed/q/abc.atom
not_found "/feed/q/-$QID.atom"

# --- robots.txt -------------------------------------------------------------

get /robots.txt
shared 'text/plain; charset=utf-8'
robots=$(cat "$BODY")
like "$robots" '^User-agent: \*$' "$WHAT: for every robot"
missing=
for p in /ask /login /register /logout /account /forgot /reset /confirm \
    /moderate /post/ /unsubscribe /search; do
	printf '%s\n' "$robots" | grep -qx "Disallow: $p" ||
	    missing="$missing $p"
done
is "$missing" "" "$WHAT: Disallow on every form and private page"
unlike "$robots" '^Disallow: */? *$' "$WHAT: the site itself is open"
for p in / /questions /q/1/x /tag/x /c/x /feed/questions.atom /user/x; do
	printf '%s\n' "$robots" | sed -n 's/^Disallow: //p' |
	    while read -r d; do
		case $p in "$d"*) echo "$p" ;; esac
	    done
done > "$WEB_TMP/blocked"
is "$(sort -u "$WEB_TMP/blocked")" "" "$WHAT: the public pages are allowed"
like "$robots" "^Sitemap: $BASE/sitemap.xml\$" "$WHAT: the sitemap's address"

# --- HEAD -------------------------------------------------------------------

for uri in /feed/questions.atom /sitemap.xml /robots.txt; do
	get "$uri"
	get_type=$(header Content-Type)
	WHAT="HEAD $uri"
	fetch HEAD "$uri"
	is "$STATUS" 200 "$WHAT: 200"
	is "$(header Content-Type)" "$get_type" "$WHAT: GET's Content-Type"
	is "$(wc -c < "$BODY" | tr -d ' ')" 0 "$WHAT: no body"
done

# --- the same program as plain CGI ------------------------------------------

WEB_MODE=cgi
get /feed/questions.atom
shared "$ATOM_TYPE"
valid "as CGI"
is "$(xq 'string(/feed/id)')" "$BASE/feed/questions.atom" \
    "$WHAT: as CGI, the same absolute id"
get /sitemap/q-1.xml
shared "$XML_TYPE"
[ "$(cat "$BODY")" = "$(cat "$WEB_TMP/part1.before")" ]
ok $? "$WHAT: as CGI, the same part as behind nginx"
get /robots.txt
shared 'text/plain; charset=utf-8'
get /feed/tag/no-such-tag-zz.atom
is "$STATUS" 404 "$WHAT: as CGI, 404"
not_found "/feed/q/$NEW.atom"

done_testing
