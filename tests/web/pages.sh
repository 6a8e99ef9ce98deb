# tests/web/pages.sh: the page checks shared by nginx.t and cgi.t, so that
# the site behind nginx + FastCGI and the same binary as plain CGI answer
# the same requests the same way.  Needs lib.sh and a site from site_init.
#
#   pages_prepare   changes the demo database before any server starts
#                   (settings are cached per process): test settings and
#                   a question, answer and comment full of script.
#   pages_run       every check, through `fetch` in $WEB_MODE.

XSS_TITLE='<script>alert(1)</script> title test'
XSS_TAG=xss-test
SITE_NAME='Test Q&A <Site>'
WELCOME='Welcome marker 7421: ask anything.'

# pages_prepare: set the site name and welcome text, add the hostile
# posts, and render them with qa-admin reindex.  Sets QID/QSLUG (a demo
# question with answers and comments), XID/XSLUG (the hostile question),
# TAG, CAT, HANDLE.
pages_prepare() {
	local now uid

	site_sql "UPDATE settings SET value = '$(printf '%s' "$SITE_NAME" |
	    sed "s/'/''/g")' WHERE key = 'site_name';
	    UPDATE settings SET value = '$WELCOME' WHERE key = 'welcome';" ||
	    bail "cannot change the settings"

	# A demo question with the most answers, preferring one with comments.
	QID=$(site_sql "SELECT q.id FROM posts q WHERE q.type = 1
	    AND q.status = 1 AND q.answer_count > 0 ORDER BY EXISTS (SELECT 1
	    FROM posts c WHERE c.type = 3 AND c.status = 1
	    AND c.question_id = q.id) DESC, q.answer_count DESC, q.id LIMIT 1")
	[ -n "$QID" ] || bail "the demo database has no answered question"
	QSLUG=$(site_sql "SELECT slug FROM posts WHERE id = $QID")
	# The busiest tag, category and asker, counted from the rows.
	TAG=$(site_sql "SELECT g.name FROM tags g JOIN post_tags t
	    ON t.tag_id = g.id JOIN posts p ON p.id = t.post_id
	    WHERE p.type = 1 AND p.status = 1
	    AND g.name NOT GLOB '*[^a-z0-9.-]*'
	    GROUP BY g.id ORDER BY count(*) DESC, g.name LIMIT 1")
	CAT=$(site_sql "SELECT c.slug FROM categories c JOIN posts p
	    ON p.category_id = c.id WHERE p.type = 1 AND p.status = 1
	    AND c.slug NOT GLOB '*[^a-z0-9-]*'
	    GROUP BY c.id ORDER BY count(*) DESC, c.id LIMIT 1")
	HANDLE=$(site_sql "SELECT u.handle FROM users u JOIN posts p
	    ON p.user_id = u.id WHERE p.type = 1 AND p.status = 1
	    AND u.blocked = 0 AND u.handle NOT GLOB '*[^A-Za-z0-9_.-]*'
	    GROUP BY u.id ORDER BY count(*) DESC, u.id LIMIT 1")
	uid=$(site_sql "SELECT id FROM users WHERE handle = '$HANDLE'")
	[ -n "$TAG" ] || bail "the demo database has no tag"
	[ -n "$CAT" ] || bail "the demo database has no category"
	[ -n "$uid" ] || bail "the demo database has no user with questions"

	now=$(date +%s)
	XSLUG=script-alert-1-script-title-test
	XID=$(site_sql "BEGIN;
	    INSERT INTO tags (name, qcount) VALUES ('$XSS_TAG', 1);
	    INSERT INTO posts (type, title, slug, body_md, body_html, tags,
		user_id, created, activity, answer_count, comment_count)
	    VALUES (1, '$XSS_TITLE', '$XSLUG',
		'Body <script>alert(1)</script> and a [x](javascript:alert(1))'
		|| ' link and **strong words** here.', '', '$XSS_TAG',
		$uid, $now, $now, 1, 1);
	    UPDATE posts SET question_id = id WHERE id = last_insert_rowid();
	    INSERT INTO post_tags (tag_id, post_id) VALUES ((SELECT id FROM
		tags WHERE name = '$XSS_TAG'), (SELECT id FROM posts
		WHERE slug = '$XSLUG'));
	    UPDATE users SET qcount = qcount + 1 WHERE id = $uid;
	    SELECT id FROM posts WHERE slug = '$XSLUG';
	    COMMIT;") || bail "cannot insert the hostile question"
	site_sql "INSERT INTO posts (type, parent_id, question_id, body_md,
		body_html, user_id, created, activity)
	    VALUES (2, $XID, $XID, 'Answer <img src=x onerror=alert(2)> and'
		|| ' <script>alert(3)</script> with *emphasis*.', '', $uid,
		$now, $now);
	    INSERT INTO posts (type, parent_id, question_id, body_md,
		body_html, user_id, created, activity)
	    VALUES (3, $XID, $XID, 'Comment [y](javascript:alert(4)) and'
		|| ' <b onmouseover=alert(5)>bold</b>.', '', $uid, $now,
		$now);" || bail "cannot insert the hostile answer and comment"
	"$QA_ADMIN" -d "$DB" reindex > "$WEB_TMP/reindex.out" 2>&1 ||
	    { diag "$(cat "$WEB_TMP/reindex.out")"; bail "qa-admin reindex failed"; }
}

# page_text FILE: the file's text without tags, one line per input line.
page_text() {
	sed -e 's/<[^>]*>//g' "$1"
}

# snippet HTML: the first 40 bytes of text of the first line of HTML that
# has some, to look for in a page's text.
snippet() {
	printf '%s\n' "$1" | sed -e 's/<[^>]*>//g' -e 's/^[ \t]*//' |
	    grep -m 1 '[[:alnum:]]' | LC_ALL=C cut -c 1-40
}

# check_headers WHAT: the security headers (and, but for redirects and
# HEAD's empty body, the content type) on the last response.
check_headers() {
	local csp scripts problems=
	csp=$(header Content-Security-Policy)
	scripts=$(printf '%s' "$csp" | tr ';' '\n' |
	    sed -n 's/^ *script-src\( \|$\)/&/p')
	[ -n "$scripts" ] || scripts=$(printf '%s' "$csp" | tr ';' '\n' |
	    sed -n 's/^ *default-src\( \|$\)/&/p')
	[ -n "$csp" ] || problems="$problems no Content-Security-Policy;"
	[ -n "$scripts" ] ||
	    problems="$problems CSP has neither script-src nor default-src;"
	case $scripts in
	*unsafe-inline* | *unsafe-eval* | *\**)
		problems="$problems CSP allows inline or foreign script;" ;;
	esac
	printf '%s' "$csp" | grep -q "frame-ancestors 'none'" ||
	    problems="$problems no frame-ancestors 'none';"
	[ "$(header X-Content-Type-Options)" = nosniff ] ||
	    problems="$problems no X-Content-Type-Options: nosniff;"
	[ -n "$(header Referrer-Policy)" ] ||
	    problems="$problems no Referrer-Policy;"
	case $STATUS in
	3??) ;;
	*)
		header Content-Type | grep -Eqi \
		    '^text/html; *charset=utf-8$' ||
		    problems="$problems Content-Type is '$(header Content-Type)';"
		;;
	esac
	if [ -n "$problems" ]; then
		ok 1 "$WHAT: security headers and content type"
		diag "$problems" "$(cat "$HDRS")"
		return 1
	fi
	ok 0 "$WHAT: security headers and content type"
}

# req METHOD URI STATUS: fetch, check the status and the headers.
req() {
	WHAT="$1 $2"
	fetch "$1" "$2"
	is "$STATUS" "$3" "$WHAT: status $3"
	check_headers
}

# has TEXT DESC / lacks TEXT DESC: the last body holds TEXT (fixed string).
has() {
	grep -qF -- "$1" "$BODY"
	ok $? "$WHAT: $2" || diag "no '$1' in the page"
}
lacks() {
	if grep -qiF -- "$1" "$BODY"; then
		ok 1 "$WHAT: $2"
		diag "$(grep -iF -- "$1" "$BODY" | head -n 3 | cut -c 1-300)"
	else
		ok 0 "$WHAT: $2"
	fi
}

# has_text HTML DESC: the last body's text holds the text of HTML.
has_text() {
	local s
	s=$(snippet "$1")
	if [ -z "$s" ]; then
		ok 1 "$WHAT: $2"
		diag "no text in '$1'"
		return 1
	fi
	page_text "$BODY" | grep -qF -- "$s"
	ok $? "$WHAT: $2" || diag "no '$s' in the page's text"
}

# head_headers: the last response's headers that GET and HEAD share, sorted;
# a cookie's value is left out (a page with a form gives each visitor a
# new CSRF cookie), its name and attributes are kept; X-Cache (whether
# nginx had a copy) may differ.
head_headers() {
	grep -Eiv '^(date|content-length|connection|keep-alive|transfer-encoding|x-cache):' \
	    "$HDRS" | sed -E 's/^([Ss]et-[Cc]ookie: *[^=]*=)[^;]*/\1.../' | sort
}

# head_matches URI: HEAD gives GET's status and headers and no body.
head_matches() {
	local get_status get_hdrs
	fetch GET "$1"
	get_status=$STATUS
	get_hdrs=$(head_headers)
	WHAT="HEAD $1"
	fetch HEAD "$1"
	is "$STATUS" "$get_status" "$WHAT: same status as GET ($get_status)"
	is "$(head_headers)" "$get_hdrs" "$WHAT: same headers as GET"
	is "$(wc -c < "$BODY" | tr -d ' ')" 0 "$WHAT: empty body"
}

# well_formed: the last body passes tidy with no error and none of the
# warnings that mean broken structure (a tag closed twice or never,
# a repeated attribute, a stray quote or &).  Skipped without tidy.
well_formed() {
	local out
	if ! command -v tidy >/dev/null; then
		skip "$WHAT: tidy not installed"
		return
	fi
	# Tidy 5.6 does not know that HTML 5.2 lets <div> group <dt>/<dd>
	# in a <dl>: its complaints about those are dropped.
	out=$(tidy -q -e -utf8 "$BODY" 2>&1 | grep -E \
	    'Error:|discarding unexpected|missing </|repeated attribute|isn.t allowed in|unexpected or duplicate quote|end of file while parsing|unknown entity|unescaped &|replacing invalid|missing .>. for end of tag|nested emphasis' |
	    grep -Ev 'missing </(div|dl)> before (<dt>|</div>)')
	if [ -n "$out" ]; then
		ok 1 "$WHAT: well-formed HTML (tidy)"
		diag "$out"
	else
		ok 0 "$WHAT: well-formed HTML (tidy)"
	fi
}

# no_script_injection: the hostile posts come out harmless on this page.
no_script_injection() {
	has "$(html_escape "$XSS_TITLE")" "hostile title shown escaped"
	lacks '<script>alert' "no raw <script>alert"
	if grep -Eqi "(href|src|action)[[:space:]]*=[[:space:]]*[\"']?[[:space:]]*javascript:" \
	    "$BODY"; then
		ok 1 "$WHAT: no javascript: URL"
		diag "$(grep -Eoi ".{0,40}javascript:.{0,40}" "$BODY" | head -n 3)"
	else
		ok 0 "$WHAT: no javascript: URL"
	fi
	if grep -Eqi '<[^>]*[[:space:]]on[a-z]+[[:space:]]*=' "$BODY"; then
		ok 1 "$WHAT: no on* event attribute"
		diag "$(grep -Eoi '<[^>]*[[:space:]]on[a-z]+[[:space:]]*=[^>]*>' \
		    "$BODY" | head -n 3)"
	else
		ok 0 "$WHAT: no on* event attribute"
	fi
}

pages_run() {
	local title body n npages size

	# --- the pages a reader sees ---------------------------------------
	req GET / 200
	well_formed
	has "$(html_escape "$SITE_NAME")" "site name from the settings, escaped"
	has "$WELCOME" "welcome text from the settings"
	lacks "$SITE_NAME" "site name never unescaped"
	site_sql "SELECT title FROM posts WHERE type = 1 AND status = 1
	    AND id <> $XID ORDER BY created DESC, id DESC LIMIT 3" > "$WEB_TMP/titles"
	n=0
	while IFS= read -r title; do
		n=$((n + 1))
		has "$(html_escape "$title")" "newest question $n listed"
	done < "$WEB_TMP/titles"
	[ "$n" -gt 0 ] || { ok 1 "the demo database has questions"; }

	req GET "/q/$QID/$QSLUG" 200
	well_formed
	title=$(site_sql "SELECT title FROM posts WHERE id = $QID")
	has "$(html_escape "$title")" "question title"
	body=$(site_sql "SELECT body_html FROM posts WHERE id = $QID")
	has_text "$body" "question body"
	n=0
	for body in $(site_sql "SELECT id FROM posts WHERE type = 2
	    AND status = 1 AND question_id = $QID ORDER BY id LIMIT 5"); do
		n=$((n + 1))
		has_text "$(site_sql "SELECT body_html FROM posts
		    WHERE id = $body")" "answer $n's text"
	done
	[ "$n" -gt 0 ] || ok 1 "question $QID has answers in the database"
	n=0
	for body in $(site_sql "SELECT id FROM posts WHERE type = 3
	    AND status = 1 AND question_id = $QID ORDER BY id LIMIT 5"); do
		n=$((n + 1))
		has_text "$(site_sql "SELECT body_html FROM posts
		    WHERE id = $body")" "comment $n's text"
	done
	[ "$n" -gt 0 ] || diag "the demo question $QID has no comments"

	req GET /questions 200
	well_formed
	size=$(site_sql "SELECT value FROM settings WHERE key = 'page_size'")
	size=${size:-20}
	npages=$(site_sql "SELECT (count(*) + $size - 1) / $size FROM posts
	    WHERE type = 1 AND status = 1")
	req GET '/questions?sort=votes&page=2' 200
	if [ "$npages" -ge 2 ]; then
		title=$(site_sql "SELECT title FROM posts WHERE type = 1
		    AND status = 1 ORDER BY score DESC, created DESC
		    LIMIT 1 OFFSET $size")
		has "$(html_escape "$title")" "question $((size + 1)) by votes"
		title=$(site_sql "SELECT title FROM posts WHERE type = 1
		    AND status = 1 ORDER BY score DESC, created DESC LIMIT 1")
		lacks "$(html_escape "$title")" "not the first by votes"
		has 'href="/questions?sort=votes"' "link to the first page"
	else
		diag "only $npages page(s) of questions: page 2 is empty"
	fi
	for n in newest active votes unanswered; do
		req GET "/questions?sort=$n" 200
	done
	req GET /tags 200
	well_formed
	has "/tag/$TAG\"" "tag $TAG linked"
	req GET "/tag/$TAG" 200
	well_formed
	title=$(site_sql "SELECT p.title FROM posts p JOIN post_tags t
	    ON t.post_id = p.id JOIN tags g ON g.id = t.tag_id
	    WHERE g.name = '$TAG' AND p.status = 1 AND p.type = 1
	    ORDER BY p.created DESC LIMIT 1")
	has "$(html_escape "$title")" "newest question tagged $TAG"
	req GET /categories 200
	well_formed
	has "$(html_escape "$(site_sql "SELECT name FROM categories
	    WHERE slug = '$CAT'")")" "category name listed"
	req GET "/c/$CAT" 200
	well_formed
	req GET /users 200
	well_formed
	has "$HANDLE" "user $HANDLE listed"
	req GET "/user/$HANDLE" 200
	well_formed
	has "$HANDLE" "handle shown"

	# --- not found -----------------------------------------------------
	req GET /no-such-page 404
	well_formed
	req GET /q/99999999/nothing 404
	req GET /q/99999999 404
	req GET /tag/no-such-tag-zz 404
	req GET /user/no-such-user-zz 404
	req GET /c/no-such-category-zz 404
	has "$(html_escape "$SITE_NAME")" "error page in the site's layout"

	# --- bad input -----------------------------------------------------
	req GET '/questions?page=abc' 400
	req GET '/questions?page=0' 400
	req GET '/questions?page=-1' 400
	req GET '/questions?page=99999999999999999999' 400
	req GET '/questions?sort=bogus' 400
	req GET '/?sort=bogus' 400

	# --- methods: view only reads ----------------------------------------
	req DELETE / 405
	like "$(header Allow)" 'GET' "$WHAT: Allow lists GET"
	WHAT="POST /"
	fetch POST /
	like "$STATUS" '^(403|405)$' "$WHAT: refused with 403 or 405"
	check_headers

	# --- canonical URLs ------------------------------------------------
	req GET "/q/$QID/wrong-slug" 301
	like "$(header Location)" "^(https?://[^/]+)?/q/$QID/$QSLUG\$" \
	    "$WHAT: Location is the canonical URL"
	req GET "/q/$QID" 301
	like "$(header Location)" "^(https?://[^/]+)?/q/$QID/$QSLUG\$" \
	    "$WHAT: Location is the canonical URL"

	# --- HEAD ----------------------------------------------------------
	head_matches /
	head_matches "/q/$QID/$QSLUG"
	head_matches /no-such-page
	head_matches '/questions?page=abc'

	# --- hostile content -------------------------------------------------
	is "$(site_sql "SELECT count(*) FROM posts WHERE id >= $XID
	    AND body_html = ''")" 0 "qa-admin reindex rendered the posts"
	req GET / 200
	no_script_injection
	req GET "/q/$XID/$XSLUG" 200
	well_formed
	no_script_injection
	has '<strong>strong words</strong>' "question body rendered"
	has '<em>emphasis</em>' "answer rendered"
	req GET "/tag/$XSS_TAG" 200
	no_script_injection
	req GET "/user/$HANDLE" 200
	no_script_injection
	req GET /questions 200
	no_script_injection
	req GET '/questions?sort=newest' 200
	no_script_injection
}
