'use strict';
// Shared by the portal's pages: who is signed in (GET /session), signing out, and fetch() for the API with the
// session's CSRF token on every POST. The session itself is an HttpOnly cookie that no script can read; a page
// without one goes to the sign-in page, which sends the customer back.
window.PortalSession = (function () {
	let current = null;

	function toSignIn() {
		const here = window.location.pathname.replace(/^\//, '') + window.location.search;
		window.location.assign('signin.html?next=' + encodeURIComponent(here || 'index.html'));
	}

	function showInHeader(session) {
		const slot = document.getElementById('session');
		if (!slot) {
			return;
		}
		const el = window.PortalDom.el;
		const button = el('button', { type: 'button', className: 'link', id: 'sign-out', text: 'Sign out' });
		button.addEventListener('click', signOut);
		slot.replaceChildren(el('span', {}, 'Signed in as ', el('strong', { id: 'signed-in-as', text: session.customerId })),
			' ', button);
	}

	// Resolves with { customerId, csrfToken, expiresAt } once signed in; without a session it goes to the sign-in page
	// and never resolves.
	async function require() {
		const response = await fetch('/session', { headers: { Accept: 'application/json' }, cache: 'no-store' });
		if (response.status === 401) {
			toSignIn();
			return new Promise(() => {});
		}
		if (!response.ok) {
			throw new Error('the portal answered ' + response.status);
		}
		current = await response.json();
		showInHeader(current);
		return current;
	}

	async function signOut() {
		try {
			await fetch('/session', { method: 'DELETE', headers: { 'X-CSRF-Token': current ? current.csrfToken : '' } });
		} finally {
			window.location.assign('signin.html');
		}
	}

	// fetch() for /v1: adds the CSRF token to every method but GET and HEAD. A 401 means the session ended (sign-out
	// elsewhere, expiry, a restarted launcher): off to the sign-in page.
	async function api(path, options) {
		const init = Object.assign({}, options || {});
		init.headers = Object.assign({}, init.headers || {});
		const method = (init.method || 'GET').toUpperCase();
		if (method !== 'GET' && method !== 'HEAD' && current) {
			init.headers['X-CSRF-Token'] = current.csrfToken;
		}
		const response = await fetch(path, init);
		if (response.status === 401) {
			toSignIn();
		}
		return response;
	}

	// A key for one user action (an order, a change): a retry of the same action sends the same key.
	function newKey() {
		if (window.crypto && typeof window.crypto.randomUUID === 'function') {
			return window.crypto.randomUUID();
		}
		return 'portal-' + Date.now() + '-' + Math.random().toString(16).slice(2);
	}

	return { require, api, signOut, newKey, customerId: () => (current ? current.customerId : null) };
})();
