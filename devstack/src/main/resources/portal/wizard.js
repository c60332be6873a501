'use strict';
// The order wizard: rendered from GET /v1/catalog, posts POST /v1/orders and maps the problem's
// errors[].pointer back to the fields. No framework; the portal server forwards /v1 to the services for the
// signed-in customer, whose id the order carries.
(function () {
	const form = document.getElementById('order-form');
	const newKey = window.PortalSession.newKey;
	const state = { catalog: null, idempotencyKey: newKey(), sourceIds: 0 };

	const el = window.PortalDom.el;

	// "RAM_OPTIMISED" -> "RAM optimised", "ALL_PURPOSE" -> "All purpose"
	function humanize(id) {
		const acronyms = ['RAM', 'CPU', 'SSD', 'NVME', 'IO', 'HA'];
		return id.split('_').map((word, i) => {
			if (acronyms.includes(word)) {
				return word;
			}
			const lower = word.toLowerCase();
			return i === 0 ? lower.charAt(0).toUpperCase() + lower.slice(1) : lower;
		}).join(' ');
	}

	function choice(name, value, id, title, detail, describedBy) {
		const input = el('input', { type: 'radio', name, value, id, 'aria-describedby': describedBy });
		const label = el('label', { className: 'choice', for: id }, input, ' ',
			el('span', { className: 'choice-title', text: title }));
		if (detail) {
			label.append(el('span', { className: 'choice-detail', text: detail }));
		}
		return label;
	}

	function selected(name) {
		const input = form.querySelector('input[name="' + name + '"]:checked');
		return input ? input.value : null;
	}

	// --- rendering from the catalog -----------------------------------------------------------

	function render(catalog) {
		const types = document.getElementById('database-types');
		for (const type of catalog.databaseTypes) {
			types.append(choice('databaseType', type.id, 'db-' + type.id, type.name,
				'versions ' + type.versions.join(', '), 'database-error'));
		}
		types.addEventListener('change', renderVersions);

		const series = document.getElementById('node-series');
		const bySeries = new Map();
		for (const size of catalog.nodeSizes) {
			if (!bySeries.has(size.series)) {
				bySeries.set(size.series, []);
			}
			bySeries.get(size.series).push(size);
		}
		for (const [name, sizes] of bySeries) {
			const group = el('fieldset', { className: 'series' }, el('legend', { text: humanize(name) }));
			const choices = el('div', { className: 'choices' });
			for (const size of sizes) {
				choices.append(choice('nodeSize', size.id, 'node-' + size.id, size.id,
					size.vcpu + ' vCPU · ' + size.ramGb + ' GB RAM', 'node-error'));
			}
			group.append(choices);
			series.append(group);
		}

		const storage = document.getElementById('storage');
		storage.min = catalog.storage.minGb;
		storage.max = catalog.storage.maxGb;
		storage.step = catalog.storage.stepGb;
		storage.value = catalog.storage.minGb;
		document.getElementById('storage-hint').textContent = catalog.storage.minGb + ' to ' + catalog.storage.maxGb
			+ ' GB in steps of ' + catalog.storage.stepGb + ' GB. Arrow keys change it by one step.';
		storage.addEventListener('input', showStorage);
		showStorage();

		const limits = catalog.trustedSources;
		document.getElementById('sources-hint').textContent = 'Public IPv' + limits.ipVersions.join('/')
			+ ' addresses or ranges from /' + limits.minPrefixLength + ' to /' + limits.maxPrefixLength
			+ ' that may connect to the database, e.g. 203.0.113.10 or 198.51.100.0/24. One to '
			+ limits.maxEntries + ' entries.';
		addSource('');
		document.getElementById('add-source').addEventListener('click', () => {
			addSource('').querySelector('input').focus();
		});

		const regions = document.getElementById('regions');
		for (const region of catalog.regions) {
			regions.append(choice('region', region.id, 'region-' + region.id, region.name, region.id, 'region-error'));
		}

		const documents = document.getElementById('document-list');
		for (const doc of catalog.documents) {
			const id = 'doc-' + doc.id;
			documents.append(el('li', {},
				el('input', { type: 'checkbox', id, 'data-id': doc.id, 'data-version': doc.version }),
				el('label', { for: id }, 'I accept the ', el('a', { href: doc.url, target: '_blank', rel: 'noopener',
					text: doc.title }), ' (version ' + doc.version + ')')));
		}

		for (const kind of form.querySelectorAll('input[name="invoiceKind"]')) {
			kind.addEventListener('change', showInvoiceForm);
		}
		form.addEventListener('input', update);
		form.addEventListener('change', update);
		form.addEventListener('submit', placeOrder);
		update();
	}

	function renderVersions() {
		const type = state.catalog.databaseTypes.find((t) => t.id === selected('databaseType'));
		const select = document.getElementById('db-version');
		select.replaceChildren();
		if (!type) {
			return;
		}
		for (const version of type.versions) {
			select.append(el('option', { value: version, selected: version === type.defaultVersion,
				text: type.name + ' ' + version + (version === type.defaultVersion ? ' (default)' : '') }));
		}
	}

	function showStorage() {
		const storage = document.getElementById('storage');
		const text = storage.value + ' GB';
		document.getElementById('storage-value').textContent = text;
		storage.setAttribute('aria-valuetext', text);
	}

	function addSource(value) {
		const list = document.getElementById('trusted-sources');
		const key = state.sourceIds++;
		const input = el('input', { id: 'ts-input-' + key, className: 'source-input', value, autocomplete: 'off',
			spellcheck: 'false', inputmode: 'decimal', 'aria-describedby': 'ts-error-' + key });
		const label = el('label', { for: input.id });
		const remove = el('button', { type: 'button', className: 'secondary remove', id: 'ts-remove-' + key });
		const error = el('p', { className: 'error', id: 'ts-error-' + key });
		const item = el('li', { className: 'source', 'data-key': String(key) },
			el('div', { className: 'source-row' }, label, input, remove), error);
		remove.addEventListener('click', () => {
			const items = [...list.children];
			const index = items.indexOf(item);
			item.remove();
			renumberSources();
			const rest = [...list.children];
			const next = rest[Math.min(index, rest.length - 1)];
			(next ? next.querySelector('input') : document.getElementById('add-source')).focus();
			update();
		});
		list.append(item);
		renumberSources();
		return item;
	}

	function renumberSources() {
		const items = [...document.getElementById('trusted-sources').children];
		items.forEach((item, i) => {
			item.querySelector('label').textContent = 'Trusted source ' + (i + 1);
			const remove = item.querySelector('button.remove');
			remove.textContent = 'Remove';
			remove.setAttribute('aria-label', 'Remove trusted source ' + (i + 1));
			remove.disabled = items.length === 1;
		});
		const max = state.catalog ? state.catalog.trustedSources.maxEntries : 50;
		document.getElementById('add-source').disabled = items.length >= max;
	}

	function showInvoiceForm() {
		const isNew = selected('invoiceKind') === 'new';
		document.getElementById('invoice-new-form').hidden = !isNew;
		document.getElementById('invoice-existing-form').hidden = isNew;
	}

	// --- the order as the API wants it -------------------------------------------------------

	function value(id) {
		return document.getElementById(id).value.trim();
	}

	function order() {
		const invoiceProfile = selected('invoiceKind') === 'new'
			? { new: Object.fromEntries(['companyName', 'email', 'street', 'postalCode', 'city', 'country', 'vatId']
				.map((name) => [name, value('inv-' + name)])
				.filter(([name, v]) => name !== 'vatId' || v !== '')) }
			: { existingId: value('invoice-existing-id') };
		const body = {
			customerId: value('customer-id'),
			databaseType: selected('databaseType'),
			databaseVersion: document.getElementById('db-version').value || null,
			nodeSize: selected('nodeSize'),
			storageGb: Number(document.getElementById('storage').value),
			// Every entry as typed, in order, so that /trustedSources/N is the N-th entry on screen.
			trustedSources: [...document.querySelectorAll('#trusted-sources .source-input')].map((i) => i.value.trim()),
			region: selected('region'),
			invoiceProfile,
			acceptedDocuments: [...document.querySelectorAll('#document-list input:checked')]
				.map((box) => ({ id: box.dataset.id, version: box.dataset.version }))
		};
		for (const key of Object.keys(body)) {
			if (body[key] === null) {
				delete body[key];
			}
		}
		return body;
	}

	function update() {
		const catalog = state.catalog;
		const body = order();
		const type = catalog.databaseTypes.find((t) => t.id === body.databaseType);
		const size = catalog.nodeSizes.find((s) => s.id === body.nodeSize);
		const region = catalog.regions.find((r) => r.id === body.region);
		const missing = 'not chosen yet';
		const invoice = body.invoiceProfile.new
			? 'new: ' + [body.invoiceProfile.new.companyName, body.invoiceProfile.new.email,
				[body.invoiceProfile.new.street, body.invoiceProfile.new.postalCode, body.invoiceProfile.new.city,
					body.invoiceProfile.new.country].filter(Boolean).join(', '),
				body.invoiceProfile.new.vatId ? 'VAT ' + body.invoiceProfile.new.vatId : ''].filter(Boolean).join(' · ')
			: (body.invoiceProfile.existingId ? 'existing: ' + body.invoiceProfile.existingId : missing);
		const rows = [
			['Customer', body.customerId || missing],
			['Database', type ? type.name + ' ' + (body.databaseVersion || type.defaultVersion) : missing],
			['Node size', size ? size.id + ' (' + humanize(size.series) + ', ' + size.vcpu + ' vCPU, ' + size.ramGb
				+ ' GB RAM)' : missing],
			['Storage', body.storageGb + ' GB'],
			['Trusted sources', body.trustedSources.filter(Boolean).join(', ') || 'none yet'],
			['Region', region ? region.name + ' (' + region.id + ')' : missing],
			['Invoice profile', invoice || missing]
		];
		const summary = document.getElementById('summary');
		summary.replaceChildren(...rows.flatMap(([term, detail]) => [el('dt', { text: term }),
			el('dd', { text: detail, className: detail === missing ? 'missing' : null })]));
		const boxes = [...document.querySelectorAll('#document-list input')];
		const allAccepted = boxes.every((box) => box.checked);
		const button = document.getElementById('place-order');
		button.disabled = !allAccepted || state.placing === true;
		document.getElementById('place-order-hint').textContent = allAccepted
			? '' : 'Accept all ' + boxes.length + ' documents to place the order.';
	}

	// --- placing the order and showing what the API says --------------------------------------

	function clearProblems() {
		for (const error of form.querySelectorAll('.error')) {
			error.textContent = '';
		}
		for (const invalid of form.querySelectorAll('[aria-invalid]')) {
			invalid.removeAttribute('aria-invalid');
		}
		const problems = document.getElementById('problems');
		problems.hidden = true;
		problems.replaceChildren();
	}

	// Finds where a problem's pointer belongs: the N-th trusted source, a field, or its fieldset.
	function target(pointer) {
		const source = /^\/trustedSources\/(\d+)/.exec(pointer);
		if (source) {
			const item = document.querySelectorAll('#trusted-sources .source')[Number(source[1])];
			if (item) {
				return { error: item.querySelector('.error'), field: item.querySelector('input') };
			}
		}
		if (/^\/acceptedDocuments/.test(pointer)) {
			return { error: document.getElementById('documents-error'), field: document.querySelector('#document-list input') };
		}
		let best = null;
		for (const error of form.querySelectorAll('.error[data-pointer]')) {
			const own = error.dataset.pointer;
			if ((pointer === own || pointer.startsWith(own + '/')) && (!best || own.length > best.dataset.pointer.length)) {
				best = error;
			}
		}
		if (!best) {
			return null;
		}
		const fieldId = best.id.replace(/-error$/, '');
		return { error: best, field: document.getElementById(fieldId) || best.closest('fieldset').querySelector('input') };
	}

	function showProblem(problem) {
		const problems = document.getElementById('problems');
		const errors = Array.isArray(problem.errors) ? problem.errors : [];
		const list = el('ul');
		let first = null;
		for (const error of errors) {
			const where = target(error.pointer || '');
			if (where) {
				where.error.textContent = where.error.textContent
					? where.error.textContent + ' ' + error.detail : error.detail;
				if (where.field) {
					where.field.setAttribute('aria-invalid', 'true');
					first = first || where.field;
				}
				const link = el('a', { href: '#' + (where.field ? where.field.id : where.error.id), text: error.detail });
				link.addEventListener('click', (event) => {
					event.preventDefault();
					(where.field || where.error).focus();
				});
				list.append(el('li', {}, link));
			} else {
				list.append(el('li', { text: (error.pointer ? error.pointer + ': ' : '') + error.detail }));
			}
		}
		const count = errors.length;
		problems.replaceChildren(
			el('h3', { text: count ? 'The order was not placed: ' + count + (count === 1 ? ' problem' : ' problems')
				+ ' to fix' : 'The order was not placed' }),
			el('p', { text: problem.detail || problem.title || 'The order API rejected the order.' }));
		if (problem.errorsNotShown) {
			problems.append(el('p', { text: problem.errorsNotShown + ' more problems are not listed.' }));
		}
		if (count) {
			problems.append(list);
		}
		problems.hidden = false;
		problems.focus();
	}

	async function placeOrder(event) {
		event.preventDefault();
		if (state.placing) {
			return;
		}
		state.placing = true;
		update();
		clearProblems();
		const result = document.getElementById('order-result');
		result.replaceChildren(el('p', { text: 'Placing the order …' }));
		try {
			const response = await window.PortalSession.api('/v1/orders', {
				method: 'POST',
				headers: { 'Content-Type': 'application/json', 'Accept': 'application/json, application/problem+json',
					'Idempotency-Key': state.idempotencyKey },
				body: JSON.stringify(order())
			});
			const text = await response.text();
			const body = text ? JSON.parse(text) : {};
			if (response.status === 202 || response.status === 200) {
				state.idempotencyKey = newKey();
				const link = 'status.html?order=' + encodeURIComponent(body.orderId);
				const databases = 'instances.html' + (body.instanceId ? '?instance=' + encodeURIComponent(body.instanceId) : '');
				result.replaceChildren(el('h3', { text: 'Order placed' }),
					el('p', {}, 'Order ', el('code', { id: 'placed-order-id', text: body.orderId }),
						' is ' + body.status + '. '),
					el('p', {}, el('a', { id: 'follow-order', href: link, text: 'Follow it on the order status page' }),
						' · ', el('a', { id: 'open-database', href: databases, text: 'See the database in My databases' })));
				result.focus();
			} else {
				result.replaceChildren();
				if (response.status === 422 && body.type && body.type.endsWith('/idempotency-key-reused')) {
					state.idempotencyKey = newKey();
				}
				showProblem(body);
			}
		} catch (failure) {
			result.replaceChildren();
			showProblem({ title: 'The order API could not be reached (' + failure.message + '). Try again.' });
		} finally {
			state.placing = false;
			update();
		}
	}

	// --- start ---------------------------------------------------------------------------------

	async function loadCatalog() {
		const notice = document.getElementById('catalog-state');
		try {
			const session = await window.PortalSession.require();
			document.getElementById('customer-id').value = session.customerId;
			const response = await window.PortalSession.api('/v1/catalog', { headers: { Accept: 'application/json' } });
			if (!response.ok) {
				throw new Error('HTTP ' + response.status);
			}
			state.catalog = await response.json();
			render(state.catalog);
			notice.hidden = true;
			form.hidden = false;
		} catch (failure) {
			notice.textContent = 'The catalog could not be loaded (' + failure.message + '). Reload the page to try again.';
			notice.classList.add('failure');
		}
	}

	loadCatalog();
})();
