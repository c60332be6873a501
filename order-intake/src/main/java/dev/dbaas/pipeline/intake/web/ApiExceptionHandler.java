package dev.dbaas.pipeline.intake.web;

import java.time.Duration;

import dev.dbaas.pipeline.intake.idempotency.IdempotencyKeys.KeyAlreadyUsedException;
import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.RecoverableDataAccessException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.TransactionSystemException;
import org.springframework.web.ErrorResponse;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Turns every exception into an {@code application/problem+json} response with a stable
 * type. PostgreSQL being unreachable is a 503 with {@code Retry-After}; anything
 * unexpected is a 500 without internals.
 */
@RestControllerAdvice
class ApiExceptionHandler extends ResponseEntityExceptionHandler {

	private static final Logger log = LoggerFactory.getLogger(ApiExceptionHandler.class);

	private final Duration retryAfter;

	ApiExceptionHandler(@Value("${intake.retry-after}") Duration retryAfter) {
		this.retryAfter = retryAfter;
	}

	@ExceptionHandler({ CannotCreateTransactionException.class, DataAccessResourceFailureException.class,
			TransientDataAccessException.class, RecoverableDataAccessException.class,
			TransactionSystemException.class })
	ResponseEntity<ProblemDetail> databaseUnavailable(Exception ex, HttpServletRequest request) {
		log.warn("Answering 503: the database is unavailable: {}", ex.toString());
		Rejections.mark(request, ProblemType.SERVICE_UNAVAILABLE);
		return ResponseEntity.status(ProblemType.SERVICE_UNAVAILABLE.status())
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.header(HttpHeaders.RETRY_AFTER, Long.toString(Math.max(1, this.retryAfter.toSeconds())))
			.body(ProblemType.SERVICE_UNAVAILABLE.problem("The order store is unavailable, so nothing was accepted. "
					+ "Retry with the same Idempotency-Key after the Retry-After delay."));
	}

	@ExceptionHandler(KeyAlreadyUsedException.class)
	ResponseEntity<ProblemDetail> keyRace(KeyAlreadyUsedException ex, HttpServletRequest request) {
		Rejections.mark(request, ProblemType.IDEMPOTENCY_KEY_IN_USE);
		return ResponseEntity.status(ProblemType.IDEMPOTENCY_KEY_IN_USE.status())
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.body(ProblemType.IDEMPOTENCY_KEY_IN_USE.problem(
					"Another request with this Idempotency-Key was processed at the same time; retry to get its result."));
	}

	@ExceptionHandler(Exception.class)
	ResponseEntity<ProblemDetail> unexpected(Exception ex, HttpServletRequest request) {
		log.error("Unexpected failure on {} {}", request.getMethod(), request.getRequestURI(), ex);
		Rejections.mark(request, ProblemType.INTERNAL_ERROR);
		return ResponseEntity.status(ProblemType.INTERNAL_ERROR.status())
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.body(ProblemType.INTERNAL_ERROR.problem("Something went wrong on our side; it has been logged."));
	}

	@Override
	protected @Nullable ResponseEntity<Object> handleExceptionInternal(Exception ex, @Nullable Object body,
			HttpHeaders headers, HttpStatusCode statusCode, WebRequest request) {
		ProblemType type = ProblemType.forStatus(statusCode);
		if (body == null && ex instanceof ErrorResponse errorResponse) {
			body = errorResponse.getBody();
		}
		if (body instanceof ProblemDetail problem
				&& (problem.getType() == null || "about:blank".equals(problem.getType().toString()))) {
			problem.setType(type.uri());
			problem.setTitle(type.title());
		}
		if (request instanceof NativeWebRequest nativeRequest
				&& nativeRequest.getNativeRequest() instanceof HttpServletRequest servletRequest) {
			Rejections.mark(servletRequest, type);
		}
		return super.handleExceptionInternal(ex, body, headers, statusCode, request);
	}

}
