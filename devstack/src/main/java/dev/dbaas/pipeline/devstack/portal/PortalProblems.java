package dev.dbaas.pipeline.devstack.portal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

import dev.dbaas.pipeline.contract.http.ProblemKind;
import jakarta.servlet.http.HttpServletResponse;

/**
 * The portal's own error answers: {@code application/problem+json} (RFC 9457) with the
 * {@code type}, title and status of a {@link ProblemKind} (the one vocabulary every API
 * answers with), a detail and, where a form field is wrong, {@code errors} with a JSON
 * pointer each as the APIs write them; all text escaped so that any text makes valid
 * JSON.
 */
final class PortalProblems {

	private PortalProblems() {
	}

	/**
	 * Answers with a problem; the response's headers set so far go along.
	 * @param response the response to write, not yet committed
	 * @param kind the problem; its status is the response's
	 * @param detail what went wrong and what to do about it
	 * @throws IOException if the browser went away
	 */
	static void send(HttpServletResponse response, ProblemKind kind, String detail) throws IOException {
		send(response, kind, detail, List.of());
	}

	/**
	 * Answers with a problem that names the fields that are wrong.
	 * @param response the response to write, not yet committed
	 * @param kind the problem; its status is the response's
	 * @param detail what went wrong and what to do about it
	 * @param errors one per wrong field; none leaves {@code errors} out
	 * @throws IOException if the browser went away
	 */
	static void send(HttpServletResponse response, ProblemKind kind, String detail, List<FieldError> errors)
			throws IOException {
		byte[] bytes = json(kind, detail, errors).getBytes(StandardCharsets.UTF_8);
		response.setStatus(kind.status());
		response.setContentType("application/problem+json");
		response.setHeader("Cache-Control", "no-store");
		response.setContentLength(bytes.length);
		response.getOutputStream().write(bytes);
	}

	/**
	 * The body of a problem.
	 * @param kind the problem: its type, title (a fixed text, not escaped) and status
	 * @param detail the detail, escaped
	 * @return compact JSON
	 */
	static String json(ProblemKind kind, String detail) {
		return json(kind, detail, List.of());
	}

	/**
	 * The body of a problem with field errors.
	 * @param kind the problem: its type, title (a fixed text, not escaped) and status
	 * @param detail the detail, escaped
	 * @param errors the fields that are wrong; none leaves {@code errors} out
	 * @return compact JSON
	 */
	static String json(ProblemKind kind, String detail, List<FieldError> errors) {
		String body = "{\"type\":\"" + kind.uri() + "\",\"title\":\"" + kind.title() + "\",\"status\":" + kind.status()
				+ ",\"detail\":\"" + escape(detail) + "\"";
		if (!errors.isEmpty()) {
			body += ",\"errors\":" + errors.stream()
				.map((error) -> "{\"pointer\":\"" + escape(error.pointer()) + "\",\"detail\":\""
						+ escape(error.detail()) + "\"}")
				.collect(Collectors.joining(",", "[", "]"));
		}
		return body + "}";
	}

	/**
	 * Escapes text for a JSON string.
	 * @param text any text
	 * @return the text with quotes, backslashes and control characters escaped
	 */
	static String escape(String text) {
		StringBuilder escaped = new StringBuilder(text.length());
		for (char c : text.toCharArray()) {
			switch (c) {
				case '"' -> escaped.append("\\\"");
				case '\\' -> escaped.append("\\\\");
				default -> {
					if (c < 0x20) {
						escaped.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
					}
					else {
						escaped.append(c);
					}
				}
			}
		}
		return escaped.toString();
	}

	/**
	 * A wrong field of a form the portal reads itself (the sign-in).
	 *
	 * @param pointer JSON pointer of the field, e.g. {@code /password}
	 * @param detail what is wrong, for the person filling the form
	 */
	record FieldError(String pointer, String detail) {
	}

}
