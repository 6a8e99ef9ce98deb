-- 003-posting: what asking and answering need.  Secret manage keys that
-- let an anonymous poster edit or delete their post without an account
-- (only the SHA-256 of a key is kept), and the posting defaults.
CREATE TABLE post_keys (
	token_hash	BLOB PRIMARY KEY,
	post_id		INTEGER NOT NULL REFERENCES posts(id) ON DELETE CASCADE,
	created		INTEGER NOT NULL
) WITHOUT ROWID;
CREATE INDEX post_keys_post ON post_keys(post_id);
INSERT OR IGNORE INTO settings (key, value) VALUES
	('title_min', '10'), ('title_max', '150'),
	('body_min', '20'), ('body_max', '30000'),
	('comment_min', '5'), ('comment_max', '600'),
	('tag_new_level', '1'),
	('queue_anon', '0'), ('queue_new', '0'), ('new_user_points', '10'),
	('new_user_links', '2'), ('form_min_seconds', '3'),
	('rate_q_user', '10'), ('rate_q_ip', '20'),
	('rate_a_user', '30'), ('rate_a_ip', '60'),
	('rate_c_user', '60'), ('rate_c_ip', '120');
