-- data-001: a small site as a database at schema version 1 held it, to
-- load after schema-001.sql.  Every counter is right (qa-admin check
-- passes once migrated): questions 1 and 2 visible, 3 hidden, 9 queued;
-- answers 4 (accepted) and 5 visible, 6 deleted; comments 7 and 8.
INSERT INTO categories (id, parent_id, slug, name, description, position,
	depth, qcount) VALUES
	(1, NULL, 'life', 'Life', 'Everyday questions', 0, 0, 2),
	(2, 1, 'sleep', 'Sleep', 'Nights and naps', 0, 1, 1);
INSERT INTO users (id, handle, email, display_name, pwhash, level, points,
	blocked, about, qcount, acount, created, last_seen) VALUES
	(1, 'alice', 'alice@example.org', 'Alice', NULL, 5, 102, 0,
	 'Runs the site.', 1, 0, 1699990000, 1700005000),
	(2, 'bob', 'bob@example.org', NULL, NULL, 1, 136, 0, '', 1, 1,
	 1699990100, 1700004000),
	(3, 'carol', 'carol@example.org', 'Carol', NULL, 2, 104, 0, '', 0, 1,
	 1699990200, NULL),
	(4, 'dave', NULL, NULL, NULL, 4, 100, 0, '', 0, 0, 1699990300, NULL);
INSERT INTO posts (id, type, parent_id, question_id, title, slug, body_md,
	body_html, tags, category_id, user_id, anon_name, ip, created,
	activity, status, up, down, score, answer_count, comment_count,
	flag_count, accepted_id, views) VALUES
	(1, 1, NULL, 1, 'How do I fall asleep faster at night?',
	 'how-do-i-fall-asleep-faster-at-night',
	 'I lie awake for **hours** every night.',
	 '<p>I lie awake for <strong>hours</strong> every night.</p>' || char(10),
	 'sleep anxiety', 2, 1, NULL, '192.0.2.1', 1700000000, 1700000400,
	 1, 2, 0, 2, 2, 1, 0, 4, 12),
	(2, 1, NULL, 2, 'Should I tell my boss that I am burnt out?',
	 'should-i-tell-my-boss-that-i-am-burnt-out',
	 'Work has been too much for months.',
	 '<p>Work has been too much for months.</p>' || char(10),
	 'work', 1, 2, NULL, '192.0.2.2', 1700001000, 1700001000,
	 1, 0, 0, 0, 0, 0, 0, NULL, 3),
	(3, 1, NULL, 3, 'Buy cheap pills here, best prices online',
	 'buy-cheap-pills-here-best-prices-online',
	 'Spam that a moderator hid.',
	 '<p>Spam that a moderator hid.</p>' || char(10),
	 'anxiety', NULL, NULL, 'Guest', '198.51.100.7', 1700002000,
	 1700002000, 2, 0, 0, 0, 0, 0, 0, NULL, 0),
	(4, 2, 1, 1, NULL, NULL, 'Keep the same hours, even at weekends.',
	 '<p>Keep the same hours, even at weekends.</p>' || char(10),
	 '', NULL, 2, NULL, '192.0.2.2', 1700000100, 1700000100,
	 1, 1, 1, 0, 0, 1, 0, NULL, 0),
	(5, 2, 1, 1, NULL, NULL, 'No screens for an hour before bed.',
	 '<p>No screens for an hour before bed.</p>' || char(10),
	 '', NULL, 3, NULL, '192.0.2.3', 1700000200, 1700000200,
	 1, 1, 0, 1, 0, 0, 1, NULL, 0),
	(6, 2, 2, 2, NULL, NULL, 'Just quit, life is short.',
	 '<p>Just quit, life is short.</p>' || char(10),
	 '', NULL, 1, NULL, '192.0.2.1', 1700001100, 1700001100,
	 3, 0, 0, 0, 0, 0, 0, NULL, 0),
	(7, 3, 1, 1, NULL, NULL, 'Have you tried a warm bath?',
	 'Have you tried a warm bath?', '', NULL, 3, NULL, '192.0.2.3',
	 1700000300, 1700000300, 1, 1, 0, 1, 0, 0, 0, NULL, 0),
	(8, 3, 4, 1, NULL, NULL, 'This worked for me, thanks.',
	 'This worked for me, thanks.', '', NULL, 1, NULL, '192.0.2.1',
	 1700000400, 1700000400, 1, 0, 0, 0, 0, 0, 0, NULL, 0),
	(9, 1, NULL, 9, 'Is it normal to dream about work every night?',
	 'is-it-normal-to-dream-about-work-every-night',
	 'Waiting in the moderation queue.',
	 '<p>Waiting in the moderation queue.</p>' || char(10),
	 '', 1, 4, NULL, '192.0.2.4', 1700003000, 1700003000,
	 0, 0, 0, 0, 0, 0, 0, NULL, 0);
INSERT INTO revisions (post_id, rev, user_id, anon_name, created, title,
	body_md, tags) VALUES
	(1, 1, 1, NULL, 1700000000, 'How do I fall asleep faster at night?',
	 'I lie awake for **hours** every night.', 'sleep anxiety'),
	(2, 1, 2, NULL, 1700001000,
	 'Should I tell my boss that I am burnt out?',
	 'Work has been too much for months.', 'work'),
	(3, 1, NULL, 'Guest', 1700002000,
	 'Buy cheap pills here, best prices online',
	 'Spam that a moderator hid.', 'anxiety'),
	(4, 1, 2, NULL, 1700000100, NULL,
	 'Keep the same hours, even at weekends.', '');
INSERT INTO tags (id, name, description, qcount) VALUES
	(1, 'sleep', 'Falling asleep, staying asleep.', 1),
	(2, 'anxiety', '', 1),
	(3, 'work', '', 1);
INSERT INTO post_tags (tag_id, post_id) VALUES (1, 1), (2, 1), (3, 2),
	(2, 3);
INSERT INTO votes (post_id, user_id, value, created) VALUES
	(1, 2, 1, 1700000500), (1, 3, 1, 1700000600),
	(4, 1, 1, 1700000700), (4, 3, -1, 1700000800),
	(5, 2, 1, 1700000900), (7, 2, 1, 1700000950);
INSERT INTO points_log (user_id, post_id, actor_id, event, delta, created)
	VALUES
	(1, NULL, NULL, 'base', 100, 1699990000),
	(1, 1, 1, 'q_post', 2, 1700000000),
	(2, NULL, NULL, 'base', 100, 1699990100),
	(2, 2, 2, 'q_post', 2, 1700001000),
	(2, 4, 2, 'a_post', 4, 1700000100),
	(2, 4, 1, 'a_selected', 30, 1700000450),
	(3, NULL, NULL, 'base', 100, 1699990200),
	(3, 5, 3, 'a_post', 4, 1700000200),
	(4, NULL, NULL, 'base', 100, 1699990300);
INSERT INTO flags (post_id, user_id, reason, note, created, resolved) VALUES
	(5, 4, 'spam', 'Looks like an advert.', 1700004000, 0),
	(3, 2, 'spam', '', 1700002100, 1);
INSERT INTO subscriptions (post_id, user_id, email, token, created) VALUES
	(1, 1, NULL, 'sub-token-alice-1', 1700000000),
	(2, NULL, 'visitor@example.org', 'sub-token-visitor-2', 1700001000);
INSERT INTO outbox (to_addr, subject, body, created, sent, attempts,
	last_error) VALUES
	('alice@example.org', 'New answer', 'Bob answered.', 1700000100,
	 1700000160, 1, NULL),
	('visitor@example.org', 'New answer', 'Alice answered.', 1700001100,
	 NULL, 2, 'sendmail exited 75');
INSERT INTO audit (actor_id, action, target_type, target_id, reason, detail,
	ip, created) VALUES
	(4, 'hide', 'post', 3, 'spam', '', '192.0.2.4', 1700002200),
	(4, 'delete', 'post', 6, '', '', '192.0.2.4', 1700001200);
INSERT INTO ip_blocks (first, last, reason, created) VALUES
	(x'00000000000000000000ffffc6336400', x'00000000000000000000ffffc63364ff',
	 'spammer', 1700002300);
INSERT INTO posts_fts (rowid, title, body, tags) VALUES
	(1, 'How do I fall asleep faster at night?',
	 'I lie awake for hours every night.', 'sleep anxiety'),
	(2, 'Should I tell my boss that I am burnt out?',
	 'Work has been too much for months.', 'work');
INSERT INTO sessions (token_hash, user_id, csrf, created, last_used,
	expires, ip, user_agent) VALUES
	(x'0101010101010101010101010101010101010101010101010101010101010101',
	 1, x'0202020202020202020202020202020202020202020202020202020202020202',
	 1700005000, 1700005000, 4102444800, '192.0.2.1', 'test');
INSERT INTO password_resets (token_hash, user_id, created, expires, used)
	VALUES
	(x'0303030303030303030303030303030303030303030303030303030303030303',
	 2, 1700004000, 1700007600, 0);
INSERT INTO ratelimits (key, window, count) VALUES
	('q:u:1', 472222, 1), ('a:ip:192.0.2.2', 472222, 1);
UPDATE settings SET value = 'Old site, version 1' WHERE key = 'site_name';
