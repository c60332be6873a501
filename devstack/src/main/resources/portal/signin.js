'use strict';
// The sign-in page: POST /session with the customer id and the launcher's portal password (a form, so that the
// portal reads it without JSON), then back to the page that sent the customer here.
(function () {
	const el = window.PortalDom.el;
	const form = document.getElementById('sign-in-form');

	// Only a page of the portal itself: no open redirect to another site.
	function next() {
		const wanted = new URLSearchParams(window.location.search).get('next') || '';
		return /^[a-z0-9-]+\.html(\?[^#]*)?$/.test(wanted) ? wanted : 'index.html';
	}

	function clearProblems() {
		for (const error of form.querySelectorAll('.error')) {
			error.textContent = '';
		}
		for (const invalid of form.querySelectorAll('[aria-invalid]')) {
			invalid.removeAttribute('aria-invalid');
		}
		document.getElementById('problems').hidden = true;
	}

	function showProblem(problem) {
		let first = null;
		for (const error of problem.errors || []) {
			const target = form.querySelector('.error[data-pointer="' + error.pointer + '"]');
			if (target) {
				target.textContent = error.detail;
				const field = document.getElementById(target.id.replace(/-error$/, ''));
				field.setAttribute('aria-invalid', 'true');
				first = first || field;
			}
		}
		if (first) {
			first.focus();
			return;
		}
		const problems = document.getElementById('problems');
		problems.replaceChildren(el('p', { text: problem.detail || problem.title || 'Not signed in.' }));
		problems.hidden = false;
		problems.focus();
	}

	form.addEventListener('submit', async (event) => {
		event.preventDefault();
		clearProblems();
		const button = document.getElementById('sign-in');
		button.disabled = true;
		try {
			const response = await fetch('/session', {
				method: 'POST',
				headers: { Accept: 'application/json, application/problem+json' },
				body: new URLSearchParams({ customerId: document.getElementById('customer-id').value.trim(),
					password: document.getElementById('password').value })
			});
			if (response.ok) {
				window.location.assign(next());
				return;
			}
			showProblem(await response.json());
		} catch (failure) {
			showProblem({ title: 'The portal could not be reached (' + failure.message + '). Try again.' });
		} finally {
			button.disabled = false;
		}
	});

	fetch('/session', { headers: { Accept: 'application/json' }, cache: 'no-store' }).then(async (response) => {
		if (response.ok) {
			const session = await response.json();
			const notice = document.getElementById('signed-in');
			notice.replaceChildren('You are signed in as ', el('strong', { text: session.customerId }), '. ',
				el('a', { href: next(), text: 'Continue' }), ' or sign in as another customer below.');
			notice.hidden = false;
		}
	}).catch(() => {});
	document.getElementById('password').focus();
})();
