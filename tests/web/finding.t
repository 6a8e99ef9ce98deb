#!/bin/bash
# finding.t: tags and categories through a real nginx, with curl and
# cookie jars as browsers would, on the demo site with small pages (3
# questions, 10 tags).  The tag cloud: counts, its three orders, the
# prefix filter, unused tags left out, paging.  A tag's page: its count,
# the four sort tabs, paging whose links keep the sort, 301/404/empty.
# The category tree: nesting and counts, breadcrumbs, subcategories, a
# category's sorted and paged list.  Category management for admins:
# adding down to the fourth level and not below (422 with the form as
# typed), other bad input, who may (visitors, members and moderators may
# not), the CSRF check, moves (no cycles, no level below the fourth),
# edits, deletes (questions go up; not with subcategories) and their
# audit entries.  After every write that moves a count -- ask, retag,
# change of category by edit and by a moderator, hide, reshow, delete,
# restore, category moves and deletes -- the counts the pages show are
# those stored, and `qa-admin recount` finds nothing to correct.  The
# same changes through `qa-admin category`.
# Skipped while cgi-bin/moderate, ask or answer is not built.
. "$(dirname "$0")/lib.sh"

program_built moderate && program_built ask && program_built answer ||
    skip_all "cgi-bin/moderate, ask or answer is not built"

WEB_MODE=nginx
site_init
site_sql "UPDATE settings SET value = '1' WHERE key = 'form_min_seconds';
    UPDATE settings SET value = '1000' WHERE key IN ('rate_q_ip',
    'rate_a_ip', 'rate_c_ip', 'rate_q_user', 'rate_a_user',
    'rate_c_user', 'rate_v_user', 'rate_v_ip');
    UPDATE settings SET value = '3' WHERE key = 'page_size';
    INSERT OR REPLACE INTO settings (key, value)
    VALUES ('tags_page_size', '10');
    INSERT INTO tags (name, description) VALUES ('aaa-unused', 'None.');"

PASS='grey-heron-lantern-41'
for u in mod:moderator adm:admin alice:registered; do
	"$QA_ADMIN" -d "$DB" create-user "${u%%:*}" "${u%%:*}@example.org" \
	    --level "${u#*:}" --password "$PASS" > "$WEB_TMP/cu.out" 2>&1 ||
	    bail "create-user ${u%%:*}: $(cat "$WEB_TMP/cu.out")"
done
nginx_start
diag "nginx on $BASE"

# --- helpers -----------------------------------------------------------------

# as NAME: use NAME's cookie jar (logging in on first use; "visitor" is
# nobody's) and set TOKEN to a csrf token of that jar.  Pages read with
# a jar that holds a cookie are never the shared cached copies.
as() {
	JAR=$WEB_TMP/jar.$1
	if [ "$1" != visitor ] && [ ! -e "$JAR.in" ]; then
		form_post /login /login "login=$1" "password=$PASS"
		[ "$STATUS" = 303 ] || diag "log in as $1: $STATUS"
		touch "$JAR.in"
	fi
	fetch GET /login
	[ "$1" = visitor ] || fetch GET /
	TOKEN=$(grep -oE 'name="csrf" value="[^"]*"' "$BODY" | head -n 1 |
	    sed -e 's/.*value="//' -e 's/"$//')
}

# mpost URI NAME=VALUE...: POST the fields with $TOKEN as a browser on
# the same origin would.
mpost() {
	local uri=$1
	shift
	REQ_HEADERS=("Origin: $BASE" "Sec-Fetch-Site: same-origin")
	fetch POST "$uri" "$(form_body "$@" "csrf=$TOKEN")"
	REQ_HEADERS=()
}

# has TEXT DESC / hasnt TEXT DESC: the last body has (has not) TEXT.
has() {
	grep -qF -- "$1" "$BODY"
	ok $? "$2"
}
hasnt() {
	! grep -qF -- "$1" "$BODY"
	ok $? "$2"
}

# rows SQL: the rows of SQL on one line, separated by spaces.
rows() {
	site_sql "$1" | tr '\n' ' ' | sed 's/ $//'
}

# cloud: the tags of the last page as "name:count ...", in page order.
cloud() {
	grep -oE 'rel="tag">[^<]*</a> <span class="count">&times;&nbsp;[0-9]+' \
	    "$BODY" | sed -E 's/rel="tag">([^<]*)<.*;([0-9]+)$/\1:\2/' |
	    tr '\n' ' ' | sed 's/ $//'
}

# qids: the ids of the questions the last page lists, in order.
qids() {
	grep -oE '<h3 class="qtitle"><a href="/q/[0-9]+' "$BODY" |
	    sed 's|.*/q/||' | tr '\n' ' ' | sed 's/ $//'
}

# catcounts: "slug:count" of every category link with a count on the
# last page, sorted.
catcounts() {
	tr -d '\n' < "$BODY" |
	    grep -oE 'href="/c/[^"]*">[^<]*</a> <span class="count">[0-9]+' |
	    sed -E 's|href="/c/([^"]*)".*>([0-9]+)$|\1:\2|' | sort |
	    tr '\n' ' ' | sed 's/ $//'
}

# recount_clean WHAT: `qa-admin recount` changes no row.
recount_clean() {
	local out
	out=$("$QA_ADMIN" -d "$DB" recount 2>&1)
	is "$out" "recount: 0 rows changed" "$1: qa-admin recount corrects nothing"
}

# counts_shown WHAT: the tag cloud (tags starting with "finding") and the
# category tree show the stored counts, and those are right.
counts_shown() {
	as alice
	fetch GET "/tags?sort=name&q=finding"
	is "$(cloud)" "$(rows "SELECT name || ':' || qcount FROM tags
	    WHERE name LIKE 'finding%' AND qcount > 0 ORDER BY name")" \
	    "$1: the tag counts shown"
	fetch GET /categories
	is "$(catcounts)" "$(rows "SELECT slug || ':' || qcount
	    FROM categories ORDER BY slug")" "$1: the category counts shown"
	recount_clean "$1"
}

# ask TITLE BODY TAGS CATEGORY_ID: ask as the current jar; QID is the new
# question's id.
ask() {
	form_post /ask /ask "title=$1" "body=$2" "tags=$3" "category=$4" \
	    "post=1"
	QID=$(location_path | sed -n 's|^/q/\([0-9]*\)/.*|\1|p')
}

# crumbs: the addresses of the last page's breadcrumbs, in order.
crumbs() {
	tr -d '\n' < "$BODY" | grep -oE '<nav class="crumbs".*' |
	    sed 's|</nav>.*||' | grep -oE 'href="[^"]*"' | tr '\n' ' '
}

# cat_id SLUG: a category's id.
cat_id() {
	site_sql "SELECT id FROM categories WHERE slug = '$1'"
}

# qcount SLUG: a category's stored count.
qcount() {
	site_sql "SELECT qcount FROM categories WHERE slug = '$1'"
}

# tcount NAME: a tag's stored count.
tcount() {
	site_sql "SELECT qcount FROM tags WHERE name = '$1'"
}

recount_clean "the demo site"

# --- the tag cloud -------------------------------------------------------------

as alice
WHAT="GET /tags"
fetch GET /tags
is "$STATUS" 200 "$WHAT: 200"
POPULAR="SELECT name || ':' || qcount FROM tags WHERE qcount > 0
    ORDER BY qcount DESC, name"
is "$(cloud)" "$(rows "$POPULAR LIMIT 10")" \
    "$WHAT: the most used ten, most used first, with their counts"
has 'href="/tags?page=2"' "$WHAT: a link to page 2"
has '<a href="/tags" aria-current="page">Popular</a>' \
    "$WHAT: the Popular tab is current"
PAGE1=$(cloud)
fetch GET "/tags?page=2"
is "$(cloud)" "$(rows "$POPULAR LIMIT 10 OFFSET 10")" "GET /tags?page=2"
[ "$(cloud)" != "$PAGE1" ]
ok $? "GET /tags?page=2: other tags than page 1"
WHAT="GET /tags?sort=name"
fetch GET "/tags?sort=name"
is "$(cloud)" "$(rows "SELECT name || ':' || qcount FROM tags
    WHERE qcount > 0 ORDER BY name LIMIT 10")" "$WHAT: A to Z"
unlike "$(cloud)" 'aaa-unused' "$WHAT: a tag on no question is left out"
has 'href="/tags?sort=name&amp;page=2"' "$WHAT: the pager keeps the sort"
has '<input type="hidden" name="sort" value="name">' \
    "$WHAT: the filter form keeps the sort"
fetch GET "/tags?sort=name&page=2"
is "$(cloud)" "$(rows "SELECT name || ':' || qcount FROM tags
    WHERE qcount > 0 ORDER BY name LIMIT 10 OFFSET 10")" "$WHAT&page=2"
WHAT="GET /tags?sort=new"
fetch GET "/tags?sort=new"
is "$(cloud)" "$(rows "SELECT name || ':' || qcount FROM tags
    WHERE qcount > 0 ORDER BY id DESC LIMIT 10")" "$WHAT: newest first"
WHAT="GET /tags?q=De"
fetch GET "/tags?q=De"
is "$STATUS" 200 "$WHAT: 200"
is "$(cloud)" "$(rows "$POPULAR" | tr ' ' '\n' | grep '^de' | tr '\n' ' ' |
    sed 's/ $//')" "$WHAT: the tags starting with de, in any case"
has 'value="de"' "$WHAT: the filter box shows the prefix"
has 'href="/tags?sort=name&amp;q=de"' "$WHAT: the tabs keep the prefix"
fetch GET "/tags?q=aaa"
has 'No tag starts with' "GET /tags?q=aaa: no unused tag, a message"
fetch GET "/tags?sort=bogus"
is "$STATUS" 400 "GET /tags?sort=bogus: 400"

# --- a tag's page --------------------------------------------------------------

T=depression
TID=$(site_sql "SELECT id FROM tags WHERE name = '$T'")
TQ="SELECT p.id FROM posts p JOIN post_tags t ON t.post_id = p.id
    WHERE t.tag_id = $TID AND p.type = 1 AND p.status = 1"
N=$(tcount "$T")
WHAT="GET /tag/$T"
fetch GET "/tag/$T"
is "$STATUS" 200 "$WHAT: 200"
has "<h2>$N questions</h2>" "$WHAT: its count, $N questions"
has 'Persistent low mood' "$WHAT: its description"
is "$(qids)" "$(rows "$TQ ORDER BY p.created DESC, p.id LIMIT 3")" \
    "$WHAT: newest first, one page"
has "href=\"/tag/$T?page=2\"" "$WHAT: a link to page 2"
for s in active votes unanswered; do
	has "href=\"/tag/$T?sort=$s\"" "$WHAT: a tab for $s"
done
P1=$(qids)
fetch GET "/tag/$T?page=2"
is "$(qids)" "$(rows "$TQ ORDER BY p.created DESC, p.id LIMIT 3 OFFSET 3")" \
    "$WHAT?page=2: the next three"
[ "$(qids)" != "$P1" ]
ok $? "$WHAT?page=2: other questions than page 1"
fetch GET "/tag/$T?sort=active"
is "$(qids)" "$(rows "$TQ ORDER BY p.activity DESC, p.id LIMIT 3")" \
    "$WHAT?sort=active"
has "<a href=\"/tag/$T?sort=active\" aria-current=\"page\">Active</a>" \
    "$WHAT?sort=active: its tab is current"
fetch GET "/tag/$T?sort=votes"
is "$(qids)" "$(rows "$TQ ORDER BY p.score DESC, p.created DESC, p.id
    LIMIT 3")" "$WHAT?sort=votes"
has "href=\"/tag/$T?sort=votes&amp;page=2\"" \
    "$WHAT?sort=votes: the pager keeps the sort"
V1=$(qids)
fetch GET "/tag/$T?sort=votes&page=2"
is "$(qids)" "$(rows "$TQ ORDER BY p.score DESC, p.created DESC, p.id
    LIMIT 3 OFFSET 3")" "$WHAT?sort=votes&page=2"
[ "$(qids)" != "$V1" ]
ok $? "$WHAT?sort=votes&page=2: other questions than page 1"
has "href=\"/tag/$T?sort=votes\" rel=\"prev\"" \
    "$WHAT?sort=votes&page=2: the link back keeps the sort"
has "href=\"/tag/$T?sort=votes&amp;page=3\"" \
    "$WHAT?sort=votes&page=2: the link ahead keeps the sort"
fetch GET "/tag/$T?sort=unanswered"
is "$(qids)" "$(rows "$TQ AND p.answer_count = 0
    ORDER BY p.created DESC, p.id LIMIT 3")" "$WHAT?sort=unanswered"
fetch GET "/tag/$T?sort=bogus"
is "$STATUS" 400 "$WHAT?sort=bogus: 400"
fetch GET "/tag/$T?page=0"
is "$STATUS" 400 "$WHAT?page=0: 400"
fetch GET "/tag/no-such-tag"
is "$STATUS" 404 "GET /tag/no-such-tag: 404"
fetch GET "/tag/Depression"
is "$STATUS $(location_path)" "301 /tag/depression" \
    "GET /tag/Depression: 301 to the lower-case name"
fetch GET "/tag/aaa-unused"
is "$STATUS" 200 "GET /tag/aaa-unused: 200"
has 'No questions have this tag yet.' "GET /tag/aaa-unused: says it is empty"

# --- the category tree ---------------------------------------------------------

WHAT="GET /categories"
fetch GET /categories
is "$STATUS" 200 "$WHAT: 200"
like "$(tr -d '\n' < "$BODY")" \
    'href="/c/relationships">Relationships</a>.*<ul><li><a href="/c/dating">Dating</a>.*<ul><li><a href="/c/online-dating">' \
    "$WHAT: online dating under dating under relationships"
like "$(tr -d '\n' < "$BODY")" \
    'href="/c/family">Family</a>[^<]*<span class="count">[^<]*</span><p>[^<]*</p><ul><li><a href="/c/parenting">' \
    "$WHAT: parenting under family, after its description"
is "$(catcounts)" "$(rows "SELECT slug || ':' || qcount FROM categories
    ORDER BY slug")" "$WHAT: every category with its count"
is "$(qcount relationships)" "$(site_sql "SELECT count(*) FROM posts
    WHERE type = 1 AND status = 1 AND category_id IN
    (SELECT id FROM categories WHERE slug IN ('relationships', 'dating',
    'online-dating'))")" "$WHAT: a count holds the questions below"
has 'Partners, friendships, breakups' "$WHAT: descriptions"

WHAT="GET /c/online-dating"
fetch GET /c/online-dating
is "$STATUS" 200 "$WHAT: 200"
is "$(crumbs)" \
    'href="/categories" href="/c/relationships" href="/c/dating" ' \
    "$WHAT: breadcrumbs from the top"
has '<h1>Online dating</h1>' "$WHAT: its name"
WHAT="GET /c/relationships"
SUB="SELECT id FROM categories WHERE slug IN ('relationships', 'dating',
    'online-dating')"
CQ="SELECT id FROM posts WHERE type = 1 AND status = 1
    AND category_id IN ($SUB)"
fetch GET /c/relationships
has "<h2>$(qcount relationships) questions</h2>" "$WHAT: its count"
like "$(tr -d '\n' < "$BODY")" \
    "class=\"subcats\".*href=\"/c/dating\">Dating</a> <span class=\"count\">$(qcount dating) questions" \
    "$WHAT: its subcategory with its count"
is "$(qids)" "$(rows "$CQ ORDER BY created DESC, id LIMIT 3")" \
    "$WHAT: newest first, from it and below"
fetch GET "/c/relationships?page=2"
is "$(qids)" "$(rows "$CQ ORDER BY created DESC, id LIMIT 3 OFFSET 3")" \
    "$WHAT?page=2"
fetch GET "/c/relationships?sort=votes&page=2"
is "$(qids)" "$(rows "$CQ ORDER BY score DESC, created DESC, id
    LIMIT 3 OFFSET 3")" "$WHAT?sort=votes&page=2"
has 'href="/c/relationships?sort=votes&amp;page=3"' \
    "$WHAT?sort=votes&page=2: the pager keeps the sort"
fetch GET "/c/relationships?sort=active"
is "$(qids)" "$(rows "$CQ ORDER BY activity DESC, id LIMIT 3")" \
    "$WHAT?sort=active"
fetch GET "/c/relationships?sort=unanswered"
is "$(qids)" "$(rows "$CQ AND answer_count = 0
    ORDER BY created DESC, id LIMIT 3")" "$WHAT?sort=unanswered"
fetch GET "/c/online-dating?sort=votes"
is "$(qids)" "$(rows "SELECT id FROM posts WHERE type = 1 AND status = 1
    AND category_id = $(cat_id online-dating)
    ORDER BY score DESC, created DESC, id LIMIT 3")" \
    "GET /c/online-dating?sort=votes: a leaf's list"
fetch GET /c/no-such-category
is "$STATUS" 404 "GET /c/no-such-category: 404"

# --- who may manage categories ---------------------------------------------------

ncats=$(site_sql "SELECT count(*) FROM categories")
as visitor
fetch GET /moderate/categories
is "$STATUS $(location_path | sed 's/?.*//')" "303 /login" \
    "visitor GET /moderate/categories: 303 to /login"
for u in alice mod; do
	as "$u"
	fetch GET /moderate/categories
	is "$STATUS" 403 "$u GET /moderate/categories: 403"
	mpost /moderate/categories name=Sneaky
	is "$STATUS" 403 "$u POST /moderate/categories: 403"
	mpost "/moderate/categories/$(cat_id dating)" name=Sneaky parent=0
	is "$STATUS" 403 "$u POST /moderate/categories/ID: 403"
	mpost "/moderate/categories/$(cat_id online-dating)/delete"
	is "$STATUS" 403 "$u POST /moderate/categories/ID/delete: 403"
done
as adm
fetch GET /moderate/categories
is "$STATUS" 200 "admin GET /moderate/categories: 200"
has '<a href="/moderate/categories" aria-current="page">Categories</a>' \
    "admin GET /moderate/categories: in the moderation menu"
REQ_HEADERS=("Origin: $BASE" "Sec-Fetch-Site: same-origin")
fetch POST /moderate/categories "$(form_body name=Forged)"
REQ_HEADERS=()
is "$STATUS" 403 "POST /moderate/categories without a CSRF token: 403"
REQ_HEADERS=("Origin: http://evil.example" "Sec-Fetch-Site: cross-site")
fetch POST /moderate/categories "$(form_body name=Forged "csrf=$TOKEN")"
REQ_HEADERS=()
is "$STATUS" 403 "POST /moderate/categories from another site: 403"
is "$(site_sql "SELECT count(*) FROM categories")" "$ncats" \
    "no category was made by those refused"

# --- adding ---------------------------------------------------------------------

WHAT="add at the top level"
mpost /moderate/categories "name=Level A" slug= description= parent=0 \
    position=
is "$STATUS $(location_path)" "303 /moderate/categories?done=added" \
    "$WHAT: 303"
A=$(cat_id level-a)
like "$A" '^[0-9]+$' "$WHAT: the slug is made from the name"
prev=$A
for l in B C D; do
	mpost /moderate/categories "name=Level $l" \
	    "description=Level $l of four" "parent=$prev"
	is "$STATUS" 303 "add level $l under the one before: 303"
	prev=$(cat_id "level-$(printf '%s' "$l" | tr 'A-Z' 'a-z')")
done
B=$(cat_id level-b) C=$(cat_id level-c) D=$(cat_id level-d)
is "$(rows "SELECT depth FROM categories WHERE slug LIKE 'level-_'
    ORDER BY slug")" "0 1 2 3" "four levels, depths 0 to 3"
WHAT="add at a fifth level"
mpost /moderate/categories "name=Level E" "slug=level-e" \
    "description=Too deep" "parent=$D"
is "$STATUS" 422 "$WHAT: 422"
has 'value="Level E"' "$WHAT: the form again with the name typed"
has 'Too deep</textarea>' "$WHAT: and the description typed"
has "<option value=\"$D\" selected>" "$WHAT: and the parent chosen"
has 'four levels deep' "$WHAT: says why"
is "$(site_sql "SELECT count(*) FROM categories WHERE slug = 'level-e'")" 0 \
    "$WHAT: nothing added"
mpost /moderate/categories "name=   " parent=0
is "$STATUS" 422 "add without a name: 422"
mpost /moderate/categories "name=Bad slug" "slug=Bad Slug!" parent=0
is "$STATUS" 422 "add with a bad slug: 422"
has 'value="Bad Slug!"' "add with a bad slug: the slug typed kept"
mpost /moderate/categories "name=Again" "slug=dating" parent=0
is "$STATUS" 422 "add with a slug in use: 422"
has 'Another category has this slug' "add with a slug in use: says why"
mpost /moderate/categories "name=Orphan" "parent=999999"
is "$STATUS" 422 "add under no such parent: 422"
is "$(site_sql "SELECT count(*) FROM categories")" "$((ncats + 4))" \
    "only the four good ones were added"
as alice
fetch GET /categories
like "$(tr -d '\n' < "$BODY")" \
    'href="/c/level-a">Level A</a>.*<ul><li><a href="/c/level-b">.*<ul><li><a href="/c/level-c">.*<ul><li><a href="/c/level-d">Level D</a>' \
    "/categories nests all four levels"
fetch GET /c/level-d
is "$(crumbs)" \
    'href="/categories" href="/c/level-a" href="/c/level-b" href="/c/level-c" ' \
    "GET /c/level-d: breadcrumbs through three levels"

# --- counts after each write ---------------------------------------------------

as alice
WHAT="ask in level D with two new tags"
ask "Which finding aid works best for deep trees?" \
    "A question filed four levels deep, to count it in every level." \
    "finding-one finding-two" "$D"
Q=$QID
like "$Q" '^[0-9]+$' "$WHAT: asked"
is "$(qcount level-a) $(qcount level-b) $(qcount level-c) $(qcount level-d)" \
    "1 1 1 1" "$WHAT: counted in the category and each above"
is "$(tcount finding-one) $(tcount finding-two)" "1 1" \
    "$WHAT: counted on its tags"
counts_shown "$WHAT"
ask "A second question in level B only, for the delete later" \
    "Filed at the second level so that deleting it moves this up." \
    "finding-one" "$B"
QB=$QID
is "$(qcount level-a) $(qcount level-b) $(tcount finding-one)" "2 2 2" \
    "ask in level B: counted"

WHAT="retag by its author"
form_post "/post/$Q/edit" "/post/$Q/edit" \
    "title=Which finding aid works best for deep trees?" \
    "body=A question filed four levels deep, to count it in every level." \
    "tags=finding-one finding-three" "category=$D" "reason=retag"
is "$STATUS" 303 "$WHAT: 303"
is "$(tcount finding-one) $(tcount finding-two) $(tcount finding-three)" \
    "2 0 1" "$WHAT: the counts move to the new tag"
counts_shown "$WHAT"
fetch GET "/tags?q=finding"
unlike "$(cloud)" 'finding-two' "$WHAT: the tag on no question has left the cloud"

rel=$(qcount relationships) dat=$(qcount dating)
WHAT="change of category by its author"
form_post "/post/$Q/edit" "/post/$Q/edit" \
    "title=Which finding aid works best for deep trees?" \
    "body=A question filed four levels deep, to count it in every level." \
    "tags=finding-one finding-three" "category=$(cat_id dating)" \
    "reason=better place"
is "$STATUS" 303 "$WHAT: 303"
is "$(qcount level-a) $(qcount level-d) $(qcount dating) $(qcount relationships)" \
    "1 0 $((dat + 1)) $((rel + 1))" "$WHAT: both chains move"
counts_shown "$WHAT"

as mod
WHAT="move by a moderator"
mpost "/moderate/move/$Q" "category=$D"
is "$STATUS" 303 "$WHAT: 303"
is "$(qcount level-a) $(qcount level-d) $(qcount dating)" "2 1 $dat" \
    "$WHAT: both chains move back"
counts_shown "$WHAT"

for step in hide:0 reshow:1 delete:0 restore:1; do
	act=${step%%:*} n=${step#*:}
	if [ "$act" = restore ]; then as adm; else as mod; fi
	WHAT="$act the question"
	mpost "/moderate/post/$Q" "action=$act"
	is "$STATUS" 303 "$WHAT: 303"
	is "$(qcount level-d) $(qcount level-c) $(tcount finding-three)" \
	    "$n $n $n" "$WHAT: its category chain and tags count it: $n"
	counts_shown "$WHAT"
done

# --- moving and editing categories ---------------------------------------------

as adm
WHAT="move level A under level C"
mpost "/moderate/categories/$A" "name=Level A" slug=level-a description= \
    "parent=$C" position=0
is "$STATUS" 422 "$WHAT (a cycle): 422"
has 'cannot go under itself or one of its subcategories' "$WHAT: says why"
is "$(site_sql "SELECT coalesce(parent_id, 0) FROM categories
    WHERE id = $A")" 0 "$WHAT: not moved"
WHAT="move level B under dating"
mpost "/moderate/categories/$B" "name=Level B" slug=level-b \
    "description=Level B of four" "parent=$(cat_id dating)" position=0
is "$STATUS" 422 "$WHAT (level D would be fifth): 422"
has 'four levels deep' "$WHAT: says why"
has "value=\"Level B\"" "$WHAT: the form again as typed"
WHAT="move level C under dating"
rel=$(qcount relationships) dat=$(qcount dating)
mpost "/moderate/categories/$C" "name=Level C" slug=level-c \
    "description=Level C of four" "parent=$(cat_id dating)" position=0
is "$STATUS $(location_path)" "303 /moderate/categories?done=saved" \
    "$WHAT: 303"
is "$(rows "SELECT depth FROM categories WHERE slug IN ('level-c',
    'level-d') ORDER BY slug")" "2 3" "$WHAT: its subtree's depths follow"
is "$(qcount level-a) $(qcount level-b) $(qcount dating) $(qcount relationships)" \
    "1 1 $((dat + 1)) $((rel + 1))" \
    "$WHAT: its question leaves A and B for dating and relationships"
counts_shown "$WHAT"
as alice
fetch GET /c/level-d
is "$(crumbs)" \
    'href="/categories" href="/c/relationships" href="/c/dating" href="/c/level-c" ' \
    "$WHAT: the breadcrumbs of level D follow"

as adm
WHAT="edit level A"
mpost "/moderate/categories/$A" "name=Level A renamed" slug=level-a-two \
    "description=All about A" parent=0 position=5
is "$STATUS" 303 "$WHAT: 303"
is "$(site_sql "SELECT name || '|' || slug || '|' || description || '|' ||
    position FROM categories WHERE id = $A")" \
    "Level A renamed|level-a-two|All about A|5" "$WHAT: saved"
as alice
fetch GET /categories
has '<a href="/c/level-a-two">Level A renamed</a>' "$WHAT: /categories shows it"
has 'All about A' "$WHAT: with its description"
fetch GET /c/level-a
is "$STATUS" 404 "$WHAT: the old slug is gone"

# --- deleting categories ---------------------------------------------------------

as adm
WHAT="delete relationships"
mpost "/moderate/categories/$(cat_id relationships)/delete"
is "$STATUS" 409 "$WHAT (it has subcategories): 409"
[ -n "$(cat_id relationships)" ]
ok $? "$WHAT: still there"
WHAT="delete level B"
fetch GET "/moderate/categories/$B"
has 'Its questions will move to Level A renamed.' \
    "$WHAT: the form says where its questions go"
mpost "/moderate/categories/$B/delete"
is "$STATUS $(location_path)" "303 /moderate/categories?done=deleted" \
    "$WHAT: 303"
is "$(cat_id level-b)" "" "$WHAT: gone"
is "$(site_sql "SELECT category_id FROM posts WHERE id = $QB")" "$A" \
    "$WHAT: its question moved up to level A"
is "$(qcount level-a-two)" 1 "$WHAT: level A counts it still"
counts_shown "$WHAT"
as adm
WHAT="delete level A"
mpost "/moderate/categories/$A/delete"
is "$STATUS" 303 "$WHAT: 303"
is "$(site_sql "SELECT coalesce(category_id, 'none') FROM posts
    WHERE id = $QB")" none "$WHAT: from the top level, its question has no category"
counts_shown "$WHAT"
as alice
fetch GET "/q/$QB"
is "$STATUS" 301 "$WHAT: its question is still there"

as adm
fetch GET /moderate/log
for a in category-add category-move category-edit category-delete; do
	[ "$(site_sql "SELECT count(*) FROM audit WHERE action = '$a'
	    AND target_type = 'category'")" -gt 0 ]
	ok $? "audit entries for $a"
	like "$(tr '\n' ' ' < "$BODY")" "<td>$a</td>" "the log lists $a"
done
is "$(site_sql "SELECT count(*) FROM audit WHERE action = 'category-add'")" \
    4 "one audit entry per category added"

# --- the same from the command line ---------------------------------------------

WHAT="qa-admin category"
out=$("$QA_ADMIN" -d "$DB" category list 2>&1)
like "$out" '^    Online dating  /c/online-dating ' "$WHAT list: the tree, indented"
out=$("$QA_ADMIN" -d "$DB" category add "Night owls" --parent level-c \
    --description "Late." 2>&1)
like "$out" '^added /c/night-owls ' "$WHAT add: $out"
is "$(site_sql "SELECT depth FROM categories WHERE slug = 'night-owls'")" 3 \
    "$WHAT add: at the fourth level"
"$QA_ADMIN" -d "$DB" category add "Too deep" --parent night-owls \
    > "$WEB_TMP/cat.out" 2>&1
is "$? $(site_sql "SELECT count(*) FROM categories WHERE slug = 'too-deep'")" \
    "1 0" "$WHAT add: not at a fifth level"
like "$(cat "$WEB_TMP/cat.out")" 'four levels deep' "$WHAT add: says why"
dat=$(qcount dating)
out=$("$QA_ADMIN" -d "$DB" category edit level-c --parent - 2>&1)
is "$out" "saved /c/level-c" "$WHAT edit: move to the top level"
is "$(qcount dating) $(qcount level-c)" "$((dat - 1)) 1" \
    "$WHAT edit: the count leaves its old ancestors"
out=$("$QA_ADMIN" -d "$DB" category delete level-d 2>&1)
like "$out" '^deleted /c/level-d; 1 question moved to its parent' \
    "$WHAT delete: $out"
is "$(site_sql "SELECT category_id FROM posts WHERE id = $Q")" "$C" \
    "$WHAT delete: its question is in level C"
counts_shown "$WHAT"
is "$(site_sql "SELECT count(*) FROM audit WHERE actor_id IS NULL
    AND action LIKE 'category-%'")" 3 "$WHAT: audit entries by the system"

done_testing
