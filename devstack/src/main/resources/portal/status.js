'use strict';
// The order-status page: lists a customer's orders (GET /v1/orders?customerId=) and keeps each unfinished one
// up to date with a long poll (GET /v1/orders/{id} with Prefer: wait and If-None-Match).
(function () {
	const TERMINAL = ['DONE', 'FAILED'];
	// Browsers allow six connections per host; leave room for the page's other requests.
	const MAX_WATCHES = 4;
	const WAIT_SECONDS = 25;
	const params = new URLSearchParams(window.location.search);
	const state = { orders: new Map(), watching: new Set(), queue: [], abort: new AbortController(),
		highlight: params.get('order') };

	const el = window.PortalDom.el;

	function words(id) {
		return id ? id.toLowerCase().replace(/_/g, ' ') : '';
	}

	function time(iso) {
		if (!iso) {
			return '—';
		}
		const date = new Date(iso);
		return el('time', { datetime: iso, text: date.toLocaleString([], { dateStyle: 'medium', timeStyle: 'short' }) });
	}

	function details(order) {
		if (order.status === 'FAILED' && order.failure) {
			return [el('span', { className: 'failure-code', text: order.failure.code }), ': ' + order.failure.message];
		}
		if (order.status === 'DONE' && order.instance) {
			const ready = ['Ready at ', el('code', { text: order.instance.host + ':' + order.instance.port })];
			return order.instanceId ? ready.concat([connection(order.instanceId)]) : ready;
		}
		if (order.status === 'PROCESSING' && order.step) {
			return ['Step: ' + words(order.step)];
		}
		if (order.pending) {
			return ['Waiting for the status service to see the order'];
		}
		return ['Waiting to be provisioned'];
	}

	// A DONE order's connection facts (GET /v1/instances/{id}) and its "Show credentials" action
	// (POST /v1/instances/{id}/credentials). The password is shown on request only and never stored.
	function connection(instanceId) {
		const facts = el('dl', { className: 'connection', id: 'facts-' + instanceId });
		const output = el('div', { className: 'credentials', id: 'credentials-' + instanceId, role: 'status',
			'aria-live': 'polite' });
		const button = el('button', { type: 'button', className: 'secondary', 'aria-controls': output.id,
			text: 'Show credentials' });
		const pair = (term, value) => [el('dt', { text: term }), el('dd', {}, value)];
		fetch('/v1/instances/' + encodeURIComponent(instanceId), { headers: { Accept: 'application/json' } })
			.then((response) => response.ok ? response.json() : Promise.reject(new Error(String(response.status))))
			.then((instance) => {
				const c = instance.connection;
				if (!c) {
					facts.append(...pair('Instance', instance.state));
					return;
				}
				facts.append(...pair('Host', el('code', { text: c.host })), ...pair('Port', el('code', { text: String(c.port) })),
					...pair('sslmode', el('code', { text: c.sslmode || '—' })));
				if (c.caCertificate) {
					const href = URL.createObjectURL(new Blob([c.caCertificate], { type: 'application/x-pem-file' }));
					facts.append(...pair('CA certificate', el('a', { href, download: 'ca.pem',
						text: 'Download ca.pem' })));
				}
			})
			.catch((error) => facts.append(...pair('Connection', 'not available (' + error.message + ')')));
		button.addEventListener('click', async () => {
			button.disabled = true;
			output.replaceChildren(el('p', { text: 'Opening the credentials…' }));
			try {
				const response = await fetch('/v1/instances/' + encodeURIComponent(instanceId) + '/credentials',
					{ method: 'POST', headers: { Accept: 'application/json' } });
				const body = await response.json();
				if (!response.ok) {
					output.replaceChildren(el('p', { className: 'failure-code', text: body.title || 'Not available' }),
						el('p', { text: body.detail || '' }));
					return;
				}
				output.replaceChildren(el('dl', {}, ...pair('Username', el('code', { text: body.username })),
					...pair('Password', el('code', { text: body.password })),
					...(body.psql ? pair('psql', el('code', { text: body.psql })) : []),
					...(body.mariadb ? pair('mariadb', el('code', { text: body.mariadb })) : []),
					...(body.jdbcUrl ? pair('JDBC URL', el('code', { text: body.jdbcUrl })) : [])));
			} catch (error) {
				output.replaceChildren(el('p', { text: 'The credentials could not be read: ' + error.message }));
			} finally {
				button.disabled = false;
			}
		});
		return el('div', { className: 'instance' }, facts, button, output);
	}

	function row(order) {
		const id = 'order-' + order.orderId;
		const tr = el('tr', { id, 'data-status': order.status,
			className: order.orderId === state.highlight ? 'highlight' : null });
		const database = order.databaseType ? order.databaseType + ' ' + (order.databaseVersion || '') : '—';
		const node = order.nodeSize ? order.nodeSize + ' · ' + order.storageGb + ' GB' : '—';
		tr.append(
			el('th', { scope: 'row' }, el('code', { title: order.orderId, text: order.orderId.slice(0, 8) }),
				el('span', { className: 'sr-only', text: ' (' + order.orderId + ')' })),
			el('td', { className: 'nowrap' }, time(order.placedAt)),
			el('td', { className: 'nowrap', text: database }),
			el('td', { className: 'nowrap', text: node }),
			el('td', { className: 'nowrap', text: order.region || '—' }),
			el('td', { className: 'status' }, el('span', { className: 'badge ' + order.status, text: order.status })),
			el('td', { className: 'detail' }, ...details(order)));
		return tr;
	}

	function show(order) {
		const previous = state.orders.get(order.orderId);
		state.orders.set(order.orderId, order);
		const fresh = row(order);
		const existing = document.getElementById(fresh.id);
		if (existing) {
			existing.replaceWith(fresh);
		} else {
			document.getElementById('order-rows').append(fresh);
		}
		if (previous && previous.status !== order.status) {
			const announcement = 'Order ' + order.orderId.slice(0, 8) + ' is now ' + order.status
				+ (order.failure ? ': ' + order.failure.code + ', ' + order.failure.message : '') + '.';
			document.getElementById('announcer').append(el('p', { text: announcement }));
		}
	}

	function watch(orderId) {
		if (state.watching.size >= MAX_WATCHES) {
			if (!state.queue.includes(orderId)) {
				state.queue.push(orderId);
			}
			return;
		}
		state.watching.add(orderId);
		poll(orderId, null, state.abort.signal).finally(() => {
			state.watching.delete(orderId);
			const next = state.queue.shift();
			if (next && !state.abort.signal.aborted) {
				watch(next);
			}
		});
	}

	function pause(ms, signal) {
		return new Promise((resolve) => {
			const timer = setTimeout(resolve, ms);
			signal.addEventListener('abort', () => {
				clearTimeout(timer);
				resolve();
			}, { once: true });
		});
	}

	async function poll(orderId, initialTag, signal) {
		let etag = initialTag;
		while (!signal.aborted) {
			const headers = { Accept: 'application/json', Prefer: 'wait=' + WAIT_SECONDS };
			if (etag) {
				headers['If-None-Match'] = etag;
			}
			let response;
			try {
				response = await fetch('/v1/orders/' + encodeURIComponent(orderId), { headers, signal, cache: 'no-store' });
			} catch (failure) {
				if (signal.aborted) {
					return;
				}
				await pause(2000, signal);
				continue;
			}
			if (response.status === 200) {
				etag = response.headers.get('ETag');
				const order = await response.json();
				show(order);
				if (TERMINAL.includes(order.status)) {
					return;
				}
			} else if (response.status === 304 || response.status === 404) {
				// 304: nothing changed while we waited; 404: not projected yet. Ask again.
				continue;
			} else {
				const retry = Number(response.headers.get('Retry-After')) || 2;
				await pause(retry * 1000, signal);
			}
		}
	}

	async function load(customerId) {
		state.abort.abort();
		state.abort = new AbortController();
		state.orders.clear();
		state.queue = [];
		const notice = document.getElementById('list-state');
		const table = document.getElementById('orders');
		document.getElementById('order-rows').replaceChildren();
		document.getElementById('order-link').href = 'index.html';
		notice.className = 'notice';
		notice.hidden = false;
		notice.textContent = 'Loading the orders of ' + customerId + ' …';
		let items;
		try {
			const response = await fetch('/v1/orders?customerId=' + encodeURIComponent(customerId) + '&limit=50',
				{ headers: { Accept: 'application/json' }, signal: state.abort.signal, cache: 'no-store' });
			const body = await response.json();
			if (!response.ok) {
				const reasons = (body.errors || []).map((e) => e.detail).join(' ');
				throw new Error(reasons || body.detail || body.title || 'HTTP ' + response.status);
			}
			items = body.items;
		} catch (failure) {
			if (failure.name === 'AbortError') {
				return;
			}
			notice.className = 'notice failure';
			notice.textContent = 'The orders could not be loaded: ' + failure.message;
			table.hidden = true;
			return;
		}
		// An order placed a moment ago may not have reached the status service yet.
		if (state.highlight && !items.some((order) => order.orderId === state.highlight)) {
			items.unshift({ orderId: state.highlight, status: 'NEW', pending: true });
		}
		for (const order of items) {
			show(order);
		}
		document.getElementById('orders-caption').textContent = 'Orders of ' + customerId + ', newest first';
		table.hidden = items.length === 0;
		notice.textContent = items.length === 0 ? customerId + ' has no orders yet.'
			: items.length + (items.length === 1 ? ' order' : ' orders') + '. Statuses update live.';
		for (const order of items) {
			if (!TERMINAL.includes(order.status)) {
				watch(order.orderId);
			}
		}
	}

	const input = document.getElementById('customer-id');
	if (params.get('customerId')) {
		input.value = params.get('customerId');
	}
	document.getElementById('customer-form').addEventListener('submit', (event) => {
		event.preventDefault();
		const customerId = input.value.trim();
		if (!customerId) {
			input.focus();
			return;
		}
		state.highlight = null;
		window.history.replaceState(null, '', '?customerId=' + encodeURIComponent(customerId));
		load(customerId);
	});
	load(input.value.trim());
})();

