#!/bin/bash
# related.t: the related questions of a question page, through nginx and
# the view program under FastCGI, then as plain CGI.  On the demo site
# with questions of our own: the aside with its heading lists the other
# sleep question (with its votes and answers) and leaves out an
# unrelated one, a hidden one and the question itself; the list is
# stored after the response and the next view, read from that row, shows
# the same aside; a row is what the page shows; a closed question is
# marked; a question hidden later drops out; a question with no words and no tags is a 200 without the
# aside; and related_count = 0 turns the aside off.
. "$(dirname "$0")/lib.sh"

WEB_MODE=nginx
site_init

# 9001 and 9002 are about sleep, 9003 is about bicycles, 9004 is about
# sleep but hidden (so not in the search index), 9005 has no usable word
# and no tag.
now=$(date +%s)
site_sql "BEGIN;
    INSERT OR IGNORE INTO tags (name) VALUES ('sleep'), ('insomnia'),
	('bicycles');
    INSERT INTO posts (id, type, question_id, title, slug, body_md,
	body_html, tags, created, activity, status, score, answer_count)
    VALUES
	(9001, 1, 9001, 'Sleep anxiety keeps me awake: insomnia every night',
	 'sleep-anxiety', 'b', '<p>b</p>', 'sleep insomnia', $now - 400,
	 $now - 400, 1, 0, 0),
	(9002, 1, 9002, 'Insomnia and sleep anxiety before every exam',
	 'insomnia-exam', 'b', '<p>b</p>', 'sleep insomnia', $now - 300,
	 $now - 300, 1, 3, 2),
	(9003, 1, 9003, 'Fixing a squeaky bicycle chain', 'bicycle-chain',
	 'b', '<p>b</p>', 'bicycles', $now - 200, $now - 200, 1, 0, 0),
	(9004, 1, 9004, 'Sleep anxiety and insomnia every single night',
	 'hidden-sleep', 'b', '<p>b</p>', 'sleep insomnia', $now - 100,
	 $now - 100, 2, 0, 0),
	(9005, 1, 9005, '?? !!', 'nothing', 'b', '<p>b</p>', '', $now - 50,
	 $now - 50, 1, 0, 0);
    INSERT INTO post_tags (tag_id, post_id)
	SELECT t.id, p.id FROM tags t JOIN posts p ON p.id BETWEEN 9001
	AND 9004 AND (' ' || p.tags || ' ') LIKE ('% ' || t.name || ' %');
    UPDATE tags SET qcount = (SELECT count(*) FROM post_tags x JOIN posts
	p ON p.id = x.post_id WHERE x.tag_id = tags.id AND p.type = 1
	AND p.status = 1);
    INSERT INTO posts_fts (rowid, title, body, tags)
	SELECT id, title, 'b', tags FROM posts WHERE id BETWEEN 9001 AND 9005
	AND status = 1;
    COMMIT;" || bail "cannot add the questions"
nginx_start
diag "nginx on $BASE"

# aside: the related aside of the last page ($BODY), or nothing.
aside() {
	sed -n '/<aside class="related"/,/<\/aside>/p' "$BODY"
}

# row ID: the cached related ids of question ID.
row() {
	site_sql "SELECT ids FROM related WHERE question_id = $1"
}

# --- the first view computes the list ------------------------------------

fetch GET /q/9001/sleep-anxiety
is "$STATUS" 200 "the question page answers 200"
first=$(aside)
like "$first" '<aside class="related" aria-labelledby="related-heading">' \
    "the page has the related aside, labelled by its heading"
like "$first" '<h2 id="related-heading">Related questions</h2>' \
    "with the heading Related questions"
like "$first" '<li><a href="/q/9002/insomnia-exam">Insomnia and sleep anxiety before every exam</a>' \
    "it links to the other sleep question"
like "$first" '9002/insomnia-exam.*<span class="votes">\+3 votes</span>, <span class="answers answered">2 answers</span>' \
    "with its votes and answers"
is "$(printf '%s\n' "$first" | grep -o 'href="[^"]*"' | head -n 1)" \
    'href="/q/9002/insomnia-exam"' "the other sleep question comes first"
unlike "$first" '/q/9003/' "the bicycle question is not related"
unlike "$first" '/q/9004/' "the hidden question is not shown"
unlike "$first" '/q/9001/' "the question does not list itself"
is "$(printf '%s\n' "$first" | grep -c '<li>')" 5 \
    "five related questions by default"

# The row is written after the response has gone.
for i in $(seq 50); do
	[ -n "$(row 9001)" ] && break
	sleep 0.1
done
stored=$(row 9001)
like "$stored" '^9002( [0-9]+)*$' "the list is stored, best first"

# --- later views read the row -------------------------------------------

WEB_MODE=cgi
fetch GET /q/9001/sleep-anxiety
is "$STATUS" 200 "a second view (plain CGI) answers 200"
is "$(aside)" "$first" "and shows the same aside, read from the row"
is "$(row 9001)" "$stored" "the row is unchanged"

site_sql "UPDATE related SET ids = '9003 9002' WHERE question_id = 9001"
fetch GET /q/9001/sleep-anxiety
is "$(aside | grep -o 'href="[^"]*"' | tr '\n' ' ')" \
    'href="/q/9003/bicycle-chain" href="/q/9002/insomnia-exam" ' \
    "the page shows what the row says"

site_sql "UPDATE posts SET closed = 1 WHERE id = 9003"
fetch GET /q/9001/sleep-anxiety
like "$(aside)" 'bicycle-chain">Fixing a squeaky bicycle chain</a> <span class="badge">closed</span>' \
    "a closed question is marked"

site_sql "UPDATE posts SET status = 2 WHERE id = 9002;
    DELETE FROM posts_fts WHERE rowid = 9002"
fetch GET /q/9001/sleep-anxiety
unlike "$(aside)" '/q/9002/' "a question hidden since is not shown"
like "$(aside)" '/q/9003/' "the rest of the row still is"

# --- a question with nothing to go by ------------------------------------

fetch GET /q/9005/nothing
is "$STATUS" 200 "a question with no words and no tags answers 200"
is "$(aside)" "" "and has no related aside"
is "$(row 9005)" "" "its empty list is stored too"
is "$(site_sql "SELECT count(*) FROM related WHERE question_id = 9005")" 1 \
    "as a row"

# --- switched off ----------------------------------------------------------

site_sql "INSERT INTO settings (key, value) VALUES ('related_count', '0')"
fetch GET /q/9001/sleep-anxiety
is "$STATUS" 200 "with related_count = 0 the page answers 200"
is "$(aside)" "" "and has no related aside"
unlike "$(cat "$BODY")" 'Related questions' "nor the heading"

done_testing
