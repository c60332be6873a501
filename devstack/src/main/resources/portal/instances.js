'use strict';
// My databases: the signed-in customer's instances (GET /v1/instances, then GET /v1/instances/{id} for each one's
// ETag) with desired and observed settings and the pending order, kept live while anything is in flight (the
// instance polled, its pending order long-polled as the status page does). Each action is a change order
// (POST /v1/instances/{id}/orders, docs/lifecycle.md) with an Idempotency-Key per user action, reused only to retry
// that same action after an answer that left its outcome open, and If-Match with the ETag of the last GET. Every
// refusal is shown next to its field (errors[].pointer), or next to the action for 409 and 412.
(function () {
	const el = window.PortalDom.el;
	const api = window.PortalSession.api;
	const TERMINAL_ORDER = ['DONE', 'FAILED', 'CANCELLED'];
	const STEADY = ['RUNNING', 'DELETED', 'FAILED'];
	const POLL_MS = 1500;
	const WAIT_SECONDS = 25;
	// Browsers allow six connections per host; leave room for the page's other requests.
	const MAX_WATCHES = 3;
	const params = new URLSearchParams(window.location.search);
	const state = { catalog: null, cards: new Map(), watching: new Set(), queue: [], cursor: null,
		highlight: params.get('instance') };

	// --- reading an instance the way the contract writes it (and the older flat shape) ---------------------------

	function desired(instance) {
		if (instance.desired) {
			return instance.desired;
		}
		return { nodeSize: instance.nodeSize, storageGb: instance.storageGb, trustedSources: instance.trustedSources || [],
			deletionProtection: Boolean(instance.deletionProtection) };
	}

	function version(etag) {
		const match = /^(?:W\/)?"(\d+)"$/.exec(etag || '');
		return match ? Number(match[1]) : null;
	}

	function words(id) {
		return id ? id.toLowerCase().replace(/_/g, ' ') : '';
	}

	function settingText(name, value) {
		if (value === undefined || value === null) {
			return '—';
		}
		if (name === 'storageGb') {
			return value + ' GB';
		}
		if (name === 'trustedSources') {
			return value.length ? value.join(', ') : 'none';
		}
		if (name === 'deletionProtection') {
			return value ? 'on' : 'off';
		}
		return String(value);
	}

	// --- one card per instance ------------------------------------------------------------------------------------

	function card(instanceId) {
		let entry = state.cards.get(instanceId);
		if (entry) {
			return entry;
		}
		const root = el('section', { className: 'instance-card', id: 'instance-' + instanceId,
			'aria-labelledby': 'title-' + instanceId });
		entry = { instanceId, instance: null, etag: null, readVersion: null, localPending: null, lastOrder: null, orders: new Map(),
			attempts: {}, dirty: new Set(), forms: {}, timer: null, root,
			heading: el('h2', { id: 'title-' + instanceId }, el('code', { text: instanceId })),
			badge: el('span', { className: 'badge', id: 'state-' + instanceId }),
			summary: el('p', { className: 'detail', id: 'summary-' + instanceId }),
			info: el('div', { className: 'instance-info', id: 'info-' + instanceId }),
			connection: el('dl', { className: 'connection', id: 'facts-' + instanceId }),
			reveal: window.PortalInstance.credentials(instanceId),
			actions: el('div', { className: 'instance-actions', id: 'actions-' + instanceId }) };
		root.append(el('div', { className: 'card-head' }, entry.heading, entry.badge), entry.summary,
			el('div', { className: 'instance-body' },
				el('div', {}, entry.connection, entry.reveal, entry.info), entry.actions));
		if (instanceId === state.highlight) {
			root.classList.add('highlight');
		}
		state.cards.set(instanceId, entry);
		document.getElementById('instances').append(root);
		return entry;
	}

	function pending(entry) {
		const server = entry.instance && entry.instance.pendingOrder;
		const local = entry.localPending;
		// The order placed from this page, until the status service has seen it (a GET that shows its version).
		if (local && (!server || server.orderId !== local.orderId)
			&& !(local.version !== null && entry.readVersion !== null && entry.readVersion >= local.version && !server)) {
			return Object.assign({}, local, entry.orders.get(local.orderId) || {});
		}
		return server ? Object.assign({}, server, entry.orders.get(server.orderId) || {}) : null;
	}

	function render(entry) {
		const instance = entry.instance;
		if (!instance) {
			entry.badge.className = 'badge NEW';
			entry.badge.textContent = 'NEW';
			entry.summary.textContent = 'Waiting for the status service to see this database …';
			return;
		}
		entry.root.dataset.state = instance.state;
		entry.badge.className = 'badge ' + instance.state;
		entry.badge.textContent = instance.state;
		entry.summary.textContent = [instance.databaseType ? instance.databaseType + ' ' + (instance.databaseVersion || '')
			: null, instance.region].filter(Boolean).join(' · ');

		const c = instance.connection;
		const live = c && !['DELETED', 'DELETING', 'FAILED'].includes(instance.state);
		entry.connection.replaceChildren(...(live ? window.PortalInstance.facts(c)
			: window.PortalInstance.pair('Connection', instance.state === 'DELETED' ? 'none: the database is deleted'
				: 'not yet: the database is ' + instance.state.toLowerCase())));
		entry.reveal.hidden = !live;

		const want = desired(instance);
		const seen = instance.observed || null;
		const rows = [['nodeSize', 'Node size'], ['storageGb', 'Storage'], ['trustedSources', 'Trusted sources'],
			['deletionProtection', 'Deletion protection']].map(([name, label]) => {
			const observed = seen ? seen[name] : undefined;
			const differs = seen && observed !== undefined
				&& JSON.stringify(observed) !== JSON.stringify(want[name]);
			return el('tr', { id: 'setting-' + instance.instanceId + '-' + name, className: differs ? 'differs' : null },
				el('th', { scope: 'row', text: label }),
				el('td', { className: 'desired', text: settingText(name, want[name]) }),
				el('td', { className: 'observed', text: name === 'deletionProtection' && !seen ? '—'
					: settingText(name, observed) + (differs ? ' (not applied yet)' : '') }));
		});
		const table = el('table', { className: 'settings' },
			el('caption', { text: seen ? 'Settings' : 'Settings (nothing observed from the server yet)' }),
			el('thead', {}, el('tr', {}, el('th', { scope: 'col', text: 'Setting' }),
				el('th', { scope: 'col', text: 'Desired' }), el('th', { scope: 'col', text: 'Observed' }))),
			el('tbody', {}, ...rows));

		const parts = [table];
		const order = pending(entry);
		if (order) {
			parts.push(el('p', { className: 'pending', id: 'pending-' + instance.instanceId },
				'Pending: ' + (order.type || 'order') + ' order ',
				el('a', { href: 'status.html?order=' + encodeURIComponent(order.orderId),
					text: order.orderId.slice(0, 8) }), ' ',
				el('span', { className: 'badge ' + (order.status || 'NEW'), text: order.status || 'NEW' }),
				order.step ? ' · step ' + words(order.step) : ''));
		} else if (entry.lastOrder) {
			const last = entry.lastOrder;
			parts.push(el('p', { className: 'last-order', id: 'last-order-' + instance.instanceId },
				'Last change: ' + (last.type || 'order') + ' order ' + last.orderId.slice(0, 8) + ' ',
				el('span', { className: 'badge ' + last.status, text: last.status }),
				last.failure ? ' ' + last.failure.code + ': ' + last.failure.message : ''));
		}
		entry.info.replaceChildren(...parts);
		renderActions(entry);
	}

	// --- the actions ----------------------------------------------------------------------------------------------

	function errorSlot(id, pointer) {
		return el('p', { className: 'error', id: id + '-error', 'data-pointer': pointer });
	}

	function actionForm(entry, name, legend, ...content) {
		const id = name + '-' + entry.instanceId;
		const general = el('p', { className: 'error general', id: id + '-general-error', 'data-pointer': '' });
		const note = el('p', { className: 'note', id: id + '-note', role: 'status' });
		const form = el('form', { className: 'action', id: 'form-' + id, novalidate: true },
			el('fieldset', {}, el('legend', { text: legend }), ...content, general, note));
		form.addEventListener('input', () => entry.dirty.add(name));
		entry.forms[name] = { form, general, note };
		return form;
	}

	function buildActions(entry) {
		const id = entry.instanceId;
		const catalog = state.catalog;
		const storage = catalog.storage;

		const storageInput = el('input', { type: 'number', id: 'storage-' + id, inputmode: 'numeric',
			min: storage.minGb, max: storage.maxGb, step: storage.stepGb,
			'aria-describedby': 'storage-' + id + '-hint storage-' + id + '-error' });
		const storageForm = actionForm(entry, 'storage', 'Storage',
			el('div', { className: 'field' }, el('label', { for: storageInput.id, text: 'Storage size in GB' }),
				storageInput, el('p', { className: 'hint', id: 'storage-' + id + '-hint' }),
				errorSlot('storage-' + id, '/storageGb')),
			el('button', { type: 'submit', id: 'grow-storage-' + id, text: 'Grow storage' }));
		storageForm.addEventListener('submit', (event) => {
			event.preventDefault();
			act(entry, 'storage', { type: 'UPDATE', storageGb: Number(storageInput.value) });
		});

		const select = el('select', { id: 'node-size-' + id, 'aria-describedby': 'node-size-' + id + '-hint node-size-'
			+ id + '-error' });
		const series = new Map();
		for (const size of catalog.nodeSizes) {
			if (!series.has(size.series)) {
				series.set(size.series, el('optgroup', { label: words(size.series) }));
			}
			series.get(size.series).append(el('option', { value: size.id,
				text: size.id + ' (' + size.vcpu + ' vCPU, ' + size.ramGb + ' GB RAM)' }));
		}
		select.append(...series.values());
		const nodeForm = actionForm(entry, 'node-size', 'Node size',
			el('div', { className: 'field' }, el('label', { for: select.id, text: 'Node size' }), select,
				el('p', { className: 'hint', id: 'node-size-' + id + '-hint',
					text: 'The database restarts with the new size: a short interruption, which the order reports.' }),
				errorSlot('node-size-' + id, '/nodeSize')),
			el('button', { type: 'submit', id: 'change-node-size-' + id, text: 'Change node size' }));
		nodeForm.addEventListener('submit', (event) => {
			event.preventDefault();
			act(entry, 'node-size', { type: 'UPDATE', nodeSize: select.value });
		});

		const list = el('ol', { className: 'sources', id: 'sources-' + id });
		const add = el('button', { type: 'button', className: 'secondary', id: 'add-source-' + id,
			text: 'Add a trusted source' });
		add.addEventListener('click', () => {
			addSource(entry, list, '').querySelector('input').focus();
			entry.dirty.add('sources');
		});
		const sourcesForm = actionForm(entry, 'sources', 'Trusted sources',
			el('p', { className: 'hint', id: 'sources-' + id + '-hint', text: 'The addresses that may connect; the list '
				+ 'replaces the current one. New rules apply without a restart.' }),
			list, add, errorSlot('sources-' + id, '/trustedSources'),
			el('div', { className: 'actions' }, el('button', { type: 'submit', id: 'save-sources-' + id,
				text: 'Save trusted sources' })));
		sourcesForm.addEventListener('submit', (event) => {
			event.preventDefault();
			act(entry, 'sources', { type: 'UPDATE', trustedSources: [...list.querySelectorAll('input')]
				.map((input) => input.value.trim()) });
		});

		const toggle = el('button', { type: 'submit', id: 'toggle-protection-' + id });
		const protectionForm = actionForm(entry, 'protection', 'Deletion protection',
			el('p', { className: 'hint', id: 'protection-' + id + '-state' }),
			errorSlot('protection-' + id, '/deletionProtection'), toggle);
		protectionForm.addEventListener('submit', (event) => {
			event.preventDefault();
			act(entry, 'protection', { type: 'UPDATE', deletionProtection: !desired(entry.instance).deletionProtection });
		});

		const confirm = el('input', { id: 'confirm-' + id, autocomplete: 'off', spellcheck: 'false',
			'aria-describedby': 'confirm-' + id + '-hint confirm-' + id + '-error' });
		const remove = el('button', { type: 'submit', className: 'danger', id: 'delete-' + id, disabled: true,
			text: 'Delete database' });
		confirm.addEventListener('input', () => {
			remove.disabled = confirm.value.trim() !== id;
		});
		const deleteForm = actionForm(entry, 'delete', 'Delete',
			el('div', { className: 'field' }, el('label', { for: confirm.id }, 'Type ', el('code', { text: id }),
				' to confirm'), confirm,
			el('p', { className: 'hint', id: 'confirm-' + id + '-hint', text: 'Stops the server and removes its data '
				+ 'for good. A database that is still being created is cancelled.' }),
			errorSlot('confirm-' + id, '/confirm')), remove);
		deleteForm.addEventListener('submit', (event) => {
			event.preventDefault();
			act(entry, 'delete', { type: 'DELETE', confirm: confirm.value.trim() });
		});

		entry.actions.replaceChildren(storageForm, nodeForm, sourcesForm, protectionForm, deleteForm);
		entry.built = true;
	}

	function addSource(entry, list, value) {
		const key = (entry.sourceKeys = (entry.sourceKeys || 0) + 1);
		const input = el('input', { id: 'ts-' + entry.instanceId + '-' + key, className: 'source-input', value,
			autocomplete: 'off', spellcheck: 'false', inputmode: 'decimal',
			'aria-describedby': 'ts-' + entry.instanceId + '-' + key + '-error' });
		const remove = el('button', { type: 'button', className: 'secondary remove', text: 'Remove' });
		const item = el('li', { className: 'source' }, el('div', { className: 'source-row' },
			el('label', { for: input.id }), input, remove), el('p', { className: 'error', id: input.id + '-error' }));
		remove.addEventListener('click', () => {
			item.remove();
			renumber(list);
			entry.dirty.add('sources');
		});
		list.append(item);
		renumber(list);
		return item;
	}

	function renumber(list) {
		const items = [...list.children];
		items.forEach((item, i) => {
			item.querySelector('label').textContent = 'Trusted source ' + (i + 1);
			const remove = item.querySelector('button.remove');
			remove.setAttribute('aria-label', 'Remove trusted source ' + (i + 1));
			remove.disabled = items.length === 1;
		});
	}

	// Puts the instance's current desired settings into the forms the customer has not touched.
	function renderActions(entry) {
		const instance = entry.instance;
		if (['DELETED', 'DELETING'].includes(instance.state)) {
			entry.actions.replaceChildren(el('p', { className: 'hint', id: 'no-actions-' + entry.instanceId,
				text: instance.state === 'DELETED' ? 'This database is deleted.' : 'This database is being deleted.' }));
			entry.built = false;
			return;
		}
		if (!entry.built) {
			buildActions(entry);
			entry.dirty.clear();
		}
		const id = entry.instanceId;
		const want = desired(instance);
		const storage = state.catalog.storage;
		if (!entry.dirty.has('storage')) {
			document.getElementById('storage-' + id).value = want.storageGb;
		}
		document.getElementById('storage-' + id + '-hint').textContent = 'Now ' + want.storageGb + ' GB. Storage grows '
			+ 'in steps of ' + storage.stepGb + ' GB up to ' + storage.maxGb + ' GB, without an interruption; it never '
			+ 'shrinks.';
		if (!entry.dirty.has('node-size')) {
			document.getElementById('node-size-' + id).value = want.nodeSize;
		}
		if (!entry.dirty.has('sources')) {
			const list = document.getElementById('sources-' + id);
			list.replaceChildren();
			for (const source of (want.trustedSources && want.trustedSources.length ? want.trustedSources : [''])) {
				addSource(entry, list, source);
			}
		}
		const on = Boolean(want.deletionProtection);
		document.getElementById('protection-' + id + '-state').textContent = 'Deletion protection is ' + (on ? 'on: '
			+ 'the database cannot be deleted until it is turned off.' : 'off.');
		document.getElementById('toggle-protection-' + id).textContent = on ? 'Turn deletion protection off'
			: 'Turn deletion protection on';
	}

	function clearErrors(entry) {
		for (const error of entry.actions.querySelectorAll('.error')) {
			error.textContent = '';
		}
		for (const invalid of entry.actions.querySelectorAll('[aria-invalid]')) {
			invalid.removeAttribute('aria-invalid');
		}
		for (const { note } of Object.values(entry.forms)) {
			note.textContent = '';
		}
	}

	// Where a problem's pointer belongs in this card: the N-th trusted source, a field, or the action itself.
	function target(entry, name, pointer) {
		const source = /^\/trustedSources\/(\d+)/.exec(pointer);
		if (source) {
			const item = entry.actions.querySelectorAll('#sources-' + entry.instanceId + ' .source')[Number(source[1])];
			if (item) {
				return { error: item.querySelector('.error'), field: item.querySelector('input') };
			}
		}
		let best = null;
		if (pointer !== '') {
			for (const error of entry.actions.querySelectorAll('.error[data-pointer]')) {
				const own = error.dataset.pointer;
				if (own && (pointer === own || pointer.startsWith(own + '/'))
					&& (!best || own.length > best.dataset.pointer.length)) {
					best = error;
				}
			}
		}
		if (!best) {
			return { error: entry.forms[name].general, field: null };
		}
		const field = document.getElementById(best.id.replace(/-error$/, ''));
		return { error: best, field: field && field.matches('input, select') ? field : null };
	}

	function say(where, text, ...nodes) {
		where.error.append(where.error.textContent ? ' ' : '', text, ...nodes);
		if (where.field) {
			where.field.setAttribute('aria-invalid', 'true');
		}
	}

	function kind(problem) {
		return (problem.type || '').replace(/^.*\//, '');
	}

	function showProblem(entry, name, status, problem) {
		const general = { error: entry.forms[name].general, field: null };
		switch (kind(problem)) {
			case 'instance-busy': {
				const blocking = problem.blockingOrderId || '';
				say(general, 'Another order of this database is in progress: ' + (problem.blockingOrderType || 'an')
					+ ' order ', el('a', { href: 'status.html?order=' + encodeURIComponent(blocking),
					className: 'blocking-order', text: blocking }), '. Try again when it is finished.');
				if (blocking) {
					watch(entry, blocking);
				}
				return;
			}
			case 'precondition-failed':
				say(general, 'This database changed meanwhile, so nothing was changed; reloaded. Check the values and '
					+ 'try again.');
				refresh(entry);
				return;
			case 'instance-not-changeable':
				say(general, 'This database is ' + (problem.instanceState || 'not changeable') + ': it cannot be changed.');
				refresh(entry);
				return;
			case 'deletion-protected':
				say(target(entry, name, '/confirm'), 'Deletion protection is on: turn it off first, then delete.');
				return;
			case 'instance-not-found':
				say(general, 'This database is not found: it is gone, or not yours.');
				return;
			default:
		}
		const errors = Array.isArray(problem.errors) ? problem.errors : [];
		let first = null;
		for (const error of errors) {
			const where = target(entry, name, error.pointer || '');
			say(where, error.detail || error.code || 'refused');
			first = first || where.field;
		}
		if (problem.errorsNotShown) {
			say(general, problem.errorsNotShown + ' more problems are not listed.');
		}
		if (!errors.length) {
			say(general, problem.detail || problem.title || ('The order API answered ' + status + '.'));
		}
		(first || entry.forms[name].form.querySelector('button[type=submit]')).focus();
	}

	async function act(entry, name, body) {
		const text = JSON.stringify(body);
		const previous = entry.attempts[name];
		// The same key only to retry this very action after an answer that left its outcome open.
		const key = previous && previous.open && previous.body === text ? previous.key : window.PortalSession.newKey();
		entry.attempts[name] = { key, body: text, open: true };
		clearErrors(entry);
		const { form, note, general } = entry.forms[name];
		const button = form.querySelector('button[type=submit]');
		button.disabled = true;
		note.textContent = 'Sending the order …';
		const headers = { 'Content-Type': 'application/json', Accept: 'application/json, application/problem+json',
			'Idempotency-Key': key };
		if (entry.etag) {
			headers['If-Match'] = entry.etag;
		}
		let response;
		let answer = {};
		try {
			response = await api('/v1/instances/' + encodeURIComponent(entry.instanceId) + '/orders',
				{ method: 'POST', headers, body: text });
			const raw = await response.text();
			answer = raw ? JSON.parse(raw) : {};
		} catch (failure) {
			note.textContent = '';
			general.textContent = 'The order API could not be reached (' + failure.message + '). Try again: the same '
				+ 'request is sent again, so it is placed at most once.';
			button.disabled = false;
			return;
		}
		note.textContent = '';
		button.disabled = name === 'delete'
			&& document.getElementById('confirm-' + entry.instanceId).value.trim() !== entry.instanceId;
		if (response.status === 202 || response.status === 200) {
			entry.attempts[name] = null;
			entry.dirty.delete(name);
			const etag = response.headers.get('ETag');
			if (etag) {
				entry.etag = etag;
			}
			entry.localPending = { orderId: answer.orderId, type: answer.type || body.type, status: answer.status || 'NEW',
				version: version(etag) };
			note.textContent = (answer.type || body.type) + ' order ' + String(answer.orderId).slice(0, 8) + ' placed.';
			announce('The ' + words(name) + ' change of ' + entry.instanceId + ' was placed as order '
				+ String(answer.orderId).slice(0, 8) + '.');
			render(entry);
			watch(entry, answer.orderId);
			schedule(entry);
			return;
		}
		if (response.status === 401) {
			return;
		}
		const open = response.status >= 500 || response.status === 429 || kind(answer) === 'idempotency-key-in-use';
		if (open) {
			general.textContent = (answer.detail || answer.title || 'The order API answered ' + response.status + '.')
				+ ' Try again' + (response.headers.get('Retry-After') ? ' in ' + response.headers.get('Retry-After')
				+ ' s' : '') + ': the same request is sent again, so it is placed at most once.';
			button.focus();
			return;
		}
		entry.attempts[name] = null;
		showProblem(entry, name, response.status, answer);
	}

	// --- keeping a card live --------------------------------------------------------------------------------------

	function busy(entry) {
		return !entry.instance || !STEADY.includes(entry.instance.state) || Boolean(pending(entry));
	}

	function schedule(entry) {
		clearTimeout(entry.timer);
		if (busy(entry)) {
			entry.timer = setTimeout(() => refresh(entry), POLL_MS);
		}
	}

	// GET without If-None-Match: the ETag is the instance's version, which a state change does not move.
	async function refresh(entry) {
		clearTimeout(entry.timer);
		try {
			const response = await api('/v1/instances/' + encodeURIComponent(entry.instanceId),
				{ headers: { Accept: 'application/json' }, cache: 'no-store' });
			if (response.ok) {
				const previous = entry.instance;
				entry.instance = await response.json();
				// If-Match sends the newest version known: a 202 may have named one the status service has not
				// seen yet.
				const etag = response.headers.get('ETag');
				entry.readVersion = version(etag);
				if (etag && (version(entry.etag) === null || version(etag) >= version(entry.etag))) {
					entry.etag = etag;
				}
				const server = entry.instance.pendingOrder;
				if (server && !TERMINAL_ORDER.includes(server.status)) {
					watch(entry, server.orderId);
				}
				if (previous && previous.state !== entry.instance.state) {
					announce(entry.instanceId + ' is now ' + entry.instance.state + '.');
				}
				render(entry);
			} else if (response.status === 404 && !entry.instance) {
				render(entry);
			} else if (response.status === 400) {
				entry.summary.textContent = 'This is not a database id.';
				return;
			}
		} catch (failure) {
			// Try again at the next tick.
		}
		schedule(entry);
	}

	function watch(entry, orderId) {
		if (!orderId || state.watching.has(orderId)) {
			return;
		}
		if (state.watching.size >= MAX_WATCHES) {
			if (!state.queue.some((queued) => queued.orderId === orderId)) {
				state.queue.push({ entry, orderId });
			}
			return;
		}
		state.watching.add(orderId);
		follow(entry, orderId).finally(() => {
			state.watching.delete(orderId);
			const next = state.queue.shift();
			if (next) {
				watch(next.entry, next.orderId);
			}
		});
	}

	function pause(ms) {
		return new Promise((resolve) => setTimeout(resolve, ms));
	}

	// Long-polls an order of the instance until it is terminal, then reloads the instance.
	async function follow(entry, orderId) {
		let etag = null;
		for (;;) {
			const headers = { Accept: 'application/json', Prefer: 'wait=' + WAIT_SECONDS };
			if (etag) {
				headers['If-None-Match'] = etag;
			}
			let response;
			try {
				response = await api('/v1/orders/' + encodeURIComponent(orderId), { headers, cache: 'no-store' });
			} catch (failure) {
				await pause(2000);
				continue;
			}
			if (response.status === 200) {
				etag = response.headers.get('ETag');
				const order = await response.json();
				entry.orders.set(orderId, order);
				if (TERMINAL_ORDER.includes(order.status)) {
					entry.lastOrder = order;
					if (entry.localPending && entry.localPending.orderId === orderId) {
						entry.localPending = null;
					}
					announce((order.type || 'The') + ' order ' + orderId.slice(0, 8) + ' of ' + entry.instanceId
						+ ' is ' + order.status + (order.failure ? ': ' + order.failure.code : '') + '.');
					await refresh(entry);
					return;
				}
				render(entry);
			} else if (response.status === 304) {
				continue;
			} else if (response.status === 404) {
				// Not projected yet (an order placed a moment ago, or one that blocks this instance).
				await pause(1000);
			} else if (response.status === 401) {
				return;
			} else {
				await pause((Number(response.headers.get('Retry-After')) || 2) * 1000);
			}
		}
	}

	function announce(text) {
		document.getElementById('announcer').append(el('p', { text }));
	}

	// --- start ----------------------------------------------------------------------------------------------------

	async function loadPage(cursor) {
		const notice = document.getElementById('list-state');
		const response = await api('/v1/instances?limit=50' + (cursor ? '&cursor=' + encodeURIComponent(cursor) : ''),
			{ headers: { Accept: 'application/json' }, cache: 'no-store' });
		const body = await response.json();
		if (!response.ok) {
			throw new Error(body.detail || body.title || 'HTTP ' + response.status);
		}
		for (const item of body.items) {
			const entry = card(item.instanceId);
			entry.instance = item;
			render(entry);
			refresh(entry);
		}
		state.cursor = body.nextCursor || null;
		document.getElementById('more-instances').hidden = !state.cursor;
		const count = state.cards.size;
		notice.className = 'notice';
		notice.textContent = count === 0 ? 'No databases yet: order one with the wizard.'
			: count + (count === 1 ? ' database.' : ' databases.') + ' States update live.';
	}

	async function start() {
		const notice = document.getElementById('list-state');
		try {
			await window.PortalSession.require();
			const catalog = await api('/v1/catalog', { headers: { Accept: 'application/json' } });
			if (!catalog.ok) {
				throw new Error('the catalog answered ' + catalog.status);
			}
			state.catalog = await catalog.json();
			if (state.highlight) {
				// A database ordered a moment ago may not have reached the status service yet.
				refresh(card(state.highlight));
			}
			await loadPage(null);
		} catch (failure) {
			notice.className = 'notice failure';
			notice.textContent = 'Your databases could not be loaded: ' + failure.message;
		}
	}

	document.getElementById('more-instances').addEventListener('click', () => loadPage(state.cursor)
		.catch((failure) => announce('More databases could not be loaded: ' + failure.message)));
	start();
})();
