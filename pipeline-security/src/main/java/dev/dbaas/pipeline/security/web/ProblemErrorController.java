package dev.dbaas.pipeline.security.web;

import dev.dbaas.pipeline.contract.http.ProblemKind;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;

import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.RequestMapping;

/**
 * The error page ({@code server.error.path}, {@code /error}) as an RFC 9457 problem, in
 * place of Spring Boot's JSON or HTML error: what the servlet container answers with
 * {@code sendError} on its own (a {@code TRACE}, say) and what escaped every exception
 * handler. Any method, any {@code Accept}: the answer is always
 * {@code application/problem+json} with the generic kind of its status and a fixed
 * detail, never an exception's message. Thread-safe.
 */
@Controller
@RequestMapping("${server.error.path:${error.path:/error}}")
final class ProblemErrorController implements ErrorController {

	private final EdgeRefusals refusals;

	ProblemErrorController(EdgeRefusals refusals) {
		this.refusals = refusals;
	}

	@RequestMapping
	ResponseEntity<String> error(HttpServletRequest request) {
		int status = (request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE) instanceof Integer code && code >= 400)
				? code : 500;
		String path = (request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI) instanceof String uri) ? uri : null;
		ProblemKind kind = ProblemKind.forStatus(status);
		String detail = switch (kind) {
			case METHOD_NOT_ALLOWED -> EdgeRefusal.METHOD.detail();
			case NOT_FOUND -> EdgeRefusal.NOT_FOUND.detail();
			case PAYLOAD_TOO_LARGE -> EdgeRefusal.BODY_TOO_LARGE.detail();
			case UNAUTHORIZED -> "Send a valid bearer token issued for this API (Authorization: Bearer <token>).";
			case FORBIDDEN -> "The token does not grant this request.";
			case SERVICE_UNAVAILABLE -> "The service is not available right now; retry shortly.";
			case INTERNAL_ERROR -> "Something went wrong on our side.";
			default -> (status < 500) ? "The request is malformed." : "Something went wrong on our side.";
		};
		if (status >= 500 && kind != ProblemKind.SERVICE_UNAVAILABLE) {
			kind = ProblemKind.INTERNAL_ERROR;
		}
		else if (status < 500) {
			this.refusals.record("error-page", switch (kind) {
				case METHOD_NOT_ALLOWED -> EdgeRefusal.METHOD;
				case NOT_FOUND -> EdgeRefusal.NOT_FOUND;
				case PAYLOAD_TOO_LARGE -> EdgeRefusal.BODY_TOO_LARGE;
				default -> EdgeRefusal.MALFORMED;
			}, status);
		}
		return ResponseEntity.status(status)
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.header(HttpHeaders.CACHE_CONTROL, "no-store")
			.body(Problems.json(status, kind, detail, path));
	}

}
