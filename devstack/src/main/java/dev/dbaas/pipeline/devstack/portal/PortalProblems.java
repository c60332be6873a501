package dev.dbaas.pipeline.devstack.portal;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

import com.sun.net.httpserver.HttpExchange;

/**
 * The portal's own error answers: {@code application/problem+json} (RFC 9457) with a
 * {@code type} under {@code https://dbaas.example/problems/}, a title, the status and a
 * detail, escaped so that any text makes valid JSON.
 */
final class PortalProblems {

	private PortalProblems() {
	}

	/**
	 * Answers with a problem; the exchange's headers set so far go along.
	 * @param exchange the request to answer
	 * @param status the HTTP status
	 * @param kind the last segment of the {@code type}, e.g. {@code http-404}
	 * @param title the title
	 * @param detail what went wrong and what to do about it
	 * @throws IOException if the browser went away
	 */
	static void send(HttpExchange exchange, int status, String kind, String title, String detail) throws IOException {
		byte[] bytes = json(status, kind, title, detail).getBytes(StandardCharsets.UTF_8);
		exchange.getResponseHeaders().set("Content-Type", "application/problem+json");
		exchange.sendResponseHeaders(status, bytes.length);
		try (OutputStream out = exchange.getResponseBody()) {
			out.write(bytes);
		}
	}

	/**
	 * The body of a problem.
	 * @param status the HTTP status
	 * @param kind the last segment of the {@code type}
	 * @param title the title (a fixed text, not escaped)
	 * @param detail the detail, escaped
	 * @return compact JSON
	 */
	static String json(int status, String kind, String title, String detail) {
		return "{\"type\":\"https://dbaas.example/problems/" + kind + "\",\"title\":\"" + title + "\",\"status\":"
				+ status + ",\"detail\":\"" + escape(detail) + "\"}";
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
