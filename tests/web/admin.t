#!/bin/bash
# admin.t: the operations commands of qa-admin on a real site: stats
# against SQL counts; check on a right database, on counters broken on
# purpose (and --fix), on bad settings, a bad configuration and a
# database out of WAL mode; backup while another process writes without
# pause (the copy is consistent, has every row committed before it
# began, and the writer was not held up), refusing to overwrite, and
# removing a copy that fails its integrity check; restore (the change
# made since the backup is gone, the old database kept, refused while
# the site runs, allowed under it with -f); and migrate from every
# earlier schema version with data in it, after which the data is all
# there, check passes and the view program serves pages from it.
. "$(dirname "$0")/lib.sh"

WEB_MODE=cgi
site_init

CUR=$(sed -n 's/^PRAGMA user_version = \([0-9]*\);$/\1/p' \
    "$top_srcdir/sql/schema.sql")

# admin ARGS...: qa-admin on the site's database.
admin() {
	"$QA_ADMIN" -d "$DB" "$@"
}

# sql QUERY: one value from the site's database.
sql() {
	site_sql "$1"
}

# line TEXT NAME: what follows NAME at the start of a line of TEXT (the
# stats output), spaces trimmed.
line() {
	printf '%s\n' "$1" | sed -n "s/^$2  *//p"
}

# --- help ------------------------------------------------------------------
out=$("$QA_ADMIN" help 2>&1)
for c in backup restore migrate check stats; do
	like "$out" "^  $c( |$)" "qa-admin help lists $c"
done

# --- stats -------------------------------------------------------------------
# A few rows that the demo lacks, so that every number is worth checking:
# a blocked user, flags (one resolved) and a mail not yet sent.
sql "UPDATE users SET blocked = 1 WHERE id = 3;
    INSERT INTO flags (post_id, user_id, reason, created, resolved) VALUES
	(1, 2, 'spam', unixepoch(), 0), (2, 2, 'spam', unixepoch(), 0),
	(3, 2, 'spam', unixepoch(), 1);
    INSERT INTO outbox (to_addr, subject, body, created) VALUES
	('a@example.org', 'Hello', 'Text', unixepoch())"
WHAT="qa-admin stats"
out=$(admin stats)
ok $? "$WHAT: runs"
for t in 1:questions 2:answers 3:comments; do
	is "$(line "$out" "${t#*:}")" "$(sql "SELECT count(*) || ' (visible ' ||
	    sum(status = 1) || ', queued ' || sum(status = 0) || ', hidden ' ||
	    sum(status = 2) || ', deleted ' || sum(status = 3) || ')'
	    FROM posts WHERE type = ${t%%:*}")" "$WHAT: ${t#*:} by status"
done
is "$(line "$out" users)" "$(sql "SELECT count(*) || ' (registered ' ||
    sum(level = 1) || ', expert ' || sum(level = 2) || ', editor ' ||
    sum(level = 3) || ', moderator ' || sum(level = 4) || ', admin ' ||
    sum(level = 5) || ', super ' || sum(level = 6) || '; blocked ' ||
    sum(blocked <> 0) || ')' FROM users")" "$WHAT: users by level"
is "$(line "$out" votes)" "$(sql "SELECT count(*) || ' (up ' ||
    sum(value > 0) || ', down ' || sum(value < 0) || ')' FROM votes")" \
    "$WHAT: votes"
is "$(line "$out" tags)" "$(sql "SELECT count(*) || ' (in use ' ||
    sum(qcount > 0) || ')' FROM tags")" "$WHAT: tags"
is "$(line "$out" categories)" "$(sql "SELECT count(*) FROM categories")" \
    "$WHAT: categories"
is "$(line "$out" 'flags pending')" 2 "$WHAT: open flags"
is "$(line "$out" 'mail pending')" \
    "$(sql "SELECT count(*) FROM outbox WHERE sent IS NULL")" \
    "$WHAT: mail not sent"
like "$(line "$out" database)" "\\($(($(sql "PRAGMA page_count") * \
    $(sql "PRAGMA page_size"))) bytes\\): $(sql "PRAGMA page_count") pages \
of $(sql "PRAGMA page_size") bytes, $(sql "PRAGMA freelist_count") free$" \
    "$WHAT: the database's size"
like "$(line "$out" wal)" '^[0-9.]+ (bytes|KiB|MiB)' "$WHAT: the WAL's size"
for t in '24 h:86400' '7 days:604800'; do
	is "$(line "$out" "last ${t%%:*}")" "$(sql "SELECT
	    (SELECT count(*) FROM posts WHERE type = 1 AND created >= s) ||
	    ' questions, ' ||
	    (SELECT count(*) FROM posts WHERE type = 2 AND created >= s) ||
	    ' answers, ' || (SELECT count(*) FROM votes WHERE created >= s) ||
	    ' votes, ' || (SELECT count(*) FROM users WHERE created >= s) ||
	    ' registrations' FROM (SELECT unixepoch() - ${t#*:} AS s)")" \
	    "$WHAT: activity in the last ${t%%:*}"
done
is "$(line "$out" 'top tags')" "$(sql "SELECT group_concat(name || ' ' ||
    qcount, ', ') FROM (SELECT name, qcount FROM tags WHERE qcount > 0
    ORDER BY qcount DESC, name LIMIT 10)")" "$WHAT: the ten most used tags"
if command -v jq > /dev/null; then
	json=$(admin stats --json)
	is "$(printf '%s' "$json" | jq -r '[.questions.total, .users.blocked,
	    .votes.up, .flags_pending, .top_tags[0].name] | join(" ")')" \
	    "$(sql "SELECT (SELECT count(*) FROM posts WHERE type = 1) || ' ' ||
	    (SELECT count(*) FROM users WHERE blocked <> 0) || ' ' ||
	    (SELECT count(*) FROM votes WHERE value > 0) || ' 2 ' ||
	    (SELECT name FROM tags ORDER BY qcount DESC, name LIMIT 1)")" \
	    "$WHAT --json: the same numbers"
else
	skip "jq not installed: stats --json not checked"
fi

# --- check -------------------------------------------------------------------
WHAT="qa-admin check"
out=$(admin check)
ok $? "$WHAT: the demo site passes" || diag "$out"
like "$out" '^check: all ok$' "$WHAT: says so"
for c in 'journal mode: WAL' 'integrity_check: ok' 'foreign keys: no row' \
    'counters: all' 'search index: [0-9]+ rows for [0-9]+ visible' \
    'settings: ' "config $CONF: sendmail $WEB_TMP/sendmail" \
    "config $CONF: templates" "config $CONF: db $DB is writable"; do
	like "$out" "^ok +$c" "$WHAT: ok line for ${c%%:*}"
done

WHAT="check, a counter broken on purpose"
qid=$(sql "SELECT id FROM posts WHERE type = 1 AND status = 1
    AND answer_count > 0 ORDER BY id LIMIT 1")
real=$(sql "SELECT answer_count FROM posts WHERE id = $qid")
sql "UPDATE posts SET answer_count = 99 WHERE id = $qid"
out=$(admin check)
is $? 1 "$WHAT: exits 1"
like "$out" "^FAIL +counter posts.answer_count: wrong in 1 post, off by \
$((99 - real)) in all: post $qid has 99, a recount gives $real$" \
    "$WHAT: which counter, which post, by how much"
like "$out" '^check: 1 problem$' "$WHAT: one problem"
is "$(sql "SELECT answer_count FROM posts WHERE id = $qid")" 99 \
    "$WHAT: the check alone changes nothing"
out=$(admin check --fix)
ok $? "$WHAT: check --fix exits 0" || diag "$out"
like "$out" "^fixed +counter posts.answer_count: wrong in 1 post" \
    "$WHAT: --fix says what it fixed"
is "$(sql "SELECT answer_count FROM posts WHERE id = $qid")" "$real" \
    "$WHAT: --fix repaired the counter"
admin check > /dev/null
ok $? "$WHAT: the next check passes"

WHAT="check, bad settings"
sql "UPDATE settings SET value = '0' WHERE key = 'page_size';
    UPDATE settings SET value = 'abc' WHERE key = 'csrf_secret'"
out=$(admin check)
is $? 1 "$WHAT: exits 1"
like "$out" '^FAIL +setting page_size is "0", not a whole number from 5 to' \
    "$WHAT: page_size out of its limits"
like "$out" '^FAIL +setting csrf_secret has 3 characters' \
    "$WHAT: a short csrf_secret"
sql "UPDATE settings SET value = '20' WHERE key = 'page_size';
    UPDATE settings SET value = lower(hex(randomblob(32)))
    WHERE key = 'csrf_secret'"

WHAT="check, a bad configuration"
cat > "$WEB_TMP/bad.conf" <<EOF
db = $DB
templates = $WEB_TMP/no-templates
base_url = localhost:8080
sendmail = /nonexistent/sendmail -t -i
EOF
out=$(admin check -c "$WEB_TMP/bad.conf")
is $? 1 "$WHAT: exits 1"
like "$out" "^FAIL +config $WEB_TMP/bad.conf: templates $WEB_TMP/no-templates \
is not a folder" "$WHAT: no templates folder"
like "$out" "^FAIL +config .*: sendmail /nonexistent/sendmail is not an \
executable file" "$WHAT: no sendmail program"
like "$out" '^FAIL +config .*: base_url "localhost:8080" is not an http' \
    "$WHAT: base_url without a scheme"
like "$out" '^check: 3 problems$' "$WHAT: three problems, nothing else"
"$QA_ADMIN" -c "$WEB_TMP/bad.conf" check > /dev/null
is $? 1 "$WHAT: qa-admin -c FILE (the database from it) too"
FASTQA_CONFIG=$WEB_TMP/bad.conf admin check > /dev/null
is $? 1 "$WHAT: FASTQA_CONFIG too"

WHAT="check, a database out of WAL mode"
sqlite3 -batch "$DB" "PRAGMA journal_mode = DELETE" > /dev/null
out=$(admin check)
is $? 1 "$WHAT: exits 1"
like "$out" '^FAIL +journal mode: not WAL' "$WHAT: says so"
is "$(sql "PRAGMA journal_mode")" wal "$WHAT: opening it set WAL again"

# --- backup ------------------------------------------------------------------
# Some 32 MB more, so that the copy takes many steps, and a writer that
# commits one row after another without pause while it runs (ratelimits
# rows w1, w2, ... in order), for at most a minute.
sql "CREATE TABLE bulk (b); WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL
    SELECT i + 1 FROM n WHERE i < 8000) INSERT INTO bulk
    SELECT randomblob(4000) FROM n"
writer() {
	local i=0 end=$((SECONDS + 60))
	echo ".timeout 10000"
	while [ $SECONDS -lt $end ]; do
		i=$((i + 1))
		echo "INSERT INTO ratelimits (key, window, count)" \
		    "VALUES ('w$i', 0, 1);" || break
	done
}
written() {
	sqlite3 -batch "$1" "SELECT count(*) FROM ratelimits
	    WHERE key GLOB 'w*'"
}
sqlite3 -batch "$DB" < <(writer) > "$WEB_TMP/writer.out" 2>&1 &
WRITER=$!
for i in $(seq 100); do
	[ "$(written "$DB")" -ge 20 ] && break
	sleep 0.1
done
WHAT="backup while another process writes"
n0=$(written "$DB")
out=$(admin backup "$WEB_TMP/live.db" 2>&1)
rc=$?
n1=$(written "$DB")
alive "$WRITER"
ok $? "$WHAT: the writer still runs when the backup is done"
stop_pids "$WRITER"
wait "$WRITER" 2>/dev/null
is $rc 0 "$WHAT: exits 0" || diag "$out"
like "$out" "^backup $WEB_TMP/live.db: [0-9.]+ MiB \\([0-9]+ bytes\\), \
[0-9]+ pages, in [0-9.]+ s, [0-9]+ steps" "$WHAT: says size and time"
steps=$(printf '%s' "$out" | sed -n 's/.* \([0-9]*\) steps.*/\1/p')
[ "${steps:-0}" -gt 10 ]
ok $? "$WHAT: copied in steps ($steps)"
[ "$n1" -gt "$n0" ]
ok $? "$WHAT: the writer committed while the backup ran ($n0, then $n1)"
is "$(sqlite3 -batch "$WEB_TMP/live.db" "PRAGMA integrity_check")" ok \
    "$WHAT: the copy passes integrity_check"
is "$(sqlite3 -batch "$WEB_TMP/live.db" "SELECT count(*) FROM ratelimits
    WHERE key GLOB 'w*' AND CAST(substr(key, 2) AS INTEGER) <= $n0")" \
    "$n0" "$WHAT: the copy has every row committed before it began"
is "$(sqlite3 -batch "$WEB_TMP/live.db" "SELECT count(*) = max(CAST(
    substr(key, 2) AS INTEGER)) FROM ratelimits WHERE key GLOB 'w*'")" 1 \
    "$WHAT: and no row after a missing one (one snapshot)"
is "$(sqlite3 -batch "$WEB_TMP/live.db" "SELECT count(*) FROM bulk")" 8000 \
    "$WHAT: all of the big table"
is "$(sqlite3 -batch "$WEB_TMP/live.db" "PRAGMA journal_mode")" delete \
    "$WHAT: the copy is one self-contained file"
[ ! -e "$WEB_TMP/live.db.tmp" ] && [ ! -e "$WEB_TMP/live.db-wal" ]
ok $? "$WHAT: no .tmp or -wal file left"

WHAT="backup over an existing file"
sum=$(md5sum < "$WEB_TMP/live.db")
out=$(admin backup "$WEB_TMP/live.db" 2>&1)
is $? 1 "$WHAT: refused"
like "$out" "live.db exists: move it away, or give -f" "$WHAT: says why"
is "$(md5sum < "$WEB_TMP/live.db")" "$sum" "$WHAT: the file is untouched"
admin backup -f "$WEB_TMP/live.db" > /dev/null
ok $? "$WHAT: replaced with -f"

WHAT="backup of a damaged database"
sqlite3 -batch "$WEB_TMP/bad.db" "CREATE TABLE t (x);
    CREATE INDEX t_x ON t (x); INSERT INTO t VALUES (1), (2), (3);
    PRAGMA user_version = 6; PRAGMA writable_schema = ON;
    UPDATE sqlite_master SET sql = 'CREATE INDEX t_x ON t (x DESC)'
    WHERE name = 't_x'"
out=$("$QA_ADMIN" -d "$WEB_TMP/bad.db" backup "$WEB_TMP/bad.copy" 2>&1)
is $? 1 "$WHAT: fails"
like "$out" 'fails its integrity check; removed' "$WHAT: says why"
[ ! -e "$WEB_TMP/bad.copy" ] && [ ! -e "$WEB_TMP/bad.copy.tmp" ]
ok $? "$WHAT: leaves no file"

sql "DROP TABLE bulk; DELETE FROM ratelimits WHERE key GLOB 'w*'; VACUUM"

# --- restore -----------------------------------------------------------------
WHAT="restore"
admin backup "$WEB_TMP/before.db" > /dev/null || bail "backup failed"
slug=$(sql "SELECT slug FROM posts WHERE id = $qid")
title=$(sql "SELECT title FROM posts WHERE id = $qid")
sql "UPDATE posts SET title = 'Changed after the backup was taken'
    WHERE id = $qid; INSERT INTO tags (name) VALUES ('after-backup')"
out=$(admin restore "$WEB_TMP/before.db" 2>&1)
ok $? "$WHAT: exits 0" || diag "$out"
like "$out" "^kept the old database as $DB.before-restore: " \
    "$WHAT: keeps the old database"
like "$out" "^restored from $WEB_TMP/before.db: " "$WHAT: says so"
is "$(sql "SELECT title FROM posts WHERE id = $qid")" "$title" \
    "$WHAT: the title changed after the backup is back"
is "$(sql "SELECT count(*) FROM tags WHERE name = 'after-backup'")" 0 \
    "$WHAT: the tag made after the backup is gone"
is "$(sqlite3 -batch "$DB.before-restore" "SELECT title FROM posts
    WHERE id = $qid")" "Changed after the backup was taken" \
    "$WHAT: the kept database has the change"
is "$(sql "PRAGMA journal_mode")" wal "$WHAT: the database is in WAL mode"
out=$(admin check)
ok $? "$WHAT: check passes after it" || diag "$out"
fetch GET "/q/$qid/$slug"
is "$STATUS" 200 "$WHAT: the question page is served"
grep -qF -- "$(html_escape "$title")" "$BODY"
ok $? "$WHAT: with the title of the backup"

out=$(admin restore "$WEB_TMP/before.db" 2>&1)
is $? 1 "$WHAT again: refused while DB.before-restore exists"
like "$out" 'before-restore exists: move it away, or give -f' \
    "$WHAT again: says why"
admin restore --no-keep "$WEB_TMP/before.db" > /dev/null
ok $? "$WHAT --no-keep: restores without keeping"
out=$(admin restore "$CONF" 2>&1)
is $? 1 "$WHAT of a file that is no database: refused"
like "$out" "is not an SQLite database" "$WHAT of a file that is no \
database: says why"
out=$(admin restore --no-keep "$WEB_TMP/bad.db" 2>&1)
is $? 1 "$WHAT of a damaged database: refused"
is "$(sql "SELECT title FROM posts WHERE id = $qid")" "$title" \
    "$WHAT of a damaged database: nothing changed"

# --- migrate from every earlier schema version -------------------------------
# The rows of each table that every version has, as one line.
TABLES="users posts votes tags post_tags categories revisions points_log
    flags subscriptions outbox audit sessions ratelimits ip_blocks posts_fts"
counts() {
	local t q= sep=
	for t in $TABLES; do
		q+="$sep'$t=' || (SELECT count(*) FROM $t)"
		sep=" || ' ' || "
	done
	sqlite3 -batch "$1" "SELECT $q"
}

for v in 1 2 3 4 5; do
	WHAT="migrate from version $v"
	old=$WEB_TMP/v$v.db
	cat "$top_srcdir/tests/sql/schema-00$v.sql" \
	    "$top_srcdir/tests/sql/data-00$v.sql" |
	    sqlite3 -batch -bail "$old" || bail "cannot load version $v"
	is "$(sqlite3 -batch "$old" "PRAGMA user_version")" $v \
	    "$WHAT: the database starts at version $v"
	before=$(counts "$old")
	out=$("$QA_ADMIN" -d "$old" migrate 2>&1)
	ok $? "$WHAT: exits 0" || diag "$out"
	like "$out" "^migrating $old from schema version $v to $CUR$" \
	    "$WHAT: says from and to"
	like "$out" "^backup $old.before-migrate-v$v: " "$WHAT: backup first"
	is "$(sqlite3 -batch "$old.before-migrate-v$v" \
	    "PRAGMA user_version")" $v "$WHAT: the backup is at version $v"
	is "$(sqlite3 -batch "$old" "PRAGMA user_version")" "$CUR" \
	    "$WHAT: user_version $CUR"
	is "$(sqlite3 -batch "$old" "PRAGMA integrity_check")" ok \
	    "$WHAT: integrity_check ok"
	is "$(sqlite3 -batch "$old" "PRAGMA foreign_key_check")" "" \
	    "$WHAT: foreign_key_check finds nothing"
	is "$(counts "$old")" "$before" "$WHAT: every row is still there"
	is "$(sqlite3 -batch "$old" "SELECT value FROM settings
	    WHERE key = 'site_name'") $(sqlite3 -batch "$old" "SELECT
	    group_concat(id || ':' || score || ':' || answer_count, ' ')
	    FROM posts")" "Old site, version $v 1:2:2 2:0:0 3:0:0 4:0:0 \
5:1:0 6:0:0 7:1:0 8:0:0 9:0:0" "$WHAT: settings and posts as they were"
	sed "s|^db = .*|db = $old|" "$CONF" > "$WEB_TMP/v$v.conf"
	out=$("$QA_ADMIN" -c "$WEB_TMP/v$v.conf" -d "$old" check 2>&1)
	ok $? "$WHAT: qa-admin check passes" || diag "$out"
	FASTQA_CONFIG=$WEB_TMP/v$v.conf fetch GET /
	is "$STATUS" 200 "$WHAT: the home page is served"
	grep -qF 'How do I fall asleep faster at night?' "$BODY" &&
	    grep -qF 'Should I tell my boss that I am burnt out?' "$BODY"
	ok $? "$WHAT: ... with the visible questions"
	! grep -qF 'Buy cheap pills' "$BODY"
	ok $? "$WHAT: ... without the hidden one"
	FASTQA_CONFIG=$WEB_TMP/v$v.conf fetch GET \
	    /q/1/how-do-i-fall-asleep-faster-at-night
	is "$STATUS" 200 "$WHAT: the question page is served"
	grep -qF 'Keep the same hours, even at weekends.' "$BODY" &&
	    grep -qF 'Have you tried a warm bath?' "$BODY"
	ok $? "$WHAT: ... with its answers and comments"
done

WHAT="migrate, at the current version"
out=$("$QA_ADMIN" -d "$WEB_TMP/v5.db" migrate 2>&1)
ok $? "$WHAT: exits 0"
like "$out" "schema version $CUR, nothing to migrate" "$WHAT: nothing to do"
ls "$WEB_TMP"/v5.db.before-migrate-* > "$WEB_TMP/ls.out" 2>&1
is "$(wc -l < "$WEB_TMP/ls.out")" 1 "$WHAT: no other backup made"

WHAT="migrate --no-backup"
cat "$top_srcdir/tests/sql/schema-004.sql" \
    "$top_srcdir/tests/sql/data-004.sql" |
    sqlite3 -batch -bail "$WEB_TMP/nb.db" || bail "cannot load version 4"
"$QA_ADMIN" -d "$WEB_TMP/nb.db" migrate --no-backup > /dev/null
ok $? "$WHAT: exits 0"
[ ! -e "$WEB_TMP/nb.db.before-migrate-v4" ]
ok $? "$WHAT: makes no backup"

WHAT="migrate with a backup file in the way"
cat "$top_srcdir/tests/sql/schema-003.sql" \
    "$top_srcdir/tests/sql/data-003.sql" |
    sqlite3 -batch -bail "$WEB_TMP/w.db" || bail "cannot load version 3"
: > "$WEB_TMP/w.db.before-migrate-v3"
out=$("$QA_ADMIN" -d "$WEB_TMP/w.db" migrate 2>&1)
is $? 1 "$WHAT: refused"
like "$out" "before-migrate-v3 exists: move it away, or give --no-backup" \
    "$WHAT: says why"
is "$(sqlite3 -batch "$WEB_TMP/w.db" "PRAGMA user_version")" 3 \
    "$WHAT: the database stays at version 3"

# --- restore while the site runs ---------------------------------------------
# The FastCGI programs keep the database open.
nginx_start
WEB_MODE=nginx
WHAT="restore while the site runs"
fetch GET /
is "$STATUS" 200 "$WHAT: the site answers"
sql "UPDATE posts SET title = 'Changed while the site runs' WHERE id = $qid"
if server_keeps_programs; then
	out=$(admin restore --no-keep "$WEB_TMP/before.db" 2>&1)
	is $? 1 "$WHAT: refused"
	like "$out" "is in use: another program has it open; stop the site first" \
	    "$WHAT: says why"
	is "$(sql "SELECT title FROM posts WHERE id = $qid")" \
	    'Changed while the site runs' "$WHAT: nothing changed"
else
	skip "$WHAT: refused: as plain CGI no program keeps the database open"
fi
out=$(admin restore -f "$WEB_TMP/before.db" 2>&1)
ok $? "$WHAT: -f restores under the running site" || diag "$out"
is "$(sql "SELECT title FROM posts WHERE id = $qid")" "$title" \
    "$WHAT: the title of the backup is back"
sleep 2		# past nginx's one-second cache
fetch GET "/q/$qid/$slug"
is "$STATUS" 200 "$WHAT: the running program serves the question"
grep -qF -- "$(html_escape "$title")" "$BODY"
ok $? "$WHAT: ... from the restored database, without a restart"

done_testing
