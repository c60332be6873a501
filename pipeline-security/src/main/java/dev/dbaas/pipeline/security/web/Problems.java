package dev.dbaas.pipeline.security.web;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.Map;

import dev.dbaas.pipeline.contract.http.ProblemKind;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.MediaType;

/**
 * Writes an RFC 9457 problem response from a filter, where no controller advice runs:
 * {@code application/problem+json} with a stable {@code type} under {@value #BASE_URI}.
 * Thread-safe.
 */
public final class Problems {

	/** Where problem types live; the kind follows. */
	public static final String BASE_URI = ProblemKind.BASE_URI;

	/** The longest request path repeated as a problem's {@code instance}. */
	public static final int MAX_INSTANCE_LENGTH = 256;

	private static final JsonMapper JSON = JsonMapper.builder().build();

	/** RFC 3986 {@code pchar}, {@code /} and the {@code %} of escapes. */
	private static final BitSet PATH_CHARACTERS = pathCharacters();

	private Problems() {
	}

	/**
	 * Writes a problem of the shared vocabulary and commits the response.
	 * @param request the request (its path becomes {@code instance} where
	 * {@link #instance(String)} keeps it)
	 * @param response the response, not yet committed
	 * @param kind the kind: its status, type and title
	 * @param detail what happened and how to fix it; never a secret
	 * @throws IOException if the client went away
	 */
	public static void write(HttpServletRequest request, HttpServletResponse response, ProblemKind kind, String detail)
			throws IOException {
		write(request, response, kind.status(), kind.kind(), kind.title(), detail);
	}

	/**
	 * Writes the problem and commits the response.
	 * @param request the request (its path becomes {@code instance} where
	 * {@link #instance(String)} keeps it)
	 * @param response the response, not yet committed
	 * @param status the HTTP status
	 * @param kind the type's last segment, e.g. {@code unauthorized}
	 * @param title a short, fixed summary of the kind
	 * @param detail what happened and how to fix it; never a secret
	 * @throws IOException if the client went away
	 */
	public static void write(HttpServletRequest request, HttpServletResponse response, int status, String kind,
			String title, String detail) throws IOException {
		byte[] body = json(status, kind, title, detail, request.getRequestURI()).getBytes(StandardCharsets.UTF_8);
		response.setStatus(status);
		response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
		response.setContentLength(body.length);
		response.getOutputStream().write(body);
		response.flushBuffer();
	}

	/**
	 * The body of a problem of the shared vocabulary.
	 * @param kind the kind: its status, type and title
	 * @param detail what happened and how to fix it; never a secret
	 * @param requestUri the request's path as the client sent it; it becomes
	 * {@code instance} only where {@link #instance(String)} keeps it
	 * @return compact JSON
	 */
	public static String json(ProblemKind kind, String detail, @Nullable String requestUri) {
		return json(kind.status(), kind, detail, requestUri);
	}

	/**
	 * The body of a problem of the shared vocabulary answered with another status of the
	 * same class than the kind's own (a 431 that is a {@link ProblemKind#BAD_REQUEST}).
	 * @param status the HTTP status the problem is answered with
	 * @param kind the kind: its type and title
	 * @param detail what happened and how to fix it; never a secret
	 * @param requestUri the request's path as the client sent it; it becomes
	 * {@code instance} only where {@link #instance(String)} keeps it
	 * @return compact JSON
	 */
	public static String json(int status, ProblemKind kind, String detail, @Nullable String requestUri) {
		return json(status, kind.kind(), kind.title(), detail, requestUri);
	}

	private static String json(int status, String kind, String title, String detail, @Nullable String requestUri) {
		Map<String, Object> problem = new LinkedHashMap<>();
		problem.put("type", BASE_URI + kind);
		problem.put("title", title);
		problem.put("status", status);
		problem.put("detail", detail);
		String instance = instance(requestUri);
		if (instance != null) {
			problem.put("instance", instance);
		}
		return JSON.writeValueAsString(problem);
	}

	/**
	 * The {@code instance} of a problem about this request path, if the path can be
	 * repeated to the client as it is: at most {@value #MAX_INSTANCE_LENGTH} characters
	 * of RFC 3986 path syntax ({@code %} escapes stay escaped). A hostile path (control
	 * characters, bytes beyond ASCII, quotes, angle brackets, kilobytes of it) is not
	 * echoed at all.
	 * @param requestUri the undecoded request path, or {@code null}
	 * @return the path, or {@code null} to leave {@code instance} out
	 */
	public static @Nullable String instance(@Nullable String requestUri) {
		if (requestUri == null || requestUri.isEmpty() || requestUri.length() > MAX_INSTANCE_LENGTH
				|| requestUri.charAt(0) != '/') {
			return null;
		}
		for (int i = 0; i < requestUri.length(); i++) {
			if (!PATH_CHARACTERS.get(requestUri.charAt(i))) {
				return null;
			}
		}
		return requestUri;
	}

	private static BitSet pathCharacters() {
		BitSet allowed = new BitSet(128);
		"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~!$&'()*+,;=:@/%".chars()
			.forEach(allowed::set);
		return allowed;
	}

}
