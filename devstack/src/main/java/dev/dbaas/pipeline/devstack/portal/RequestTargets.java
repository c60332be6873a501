package dev.dbaas.pipeline.devstack.portal;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

/**
 * Checks a request's path and query as the APIs' servlet container does, before the
 * portal routes or forwards them: every {@code %} escape is two hex digits, the decoded
 * bytes are UTF-8, and the path decodes to no NUL, no {@code /} or {@code \} that was
 * encoded, and no dot segment. Tomcat refuses most of these itself, before the portal's
 * servlet; it lets a dot segment through that stays below the root
 * ({@code /v1/orders/../x}) and any query (it decodes a query only when parameters are
 * read, and the portal reads none). Forwarded, such a target would fail at the service
 * or, for a page, be looked up. Stateless.
 */
final class RequestTargets {

	/** Why a path is refused; fixed text, so nothing the client sent is repeated. */
	static final String BAD_PATH = "The path does not decode to a normalized UTF-8 path: it has a malformed or "
			+ "non-UTF-8 percent escape, an encoded '/' (%2F) or '\\' (%5C), a NUL byte (%00), or a '.' or '..' "
			+ "segment.";

	/** Why a query is refused. */
	static final String BAD_QUERY = "The query string does not decode: every '%' must be followed by two hex "
			+ "digits, and the decoded bytes must be UTF-8.";

	private RequestTargets() {
	}

	/**
	 * Why the portal refuses a request target, if it does.
	 * @param rawPath the undecoded path
	 * @param rawQuery the undecoded query, or {@code null}
	 * @return the detail of the refusal, or empty if the target decodes
	 */
	static Optional<String> refusal(String rawPath, @Nullable String rawQuery) {
		String path = decode(rawPath, false);
		if (path == null || path.indexOf('\0') >= 0 || rawPath.matches("(?i).*%(2f|5c).*")
				|| ("/" + path + "/").matches(".*/\\.{1,2}/.*")) {
			return Optional.of(BAD_PATH);
		}
		if (rawQuery != null && decode(rawQuery, true) == null) {
			return Optional.of(BAD_QUERY);
		}
		return Optional.empty();
	}

	/**
	 * Percent-decodes strictly.
	 * @param raw the undecoded text
	 * @param query whether {@code +} is a space
	 * @return the text, or {@code null} if an escape is malformed or the bytes are not
	 * UTF-8
	 */
	static @Nullable String decode(String raw, boolean query) {
		ByteArrayOutputStream bytes = new ByteArrayOutputStream(raw.length());
		for (int i = 0; i < raw.length(); i++) {
			char c = raw.charAt(i);
			if (c == '%') {
				if (i + 2 >= raw.length()) {
					return null;
				}
				int high = Character.digit(raw.charAt(i + 1), 16);
				int low = Character.digit(raw.charAt(i + 2), 16);
				if (high < 0 || low < 0) {
					return null;
				}
				bytes.write((high << 4) | low);
				i += 2;
			}
			else if (c > 0xff) {
				byte[] encoded = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
				bytes.write(encoded, 0, encoded.length);
			}
			else {
				// Tomcat reads the request line as ISO-8859-1: a char is a byte.
				bytes.write((query && c == '+') ? ' ' : c);
			}
		}
		try {
			return StandardCharsets.UTF_8.newDecoder()
				.onMalformedInput(CodingErrorAction.REPORT)
				.onUnmappableCharacter(CodingErrorAction.REPORT)
				.decode(ByteBuffer.wrap(bytes.toByteArray()))
				.toString();
		}
		catch (CharacterCodingException ex) {
			return null;
		}
	}

}
