package dev.dbaas.pipeline.security.web;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

import dev.dbaas.pipeline.contract.http.ProblemKind;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
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

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private Problems() {
	}

	/**
	 * Writes a problem of the shared vocabulary and commits the response.
	 * @param request the request (its path becomes {@code instance})
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
	 * @param request the request (its path becomes {@code instance})
	 * @param response the response, not yet committed
	 * @param status the HTTP status
	 * @param kind the type's last segment, e.g. {@code unauthorized}
	 * @param title a short, fixed summary of the kind
	 * @param detail what happened and how to fix it; never a secret
	 * @throws IOException if the client went away
	 */
	public static void write(HttpServletRequest request, HttpServletResponse response, int status, String kind,
			String title, String detail) throws IOException {
		Map<String, Object> problem = new LinkedHashMap<>();
		problem.put("type", BASE_URI + kind);
		problem.put("title", title);
		problem.put("status", status);
		problem.put("detail", detail);
		problem.put("instance", request.getRequestURI());
		byte[] body = JSON.writeValueAsString(problem).getBytes(StandardCharsets.UTF_8);
		response.setStatus(status);
		response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
		response.setContentLength(body.length);
		response.getOutputStream().write(body);
		response.flushBuffer();
	}

}
