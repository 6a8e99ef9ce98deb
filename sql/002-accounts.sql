-- 002-accounts: what accounts need.  Single-use tokens for password
-- resets and email confirmation in one table, whether an email address
-- is confirmed, the time of the last event of a rate-limit window (for
-- login backoff), and the secret that signs visitors' CSRF cookies.
DROP TABLE password_resets;
CREATE TABLE user_tokens (
	token_hash	BLOB PRIMARY KEY,
	kind		TEXT NOT NULL CHECK (kind IN ('reset', 'confirm')),
	user_id		INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
	created		INTEGER NOT NULL,
	expires		INTEGER NOT NULL,
	used		INTEGER NOT NULL DEFAULT 0
) WITHOUT ROWID;
CREATE INDEX user_tokens_user ON user_tokens(user_id);
ALTER TABLE users ADD COLUMN email_confirmed INTEGER NOT NULL DEFAULT 0;
ALTER TABLE ratelimits ADD COLUMN last INTEGER NOT NULL DEFAULT 0;
CREATE INDEX sessions_expires ON sessions(expires);
INSERT OR IGNORE INTO settings (key, value) VALUES
	('csrf_secret', lower(hex(randomblob(32)))),
	('confirm_email', '0'),
	('register_open', '1');
ALTER TABLE sessions ADD COLUMN idle INTEGER NOT NULL DEFAULT 7200;
-- Indexes on every column that references users, so that deleting an
-- account does not scan these tables for its foreign keys.
CREATE INDEX revisions_user ON revisions(user_id);
CREATE INDEX posts_edited_by ON posts(edited_by) WHERE edited_by IS NOT NULL;
CREATE INDEX points_log_actor ON points_log(actor_id)
	WHERE actor_id IS NOT NULL;
CREATE INDEX flags_user ON flags(user_id);
CREATE INDEX subscriptions_user ON subscriptions(user_id)
	WHERE user_id IS NOT NULL;
CREATE INDEX audit_actor ON audit(actor_id) WHERE actor_id IS NOT NULL;
