package dev.dbaas.pipeline.security.web;

import java.io.IOException;
import java.util.Locale;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses a query string that does not decode with a 400 problem before anything reads a
 * parameter. Tomcat 11 decodes the query the first time a parameter is read and, if a
 * {@code %} escape is malformed, the bytes are not UTF-8 or there are more parameters
 * than {@code server.tomcat.max-parameter-count}, throws from that read (an
 * {@code IllegalStateException}) wherever it happens: in a controller that became a 500.
 * Here the container's own decoder runs once, up front, so that what it accepts is
 * exactly what the controllers will read. A {@code POST} of a form is left alone, since
 * reading its parameters would read its body (no endpoint of the APIs reads forms).
 * Thread-safe.
 */
final class QueryDecodingFilter extends OncePerRequestFilter {

	private final EdgeRefusals refusals;

	QueryDecodingFilter(EdgeRefusals refusals) {
		this.refusals = refusals;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		if (request.getQueryString() != null && !postsForm(request)) {
			try {
				request.getParameterMap();
			}
			catch (IllegalStateException ex) {
				this.refusals.record("query", EdgeRefusal.QUERY, EdgeRefusal.QUERY.kind().status());
				Problems.write(request, response, EdgeRefusal.QUERY.kind(), EdgeRefusal.QUERY.detail());
				return;
			}
		}
		chain.doFilter(request, response);
	}

	private static boolean postsForm(HttpServletRequest request) {
		String type = request.getContentType();
		if (!"POST".equals(request.getMethod()) || type == null) {
			return false;
		}
		String lower = type.toLowerCase(Locale.ROOT);
		return lower.startsWith(MediaType.APPLICATION_FORM_URLENCODED_VALUE)
				|| lower.startsWith(MediaType.MULTIPART_FORM_DATA_VALUE);
	}

}
