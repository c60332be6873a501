'use strict';
// The order-status page: lists the signed-in customer's orders (GET /v1/orders?customerId=) and keeps each
// unfinished one up to date with a long poll (GET /v1/orders/{id} with Prefer: wait and If-None-Match).
(function () {
	const TERMINAL = ['DONE', 'FAILED', 'CANCELLED'];
	const api = window.PortalSession.api;
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

	// A DONE order's connection facts (GET /v1/instances/{id}) and its "Show credentials" action.
	function connection(instanceId) {
		const facts = el('dl', { className: 'connection', id: 'facts-' + instanceId });
		const pair = window.PortalInstance.pair;
		api('/v1/instances/' + encodeURIComponent(instanceId), { headers: { Accept: 'application/json' } })
			.then((response) => response.ok ? response.json() : Promise.reject(new Error(String(response.status))))
			.then((instance) => {
				if (!instance.connection) {
					facts.append(...pair('Instance', instance.state));
					return;
				}
				facts.append(...window.PortalInstance.facts(instance.connection));
			})
			.catch((error) => facts.append(...pair('Connection', 'not available (' + error.message + ')')));
		return el('div', { className: 'instance' }, facts, window.PortalInstance.credentials(instanceId),
			el('p', {}, el('a', { href: 'instances.html?instance=' + encodeURIComponent(instanceId),
				text: 'Manage in My databases' })));
	}

	function row(order) {
		const id = 'order-' + order.orderId;
		const tr = el('tr', { id, 'data-status': order.status,
			className: order.orderId === state.highlight ? 'highlight' : null });
		const database = (order.databaseType ? order.databaseType + ' ' + (order.databaseVersion || '') : '—')
			+ (order.type && order.type !== 'CREATE' ? ' · ' + order.type : '');
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
				response = await api('/v1/orders/' + encodeURIComponent(orderId), { headers, signal, cache: 'no-store' });
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
			const response = await api('/v1/orders?customerId=' + encodeURIComponent(customerId) + '&limit=50',
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

	window.PortalSession.require().then((session) => load(session.customerId)).catch((failure) => {
		const notice = document.getElementById('list-state');
		notice.className = 'notice failure';
		notice.textContent = 'Not signed in: ' + failure.message;
	});
})();
