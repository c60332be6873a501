package dev.dbaas.pipeline.status.instance.web;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;

import dev.dbaas.pipeline.contract.instance.InstanceIdRule;
import dev.dbaas.pipeline.security.Caller;
import dev.dbaas.pipeline.status.instance.InstanceCursor;
import dev.dbaas.pipeline.status.instance.InstanceReader;
import dev.dbaas.pipeline.status.instance.InstanceView;
import dev.dbaas.pipeline.status.instance.Instances;
import dev.dbaas.pipeline.status.instance.Requester;
import dev.dbaas.pipeline.status.order.InstanceId;
import dev.dbaas.pipeline.status.order.OrderId;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;

import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * The instances API. Maps HTTP to {@link Instances} and back, and the request's
 * {@link Caller} to a reader or requester: a customer token sees and reveals its
 * customer's instances only (another customer's is "not found"), a service token reads
 * every customer's and reveals only with scope {@value Instances#CREDENTIALS_SCOPE}, an
 * ops token reads but never reveals.
 */
@RestController
@RequestMapping(path = "/v1/instances", produces = "application/json")
class InstanceController {

	static final int DEFAULT_LIMIT = 50;

	static final int MAX_LIMIT = 200;

	private static final String PROBLEM_JSON = "application/problem+json";

	private final Instances instances;

	InstanceController(Instances instances) {
		this.instances = instances;
	}

	@Operation(
			summary = "An instance: its state, desired and observed settings, the order it waits for and, "
					+ "while it serves, where it answers",
			description = "Never holds a secret. ETag is the instance's version (the highest instanceVersion of its "
					+ "orders), as If-Match at order-intake expects it; Cache-Control: no-store. If-None-Match is not "
					+ "answered with 304: the version names the orders, not the state, which changes within a "
					+ "version (CREATING to RUNNING, UPDATING to RUNNING), so a poll always gets the whole instance. "
					+ "A customer token sees its customer's instances only: another customer's is not found.")
	@ApiResponse(responseCode = "200", description = "The instance")
	@ApiResponse(responseCode = "400", description = "Malformed instance id (problem type invalid-parameter)",
			content = @Content(mediaType = PROBLEM_JSON, schema = @Schema(implementation = ProblemDetail.class)))
	@ApiResponse(responseCode = "404",
			description = "No such instance, or another customer's (problem type instance-not-found)",
			content = @Content(mediaType = PROBLEM_JSON, schema = @Schema(implementation = ProblemDetail.class)))
	@GetMapping("/{instanceId}")
	InstanceJson.InstanceBody instance(@PathVariable String instanceId, @Parameter(hidden = true) Caller caller,
			HttpServletResponse response) {
		InstanceId id = instanceId(instanceId);
		InstanceView instance = this.instances.find(id, readerOf(caller))
			.orElseThrow(() -> new InstanceNotFoundException(id));
		// Set on the response, not on a ResponseEntity: Spring MVC would answer a
		// matching
		// If-None-Match of a ResponseEntity with 304, hiding a change of state.
		response.setHeader(HttpHeaders.ETAG, "\"" + instance.version() + "\"");
		response.setHeader(HttpHeaders.CACHE_CONTROL, CacheControl.noStore().getHeaderValue());
		return InstanceJson.InstanceBody.of(instance, InstanceController::statusUrl);
	}

	@Operation(summary = "A page of instances, newest first",
			description = "Keyset pagination: pass nextCursor as cursor for the next page; it is absent on the last. "
					+ "A customer token lists its customer's instances only; naming another customerId is forbidden.")
	@ApiResponse(responseCode = "200", description = "A page of instances")
	@ApiResponse(responseCode = "400",
			description = "Malformed parameters, all listed in errors (problem type invalid-parameter)",
			content = @Content(mediaType = PROBLEM_JSON, schema = @Schema(implementation = ProblemDetail.class)))
	@ApiResponse(responseCode = "403",
			description = "A customer token naming another customerId (problem type forbidden)",
			content = @Content(mediaType = PROBLEM_JSON, schema = @Schema(implementation = ProblemDetail.class)))
	@GetMapping
	InstanceJson.Page instances(@RequestParam(required = false) @Nullable String customerId,
			@Parameter(description = "1 to 200, default 50; larger values are capped") @RequestParam(
					required = false) @Nullable String limit,
			@RequestParam(required = false) @Nullable String cursor, @Parameter(hidden = true) Caller caller) {
		InstanceReader reader = readerOf(caller);
		List<InvalidInstanceParametersException.Violation> violations = new ArrayList<>();
		if (customerId != null && (customerId.isBlank() || customerId.length() > 100)) {
			violations.add(new InvalidInstanceParametersException.Violation("customerId",
					"must be 1 to 100 characters when given"));
		}
		int size = DEFAULT_LIMIT;
		if (limit != null) {
			try {
				size = Math.min(Integer.parseInt(limit.trim()), MAX_LIMIT);
				if (size < 1) {
					violations.add(new InvalidInstanceParametersException.Violation("limit",
							"must be at least 1 (and is capped at " + MAX_LIMIT + "), got " + limit));
				}
			}
			catch (NumberFormatException ex) {
				violations.add(new InvalidInstanceParametersException.Violation("limit",
						"must be a whole number from 1 to " + MAX_LIMIT + ", got '" + limit + "'"));
			}
		}
		InstanceCursor start = null;
		if (cursor != null) {
			try {
				start = InstanceCursor.decode(cursor.trim());
			}
			catch (IllegalArgumentException ex) {
				violations.add(new InvalidInstanceParametersException.Violation("cursor", ex.getMessage()));
			}
		}
		if (!violations.isEmpty()) {
			throw new InvalidInstanceParametersException(violations);
		}
		if (customerId != null && !caller.mayActFor(customerId)) {
			throw new InstanceAccessDeniedException("This token reads the instances of customer " + caller.customerId()
					+ " only: leave customerId out, or pass that customer.");
		}
		return InstanceJson.Page.of(this.instances.list(reader, customerId, size, start),
				InstanceController::statusUrl);
	}

	@Operation(
			summary = "An instance's orders (type, who asked, changes, status, transitions) and the timeline of "
					+ "their transitions and the reveals of its credentials, oldest first",
			description = "A reveal names the client (the token's client id) and its customer, never the secret.")
	@ApiResponse(responseCode = "200", description = "The history")
	@ApiResponse(responseCode = "400", description = "Malformed instance id (problem type invalid-parameter)",
			content = @Content(mediaType = PROBLEM_JSON, schema = @Schema(implementation = ProblemDetail.class)))
	@ApiResponse(responseCode = "404",
			description = "No such instance, or another customer's (problem type instance-not-found)",
			content = @Content(mediaType = PROBLEM_JSON, schema = @Schema(implementation = ProblemDetail.class)))
	@GetMapping("/{instanceId}/history")
	InstanceJson.History history(@PathVariable String instanceId, @Parameter(hidden = true) Caller caller) {
		InstanceId id = instanceId(instanceId);
		return InstanceJson.History
			.of(this.instances.history(id, readerOf(caller)).orElseThrow(() -> new InstanceNotFoundException(id)));
	}

	@Operation(summary = "Reveals a RUNNING instance's admin login",
			description = "Returns username and password with the connection facts, a JDBC URL and a client command "
					+ "line (neither holds the password). Cache-Control: no-store. A customer token reveals its "
					+ "customer's instances; a service token needs scope " + Instances.CREDENTIALS_SCOPE
					+ "; an ops token never. Every reveal is written to the instance's history with the client.")
	@ApiResponse(responseCode = "200", description = "The login")
	@ApiResponse(responseCode = "400", description = "Malformed instance id (problem type invalid-parameter)",
			content = @Content(mediaType = PROBLEM_JSON, schema = @Schema(implementation = ProblemDetail.class)))
	@ApiResponse(responseCode = "403",
			description = "An ops token, or a service token without scope " + Instances.CREDENTIALS_SCOPE
					+ " (problem type forbidden)",
			content = @Content(mediaType = PROBLEM_JSON, schema = @Schema(implementation = ProblemDetail.class)))
	@ApiResponse(responseCode = "404",
			description = "No such instance, or another customer's (problem type instance-not-found)",
			content = @Content(mediaType = PROBLEM_JSON, schema = @Schema(implementation = ProblemDetail.class)))
	@ApiResponse(responseCode = "409",
			description = "The instance does not run (instance-not-running), or its credentials cannot be opened "
					+ "(credentials-unavailable: none sealed, no private key, or sealed for another key)",
			content = @Content(mediaType = PROBLEM_JSON, schema = @Schema(implementation = ProblemDetail.class)))
	@PostMapping("/{instanceId}/credentials")
	ResponseEntity<InstanceJson.Credentials> credentials(@PathVariable String instanceId,
			@Parameter(hidden = true) Caller caller) {
		InstanceId id = instanceId(instanceId);
		Instances.Revealed revealed = this.instances.reveal(id, requesterOf(caller))
			.orElseThrow(() -> new InstanceNotFoundException(id));
		return ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(InstanceJson.Credentials.of(revealed));
	}

	/**
	 * Where an order's status is read: {@code /v1/orders/{id}} of this service, as the
	 * request reached it.
	 */
	private static URI statusUrl(OrderId orderId) {
		return ServletUriComponentsBuilder.fromCurrentContextPath()
			.path("/v1/orders/{orderId}")
			.buildAndExpand(orderId.value())
			.toUri();
	}

	/**
	 * Parses an instance id from the path with the contract's rule.
	 */
	static InstanceId instanceId(String instanceId) {
		InstanceIdRule.problemWith(instanceId).ifPresent((problem) -> {
			throw new InvalidInstanceParametersException(
					List.of(new InvalidInstanceParametersException.Violation("instanceId", problem)));
		});
		return new InstanceId(instanceId);
	}

	private static InstanceReader readerOf(Caller caller) {
		if (!caller.mayReadOrders()) {
			throw new InstanceAccessDeniedException("Reading instances needs scope " + Caller.READ + ".");
		}
		return new InstanceReader(caller.customerId());
	}

	private static Requester requesterOf(Caller caller) {
		if (caller.isCustomerBound()) {
			return new Requester(caller.clientId(), caller.customerId(), Requester.Right.OWN_INSTANCES);
		}
		if (caller.isOps()) {
			return new Requester(caller.clientId(), null, Requester.Right.OPS);
		}
		return new Requester(caller.clientId(), null, caller.scopes().contains(Instances.CREDENTIALS_SCOPE)
				? Requester.Right.ANY_INSTANCE : Requester.Right.NONE);
	}

}
