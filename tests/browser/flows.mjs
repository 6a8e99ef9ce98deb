/*
 * flows.mjs: fastqa end to end in a real browser, as TAP.
 *
 * Drives Debian's Chromium (headless, through playwright-core) against a
 * running site and walks what people do there: a visitor asks a
 * question under a display name after previewing its Markdown; a member
 * registers, logs in, answers another question, comments and votes, with
 * JavaScript (the count changes in place) and without (the form posts
 * and the browser lands back on the post); the asker picks the best
 * answer; a moderator hides a comment, edits an answer and closes a
 * question as a duplicate, and after each step a visitor's view shows
 * it.  A form with an error comes back with what was typed, and the
 * keyboard alone reaches every control of the ask page and of a question
 * page, each with a visible focus indicator.  axe-core checks every kind
 * of page on the way.  Full-page screenshots of the key pages, 1280 and
 * 375 pixels wide, go to the artifacts folder.
 *
 * Run by tests/browser/browser.t, which starts the site and makes the
 * accounts.  The environment:
 *   FASTQA_BASE          the site, http://127.0.0.1:PORT (required)
 *   FASTQA_BROWSER_DEPS  a folder whose node_modules has playwright-core
 *                        and axe-core (required)
 *   FASTQA_ARTIFACTS     where the screenshots go (required)
 *   FASTQA_PASS          the password of the accounts "alice"
 *                        (registered) and "mod" (moderator)
 *   FASTQA_CHROMIUM      the browser, /usr/bin/chromium unless set
 * Prints TAP: one line per check, diag lines ("# ...") saying why a
 * check failed, the plan last.  Exits 1 if a check failed.
 */

import { createRequire } from 'node:module';
import fs from 'node:fs';
import path from 'node:path';

const BASE = process.env.FASTQA_BASE;
const DEPS = process.env.FASTQA_BROWSER_DEPS;
const ARTIFACTS = process.env.FASTQA_ARTIFACTS;
const PASS = process.env.FASTQA_PASS || 'grey-heron-lantern-41';
const CHROMIUM = process.env.FASTQA_CHROMIUM || '/usr/bin/chromium';

/*
 * Chromium's flags: headless without a GPU or a sandbox (the tests may
 * run as root), and nothing that talks to the network on its own.
 * playwright-core gives it a fresh user-data-dir of its own in $TMPDIR
 * and removes it when the browser closes.
 */
const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu',
    '--no-first-run', '--disable-background-networking',
    '--disable-component-update', '--disable-sync'];

/* A page step that takes longer than this has failed. */
const STEP_MS = 15000;
/* The whole run: a hang must not hold `make check`. */
const RUN_MS = 170000;
/* How long a visitor may be shown a page from before a change (nginx's
 * micro-cache keeps a page for a second). */
const FRESH_MS = 5000;
/* The two widths of the screenshots. */
const WIDE = { width: 1280, height: 900 };
const NARROW = { width: 375, height: 812 };

/*
 * The rules on landmarks and headings: axe rates them moderate, and they
 * fail the check all the same (a page must be navigable by its regions
 * and headings).
 */
const STRUCTURE_RULES = new Set(['landmark-one-main', 'landmark-unique',
    'landmark-no-duplicate-banner', 'landmark-no-duplicate-contentinfo',
    'landmark-no-duplicate-main', 'landmark-banner-is-top-level',
    'landmark-contentinfo-is-top-level', 'landmark-main-is-top-level',
    'landmark-complementary-is-top-level', 'region',
    'page-has-heading-one', 'heading-order', 'empty-heading']);

/* The kinds of page that axe must have checked by the end. */
const PAGE_KINDS = ['home', 'question page (visitor)',
    'question page (member)', 'question page (moderator)',
    'questions list', 'tags', 'tag page', 'categories', 'category',
    'search results', 'user page', 'ask form', 'login form',
    'register form', 'account page', 'answer edit form',
    'moderation queue', 'error 404'];

/* What the people of the run write. */
const MEMBER = 'marten';		/* registers in the run */
const MEMBER_PASS = 'slate-otter-meadow-73';
const ANON_NAME = 'Quiet Heron';
const Q1_TITLE = 'How do I keep a sourdough starter alive while ' +
    'travelling?';
const Q1_BODY = 'I feed it **twice a day** at home. What I tried:\n\n' +
    '- a smaller jar\n- less water\n\nShould it go in `the fridge`?';
const Q2_TITLE = 'What keeps a sourdough starter healthy for a week away?';
const Q2_BODY = 'I will be away for a week and nobody can feed my ' +
    'starter. What do bakers do?';
/* Two paragraphs: the edit form must give the line breaks back. */
const ANSWER = 'Feed it and let it rise for an hour.\n\nThen keep it in ' +
    'the fridge; it will wait a week.';
const ANSWER_EDITED = 'Feed it and let it rise for an hour.\n\nThen ' +
    'keep it in the fridge with the lid loose; it will wait two weeks.';
const COMMENT = 'Which flour do you feed it with?';

/* --- TAP ----------------------------------------------------------- */

let ntests = 0;
let nfailed = 0;

function diag(...lines) {
	for (const l of lines)
		for (const s of String(l).split('\n'))
			console.log('# ' + s);
}

/* ok(cond, desc, why...): one TAP line; the why lines as diag when it
 * fails.  Returns cond. */
function ok(cond, desc, ...why) {
	ntests++;
	console.log(`${cond ? 'ok' : 'not ok'} ${ntests} - ${desc}`);
	if (!cond) {
		nfailed++;
		diag(...why);
	}
	return !!cond;
}

/* is(got, want, desc): ok, saying what was got and expected. */
function is(got, want, desc) {
	return ok(got === want, desc, `     got: ${JSON.stringify(got)}`,
	    `expected: ${JSON.stringify(want)}`);
}

/* like(text, re, desc): text matches the regex. */
function like(text, re, desc) {
	const t = String(text ?? '');
	return ok(re.test(t), desc, `'${t.slice(0, 300)}'`,
	    `does not match ${re}`);
}

/*
 * scenario(name, fn): run one scenario; an exception in it (a missing
 * element, a timeout) is a failed check named after it, and the run goes
 * on with the next one.
 */
async function scenario(name, fn) {
	diag(`--- ${name}`);
	try {
		await fn();
	} catch (e) {
		const why = String(e && e.stack || e).split('\n');
		ok(false, `${name}: runs to its end`, ...why.slice(0, 6));
	}
}

/* --- pages ----------------------------------------------------------- */

if (!BASE || !DEPS || !ARTIFACTS) {
	console.log('Bail out! FASTQA_BASE, FASTQA_BROWSER_DEPS and ' +
	    'FASTQA_ARTIFACTS must be set (tests/browser/browser.t sets them)');
	process.exit(1);
}
const need = createRequire(path.join(DEPS, 'package.json'));
const { chromium } = need('playwright-core');
/*
 * axe goes in through the DevTools protocol (page.evaluate), not as a
 * <script> element (page.addScriptTag): the site's Content-Security-
 * Policy allows no inline script, and it stays in force so that vote.js
 * is tested under it.
 */
const AXE_SOURCE = fs.readFileSync(need.resolve('axe-core/axe.min.js'),
    'utf8');

/* The kinds of page that axe checked. */
const axed = new Set();

/*
 * axe_check(page, kind): run axe-core on the page as it is now.  Fails
 * when a violation has impact serious or critical or breaks one of
 * STRUCTURE_RULES, with each one's impact, rule and the selectors of its
 * nodes as diag lines; other violations are diag lines only.
 */
async function axe_check(page, kind) {
	if (await page.evaluate(() => typeof window.axe) !== 'object')
		await page.evaluate(AXE_SOURCE);
	const r = await page.evaluate(() => window.axe.run(document,
	    { resultTypes: ['violations'] }));
	const bad = [], minor = [];
	for (const v of r.violations) {
		const nodes = v.nodes.slice(0, 5).map(n => n.target.join(' '));
		const line = `${v.impact} ${v.id}: ${v.help}; ` +
		    nodes.join(', ') + (v.nodes.length > 5 ?
		    ` (${v.nodes.length} in all)` : '');
		if (v.impact === 'serious' || v.impact === 'critical' ||
		    STRUCTURE_RULES.has(v.id))
			bad.push(line);
		else
			minor.push(line);
	}
	axed.add(kind);
	ok(bad.length === 0, `axe: ${kind}: no serious or critical ` +
	    'violation, none of landmarks or headings', ...bad);
	if (minor.length > 0)
		diag(`axe: ${kind}: minor violations (not failing):`,
		    ...minor);
}

/*
 * shoot(page, name, kind): full-page screenshots of the page as it is,
 * as ARTIFACTS/NAME-1280.png and NAME-375.png.  With kind, axe checks
 * the narrow layout too (it can hide a label or clip text).  The page is
 * left wide.
 */
async function shoot(page, name, kind) {
	await page.setViewportSize(WIDE);
	await page.screenshot({ fullPage: true,
	    path: path.join(ARTIFACTS, `${name}-${WIDE.width}.png`) });
	await page.setViewportSize(NARROW);
	await page.screenshot({ fullPage: true,
	    path: path.join(ARTIFACTS, `${name}-${NARROW.width}.png`) });
	if (kind)
		await axe_check(page, `${kind}, ${NARROW.width}px wide`);
	await page.setViewportSize(WIDE);
}

/* go(page, url): GET url (a path on the site); returns the status. */
async function go(page, url) {
	const resp = await page.goto(BASE + url, { waitUntil: 'load' });
	return resp ? resp.status() : 0;
}

/*
 * submit(page, action): run action (a click that sends a form) and wait
 * for the page it leads to; returns the status of that page (after any
 * redirect).
 */
async function submit(page, action) {
	const [resp] = await Promise.all([
		page.waitForNavigation({ waitUntil: 'load', timeout: STEP_MS }),
		action()
	]);
	return resp ? resp.status() : 0;
}

/* text(page, selector): the text of the first match, '' if none. */
async function text(page, selector) {
	const l = page.locator(selector).first();
	return (await l.count()) > 0 ? (await l.innerText()).trim() : '';
}

/* has_link(page, selector, title): how many links of selector read
 * title. */
function has_link(page, selector, title) {
	return page.locator(selector, { hasText: title }).count();
}

/* url_path(page): the page's path and query, without the fragment. */
function url_path(page) {
	const u = new URL(page.url());
	return u.pathname + u.search;
}

/*
 * eventually(page, url, test): load url until test(page) is true (a
 * visitor may be shown the page from before a change for a moment);
 * true if it became so within FRESH_MS.
 */
async function eventually(page, url, test) {
	const end = Date.now() + FRESH_MS;
	for (;;) {
		await go(page, url);
		if (await test(page))
			return true;
		if (Date.now() > end)
			return false;
		await page.waitForTimeout(300);
	}
}

/* login(page, handle, password): log in through the form; returns the
 * status of the page it leads to. */
async function login(page, handle, password) {
	await go(page, '/login');
	await page.fill('#login', handle);
	await page.fill('#password', password);
	return submit(page, () => page.click('form[action="/login"] ' +
	    'button[type="submit"]'));
}

/* --- the keyboard ---------------------------------------------------- */

/*
 * In the page: number every element the keyboard might reach
 * (data-kbd), and put the focus before the first of them.  Returns how
 * many there are.
 */
function kbd_mark() {
	const all = document.querySelectorAll('a[href], button, input, ' +
	    'select, textarea, summary, [tabindex]');
	const start = document.createElement('span');

	all.forEach((e, i) => e.setAttribute('data-kbd', String(i)));
	window.scrollTo(0, 0);
	start.tabIndex = -1;
	document.body.prepend(start);
	start.focus();
	start.remove();
	return all.length;
}

/*
 * In the page: the focused element's number, its start, whether its
 * computed style draws a focus indicator (an outline or a box-shadow),
 * and whether it is the summary of a closed <details>; null when the
 * focus is on none of them.
 */
function kbd_focused() {
	const e = document.activeElement;
	if (!e || !e.hasAttribute('data-kbd'))
		return null;
	const s = getComputedStyle(e);
	return {
		id: e.getAttribute('data-kbd'),
		what: e.outerHTML.slice(0, 120),
		marked: (s.outlineStyle !== 'none' &&
		    parseFloat(s.outlineWidth) > 0) || s.boxShadow !== 'none',
		closed: e.tagName === 'SUMMARY' && !e.parentElement.open
	};
}

/*
 * In the page: the controls that the keyboard should reach now, each as
 * the numbers that count for it (one element; for radio buttons, any of
 * the group) and its start.  Left out: the disabled, hidden inputs,
 * anything not rendered (in a closed <details>, display: none,
 * visibility: hidden) or inert, and what tabindex="-1" takes out of the
 * order on purpose (the spam trap's field).
 */
function kbd_wanted() {
	const out = [], groups = new Set();
	for (const e of document.querySelectorAll('[data-kbd]')) {
		const t = e.getAttribute('tabindex');
		if ((t !== null && parseInt(t, 10) < 0) || e.disabled ||
		    (e.tagName === 'INPUT' && e.type === 'hidden') ||
		    !e.checkVisibility({ visibilityProperty: true }) ||
		    e.closest('[inert]'))
			continue;
		let ids = [e.getAttribute('data-kbd')];
		if (e.tagName === 'INPUT' && e.type === 'radio') {
			const g = [...document.querySelectorAll(
			    'input[type="radio"]')].filter(r =>
			    r.name === e.name && r.form === e.form);
			if (groups.has(g[0]))
				continue;
			groups.add(g[0]);
			ids = g.map(r => r.getAttribute('data-kbd'));
		}
		out.push({ ids, what: e.outerHTML.slice(0, 120) });
	}
	return out;
}

/*
 * keyboard_walk(page, kind): with Tab presses only (and Enter on the
 * summary of a closed <details>, which opens it), walk the page's focus
 * order from the top until it comes round again.  Checks that every
 * control got the focus (kbd_wanted) and that each showed a focus
 * indicator when it had it.
 */
async function keyboard_walk(page, kind) {
	const total = await page.evaluate(kbd_mark);
	const reached = new Map();
	let first = null;

	for (let i = 0; i < 3 * total + 20; i++) {
		await page.keyboard.press('Tab');
		const f = await page.evaluate(kbd_focused);
		if (f === null)
			continue;
		if (f.id === first)
			break;
		first ??= f.id;
		reached.set(f.id, f);
		if (f.closed)
			await page.keyboard.press('Enter');
	}
	const want = await page.evaluate(kbd_wanted);
	const missed = want.filter(w => !w.ids.some(id => reached.has(id)));
	ok(want.length > 5 && missed.length === 0,
	    `keyboard: ${kind}: Tab reaches all ${want.length} controls`,
	    `reached ${reached.size} of ${want.length}; never focused:`,
	    ...missed.slice(0, 10).map(m => '  ' + m.what));
	const unmarked = [...reached.values()].filter(f => !f.marked);
	ok(reached.size > 5 && unmarked.length === 0,
	    `keyboard: ${kind}: every focused control shows a focus ` +
	    'indicator', 'no outline or box-shadow when focused:',
	    ...unmarked.slice(0, 10).map(f => '  ' + f.what));
}

/* --- the scenarios --------------------------------------------------- */

/* The people, each a browser context with its cookies, once started. */
let visitor, pub, member, alice, mod;
/* What a scenario finds for the next: the questions' paths and ids, the
 * answer's and the comment's ids. */
const S = {};

/* A visitor previews a question's Markdown, then asks it under a
 * display name, and sees it. */
async function ask_anonymously() {
	const p = visitor;

	is(await go(p, '/ask'), 200, 'ask form: 200 for a visitor');
	await axe_check(p, 'ask form');
	await p.fill('#title', Q1_TITLE);
	await p.fill('#body', Q1_BODY);
	await p.fill('#name', ANON_NAME);
	is(await submit(p, () => p.click('button[name="preview"]')), 200,
	    'preview: 200');
	is(await text(p, '.preview-box .preview-title'), Q1_TITLE,
	    'preview: the title');
	is(await text(p, '.preview-box .body strong'), 'twice a day',
	    'preview: **bold** is rendered');
	is(await p.locator('.preview-box .body li').count(), 2,
	    'preview: the list is rendered');
	is(await text(p, '.preview-box .body code'), 'the fridge',
	    'preview: `code` is rendered');
	is(await p.inputValue('#title'), Q1_TITLE,
	    'preview: the title is still in the form');
	is(await p.inputValue('#body'), Q1_BODY,
	    'preview: the body is still in the form, line breaks and all');
	is(await p.inputValue('#name'), ANON_NAME,
	    'preview: the display name is still in the form');
	await axe_check(p, 'ask form with a preview');

	is(await submit(p, () => p.click('button[name="post"]')), 200,
	    'ask: the posted page');
	await axe_check(p, 'posted page (anonymous)');
	const link = p.locator('.posted-page a').first();
	like(await link.getAttribute('href'), /^\/q\/[0-9]+\//,
	    'posted page: links to the question');
	is(await submit(p, () => link.click()), 200, 'the new question: 200');
	S.q1 = url_path(p);
	S.q1id = S.q1.split('/')[2];
	is(await text(p, 'h1'), Q1_TITLE, 'the new question: its title');
	is(await text(p, `#q${S.q1id} .body strong`), 'twice a day',
	    'the new question: the Markdown rendered');
	like(await text(p, `#q${S.q1id} .postmeta .by`),
	    new RegExp(`by ${ANON_NAME}$`),
	    'the new question: by the display name');
	ok(await eventually(pub, '/questions', async pg =>
	    await has_link(pg, '.qlist a', Q1_TITLE) === 1),
	    'the new question: listed for everyone on /questions');
}

/* A form sent with an error comes back with what was typed. */
async function form_error() {
	const p = visitor;
	const title = 'Starter?';
	const body = 'It smells of nail varnish since Tuesday; is it ' +
	    'still alive or should I throw it away?';

	await go(p, '/ask');
	await p.fill('#title', title);
	await p.fill('#body', body);
	await p.fill('#name', ANON_NAME);
	is(await submit(p, () => p.click('button[name="post"]')), 422,
	    'a title too short: 422');
	ok(await p.locator('.errors[role="alert"]').isVisible(),
	    'the error summary is shown, as an alert');
	is(await p.getAttribute('#title', 'aria-invalid'), 'true',
	    'the title is marked invalid');
	like(await text(p, '#title-error'), /Error:/,
	    'the title has its message');
	is(await p.inputValue('#title'), title, 'the typed title is kept');
	is(await p.inputValue('#body'), body, 'the typed body is kept');
	is(await p.inputValue('#name'), ANON_NAME, 'the typed name is kept');
	await p.click('.errors a[href="#title"]');
	is(await p.evaluate(() => location.hash), '#title',
	    'the message links to the field');
	await axe_check(p, 'ask form with errors');
	await shoot(p, 'ask-error', 'ask form with errors');
}

/* A member registers, logs out, and logs in again. */
async function register() {
	const p = member;
	const me = `header.site a[href="/user/${MEMBER}"]`;

	is(await go(p, '/register'), 200, 'register form: 200');
	await axe_check(p, 'register form');
	await p.fill('#handle', MEMBER);
	await p.fill('#email', `${MEMBER}@example.org`);
	await p.fill('#password', MEMBER_PASS);
	await p.fill('#password2', MEMBER_PASS);
	is(await submit(p, () => p.click('form[action="/register"] ' +
	    'button[type="submit"]')), 200, 'register: a page after it');
	is(await text(p, me), MEMBER, 'register: logged in as the new member');
	await submit(p, () => p.click('form.logout button'));
	is(await p.locator('header.site a[href="/login"]').count(), 1,
	    'log out: the header offers to log in');
	is(await go(p, '/login'), 200, 'login form: 200');
	await axe_check(p, 'login form');
	await shoot(p, 'login', 'login form');
	is(await login(p, MEMBER, MEMBER_PASS), 200, 'log in: a page');
	is(await text(p, me), MEMBER, 'log in: the header shows the member');
	is(await go(p, '/account'), 200, 'account page: 200');
	await axe_check(p, 'account page');
}

/* Alice asks; the member answers her question and comments on it; the
 * keyboard reaches everything on that page and on the ask page. */
async function answer_and_comment() {
	const a = alice, p = member;

	is(await login(a, 'alice', PASS), 200, 'alice logs in');
	await go(a, '/ask');
	await a.fill('#title', Q2_TITLE);
	await a.fill('#body', Q2_BODY);
	await a.fill('#tags', 'sourdough baking');
	is(await submit(a, () => a.click('button[name="post"]')), 200,
	    'alice asks: her question');
	S.q2 = url_path(a);
	S.q2id = S.q2.split('/')[2];
	like(S.q2, /^\/q\/[0-9]+\//, 'alice asks: at /q/ID/...');

	is(await go(p, S.q2), 200, "alice's question: 200 for the member");
	await p.fill('#body', ANSWER);
	is(await submit(p, () => p.click('.answer-form ' +
	    'button[type="submit"]')), 200, 'answer: back on the question');
	S.aid = new URL(p.url()).hash.replace(/^#a/, '');
	like(S.aid, /^[0-9]+$/, 'answer: the page is at the answer');
	is(await text(p, `#a${S.aid} .body`), ANSWER,
	    'answer: shown on the page');

	const q = p.locator(`#q${S.q2id}`);
	await q.locator('details.cform summary').click();
	await q.locator('details.cform textarea').fill(COMMENT);
	is(await submit(p, () => q.locator('details.cform ' +
	    'button[type="submit"]').click()), 200,
	    'comment: back on the question');
	S.cid = new URL(p.url()).hash.replace(/^#c/, '');
	like(S.cid, /^[0-9]+$/, 'comment: the page is at the comment');
	is(await text(p, `#c${S.cid} .cbody`), COMMENT,
	    'comment: shown under the question');
	await axe_check(p, 'question page (member)');
	await keyboard_walk(p, 'question page (member)');
	await go(p, '/ask');
	await keyboard_walk(p, 'ask form (member)');
}

/* The member votes alice's question up: vote.js sends it and the count
 * changes where it is, without a page load. */
async function vote_with_js() {
	const p = member;
	const box = `#q${S.q2id} > .vote`;

	await go(p, S.q2);
	const score = p.locator(`${box} .score`);
	is((await score.innerText()).trim(), '0 votes',
	    'vote: the question starts at 0');
	let loads = 0;
	const count = f => { if (f === p.mainFrame()) loads++; };
	p.on('framenavigated', count);
	await p.evaluate(() => { window.fastqaStay = 1; });
	await p.click(`${box} button.vote-up`);
	const changed = await p.waitForFunction(el =>
	    el.textContent.trim() !== '0 votes', await score.elementHandle(),
	    { timeout: 5000 }).then(() => true, () => false);
	const now = (await score.innerText()).trim();
	ok(changed, 'vote: the count changes without a reload',
	    `after 5 s the score still reads '${now}'`);
	is(now, '+1 vote', 'vote: it reads +1 vote');
	is(await p.getAttribute(`${box} button.vote-up`, 'aria-pressed'),
	    'true', 'vote: the up button is pressed');
	p.off('framenavigated', count);
	ok(loads === 0 && await p.evaluate(() => window.fastqaStay === 1),
	    'vote: the page did not load again', `${loads} page loads`);
	is(await text(p, `${box} .vote-msg`), '', 'vote: no error message');
	await go(p, S.q2);
	is(await text(p, `${box} .score`), '+1 vote',
	    'vote: kept after a reload');
}

/* The member, without JavaScript, votes the visitor's question up: the
 * form posts and the browser comes back to the post. */
async function vote_without_js() {
	const ctx = await browser.newContext({ viewport: WIDE,
	    javaScriptEnabled: false,
	    storageState: await member.context().storageState() });
	const p = await ctx.newPage();
	const box = `#q${S.q1id} > .vote`;

	ctx.setDefaultTimeout(STEP_MS);
	try {
		is(await go(p, S.q1), 200, 'no JS: the question');
		is(await text(p, `${box} .score`), '0 votes',
		    'no JS: the question starts at 0');
		is(await submit(p, () => p.click(`${box} button.vote-up`)), 200,
		    'no JS: the vote posts and a page comes');
		const u = new URL(p.url());
		is(u.pathname, S.q1, 'no JS: back on the question');
		is(u.hash, `#q${S.q1id}`, 'no JS: at the post voted on');
		is(await text(p, `${box} .score`), '+1 vote',
		    'no JS: the new count');
		is(await p.getAttribute(`${box} button.vote-up`,
		    'aria-pressed'), 'true', 'no JS: the up button pressed');
	} finally {
		await ctx.close();
	}
}

/* The member flags the visitor's question, for the moderation queue. */
async function flag() {
	const p = member;
	const q = p.locator(`#q${S.q1id}`);

	await go(p, S.q1);
	await q.locator('details.flag summary').click();
	await q.locator('details.flag input[value="spam"]').check();
	is(await submit(p, () => q.locator('details.flag ' +
	    'button[type="submit"]').click()), 200, 'flag: a page after it');
}

/* Alice selects the member's answer as the best. */
async function accept() {
	const a = alice;

	await go(a, S.q2);
	is(await submit(a, () => a.click(`#a${S.aid} form.accept button`)),
	    200, 'accept: back on the question');
	is(await a.locator(`#a${S.aid}.accepted`).count(), 1,
	    'accept: the answer is marked as the best');
	is(await text(a, `#a${S.aid} .best`), 'Best answer',
	    'accept: it says so');
	ok(await eventually(pub, S.q2, async pg =>
	    await text(pg, `#a${S.aid} .best`) === 'Best answer'),
	    'accept: a visitor sees the best answer');
	await axe_check(pub, 'question page (visitor)');
}

/* The moderator looks at the queue and hides the member's comment. */
async function hide() {
	const m = mod;

	is(await login(m, 'mod', PASS), 200, 'the moderator logs in');
	is(await go(m, '/moderate'), 200, 'moderation queue: 200');
	is(await m.locator(`#item-${S.q1id}`).count(), 1,
	    'moderation queue: the flagged question is there');
	await axe_check(m, 'moderation queue');
	await shoot(m, 'moderate', 'moderation queue');
	await go(m, S.q2);
	await axe_check(m, 'question page (moderator)');
	is(await submit(m, () => m.click(`#c${S.cid} form.mod ` +
	    'button[value="hide"]')), 200, 'hide: a page after it');
	ok(await eventually(pub, S.q2, async pg =>
	    await pg.locator(`#c${S.cid}`).count() === 0 &&
	    !(await pg.content()).includes(COMMENT)),
	    'hide: the comment is gone for a visitor');
	is(await text(pub, `#a${S.aid} .body`), ANSWER,
	    'hide: the rest of the page is still there');
}

/* The moderator edits the member's answer. */
async function edit() {
	const m = mod;

	is(await go(m, `/post/${S.aid}/edit`), 200, 'edit form: 200');
	is(await m.inputValue('#body'), ANSWER,
	    'edit form: the answer, line breaks and all');
	await axe_check(m, 'answer edit form');
	await m.fill('#body', ANSWER_EDITED);
	await m.fill('#reason', 'the fridge keeps it longer');
	is(await submit(m, () => m.click('button:text-is("Save edit")')),
	    200, 'edit: a page after it');
	ok(await eventually(pub, S.q2, async pg =>
	    await text(pg, `#a${S.aid} .body`) === ANSWER_EDITED),
	    'edit: a visitor sees the new text');
	like(await text(pub, `#a${S.aid} .edited`), /^edited by mod,/,
	    'edit: "edited by" the moderator');
}

/* The moderator closes the visitor's question as a duplicate of
 * alice's. */
async function close_duplicate() {
	const m = mod;

	await go(m, S.q1);
	await m.click('details.modq summary');
	await m.fill('#close-reason', 'asked before');
	await m.fill('#close-dup', S.q2id);
	is(await submit(m, () => m.click('details.modq ' +
	    'button:text-is("Close")')), 200, 'close: a page after it');
	ok(await eventually(pub, S.q1, async pg =>
	    /This question is closed/.test(await text(pg, '.notice'))),
	    'close: a visitor sees that it is closed');
	like(await text(pub, '.notice'), /asked before/,
	    'close: with the reason');
	is(await pub.getAttribute('.notice a', 'href'), S.q2,
	    'close: with a link to the original');
	is(await text(pub, '.notice a'), Q2_TITLE,
	    "close: named by the original's title");
}

/* A visitor goes round the other kinds of page. */
async function browse() {
	const p = pub;

	is(await go(p, '/'), 200, 'home: 200');
	await axe_check(p, 'home');
	await shoot(p, 'home', 'home');
	is(await go(p, '/questions'), 200, 'questions: 200');
	await axe_check(p, 'questions list');
	await shoot(p, 'questions');
	is(await go(p, S.q2), 200, 'question: 200');
	await shoot(p, 'question', 'question page (visitor)');
	is(await go(p, '/tags'), 200, 'tags: 200');
	await axe_check(p, 'tags');
	is(await submit(p, () => p.click('.tagcloud ' +
	    'a[href="/tag/sourdough"]')), 200, 'tag page: 200');
	is(await has_link(p, '.qlist a', Q2_TITLE), 1,
	    "tag page: alice's question is there");
	await axe_check(p, 'tag page');
	is(await go(p, '/categories'), 200, 'categories: 200');
	await axe_check(p, 'categories');
	is(await submit(p, () => p.click('main a[href^="/c/"]')), 200,
	    'category: 200');
	await axe_check(p, 'category');
	await p.fill('#site-q', 'sourdough');
	is(await submit(p, () => p.press('#site-q', 'Enter')), 200,
	    'search from the header: 200');
	is(await has_link(p, '.qlist a', Q2_TITLE), 1,
	    'search: finds the question');
	await axe_check(p, 'search results');
	is(await go(p, `/user/${MEMBER}`), 200, 'user page: 200');
	await axe_check(p, 'user page');
	await shoot(p, 'user');
	is(await go(p, '/users'), 200, 'users: 200');
	await axe_check(p, 'users list');
	is(await go(p, '/no/such/page'), 404, 'an unknown page: 404');
	await axe_check(p, 'error 404');
}

/* --- the run --------------------------------------------------------- */

const watchdog = setTimeout(() => {
	console.log(`Bail out! the browser suite took longer than ` +
	    `${RUN_MS / 1000} s`);
	process.exit(1);
}, RUN_MS);

fs.mkdirSync(ARTIFACTS, { recursive: true });
let browser;
try {
	browser = await chromium.launch({ executablePath: CHROMIUM,
	    headless: true, args: CHROMIUM_ARGS });
} catch (e) {
	console.log(`Bail out! cannot start ${CHROMIUM}: ` +
	    String(e.message || e).split('\n')[0]);
	process.exit(1);
}

/* person(): a new browser context (its own cookies) and its page. */
async function person() {
	const ctx = await browser.newContext({ viewport: WIDE });
	ctx.setDefaultTimeout(STEP_MS);
	return ctx.newPage();
}

try {
	visitor = await person();	/* asks without an account */
	pub = await person();		/* reads, never posts */
	member = await person();	/* registers in the run */
	alice = await person();		/* asks, picks the best answer */
	mod = await person();		/* a moderator */

	await scenario('a visitor asks with a display name, after a preview',
	    ask_anonymously);
	await scenario('a form error keeps what was typed', form_error);
	await scenario('a member registers and logs in', register);
	await scenario('the member answers another question and comments',
	    answer_and_comment);
	await scenario('the member votes with JavaScript: in place',
	    vote_with_js);
	await scenario('the member votes without JavaScript: the form posts',
	    vote_without_js);
	await scenario('the member flags a post', flag);
	await scenario('the asker selects the best answer', accept);
	await scenario('a moderator hides a comment', hide);
	await scenario("a moderator edits the member's answer", edit);
	await scenario('a moderator closes a question as a duplicate',
	    close_duplicate);
	await scenario('every other kind of page', browse);

	const missing = PAGE_KINDS.filter(k => !axed.has(k));
	ok(missing.length === 0, 'axe ran on every kind of page',
	    `not checked: ${missing.join(', ')}`);
} finally {
	await browser.close();
	clearTimeout(watchdog);
}

console.log(`1..${ntests}`);
process.exit(nfailed > 0 ? 1 : 0);
