-- 005-moderation: what moderators need: how many flags hide a post, the
-- deny lists of words and email domains, and the indexes that keep
-- their actions off full scans.
INSERT OR IGNORE INTO settings (key, value) VALUES
	('flags_to_hide', '3'),
	('deny_words', ''),
	('deny_email_domains', '');
-- An address lookup reads (first, last) from the index alone.
DROP INDEX IF EXISTS ip_blocks_first;
CREATE INDEX ip_blocks_range ON ip_blocks(first, last);
-- Questions closed as duplicates of a question that is purged.
CREATE INDEX posts_duplicate_of ON posts(duplicate_of)
	WHERE duplicate_of IS NOT NULL;
-- The audit entries about one post, user or earlier entry.
CREATE INDEX audit_target ON audit(target_type, target_id);
PRAGMA user_version = 5;
