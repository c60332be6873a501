package dev.dbaas.pipeline.intake.web;

import java.net.URI;

import dev.dbaas.pipeline.intake.admission.Overload;
import jakarta.servlet.http.HttpServletRequest;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;

/**
 * The answer to an order refused by admission control (decision 0046), the same for
 * creates and change orders: {@code 503} {@code service-unavailable} with
 * {@code Retry-After}, a detail that says which bound was reached, and the members
 * {@code bound} ({@code orders-in-flight} or {@code placement-queue}), {@code limit} and
 * the count: {@code ordersInFlight} or {@code waiting}.
 */
public final class Overloads {

	private Overloads() {
	}

	/**
	 * The problem response of an overload.
	 * @param overload the bound reached
	 * @param request the request, marked for the metrics edge
	 * @return the response
	 */
	public static ResponseEntity<ProblemDetail> problem(Overload overload, HttpServletRequest request) {
		ProblemType type = ProblemType.SERVICE_UNAVAILABLE;
		Rejections.mark(request, type);
		long seconds = overload.retryAfterSeconds();
		String retry = " Nothing was stored; retry after " + seconds + " s with the same Idempotency-Key.";
		ProblemDetail problem;
		if (overload.bound() == Overload.Bound.ORDERS_IN_FLIGHT) {
			problem = type.problem("The pipeline is behind: " + overload.count()
					+ " orders are in flight (accepted, not yet DONE, FAILED or CANCELLED) and new ones are taken "
					+ "while fewer than " + overload.limit() + " are." + retry);
			problem.setProperty("ordersInFlight", overload.count());
		}
		else {
			problem = type.problem("The order store is behind: " + overload.count()
					+ " orders are waiting to be written, the most that may wait." + retry);
			problem.setProperty("waiting", overload.count());
		}
		problem.setProperty("bound", overload.bound().member());
		problem.setProperty("limit", overload.limit());
		problem.setInstance(URI.create(request.getRequestURI()));
		return ResponseEntity.status(type.status())
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.header(HttpHeaders.RETRY_AFTER, Long.toString(seconds))
			.body(problem);
	}

}
