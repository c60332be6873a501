package dev.dbaas.pipeline.devstack.portal;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

import com.sun.net.httpserver.HttpExchange;
import dev.dbaas.pipeline.contract.http.ProblemKind;

/**
 * The portal's own error answers: {@code application/problem+json} (RFC 9457) with the
 * {@code type}, title and status of a {@link ProblemKind} (the one vocabulary every API
 * answers with) and a detail, escaped so that any text makes valid JSON.
 */
final class PortalProblems {

	private PortalProblems() {
	}

	/**
	 * Answers with a problem; the exchange's headers set so far go along.
	 * @param exchange the request to answer
	 * @param kind the problem; its status is the response's
	 * @param detail what went wrong and what to do about it
	 * @throws IOException if the browser went away
	 */
	static void send(HttpExchange exchange, ProblemKind kind, String detail) throws IOException {
		byte[] bytes = json(kind, detail).getBytes(StandardCharsets.UTF_8);
		exchange.getResponseHeaders().set("Content-Type", "application/problem+json");
		exchange.sendResponseHeaders(kind.status(), bytes.length);
		try (OutputStream out = exchange.getResponseBody()) {
			out.write(bytes);
		}
	}

	/**
	 * The body of a problem.
	 * @param kind the problem: its type, title (a fixed text, not escaped) and status
	 * @param detail the detail, escaped
	 * @return compact JSON
	 */
	static String json(ProblemKind kind, String detail) {
		return "{\"type\":\"" + kind.uri() + "\",\"title\":\"" + kind.title() + "\",\"status\":" + kind.status()
				+ ",\"detail\":\"" + escape(detail) + "\"}";
	}

	private static String escape(String text) {
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

}
