#!/bin/bash
# gen.t: bench/gen, the benchmark site generator, at a small size: the
# numbers of rows keep their ratios to -q, every counter is what
# `qa-admin recount` would compute, the search index holds exactly the
# visible questions, the same seed gives the same content, and the view
# program (plain CGI) serves pages from the generated database.
. "$(dirname "$0")/lib.sh"

GEN=$top_builddir/bench/gen
[ -x "$GEN" ] || bail "$GEN not built (run make first)"

WEB_MODE=cgi
site_init
Q=300

# sql QUERY: one value from the generated database.
sql() {
	site_sql "$1"
}

# --- generating ----------------------------------------------------------
"$GEN" -q $Q "$DB" > "$WEB_TMP/gen.out" 2>&1
[ $? -ne 0 ]
ok $? "refuses to overwrite an existing database without -f"
like "$(cat "$WEB_TMP/gen.out")" 'exists' "says why"

"$GEN" -f -q $Q -s 42 "$DB" > "$WEB_TMP/gen.out" 2>&1
ok $? "bench/gen -f -q $Q writes a site" ||
    diag "$(tail -n 20 "$WEB_TMP/gen.out")"
like "$(cat "$WEB_TMP/gen.out")" 'recount: 0 rows changed' \
    "its own recount changes nothing"
like "$(cat "$WEB_TMP/gen.out")" 'integrity_check: ok' \
    "its own integrity check passes"

version=$(sed -n 's/^PRAGMA user_version = \([0-9]*\);$/\1/p' \
    "$top_srcdir/sql/schema.sql")
is "$(sql "PRAGMA user_version")" "$version" \
    "the schema version of sql/schema.sql"
is "$(sql "PRAGMA journal_mode")" wal "left in WAL mode"
is "$(sql "PRAGMA integrity_check")" ok "PRAGMA integrity_check says ok"
is "$(sql "SELECT count(*) FROM pragma_foreign_key_check")" 0 \
    "no foreign key points nowhere"
is "$("$QA_ADMIN" -d "$DB" recount)" "recount: 0 rows changed" \
    "qa-admin recount changes no row"

# --- how much of each ----------------------------------------------------
is "$(sql "SELECT count(*) FROM posts WHERE type = 1")" $Q "$Q questions"
n=$(sql "SELECT count(*) FROM posts WHERE type = 2")
[ "$n" -ge $((Q * 5 / 2)) ] && [ "$n" -le $((Q * 7 / 2)) ]
ok $? "about 3 answers per question ($n)"
n=$(sql "SELECT count(*) FROM posts WHERE type = 3")
[ "$n" -ge $((Q * 3 / 2)) ] && [ "$n" -le $((Q * 5 / 2)) ]
ok $? "about 2 comments per question ($n)"
is "$(sql "SELECT count(*) FROM users")" $((Q / 5)) "a user per 5 questions"
is "$(sql "SELECT count(*) FROM tags")" 20 "20 tags (the least there is)"
n=$(sql "SELECT count(*) FROM votes")
[ "$n" -ge $((Q * 6)) ] && [ "$n" -le $((Q * 11)) ]
ok $? "up to 10 votes per question ($n)"
is "$(sql "SELECT count(*), min(depth), max(depth) FROM categories")" \
    "30|0|3" "30 categories, 4 levels deep"
is "$(sql "SELECT count(*) FROM categories c JOIN categories p
    ON p.id = c.parent_id WHERE c.depth <> p.depth + 1")" 0 \
    "a category is one level below its parent"
is "$(sql "SELECT count(*) FROM posts WHERE type = 1 AND (tags = '' OR
    (SELECT count(*) FROM post_tags WHERE post_id = posts.id)
    NOT BETWEEN 1 AND 5)")" 0 "every question has 1 to 5 tags"
is "$(sql "SELECT count(*) FROM posts p JOIN post_tags t
    ON t.post_id = p.id WHERE instr(' ' || p.tags || ' ',
    ' ' || (SELECT name FROM tags WHERE id = t.tag_id) || ' ') = 0")" 0 \
    "posts.tags names the post_tags rows"
n=$(sql "SELECT count(*) FROM posts WHERE type = 1 AND status = 1
    AND answer_count = 0")
[ "$n" -gt 0 ] && [ "$n" -lt $((Q / 4)) ]
ok $? "some questions are unanswered ($n)"
[ "$(sql "SELECT count(*) FROM posts WHERE type = 1
    AND accepted_id IS NOT NULL")" -gt $((Q / 5)) ]
ok $? "many questions have a best answer"
is "$(sql "SELECT count(*) FROM posts q JOIN posts a ON a.id = q.accepted_id
    WHERE a.type <> 2 OR a.parent_id <> q.id OR a.status <> 1")" 0 \
    "best answers are visible answers of their question"
[ "$(sql "SELECT count(*) FROM posts WHERE user_id IS NULL
    AND anon_name IS NOT NULL")" -gt 0 ]
ok $? "some posts are anonymous, with a name"
[ "$(sql "SELECT count(*) FROM posts WHERE edited IS NOT NULL")" -gt 0 ]
ok $? "some posts are edited"
is "$(sql "SELECT count(*) FROM posts p WHERE (SELECT count(*)
    FROM revisions r WHERE r.post_id = p.id) <> 1 + (p.edited IS NOT NULL)")" \
    0 "edited posts have two revisions, the others one"
is "$(sql "SELECT count(*) FROM votes v JOIN posts p ON p.id = v.post_id
    WHERE v.user_id IS p.user_id")" 0 "nobody votes on their own post"
is "$(sql "SELECT count(*) FROM posts WHERE length(body_html) < 10")" 0 \
    "every post has its HTML"

# --- the search index ----------------------------------------------------
is "$(sql "SELECT count(*) FROM posts_fts")" \
    "$(sql "SELECT count(*) FROM posts WHERE type = 1 AND status = 1")" \
    "one search index row per visible question"
is "$(sql "SELECT count(*) FROM posts_fts f JOIN posts p ON p.id = f.rowid
    WHERE p.type <> 1 OR p.status <> 1 OR f.title <> p.title
    OR f.tags <> p.tags")" 0 "index rows carry the title and tags"
n=$(sql "SELECT count(*) FROM posts_fts WHERE posts_fts MATCH 'anxiety'")
[ "$n" -gt 0 ]
ok $? "a search finds questions ($n for 'anxiety')"

# --- the same seed, the same site ----------------------------------------
dump() {
	sqlite3 -batch "$1" "SELECT id, title, body_md, user_id, created,
	    score FROM posts ORDER BY id; SELECT * FROM votes ORDER BY 1, 2;
	    SELECT handle, points FROM users ORDER BY id" | md5sum
}
"$GEN" -q $Q -s 42 "$WEB_TMP/again.db" > /dev/null 2>&1 &&
    "$GEN" -q $Q -s 43 "$WEB_TMP/other.db" > /dev/null 2>&1
ok $? "two more sites"
is "$(dump "$WEB_TMP/again.db")" "$(dump "$DB")" "the same seed, the same site"
[ "$(dump "$WEB_TMP/other.db")" != "$(dump "$DB")" ]
ok $? "another seed, another site"

# --- pages -----------------------------------------------------------------
fetch GET /
is "$STATUS" 200 "GET / from the generated site: 200"
title=$(sql "SELECT title FROM posts WHERE type = 1 AND status = 1
    ORDER BY created DESC LIMIT 1")
grep -qF -- "$(html_escape "$title")" "$BODY"
ok $? "the home page lists the newest question"

row=$(sql "SELECT id || ' ' || slug FROM posts WHERE type = 1 AND status = 1
    AND answer_count > 1 ORDER BY answer_count DESC, id LIMIT 1")
qid=${row%% *}
fetch GET "/q/$qid/${row#* }"
is "$STATUS" 200 "GET /q/$qid/... from the generated site: 200"
grep -qF -- "$(html_escape "$(sql "SELECT title FROM posts
    WHERE id = $qid")")" "$BODY"
ok $? "the question page shows its title"
grep -qF -- "$(sql "SELECT substr(body_html, 1, 60) FROM posts
    WHERE parent_id = $qid AND type = 2 AND status = 1
    ORDER BY created LIMIT 1")" "$BODY"
ok $? "the question page shows an answer's HTML"

done_testing
