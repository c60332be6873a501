package dev.dbaas.pipeline.devstack.portal;

import java.io.IOException;
import java.io.InputStream;
import java.util.Map;

import dev.dbaas.pipeline.contract.http.ProblemKind;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;

/**
 * Serves the portal's pages from the class path ({@code portal/}): {@code /} is
 * {@code index.html}; only flat names of lower-case letters, digits and dashes with a
 * known extension are served, with {@code no-cache}, {@code nosniff}, a strict
 * {@code Content-Security-Policy} and {@code no-referrer}. Anything else is a 404
 * problem; a method other than GET and HEAD a 405.
 *
 * <p>
 * Stateless and thread-safe.
 */
final class StaticPages {

	private static final Map<String, String> CONTENT_TYPES = Map.of("html", "text/html; charset=utf-8", "css",
			"text/css; charset=utf-8", "js", "text/javascript; charset=utf-8", "svg", "image/svg+xml", "png",
			"image/png", "ico", "image/x-icon");

	/**
	 * Answers a request for a page.
	 * @param response the response to write
	 * @param path the request's raw path
	 * @param method its method
	 * @throws IOException if the browser went away
	 */
	void serve(HttpServletResponse response, String path, String method) throws IOException {
		if (!method.equals("GET") && !method.equals("HEAD")) {
			response.setHeader("Allow", "GET, HEAD");
			PortalProblems.send(response, ProblemKind.METHOD_NOT_ALLOWED, "The portal pages are read with GET");
			return;
		}
		String name = path.equals("/") ? "index.html" : path.substring(1);
		if (!name.matches("[a-z0-9-]+\\.[a-z]+")) {
			PortalProblems.send(response, ProblemKind.NOT_FOUND, "No page " + path);
			return;
		}
		String type = contentType(name);
		InputStream resource = StaticPages.class.getClassLoader().getResourceAsStream("portal/" + name);
		if (type == null || resource == null) {
			PortalProblems.send(response, ProblemKind.NOT_FOUND, "No page " + path);
			return;
		}
		try (InputStream in = resource) {
			byte[] bytes = in.readAllBytes();
			response.setStatus(200);
			response.setContentType(type);
			response.setHeader("Cache-Control", "no-cache");
			response.setHeader("X-Content-Type-Options", "nosniff");
			response.setHeader("Content-Security-Policy",
					"default-src 'self'; img-src 'self' data:; frame-ancestors 'none'; base-uri 'none'; form-action 'self'");
			response.setHeader("Referrer-Policy", "no-referrer");
			// Tomcat sends no body for a HEAD, and the length of the GET's.
			response.setContentLength(bytes.length);
			response.getOutputStream().write(bytes);
		}
	}

	/**
	 * The content type a page is served with.
	 * @param name e.g. {@code status.js}
	 * @return the type, or {@code null} for an extension the portal does not serve
	 */
	static @Nullable String contentType(String name) {
		return CONTENT_TYPES.get(name.substring(name.lastIndexOf('.') + 1));
	}

}
