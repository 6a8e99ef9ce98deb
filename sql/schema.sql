-- fastqa schema: the current data model.  A new database is created from
-- this file; an older one is brought here by sql/NNN-*.sql migrations.
-- Times are Unix seconds.  Counters (votes, answer counts, points, tag
-- and category counts) change in the same transaction as their event and
-- can be recomputed from the source rows by `qa-admin recount`.

-- Levels: 0 anonymous (never stored), 1 registered, 2 expert, 3 editor,
-- 4 moderator, 5 admin, 6 super.
CREATE TABLE users (
	id		INTEGER PRIMARY KEY,
	handle		TEXT NOT NULL COLLATE NOCASE UNIQUE,
	email		TEXT COLLATE NOCASE,
	display_name	TEXT,
	pwhash		TEXT,
	level		INTEGER NOT NULL DEFAULT 1 CHECK (level BETWEEN 1 AND 6),
	points		INTEGER NOT NULL DEFAULT 0,
	blocked		INTEGER NOT NULL DEFAULT 0,
	notify		INTEGER NOT NULL DEFAULT 1,
	about		TEXT NOT NULL DEFAULT '',
	qcount		INTEGER NOT NULL DEFAULT 0,
	acount		INTEGER NOT NULL DEFAULT 0,
	created		INTEGER NOT NULL,
	last_seen	INTEGER,
	email_confirmed	INTEGER NOT NULL DEFAULT 0
);
CREATE UNIQUE INDEX users_email ON users(email) WHERE email IS NOT NULL;
CREATE INDEX users_points ON users(points DESC, id);

CREATE TABLE sessions (
	id		INTEGER PRIMARY KEY,
	token_hash	BLOB NOT NULL UNIQUE,
	user_id		INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
	csrf		BLOB NOT NULL,
	created		INTEGER NOT NULL,
	last_used	INTEGER NOT NULL,
	expires		INTEGER NOT NULL,
	ip		TEXT,
	user_agent	TEXT,
	idle		INTEGER NOT NULL DEFAULT 7200	-- seconds
);
CREATE INDEX sessions_user ON sessions(user_id);
CREATE INDEX sessions_expires ON sessions(expires);

-- Single-use tokens mailed to a user: password reset, email confirmation.
CREATE TABLE user_tokens (
	token_hash	BLOB PRIMARY KEY,
	kind		TEXT NOT NULL CHECK (kind IN ('reset', 'confirm')),
	user_id		INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
	created		INTEGER NOT NULL,
	expires		INTEGER NOT NULL,
	used		INTEGER NOT NULL DEFAULT 0
) WITHOUT ROWID;
CREATE INDEX user_tokens_user ON user_tokens(user_id);

-- Nested up to four levels; qcount counts visible questions in the
-- category and all its descendants.
CREATE TABLE categories (
	id		INTEGER PRIMARY KEY,
	parent_id	INTEGER REFERENCES categories(id),
	slug		TEXT NOT NULL UNIQUE,
	name		TEXT NOT NULL,
	description	TEXT NOT NULL DEFAULT '',
	position	INTEGER NOT NULL DEFAULT 0,
	depth		INTEGER NOT NULL DEFAULT 0 CHECK (depth BETWEEN 0 AND 3),
	qcount		INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX categories_parent ON categories(parent_id, position);

-- Questions (type 1), answers (2) and comments (3).  An answer's parent
-- is its question; a comment's parent is a question or an answer.
-- question_id is the question a post belongs to (itself for questions).
-- status: 0 queued, 1 visible, 2 hidden, 3 deleted.
CREATE TABLE posts (
	id		INTEGER PRIMARY KEY,
	type		INTEGER NOT NULL CHECK (type IN (1, 2, 3)),
	parent_id	INTEGER REFERENCES posts(id),
	question_id	INTEGER REFERENCES posts(id),
	title		TEXT,
	slug		TEXT,
	body_md		TEXT NOT NULL,
	body_html	TEXT NOT NULL,
	tags		TEXT NOT NULL DEFAULT '',
	category_id	INTEGER REFERENCES categories(id),
	user_id		INTEGER REFERENCES users(id),
	anon_name	TEXT,
	anon_email	TEXT,
	ip		TEXT,
	created		INTEGER NOT NULL,
	activity	INTEGER NOT NULL,
	edited		INTEGER,
	edited_by	INTEGER REFERENCES users(id),
	edited_name	TEXT,
	status		INTEGER NOT NULL DEFAULT 1 CHECK (status BETWEEN 0 AND 3),
	closed		INTEGER NOT NULL DEFAULT 0,
	close_reason	TEXT,
	duplicate_of	INTEGER REFERENCES posts(id),
	comments_locked	INTEGER NOT NULL DEFAULT 0,
	up		INTEGER NOT NULL DEFAULT 0,
	down		INTEGER NOT NULL DEFAULT 0,
	score		INTEGER NOT NULL DEFAULT 0,
	answer_count	INTEGER NOT NULL DEFAULT 0,
	comment_count	INTEGER NOT NULL DEFAULT 0,
	flag_count	INTEGER NOT NULL DEFAULT 0,
	accepted_id	INTEGER REFERENCES posts(id),
	views		INTEGER NOT NULL DEFAULT 0,
	CHECK ((type = 1) = (title IS NOT NULL)),
	CHECK (type = 1 OR parent_id IS NOT NULL)
);
-- Question lists: literal conditions so that queries may use them.
CREATE INDEX posts_q_newest ON posts(created DESC)
	WHERE type = 1 AND status = 1;
CREATE INDEX posts_q_active ON posts(activity DESC)
	WHERE type = 1 AND status = 1;
CREATE INDEX posts_q_votes ON posts(score DESC, created DESC)
	WHERE type = 1 AND status = 1;
CREATE INDEX posts_q_unanswered ON posts(created DESC)
	WHERE type = 1 AND status = 1 AND answer_count = 0;
CREATE INDEX posts_q_category ON posts(category_id, created DESC)
	WHERE type = 1 AND status = 1;
-- Answers and comments of a post; a user's posts; the moderation queue.
CREATE INDEX posts_parent ON posts(parent_id, type, created);
CREATE INDEX posts_user ON posts(user_id, type, created DESC);
CREATE INDEX posts_status ON posts(status, created) WHERE status <> 1;
CREATE INDEX posts_edited_by ON posts(edited_by) WHERE edited_by IS NOT NULL;
-- Questions closed as duplicates of a question that is purged.
CREATE INDEX posts_duplicate_of ON posts(duplicate_of)
	WHERE duplicate_of IS NOT NULL;

-- Secret keys that let an anonymous poster manage their post; only the
-- SHA-256 of a key is kept.
CREATE TABLE post_keys (
	token_hash	BLOB PRIMARY KEY,
	post_id		INTEGER NOT NULL REFERENCES posts(id) ON DELETE CASCADE,
	created		INTEGER NOT NULL
) WITHOUT ROWID;
CREATE INDEX post_keys_post ON post_keys(post_id);

-- Every edit of a post, revision 1 being the original text.
CREATE TABLE revisions (
	id		INTEGER PRIMARY KEY,
	post_id		INTEGER NOT NULL REFERENCES posts(id) ON DELETE CASCADE,
	rev		INTEGER NOT NULL,
	user_id		INTEGER REFERENCES users(id),
	anon_name	TEXT,
	created		INTEGER NOT NULL,
	reason		TEXT NOT NULL DEFAULT '',
	title		TEXT,
	body_md		TEXT NOT NULL,
	tags		TEXT NOT NULL DEFAULT '',
	UNIQUE (post_id, rev)
);
CREATE INDEX revisions_user ON revisions(user_id);

CREATE TABLE tags (
	id		INTEGER PRIMARY KEY,
	name		TEXT NOT NULL UNIQUE,
	description	TEXT NOT NULL DEFAULT '',
	qcount		INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX tags_qcount ON tags(qcount DESC, name);

CREATE TABLE post_tags (
	tag_id		INTEGER NOT NULL REFERENCES tags(id),
	post_id		INTEGER NOT NULL REFERENCES posts(id) ON DELETE CASCADE,
	PRIMARY KEY (tag_id, post_id)
) WITHOUT ROWID;
CREATE INDEX post_tags_post ON post_tags(post_id);

-- One vote per user per post: the key enforces it.
CREATE TABLE votes (
	post_id		INTEGER NOT NULL REFERENCES posts(id) ON DELETE CASCADE,
	user_id		INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
	value		INTEGER NOT NULL CHECK (value IN (-1, 1)),
	created		INTEGER NOT NULL,
	PRIMARY KEY (post_id, user_id)
) WITHOUT ROWID;
CREATE INDEX votes_user ON votes(user_id, created);

-- Points are recorded as events so that a user's total can be explained.
CREATE TABLE points_log (
	id		INTEGER PRIMARY KEY,
	user_id		INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
	post_id		INTEGER REFERENCES posts(id) ON DELETE SET NULL,
	actor_id	INTEGER REFERENCES users(id) ON DELETE SET NULL,
	event		TEXT NOT NULL,
	delta		INTEGER NOT NULL,
	created		INTEGER NOT NULL
);
CREATE INDEX points_log_user ON points_log(user_id, created DESC);
CREATE INDEX points_log_actor ON points_log(actor_id)
	WHERE actor_id IS NOT NULL;

CREATE TABLE flags (
	id		INTEGER PRIMARY KEY,
	post_id		INTEGER NOT NULL REFERENCES posts(id) ON DELETE CASCADE,
	user_id		INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
	reason		TEXT NOT NULL,
	note		TEXT NOT NULL DEFAULT '',
	created		INTEGER NOT NULL,
	resolved	INTEGER NOT NULL DEFAULT 0,
	UNIQUE (post_id, user_id)
);
CREATE INDEX flags_open ON flags(created) WHERE resolved = 0;
CREATE INDEX flags_user ON flags(user_id);

-- Who hears about new activity on a question: an account or an email.
CREATE TABLE subscriptions (
	id		INTEGER PRIMARY KEY,
	post_id		INTEGER NOT NULL REFERENCES posts(id) ON DELETE CASCADE,
	user_id		INTEGER REFERENCES users(id) ON DELETE CASCADE,
	email		TEXT,
	token		TEXT NOT NULL UNIQUE,
	created		INTEGER NOT NULL,
	CHECK (user_id IS NOT NULL OR email IS NOT NULL)
);
CREATE INDEX subscriptions_post ON subscriptions(post_id);
CREATE INDEX subscriptions_user ON subscriptions(user_id)
	WHERE user_id IS NOT NULL;

CREATE TABLE outbox (
	id		INTEGER PRIMARY KEY,
	to_addr		TEXT NOT NULL,
	subject		TEXT NOT NULL,
	body		TEXT NOT NULL,
	created		INTEGER NOT NULL,
	sent		INTEGER,
	attempts	INTEGER NOT NULL DEFAULT 0,
	last_error	TEXT
);
CREATE INDEX outbox_pending ON outbox(created) WHERE sent IS NULL;

CREATE TABLE audit (
	id		INTEGER PRIMARY KEY,
	actor_id	INTEGER REFERENCES users(id) ON DELETE SET NULL,
	action		TEXT NOT NULL,
	target_type	TEXT NOT NULL,
	target_id	INTEGER,
	reason		TEXT NOT NULL DEFAULT '',
	detail		TEXT NOT NULL DEFAULT '',
	ip		TEXT,
	created		INTEGER NOT NULL
);
CREATE INDEX audit_created ON audit(created DESC);
CREATE INDEX audit_actor ON audit(actor_id) WHERE actor_id IS NOT NULL;
-- The audit entries about one post, user or earlier entry.
CREATE INDEX audit_target ON audit(target_type, target_id);

CREATE TABLE ip_blocks (
	id		INTEGER PRIMARY KEY,
	first		BLOB NOT NULL,
	last		BLOB NOT NULL,
	reason		TEXT NOT NULL DEFAULT '',
	created		INTEGER NOT NULL
);
-- An address lookup reads (first, last) from the index alone.
CREATE INDEX ip_blocks_range ON ip_blocks(first, last);

CREATE TABLE ratelimits (
	key		TEXT NOT NULL,
	window		INTEGER NOT NULL,
	count		INTEGER NOT NULL DEFAULT 0,
	last		INTEGER NOT NULL DEFAULT 0,
	PRIMARY KEY (key, window)
) WITHOUT ROWID;

CREATE TABLE settings (
	key		TEXT PRIMARY KEY,
	value		TEXT NOT NULL
) WITHOUT ROWID;

INSERT INTO settings (key, value) VALUES
	('site_name', 'fastqa'),
	('site_tagline', 'Questions and answers'),
	('welcome', 'Welcome to fastqa, where you can ask questions and receive answers from other members of the community.'),
	('anon_posting', '1'),
	('page_size', '20'),
	('csrf_secret', lower(hex(randomblob(32)))),
	('confirm_email', '0'),
	('register_open', '1'),
	('title_min', '10'), ('title_max', '150'),
	('body_min', '20'), ('body_max', '30000'),
	('comment_min', '5'), ('comment_max', '600'),
	('tag_new_level', '1'),
	('queue_anon', '0'), ('queue_new', '0'), ('new_user_points', '110'),
	('new_user_links', '2'), ('form_min_seconds', '3'),
	('points_base', '100'),
	('points_q_post', '2'), ('points_a_post', '4'), ('points_c_post', '0'),
	('points_q_voted_up', '1'), ('points_q_voted_down', '1'),
	('points_a_voted_up', '2'), ('points_a_voted_down', '2'),
	('points_c_voted_up', '0'),
	('points_a_selected', '30'), ('points_select_a', '3'),
	('points_vote_up', '1'), ('points_vote_down', '1'),
	('priv_vote_up', '15'), ('priv_vote_down', '125'),
	('priv_comment', '50'), ('priv_flag', '15'), ('priv_retag', '500'),
	('priv_edit', '2000'), ('priv_close', '3000'),
	('anon_vote', '0'),
	('rate_v_user', '120'), ('rate_v_ip', '600'),
	('rate_q_user', '10'), ('rate_q_ip', '20'),
	('rate_a_user', '30'), ('rate_a_ip', '60'),
	('rate_c_user', '60'), ('rate_c_ip', '120'),
	('flags_to_hide', '3'), ('deny_words', ''), ('deny_email_domains', '');

-- Full-text index over questions: title, plain body text and tags.
CREATE VIRTUAL TABLE posts_fts USING fts5(
	title, body, tags,
	tokenize = 'porter unicode61 remove_diacritics 2'
);

-- The site's change stamp, which every write that changes a page moves
-- (triggers, so that no writer can forget it), for ETags and
-- Last-Modified.
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
