'use strict';
// Shared by the order-status page and My databases: an instance's connection facts and its "Show credentials"
// action (POST /v1/instances/{id}/credentials). The password is shown on request only and never stored.
window.PortalInstance = (function () {
	const el = window.PortalDom.el;

	function pair(term, value) {
		return [el('dt', { text: term }), el('dd', {}, value)];
	}

	// dt/dd pairs for the connection facts of GET /v1/instances/{id}: host, port, sslmode, the CA certificate.
	function facts(connection) {
		const nodes = [...pair('Host', el('code', { text: connection.host })),
			...pair('Port', el('code', { text: String(connection.port) })),
			...pair('sslmode', el('code', { text: connection.sslmode || '—' }))];
		if (connection.caCertificate) {
			const href = URL.createObjectURL(new Blob([connection.caCertificate], { type: 'application/x-pem-file' }));
			nodes.push(...pair('CA certificate', el('a', { href, download: 'ca.pem', text: 'Download ca.pem' })));
		}
		return nodes;
	}

	// The button and the live region where the login appears.
	function credentials(instanceId) {
		const output = el('div', { className: 'credentials', id: 'credentials-' + instanceId, role: 'status',
			'aria-live': 'polite' });
		const button = el('button', { type: 'button', className: 'secondary', 'aria-controls': output.id,
			id: 'reveal-' + instanceId, text: 'Show credentials' });
		button.addEventListener('click', async () => {
			button.disabled = true;
			output.replaceChildren(el('p', { text: 'Opening the credentials…' }));
			try {
				const response = await window.PortalSession.api('/v1/instances/' + encodeURIComponent(instanceId)
					+ '/credentials', { method: 'POST', headers: { Accept: 'application/json' } });
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
		return el('div', { className: 'reveal' }, button, output);
	}

	return { facts, credentials, pair };
})();
