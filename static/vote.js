/*
 * vote.js: the vote buttons of the question page without a page load.
 * Each form.vote is sent with fetch, asking for JSON; the answer updates
 * the score, aria-pressed and the buttons' values in place.  On an error
 * its message goes into the form's role="status" element; when there is
 * no usable answer at all, the form is sent the normal way.  Without
 * this script the forms work as they are (Post/Redirect/Get).
 */
(function () {
	'use strict';

	function votes(n) {
		return (n > 0 ? '+' : '') + n + (Math.abs(n) === 1 ?
		    ' vote' : ' votes');
	}

	function update(form, r) {
		var score = form.querySelector('.score');
		var buttons = form.querySelectorAll('button[name="dir"]');
		var i, b, dir, on;

		if (score) {
			score.setAttribute('data-score', String(r.score));
			score.textContent = votes(r.score);
		}
		for (i = 0; i < buttons.length; i++) {
			b = buttons[i];
			dir = b.classList.contains('vote-down') ? 'down' : 'up';
			on = (dir === 'up' && r.vote === 1) ||
			    (dir === 'down' && r.vote === -1);
			b.setAttribute('aria-pressed', on ? 'true' : 'false');
			b.value = on ? 'undo' : dir;
		}
	}

	function say(form, text) {
		var msg = form.querySelector('.vote-msg');

		if (msg)
			msg.textContent = text;
	}

	/* The button pressed, for browsers without SubmitEvent.submitter. */
	var pressed = null;
	document.addEventListener('click', function (ev) {
		var b = ev.target.closest && ev.target.closest('button');

		if (b && b.form && b.form.classList.contains('vote'))
			pressed = b;
	});

	document.addEventListener('submit', function (ev) {
		var form = ev.target, body;
		var submitter = ev.submitter ||
		    (pressed && pressed.form === form ? pressed : null);

		if (!(form instanceof HTMLFormElement) ||
		    !form.classList.contains('vote') || !window.fetch ||
		    !window.URLSearchParams)
			return;
		ev.preventDefault();
		/* One vote at a time per form: a second press waits. */
		if (form.getAttribute('data-busy') === '1')
			return;
		body = new URLSearchParams(new FormData(form));
		if (submitter && submitter.name)
			body.set(submitter.name, submitter.value);
		form.setAttribute('data-busy', '1');
		say(form, '');
		fetch(form.action, {
			method: 'POST',
			body: body,
			headers: { 'Accept': 'application/json' },
			credentials: 'same-origin'
		}).then(function (resp) {
			return resp.json().then(function (r) {
				return { ok: resp.ok, r: r };
			});
		}).then(function (x) {
			form.removeAttribute('data-busy');
			if (x.ok && typeof x.r.score === 'number')
				update(form, x.r);
			else if (x.r && x.r.error)
				say(form, x.r.error);
			else
				throw new Error('no answer');
		}).catch(function () {
			/* No JSON (a CSRF or server error page): the plain
			 * form shows what happened. */
			form.removeAttribute('data-busy');
			if (submitter && submitter.name) {
				var h = document.createElement('input');
				h.type = 'hidden';
				h.name = submitter.name;
				h.value = submitter.value;
				form.appendChild(h);
			}
			form.submit();
		});
	});
}());
