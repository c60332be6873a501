'use strict';
// Shared by the portal's pages: builds DOM nodes without innerHTML, so API text is never parsed as markup.
window.PortalDom = {
	// el('p', { className: 'hint', text: 'Hello' }, child, ...): attributes that are false, null or undefined are left
	// out; true becomes an empty (boolean) attribute.
	el(tag, attributes, ...children) {
		const node = document.createElement(tag);
		for (const [name, value] of Object.entries(attributes || {})) {
			if (value === false || value === null || value === undefined) {
				continue;
			}
			if (name === 'text') {
				node.textContent = value;
			} else if (name === 'className') {
				node.className = value;
			} else {
				node.setAttribute(name, value === true ? '' : value);
			}
		}
		for (const child of children) {
			node.append(child);
		}
		return node;
	}
};
