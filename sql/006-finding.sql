-- 006-finding: what finding things needs.  The site's change stamp, which
-- every write that changes a page moves (triggers, so that no writer can
-- forget it), for ETags and Last-Modified; and the cache of each
-- question's related questions.
CREATE TABLE stamp (
	id		INTEGER PRIMARY KEY CHECK (id = 1),
	n		INTEGER NOT NULL,	-- counts changes
	changed		INTEGER NOT NULL	-- Unix time of the last
);
INSERT INTO stamp (id, n, changed) VALUES (1, 1, unixepoch());

-- Posts: every column but views, which the view program writes in
-- batches and pages may show a little late.
CREATE TRIGGER stamp_posts_insert AFTER INSERT ON posts BEGIN
	UPDATE stamp SET n = n + 1, changed = unixepoch() WHERE id = 1;
END;
CREATE TRIGGER stamp_posts_delete AFTER DELETE ON posts BEGIN
	UPDATE stamp SET n = n + 1, changed = unixepoch() WHERE id = 1;
END;
CREATE TRIGGER stamp_posts_update AFTER UPDATE OF type, parent_id,
	question_id, title, slug, body_md, body_html, tags, category_id,
	user_id, anon_name, created, activity, edited, edited_by,
	edited_name, status, closed, close_reason, duplicate_of,
	comments_locked, up, down, score, answer_count, comment_count,
	accepted_id ON posts BEGIN
	UPDATE stamp SET n = n + 1, changed = unixepoch() WHERE id = 1;
END;
-- Users: what pages show of them (not last_seen, not secrets).
CREATE TRIGGER stamp_users_insert AFTER INSERT ON users BEGIN
	UPDATE stamp SET n = n + 1, changed = unixepoch() WHERE id = 1;
END;
CREATE TRIGGER stamp_users_delete AFTER DELETE ON users BEGIN
	UPDATE stamp SET n = n + 1, changed = unixepoch() WHERE id = 1;
END;
CREATE TRIGGER stamp_users_update AFTER UPDATE OF handle, display_name,
	level, points, blocked, about, qcount, acount ON users BEGIN
	UPDATE stamp SET n = n + 1, changed = unixepoch() WHERE id = 1;
END;
CREATE TRIGGER stamp_tags_insert AFTER INSERT ON tags BEGIN
	UPDATE stamp SET n = n + 1, changed = unixepoch() WHERE id = 1;
END;
CREATE TRIGGER stamp_tags_delete AFTER DELETE ON tags BEGIN
	UPDATE stamp SET n = n + 1, changed = unixepoch() WHERE id = 1;
END;
CREATE TRIGGER stamp_tags_update AFTER UPDATE ON tags BEGIN
	UPDATE stamp SET n = n + 1, changed = unixepoch() WHERE id = 1;
END;
CREATE TRIGGER stamp_categories_insert AFTER INSERT ON categories BEGIN
	UPDATE stamp SET n = n + 1, changed = unixepoch() WHERE id = 1;
END;
CREATE TRIGGER stamp_categories_delete AFTER DELETE ON categories BEGIN
	UPDATE stamp SET n = n + 1, changed = unixepoch() WHERE id = 1;
END;
CREATE TRIGGER stamp_categories_update AFTER UPDATE ON categories BEGIN
	UPDATE stamp SET n = n + 1, changed = unixepoch() WHERE id = 1;
END;
-- Site settings (name, welcome text, ...) show on every page.
CREATE TRIGGER stamp_settings_insert AFTER INSERT ON settings BEGIN
	UPDATE stamp SET n = n + 1, changed = unixepoch() WHERE id = 1;
END;
CREATE TRIGGER stamp_settings_update AFTER UPDATE ON settings BEGIN
	UPDATE stamp SET n = n + 1, changed = unixepoch() WHERE id = 1;
END;
CREATE TRIGGER stamp_settings_delete AFTER DELETE ON settings BEGIN
	UPDATE stamp SET n = n + 1, changed = unixepoch() WHERE id = 1;
END;

-- Each question's related questions, best first, as computed at
-- `computed` (Unix time): ids separated by single spaces.  A cache:
-- deleting a row only makes it be computed again.
CREATE TABLE related (
	question_id	INTEGER PRIMARY KEY
			REFERENCES posts(id) ON DELETE CASCADE,
	ids		TEXT NOT NULL,
	computed	INTEGER NOT NULL
);
-- Questions of every status in a category: what deleting a category (its
-- foreign key check) and moving its questions read.
CREATE INDEX posts_category ON posts(category_id)
	WHERE category_id IS NOT NULL;
PRAGMA user_version = 6;
