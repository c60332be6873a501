package dev.dbaas.pipeline.status.instance.web;

import java.net.URI;
import java.util.List;
import java.util.Map;

import dev.dbaas.pipeline.contract.http.ProblemKind;
import dev.dbaas.pipeline.status.instance.CredentialsUnavailableException;
import dev.dbaas.pipeline.status.instance.InstanceNotRunningException;
import dev.dbaas.pipeline.status.instance.RevealRefusedException;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * The RFC 9457 problems of the instances API, in the service's problem vocabulary
 * ({@link ProblemKind}): {@code invalid-parameter}, {@code forbidden}, and the instances'
 * own {@code instance-not-found}, {@code instance-not-running} and
 * {@code credentials-unavailable}. Everything else falls through to the service's general
 * handler.
 */
@RestControllerAdvice(assignableTypes = InstanceController.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class InstanceProblems {

	/** No instance with this id is in the view (yet), or it is another customer's. */
	static final URI INSTANCE_NOT_FOUND = ProblemKind.INSTANCE_NOT_FOUND.uri();

	/** Credentials were asked for an instance that is not RUNNING. */
	static final URI INSTANCE_NOT_RUNNING = ProblemKind.INSTANCE_NOT_RUNNING.uri();

	/** A RUNNING instance's credentials cannot be opened by this service. */
	static final URI CREDENTIALS_UNAVAILABLE = ProblemKind.CREDENTIALS_UNAVAILABLE.uri();

	@ExceptionHandler
	ProblemDetail notFound(InstanceNotFoundException ex) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND,
				"No instance " + ex.instanceId() + " is in the view.");
		problem.setType(INSTANCE_NOT_FOUND);
		problem.setTitle("Instance not found");
		problem.setProperty("instanceId", ex.instanceId().value());
		return problem;
	}

	@ExceptionHandler
	ProblemDetail invalidParameters(InvalidInstanceParametersException ex) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
				"Some request parameters are malformed; see errors.");
		problem.setType(ProblemKind.INVALID_PARAMETER.uri());
		problem.setTitle("Invalid parameter");
		List<Map<String, String>> errors = ex.violations()
			.stream()
			.map((violation) -> Map.of("parameter", violation.parameter(), "detail", violation.detail()))
			.toList();
		problem.setProperty("errors", errors);
		return problem;
	}

	@ExceptionHandler({ InstanceAccessDeniedException.class, RevealRefusedException.class })
	ProblemDetail forbidden(RuntimeException ex) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.FORBIDDEN, ex.getMessage());
		problem.setType(ProblemKind.FORBIDDEN.uri());
		problem.setTitle("Not allowed");
		return problem;
	}

	@ExceptionHandler
	ProblemDetail notRunning(InstanceNotRunningException ex) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, "Instance " + ex.instanceId()
				+ " is " + ex.state() + ": credentials are revealed for a RUNNING instance only.");
		problem.setType(INSTANCE_NOT_RUNNING);
		problem.setTitle("Instance not running");
		problem.setProperty("instanceId", ex.instanceId().value());
		problem.setProperty("state", ex.state().name());
		return problem;
	}

	@ExceptionHandler
	ProblemDetail credentialsUnavailable(CredentialsUnavailableException ex) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, ex.getMessage());
		problem.setType(CREDENTIALS_UNAVAILABLE);
		problem.setTitle("Credentials unavailable");
		problem.setProperty("instanceId", ex.instanceId().value());
		return problem;
	}

}
