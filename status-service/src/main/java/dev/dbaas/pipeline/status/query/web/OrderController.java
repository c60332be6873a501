package dev.dbaas.pipeline.status.query.web;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

import dev.dbaas.pipeline.security.Caller;
import dev.dbaas.pipeline.status.order.OrderId;
import dev.dbaas.pipeline.status.order.OrderView;
import dev.dbaas.pipeline.status.query.OrderQueries;
import dev.dbaas.pipeline.status.query.Reader;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.enums.ParameterIn;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import org.jspecify.annotations.Nullable;

import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The read API of the view. Maps HTTP to {@link OrderQueries} and back, and the request's
 * {@link Caller} to a {@link Reader}: a customer token reads its customer's orders only
 * (another customer's order is "not found", its list is forbidden), a service token reads
 * every customer's, the summary is for ops. Scopes are checked by the security chain
 * ({@link ApiSecurityConfiguration}) and again here, where customer tokens are told from
 * service tokens.
 */
@RestController
@RequestMapping(path = "/v1/orders", produces = "application/json")
class OrderController {

	static final String PREFERENCE_APPLIED = "Preference-Applied";

	private static final String PROBLEM_JSON = "application/problem+json";

	private final OrderQueries queries;

	private final Clock clock;

	private final LongPollLimit longPolls;

	OrderController(OrderQueries queries, Clock clock, LongPollLimit longPolls) {
		this.queries = queries;
		this.clock = clock;
		this.longPolls = longPolls;
	}

	@Operation(summary = "The current state of an order",
			description = "ETag is the order's version. With Prefer: wait=N (N <= 30) the request waits for an "
					+ "unknown order to appear; with If-None-Match as well, for the order to change. Without a wait, "
					+ "a matching If-None-Match gets 304. A customer token sees its customer's orders only: another "
					+ "customer's order is not found, also after waiting.")
	@ApiResponse(responseCode = "200", description = "The order")
	@ApiResponse(responseCode = "304", description = "Unchanged: still at the version in If-None-Match",
			content = @Content)
	@ApiResponse(responseCode = "400", description = "Malformed order id (problem type invalid-parameter)",
			content = @Content(mediaType = PROBLEM_JSON, schema = @Schema(implementation = ProblemDetail.class)))
	@ApiResponse(responseCode = "404",
			description = "No such order, or another customer's, possibly after waiting (problem type "
					+ "order-not-found)",
			content = @Content(mediaType = PROBLEM_JSON, schema = @Schema(implementation = ProblemDetail.class)))
	@ApiResponse(responseCode = "429",
			description = "The client has status.long-poll.max-per-client long polls open (problem type "
					+ "too-many-requests, Retry-After)",
			content = @Content(mediaType = PROBLEM_JSON, schema = @Schema(implementation = ProblemDetail.class)))
	@GetMapping("/{orderId}")
	CompletableFuture<ResponseEntity<OrderJson.Order>> order(@PathVariable String orderId,
			@Parameter(in = ParameterIn.HEADER, name = "Prefer",
					description = "wait=N: wait up to N seconds (at most 30)") @RequestHeader(name = "Prefer",
							required = false) @Nullable List<String> prefer,
			@RequestHeader(name = HttpHeaders.IF_NONE_MATCH, required = false) @Nullable String ifNoneMatch,
			@Parameter(hidden = true) Caller caller) {
		Reader reader = readerOf(caller);
		OrderId id = ListParameters.orderId(orderId);
		Set<String> held = Preferences.heldTags(ifNoneMatch);
		Optional<Duration> wait = Preferences.requestedWait((prefer != null) ? prefer : List.of());
		if (wait.isEmpty()) {
			return CompletableFuture.completedFuture(respond(id, this.queries.find(id, reader), held, null));
		}
		Duration applied = (wait.get().compareTo(OrderQueries.MAX_WAIT) > 0) ? OrderQueries.MAX_WAIT : wait.get();
		return this.longPolls
			.open(caller.limitKey(),
					() -> this.queries.awaitChange(id, reader, (version) -> Preferences.holds(held, version), applied))
			.thenApply((view) -> respond(id, view, held, applied));
	}

	@Operation(summary = "A page of orders, newest first",
			description = "Keyset pagination: pass nextCursor as cursor for the next page; it is absent on the last. "
					+ "A customer token lists its customer's orders only; naming another customerId is forbidden.")
	@ApiResponse(responseCode = "200", description = "A page of orders")
	@ApiResponse(responseCode = "400",
			description = "Malformed parameters, all listed in errors (problem type " + "invalid-parameter)",
			content = @Content(mediaType = PROBLEM_JSON, schema = @Schema(implementation = ProblemDetail.class)))
	@ApiResponse(responseCode = "403",
			description = "A customer token naming another customerId (problem type forbidden)",
			content = @Content(mediaType = PROBLEM_JSON, schema = @Schema(implementation = ProblemDetail.class)))
	@GetMapping
	OrderJson.Page orders(@RequestParam(required = false) @Nullable String customerId,
			@Parameter(description = "NEW, PROCESSING, DONE or FAILED") @RequestParam(
					required = false) @Nullable String status,
			@RequestParam(required = false) @Nullable String region,
			@Parameter(description = "RFC 3339 date-time") @RequestParam(required = false) @Nullable String placedAfter,
			@Parameter(description = "1 to 200, default 50; larger values are capped") @RequestParam(
					required = false) @Nullable String limit,
			@RequestParam(required = false) @Nullable String cursor, @Parameter(hidden = true) Caller caller) {
		Reader reader = readerOf(caller);
		ListParameters parameters = ListParameters.parse(customerId, status, region, placedAfter, limit, cursor);
		if (parameters.filter().customerId() != null && !caller.mayActFor(parameters.filter().customerId())) {
			throw new NotAllowedException("This token reads the orders of customer " + caller.customerId()
					+ " only: leave customerId out, or pass that customer.");
		}
		return OrderJson.Page
			.of(this.queries.list(reader, parameters.filter(), parameters.limit(), parameters.cursor()));
	}

	@Operation(summary = "The transitions of an order, oldest first")
	@ApiResponse(responseCode = "200", description = "The transitions")
	@ApiResponse(responseCode = "404",
			description = "No such order, or another customer's (problem type order-not-found)",
			content = @Content(mediaType = PROBLEM_JSON, schema = @Schema(implementation = ProblemDetail.class)))
	@GetMapping("/{orderId}/history")
	OrderJson.History history(@PathVariable String orderId, @Parameter(hidden = true) Caller caller) {
		Reader reader = readerOf(caller);
		OrderId id = ListParameters.orderId(orderId);
		return OrderJson.History.of(this.queries.history(id, reader).orElseThrow(() -> new OrderNotFoundException(id)));
	}

	@Operation(summary = "Counts by status and region, and the age of the oldest PROCESSING order",
			description = "Needs scope orders:ops on a token not bound to a customer.")
	@ApiResponse(responseCode = "403", description = "Not an ops token (problem type forbidden)",
			content = @Content(mediaType = PROBLEM_JSON, schema = @Schema(implementation = ProblemDetail.class)))
	@GetMapping("/summary")
	OrderJson.Summary summary(@Parameter(hidden = true) Caller caller) {
		if (!caller.isOps()) {
			throw new NotAllowedException("The summary counts every customer's orders: it needs scope " + Caller.OPS
					+ " on a token that is not bound to a customer.");
		}
		return OrderJson.Summary.of(this.queries.summarize(), this.clock.instant());
	}

	/**
	 * Whose orders the caller sees. A token without a read scope reads nothing (the
	 * security chain refuses it first; this also covers a customer token with only ops).
	 */
	private static Reader readerOf(Caller caller) {
		if (!caller.mayReadOrders()) {
			throw new NotAllowedException("Reading orders needs scope " + Caller.READ + ".");
		}
		String customer = caller.customerId();
		return (customer != null) ? Reader.ofCustomer(customer) : Reader.ANY_CUSTOMER;
	}

	private static ResponseEntity<OrderJson.Order> respond(OrderId id, Optional<OrderView> found, Set<String> held,
			@Nullable Duration waited) {
		OrderView view = found.orElseThrow(() -> new WaitedOrderNotFoundException(id, waited));
		String version = view.version();
		String etag = "\"" + version + "\"";
		ResponseEntity.BodyBuilder response = ResponseEntity.ok().eTag(etag).cacheControl(CacheControl.noCache());
		if (waited != null) {
			response.header(PREFERENCE_APPLIED, "wait=" + waited.toSeconds());
		}
		if (Preferences.holds(held, version)) {
			return ResponseEntity.status(HttpStatus.NOT_MODIFIED).headers(response.build().getHeaders()).build();
		}
		return response.body(OrderJson.Order.of(view));
	}

	/**
	 * The order is still unknown, possibly after waiting for it.
	 */
	static class WaitedOrderNotFoundException extends OrderNotFoundException {

		private final @Nullable Duration waited;

		WaitedOrderNotFoundException(OrderId orderId, @Nullable Duration waited) {
			super(orderId);
			this.waited = waited;
		}

		@Nullable Duration waited() {
			return this.waited;
		}

	}

}
