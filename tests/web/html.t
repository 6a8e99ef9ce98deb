#!/bin/bash
# html.t: every kind of HTML page the site serves, through a real web
# server and every program, checked as markup: tidy finds no error and
# none of the warnings that mean broken structure, the <html> element
# names its language, the <title> is not empty, there is one <h1>, and
# every form control has a label (a label[for] naming its id, an
# aria-label or aria-labelledby, or a label around it), with every
# label[for] naming a control, and every id that a for, form or aria-
# attribute names is on the page.  The pages are seen as a visitor, a
# member, the asker, a moderator and an admin, with content made through
# the forms: questions with answers, comments, a best answer, an edit, a
# flag, a question closed as a duplicate with its comments locked, a
# hidden comment, a queued post, an IP block, a blocked and a nuked
# account.
#
# The GET routes of the route tables (static const struct route
# routes[] in cgi-bin/*.c) and how each is checked here:
#   view      /  /questions (page 2, past the last page, unanswered)
#             /q/{}/{} (with answers, comments, a best answer and the
#             answer, comment and flag forms; closed as a duplicate;
#             queued; as visitor, member, asker and moderator)  /tags
#             (page 2, a prefix that matches nothing)  /tag/{}
#             /categories  /c/{}  /users  /user/{} (and one with no
#             posts, a blocked one)  /search (the empty form, results
#             with pages, "did you mean", no results, a query too long)
#   login     /login  /register  /account (and a notice, ?done=)
#             /forgot (and once sent)  /reset (a good token, a bad one)
#             /confirm (a bad token)
#   ask       /ask (visitor, member)
#   answer    /post/{}/edit (member, visitor's key)  /post/{}/revisions
#             /post/{}/manage  /unsubscribe (a good token, a bad one,
#             done=1)
#   moderate  /moderate  /moderate/user/{} (and ?nuked=)  /moderate/ips
#             /moderate/log  /moderate/settings (and ?done=)
#             /moderate/categories  /moderate/categories/{}
# A flag has no page of its own: its form is on the question page.
# Not checked here, for they answer with no HTML page:
#   /q/{}                  a 301 to /q/{}/{} (nginx.t, cgi.t)
#   /account/data          the account as JSON (accounts.t)
#   /feed/questions.atom /feed/tag/{} /feed/c/{} /feed/q/{}
#                          Atom, checked against atom.rng (feeds.t)
#   /sitemap.xml /sitemap/{}  XML sitemaps (feeds.t)
#   /robots.txt            plain text (feeds.t)
# A test below reads the route tables and fails for a GET route that is
# in neither list, so that a new page cannot go unchecked.
# The pages a POST shows (every form again with its errors, the
# previews, the page after a visitor posts) and the error pages (400,
# 403, 404, 405, and the notices of bad links) are checked too.  Fails
# when tidy or xmllint is missing; skipped while a program is not built.
. "$(dirname "$0")/lib.sh"

for p in view login ask answer moderate; do
	program_built "$p" || skip_all "cgi-bin/$p is not built"
done
command -v tidy >/dev/null || bail "tidy not installed (apt-get install tidy)"
command -v xmllint >/dev/null ||
    bail "xmllint not installed (apt-get install libxml2-utils)"

WEB_MODE=nginx
site_init
# No wait before a form may be sent (and FAST=1: form_post does not
# wait), no rate limits, visitors' posts queued (a queued post for the
# moderation queue), short pages (a page 2 of questions and of tags).
site_sql "UPDATE settings SET value = '0' WHERE key = 'form_min_seconds';
    UPDATE settings SET value = '1000' WHERE key IN ('rate_q_ip',
    'rate_a_ip', 'rate_c_ip', 'rate_q_user', 'rate_a_user',
    'rate_c_user', 'rate_v_user', 'rate_v_ip');
    UPDATE settings SET value = '1' WHERE key = 'queue_anon';
    UPDATE settings SET value = '5' WHERE key = 'page_size';
    INSERT OR REPLACE INTO settings (key, value)
    VALUES ('tags_page_size', '10');"
FAST=1

PASS='grey-heron-lantern-41'
for u in mod:moderator adm:admin alice:registered bob:registered \
    spammer:registered; do
	"$QA_ADMIN" -d "$DB" create-user "${u%%:*}" "${u%%:*}@example.org" \
	    --level "${u#*:}" --password "$PASS" > "$WEB_TMP/cu.out" 2>&1 ||
	    bail "create-user ${u%%:*}: $(cat "$WEB_TMP/cu.out")"
done
# Enough points for the members to flag.
site_sql "UPDATE users SET points = 100 WHERE handle IN ('alice', 'bob')"
server_start
diag "$WEB_SERVER on $BASE"

# --- the checks ----------------------------------------------------------

# The tidy messages that fail a page: every error; the warnings of
# pages.sh's well_formed that mean broken structure (a tag closed twice
# or never, a repeated attribute, an element where it may not be, a
# stray quote or &); and the warnings for what HTML forbids: an id used
# twice (tidy's "anchor already defined", which also breaks
# label[for]), a missing doctype, an attribute HTML does not have or a
# value it does not allow, an attribute without its value, an <img>
# without alt, an obsolete element.  What is left are notes, such as an
# empty element tidy would trim (an empty live region is not one).
TIDY_BAD='Error:|discarding unexpected|missing </|repeated attribute'
TIDY_BAD+='|isn.t allowed in|unexpected or duplicate quote'
TIDY_BAD+='|end of file while parsing|unknown entity|unescaped &'
TIDY_BAD+='|replacing invalid|missing .>. for end of tag|nested emphasis'
TIDY_BAD+='|anchor "[^"]*" already defined|missing <!DOCTYPE>'
TIDY_BAD+='|proprietary attribute|has invalid value|lacks value'
TIDY_BAD+='|lacks "alt" attribute|not approved by W3C'
# The exceptions, each valid HTML that tidy 5.6 does not know:
# - HTML 5.2 lets a <div> group a <dt> and its <dd>s in a <dl>, where
#   tidy reports a missing </div> or </dl> (as in well_formed; no page
#   has such a group today);
# - the attributes inputmode, autocapitalize and minlength of <input>,
#   and the aria-* attributes of WAI-ARIA 1.1 and later (aria-current),
#   which tidy calls proprietary.
TIDY_ALLOWED='missing </(div|dl)> before (<dt>|</div>)'
TIDY_ALLOWED+='|proprietary attribute "(inputmode|autocapitalize|minlength'
TIDY_ALLOWED+='|aria-[a-z]+)"$'

# xpath EXPR: EXPR (XPath 1.0) over the last body as xmllint's HTML
# parser reads it; nothing for an empty node set.
xpath() {
	xmllint --html --xpath "$1" "$BODY" 2>/dev/null
}

# The form controls a person fills in (not hidden fields nor buttons,
# whose text is their name), what makes one labelled, and the
# attributes that name ids.
CONTROLS='//input[not(@type="hidden" or @type="submit" or @type="button"'
CONTROLS+=' or @type="reset" or @type="image")] | //select | //textarea'
LABELLED='@aria-label or @aria-labelledby or ancestor::label'
LABELLED+=' or (@id and @id = //label/@for)'
IDREFS='//@for | //@form | //@list | //@aria-labelledby'
IDREFS+=' | //@aria-describedby | //@aria-controls'

# check_tidy: tidy finds no error and no structural warning in the last
# body but the allowed one.
check_tidy() {
	local out rc
	out=$(tidy -q -e -utf8 "$BODY" 2>&1)
	rc=$?
	out=$(printf '%s\n' "$out" | grep -E "$TIDY_BAD" |
	    grep -Ev "$TIDY_ALLOWED")
	if [ $rc -ge 2 ] || [ -n "$out" ]; then
		ok 1 "$WHAT: valid HTML (tidy)"
		diag "tidy exit $rc" "$out"
		return 1
	fi
	ok 0 "$WHAT: valid HTML (tidy)"
}

# attr_values XPATH: the values of the attributes XPATH selects in the
# last body, one word a line (an IDREFS list is split).
attr_values() {
	xpath "$1" | grep -oE '="[^"]*"' | sed -e 's/^="//' -e 's/"$//' |
	    tr ' ' '\n' | grep -v '^$'
}

# check_markup: <html lang>, a <title> with text, one <h1>, every
# control labelled, and every id reference naming an element, in the
# last body.
check_markup() {
	local v
	v=$(xpath 'string(/html/@lang)')
	printf '%s\n' "$v" | grep -Eqx '[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*'
	ok $? "$WHAT: <html lang=\"$v\">"
	v=$(xpath 'normalize-space(/html/head/title)')
	[ -n "$v" ]
	ok $? "$WHAT: a <title> with text"
	is "$(xpath 'count(//h1)')" 1 "$WHAT: one <h1>"
	v=$(xpath "($CONTROLS)[not($LABELLED)]")
	v+=$(xpath '//label[@for][not(@for = //input/@id
	    or @for = //select/@id or @for = //textarea/@id)]')
	if [ -n "$v" ]; then
		ok 1 "$WHAT: every control labelled, every label for one"
		diag "$v"
	else
		ok 0 "$WHAT: every control labelled, every label for one"
	fi
	v=$(comm -13 <(attr_values '//@id' | sort -u) \
	    <(attr_values "$IDREFS" | sort -u))
	[ -z "$v" ]
	ok $? "$WHAT: every id that an attribute names is on the page" ||
	    diag "no element with the id: $v"
}

# check_page: check_tidy and check_markup on the last body.
check_page() {
	check_tidy
	check_markup
}

# The paths of the GET requests whose pages were checked, for the
# route test at the end; not those that got a 404 or 405, which the
# router gives for a path or method it has no route for.
VISITED=()

# visit URI STATUS: GET URI as $WHO, check the status and the page.
visit() {
	WHAT="GET $1 as $WHO"
	fetch GET "$1"
	case $STATUS in
	404 | 405) ;;
	*) VISITED+=("${1%%\?*}") ;;
	esac
	is "$STATUS" "$2" "$WHAT: status $2" ||
	    diag "$(head -c 300 "$BODY")"
	check_page
}

# submit STATUS FORM_URI POST_URI NAME=VALUE...: as $WHO, post the form
# of FORM_URI that posts to POST_URI (lib.sh's form_post), and check the
# status and, unless it is a redirect, the page.
submit() {
	local want=$1
	shift
	form_post "$@"
	WHAT="POST $2 as $WHO (from $1)"
	is "$STATUS" "$want" "$WHAT: status $want" ||
	    diag "$(head -c 300 "$BODY")"
	case $want in
	3??) ;;
	*) check_page ;;
	esac
}

# as NAME: act as NAME with NAME's cookie jar, logging in on first use
# ("visitor" is nobody).
as() {
	WHO=$1
	JAR=$WEB_TMP/jar.$1
	if [ "$1" != visitor ] && [ ! -e "$JAR.in" ]; then
		login_as "$1" "$PASS"
		[ "$STATUS" = 303 ] || bail "log in as $1: $STATUS"
		touch "$JAR.in"
	fi
}

# qid_of PATH: the question id in /q/ID/...
qid_of() {
	printf '%s' "$1" | sed -n 's|^/q/\([0-9]*\).*|\1|p'
}

# --- content -------------------------------------------------------------

as alice
submit 303 /ask /ask "title=How do I check the markup of every page?" \
    "body=Each template may leave a tag open; what finds that early?" \
    "tags=markup testing" "notify=1" "post=1"
Q1=$(location_path)
Q1ID=$(qid_of "$Q1")
submit 303 /ask /ask "title=What finds unclosed tags in my templates?" \
    "body=The same question again, asked in other words by alice." \
    "tags=markup" "post=1"
Q2=$(location_path)
Q2ID=$(qid_of "$Q2")
[ -n "$Q1ID" ] && [ -n "$Q2ID" ] || bail "alice could not ask"

as bob
submit 303 "$Q1" "/q/$Q1ID/answer" \
    "body=Run tidy over each page in the tests and fail on its errors."
A1ID=$(location_path | sed -n 's/.*#a\([0-9]*\)$/\1/p')
submit 303 "$Q1" "/q/$Q1ID/comment" "body=Which tidy version, though?"
C1ID=$(location_path | sed -n 's/.*#c\([0-9]*\)$/\1/p')
submit 303 "$Q1" "/a/$A1ID/comment" "body=The one Debian ships will do."
[ -n "$A1ID" ] || bail "bob could not answer"

as alice
submit 303 "$Q1" "/q/$Q1ID/accept/$A1ID"
submit 303 "/post/$Q1ID/edit" "/post/$Q1ID/edit" \
    "title=How do I check the markup of every page type?" \
    "body=Each template may leave a tag open; which tool finds that early?" \
    "tags=markup testing html" "reason=clearer"
Q1=$(location_path | sed 's/#.*//')
submit 303 "$Q1" "/post/$A1ID/flag" "reason=other" "note=checking flags"

as mod
submit 303 "$Q2" "/moderate/close/$Q2ID" "reason=asked before" \
    "duplicate_of=$Q1ID" "next=$Q2"
submit 303 /moderate/ips /moderate/ips "cidr=203.0.113.7" "reason=test"
submit 303 "$Q1" "/moderate/post/$C1ID" "action=hide" "next=$Q1"
submit 303 "$Q2" "/moderate/post/$Q2ID" "action=lock" "next=$Q2"

as adm
submit 303 /moderate/user/spammer /moderate/user/spammer/nuke \
    "reason=spam" "sure=1"
NUKED=$(location_path)

# --- a visitor -------------------------------------------------------------

as visitor
TAG=markup
CAT=$(site_sql "SELECT slug FROM categories ORDER BY id LIMIT 1")
CATID=$(site_sql "SELECT id FROM categories ORDER BY id LIMIT 1")
visit / 200
visit /questions 200
visit '/questions?page=2' 200
visit '/questions?sort=unanswered' 200
visit '/questions?page=999' 200
visit "$Q1" 200
visit "$Q2" 200
visit /tags 200
visit '/tags?page=2' 200
visit '/tags?q=zzzz' 200
visit "/tag/$TAG" 200
visit /categories 200
visit "/c/$CAT" 200
visit /users 200
visit /user/alice 200
visit /user/mod 200
visit /search 200
visit '/search?q=markup' 200
visit '/search?q=anxiety&page=2' 200
visit '/search?q=anxeity' 200
visit '/search?q=zzqqxxnothing' 200
visit "/search?q=$(printf 'long%.0s' {1..70})" 400
visit /login 200
visit '/login?next=/ask' 200
visit /register 200
visit /forgot 200
visit '/reset?t=not-a-token' 400
visit '/confirm?t=not-a-token' 400
visit /unsubscribe 400
visit '/unsubscribe?done=1' 200
visit /ask 200
visit "/post/$Q1ID/revisions" 200
visit /no-such-page 404
visit '/questions?page=abc' 400
visit /post/999999/revisions 404

# The forms again with their errors, previews, and the page after a
# visitor posts (queued here) with the link to manage the post.
submit 422 /ask /ask "title=" "body=A body long enough to pass its check." \
    "post=1"
submit 200 /ask /ask "title=How do I preview a question first?" \
    "body=A body long enough to pass its check, shown as a *preview*." \
    "tags=markup" "preview=1"
submit 200 /ask /ask "title=A visitor asks how markup is checked here" \
    "body=A body long enough to pass its check, from a visitor." \
    "name=Val Visitor" "email=val@example.org" "post=1"
MANAGE=$(grep -oE '/post/[0-9]+/manage\?key=[A-Za-z0-9_-]+' "$BODY" |
    head -n 1)
VQ=$(grep -oE 'href="/q/[0-9]+/[^"#]*"' "$BODY" | head -n 1 |
    sed -e 's/^href="//' -e 's/"$//')
VID=$(printf '%s' "$MANAGE" | sed 's|^/post/\([0-9]*\)/.*|\1|')
[ -n "$MANAGE" ] || diag "no manage link on the page after posting"
visit "$MANAGE" 200
visit "/post/$VID/edit?key=${MANAGE#*key=}" 200
submit 422 "$Q1" "/q/$Q1ID/answer" "body=" "name=Val"
submit 200 "$Q1" "/q/$Q1ID/answer" "body=A previewed answer with **bold**." \
    "preview=1"
submit 422 "$Q1" "/q/$Q1ID/comment" "body="
submit 200 "$Q1" "/q/$Q1ID/comment" "body=A previewed comment, *quite* short." \
    "preview=1"
submit 422 /login /login "login=alice" "password=wrong-password-here"
submit 422 /register /register "handle=x" "email=nope" \
    "password=short" "password2=other"

# A reset link from the forgot form, and the page after it is sent.
mail_settle
n=$(mail_count)
submit 303 /forgot /forgot "login=alice"
visit "$(location_path)" 200
mail_wait $((n + 1)) || diag "no reset mail"
RESET=$(mail_last | grep -oE '/reset\?t=[A-Za-z0-9_-]+' | head -n 1)
visit "$RESET" 200
submit 422 "$RESET" /reset "t=${RESET#*t=}" "password=short" \
    "password2=other"

# --- members ---------------------------------------------------------------

as bob
visit "$Q1" 200
visit /ask 200
visit /account 200
visit '/account?done=profile' 200
visit /moderate 403
visit "/post/$Q1ID/edit" 403
visit /account/password 405
submit 422 /account /account/password "current=wrong-password-here" \
    "password=$PASS-new" "password2=$PASS-new"
submit 422 "$Q1" "/q/$Q1ID/answer" "body="
submit 422 /ask /ask "title=" "body=" "post=1"
visit "/post/$A1ID/edit" 200
submit 422 "/post/$A1ID/edit" "/post/$A1ID/edit" "body=" "reason=x"
submit 200 "/post/$A1ID/edit" "/post/$A1ID/edit" \
    "body=Run tidy over each page, and *fail* on its errors." "preview=1"

as alice
visit "$Q1" 200
visit /user/alice 200
visit "/post/$Q1ID/edit" 200
TOKEN=$(site_sql "SELECT token FROM subscriptions WHERE user_id =
    (SELECT id FROM users WHERE handle = 'alice') LIMIT 1")
[ -n "$TOKEN" ] || diag "alice has no subscription"
visit "/unsubscribe?t=$TOKEN" 200
visit "/post/$VID/manage?key=${MANAGE#*key=}" 200

# --- moderators ------------------------------------------------------------

as mod
visit "$Q1" 200
visit "$Q2" 200
visit "$VQ" 200
visit /moderate 200
visit /moderate/log 200
visit /moderate/ips 200
visit /moderate/user/bob 200
visit /moderate/user/no-such-user 404
visit '/moderate?page=abc' 400
visit /moderate/settings 403
submit 303 /moderate/user/bob /moderate/user/bob/block "block=1" \
    "reason=testing"
visit /moderate/user/bob 200
visit /user/bob 200

as adm
visit "$NUKED" 200
visit /moderate/settings 200
visit '/moderate/settings?done=1' 200
visit /moderate/categories 200
visit "/moderate/categories/$CATID" 200
submit 422 /moderate/categories /moderate/categories "name=" "slug="
submit 422 "/moderate/categories/$CATID" "/moderate/categories/$CATID" \
    "name=" "slug="
submit 422 /moderate/settings /moderate/settings "page_size=1"

as visitor
WHAT="DELETE / as visitor"
fetch DELETE /
is "$STATUS" 405 "$WHAT: status 405"
check_page

# --- the routes with no HTML page -------------------------------------------

# "ROUTE URL WHY": a GET route with no HTML page, a URL it answers, and
# what it answers with and where that is checked; the URL must not give
# an HTML page.
NOT_HTML=(
	"/q/{} /q/$Q1ID a 301 to /q/{}/{}: nginx.t, cgi.t"
	"/account/data /account/data the account as JSON: accounts.t"
	"/feed/questions.atom /feed/questions.atom Atom: feeds.t"
	"/feed/tag/{} /feed/tag/$TAG.atom Atom: feeds.t"
	"/feed/c/{} /feed/c/$CAT.atom Atom: feeds.t"
	"/feed/q/{} /feed/q/$Q1ID.atom Atom: feeds.t"
	"/sitemap.xml /sitemap.xml a sitemap: feeds.t"
	"/sitemap/{} /sitemap/q-1.xml a sitemap: feeds.t"
	"/robots.txt /robots.txt plain text: feeds.t"
)
as alice
for r in "${NOT_HTML[@]}"; do
	set -- $r
	WHAT="GET $2 as $WHO"
	fetch GET "$2"
	case $STATUS in
	3??) ok 0 "$WHAT: no HTML page (${r#* * })" ;;
	200)
		! header Content-Type | grep -qi '^text/html'
		ok $? "$WHAT: no HTML page (${r#* * })" ||
		    diag "Content-Type: $(header Content-Type)"
		;;
	*)
		ok 1 "$WHAT: no HTML page (${r#* * })"
		diag "status $STATUS"
		;;
	esac
done

# --- every GET route is checked ---------------------------------------------

# get_routes: the path of every GET route in the route tables of
# cgi-bin/*.c, one a line; a flags word that is a macro (view.c's PAGE)
# is looked up in the #defines of its file.
get_routes() {
	awk '
	FNR == 1 { split("", def); tab = 0 }
	/^#define[ \t]+[A-Z_]+[ \t]/ {
		d = $0
		sub(/^#define[ \t]+[A-Z_]+[ \t]+/, "", d)
		def[$2] = d
	}
	/^static const struct route routes\[\]/ { tab = 1; next }
	tab && /^};/ { tab = 0 }
	tab && match($0, /\{[ \t]*"[^"]*",[ \t]*[^,]*/) {
		s = substr($0, RSTART, RLENGTH)
		path = s
		sub(/^\{[ \t]*"/, "", path)
		sub(/".*/, "", path)
		flags = s
		sub(/^[^,]*,[ \t]*/, "", flags)
		if (flags in def)
			flags = def[flags]
		if (flags ~ /ROUTE_GET/)
			print path
	}' "$top_srcdir"/cgi-bin/*.c
}

# route_visited ROUTE: a URL path whose page was checked above is one of
# ROUTE's (each {} one path segment).
route_visited() {
	local re v
	re="^$(printf '%s' "$1" | sed -e 's/\./\\./g' -e 's|{}|[^/]+|g')\$"
	for v in "${VISITED[@]}"; do
		[[ $v =~ $re ]] && return 0
	done
	return 1
}

# not_html ROUTE: ROUTE's entry in NOT_HTML, or nothing.
not_html() {
	local r
	for r in "${NOT_HTML[@]}"; do
		[ "${r%% *}" = "$1" ] && printf '%s' "$r"
	done
}

n=0
while IFS= read -r r; do
	n=$((n + 1))
	if route_visited "$r"; then
		ok 0 "GET route $r: its pages are checked above"
	elif [ -n "$(not_html "$r")" ]; then
		ok 0 "GET route $r: no HTML page ($(not_html "$r" |
		    cut -d ' ' -f 3-))"
	else
		ok 1 "GET route $r: its pages are checked above"
		diag "a new GET route: visit it above, or add it to NOT_HTML" \
		    "with what it answers and where that is checked"
	fi
done < <(get_routes)
[ "$n" -ge 30 ]
ok $? "the route tables were read ($n GET routes)"

done_testing
