package dev.dbaas.pipeline.security.test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Sends a request head byte for byte, as no HTTP client would (malformed request lines,
 * undecodable escapes, duplicated or broken headers), and reads the whole answer of a
 * {@code Connection: close} request.
 */
public final class RawHttp {

	private RawHttp() {
	}

	/**
	 * Sends a request and reads the answer until the server closes the connection.
	 * @param port the server's port on loopback
	 * @param head the request line and headers, each line ended by CRLF, without the
	 * blank line that ends the head; characters are sent as ISO-8859-1 bytes
	 * @return the answer
	 */
	public static Answer send(int port, String head) {
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
			socket.setSoTimeout(30_000);
			OutputStream out = socket.getOutputStream();
			out.write((head + "Connection: close\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
			out.flush();
			ByteArrayOutputStream bytes = new ByteArrayOutputStream();
			InputStream in = socket.getInputStream();
			try {
				in.transferTo(bytes);
			}
			catch (IOException ex) {
				// A reset after the answer (the server closed with unread input): keep
				// what
				// arrived.
			}
			return Answer.parse(bytes.toByteArray());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * What the server answered.
	 *
	 * @param status the status code, or 0 if nothing arrived
	 * @param head the status line and headers
	 * @param body the body as UTF-8 (chunks not joined)
	 */
	public record Answer(int status, String head, String body) {

		static Answer parse(byte[] raw) {
			String text = new String(raw, StandardCharsets.ISO_8859_1);
			int end = text.indexOf("\r\n\r\n");
			String head = (end >= 0) ? text.substring(0, end) : text;
			String body = (end >= 0) ? new String(raw, end + 4, raw.length - end - 4, StandardCharsets.UTF_8) : "";
			String[] statusLine = head.split("\r\n", 2)[0].split(" ");
			int status = (statusLine.length > 1 && statusLine[1].matches("\\d{3}")) ? Integer.parseInt(statusLine[1])
					: 0;
			return new Answer(status, head, body);
		}

		/**
		 * The value of a header, by case-insensitive name.
		 * @param name the header's name
		 * @return the first value, or an empty string
		 */
		public String header(String name) {
			for (String line : this.head.split("\r\n")) {
				int colon = line.indexOf(':');
				if (colon > 0 && line.substring(0, colon).trim().equalsIgnoreCase(name)) {
					return line.substring(colon + 1).trim();
				}
			}
			return "";
		}

		/**
		 * The problem's {@code type}, read from the body without a JSON parser (the body
		 * may be chunked).
		 * @return the type URI, or an empty string
		 */
		public String problemType() {
			int at = this.body.indexOf("\"type\":\"");
			if (at < 0) {
				return "";
			}
			int start = at + "\"type\":\"".length();
			return this.body.substring(start, this.body.indexOf('"', start));
		}

		/**
		 * Whether the body looks like markup rather than JSON.
		 * @return {@code true} for an HTML page
		 */
		public boolean looksLikeHtml() {
			String lower = this.body.toLowerCase(Locale.ROOT);
			return lower.contains("<html") || lower.contains("<!doctype") || lower.contains("<h1")
					|| lower.contains("<body");
		}

		@Override
		public String toString() {
			return this.head + "\n\n" + ((this.body.length() > 600) ? this.body.substring(0, 600) + "..." : this.body);
		}

	}

}
