package dev.dbaas.pipeline.status.query.web;

import java.util.List;
import java.util.Map;

import dev.dbaas.pipeline.contract.http.ProblemKind;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Turns every error into an RFC 9457 problem with a stable {@link ProblemTypes type}:
 * this API's own, the framework's (unknown path, wrong method, ...) and unexpected ones,
 * which never leak their message.
 */
@RestControllerAdvice
class ProblemResponses extends ResponseEntityExceptionHandler {

	private static final Logger log = LoggerFactory.getLogger(ProblemResponses.class);

	/**
	 * A client over its long-poll cap may come back this soon: refusing costs nothing,
	 * and its slots free as its polls end (at the latest after 30 s).
	 */
	static final long LONG_POLL_RETRY_AFTER_SECONDS = 1;

	@ExceptionHandler
	ResponseEntity<ProblemDetail> orderNotFound(OrderNotFoundException ex) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND,
				"No order " + ex.orderId() + " is in the view.");
		problem.setType(ProblemTypes.ORDER_NOT_FOUND);
		problem.setTitle("Order not found");
		problem.setProperty("orderId", ex.orderId().value());
		HttpHeaders headers = new HttpHeaders();
		if (ex instanceof OrderController.WaitedOrderNotFoundException waited && waited.waited() != null) {
			headers.set(OrderController.PREFERENCE_APPLIED, "wait=" + waited.waited().toSeconds());
		}
		return ResponseEntity.status(HttpStatus.NOT_FOUND).headers(headers).body(problem);
	}

	@ExceptionHandler
	ProblemDetail invalidParameters(InvalidParametersException ex) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
				"Some request parameters are malformed; see errors.");
		problem.setType(ProblemTypes.INVALID_PARAMETER);
		problem.setTitle("Invalid parameter");
		List<Map<String, String>> errors = ex.violations()
			.stream()
			.map((violation) -> Map.of("parameter", violation.parameter(), "detail", violation.detail()))
			.toList();
		problem.setProperty("errors", errors);
		return problem;
	}

	@ExceptionHandler
	ProblemDetail notAllowed(NotAllowedException ex) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.FORBIDDEN, ex.getMessage());
		problem.setType(ProblemTypes.FORBIDDEN);
		problem.setTitle("Not allowed");
		return problem;
	}

	@ExceptionHandler
	ResponseEntity<ProblemDetail> tooManyLongPolls(TooManyLongPollsException ex) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.TOO_MANY_REQUESTS,
				"This client already has " + ex.maxPerClient() + " long polls open; retry after "
						+ LONG_POLL_RETRY_AFTER_SECONDS + " s, or read without Prefer: wait.");
		problem.setType(ProblemTypes.TOO_MANY_REQUESTS);
		problem.setTitle("Too many requests");
		return ResponseEntity.status(HttpStatus.TOO_MANY_REQUESTS)
			.header(HttpHeaders.RETRY_AFTER, Long.toString(LONG_POLL_RETRY_AFTER_SECONDS))
			.body(problem);
	}

	@ExceptionHandler({ DataAccessResourceFailureException.class, QueryTimeoutException.class })
	ProblemDetail viewUnavailable(Exception ex) {
		log.warn("View unavailable: {}", ex.toString());
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE,
				"The order view cannot be read right now; retry shortly.");
		problem.setType(ProblemTypes.SERVICE_UNAVAILABLE);
		problem.setTitle(ProblemKind.SERVICE_UNAVAILABLE.title());
		return problem;
	}

	@ExceptionHandler
	ProblemDetail unexpected(Exception ex) {
		log.error("Unexpected error", ex);
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.INTERNAL_SERVER_ERROR,
				"Something went wrong on our side.");
		problem.setType(ProblemTypes.INTERNAL_ERROR);
		problem.setTitle("Internal error");
		return problem;
	}

	@Override
	protected ResponseEntity<Object> createResponseEntity(@Nullable Object body, HttpHeaders headers,
			HttpStatusCode statusCode, WebRequest request) {
		if (body instanceof ProblemDetail problem
				&& (problem.getType() == null || "about:blank".equals(problem.getType().toString()))) {
			problem.setType(ProblemTypes.forStatus(statusCode));
		}
		return super.createResponseEntity(body, headers, statusCode, request);
	}

}
