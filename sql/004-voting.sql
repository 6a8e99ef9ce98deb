-- 004-voting: the points table (Question2Answer's defaults), privileges
-- by points (Stack Exchange's thresholds, with everyone starting from
-- points_base as in Question2Answer), and vote rate limits.
INSERT OR IGNORE INTO settings (key, value) VALUES
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
	('rate_v_user', '120'), ('rate_v_ip', '600');
UPDATE settings SET value = '110' WHERE key = 'new_user_points' AND value = '10';
