package dev.dbaas.pipeline.intake.instance.web;

import dev.dbaas.pipeline.intake.instance.application.ChangeOrderIntake;
import dev.dbaas.pipeline.intake.instance.application.ChangeSubmission;
import dev.dbaas.pipeline.security.Caller;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.enums.ParameterIn;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /v1/instances/{instanceId}/orders}: reads the body strictly, hands the
 * submission to {@link ChangeOrderIntake} and maps the outcome to a response. Every
 * decision is the application service's.
 */
@RestController
class InstanceOrderController {

	static final String IDEMPOTENCY_KEY = "Idempotency-Key";

	/** Request attribute with the order's type as read, for the metrics filter. */
	static final String TYPE = InstanceOrderController.class.getName() + ".type";

	private final ChangeOrderIntake intake;

	private final ChangeOrderResponses responses;

	private final ChangeOrderReader reader = new ChangeOrderReader();

	InstanceOrderController(ChangeOrderIntake intake, ChangeOrderResponses responses) {
		this.intake = intake;
		this.responses = responses;
	}

	@Operation(summary = "Change or delete an instance",
			description = "Places an UPDATE (any non-empty subset of storageGb, nodeSize, trustedSources, "
					+ "deletionProtection) or a DELETE (confirm = the instance id) of an instance, as an order with "
					+ "the same guarantees as a create: Idempotency-Key with replay, outbox, one terminal status. "
					+ "At most one order of an instance is pending, except a DELETE during the create (a cancel). "
					+ "See docs/lifecycle.md.",
			requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true,
					content = @Content(mediaType = MediaType.APPLICATION_JSON_VALUE,
							schema = @Schema(implementation = ChangeOrderRequestDocument.class))))
	@ApiResponse(responseCode = "202", description = "Accepted; follow statusUrl (also in Location)",
			headers = { @Header(name = "Location", description = "Status URL of the order"),
					@Header(name = "ETag", description = "The instance's version after the order, e.g. \"3\""),
					@Header(name = "Idempotent-Replayed", description = "true when this replays an earlier answer") },
			content = @Content(schema = @Schema(implementation = ChangeOrderAcceptedDocument.class)))
	@ApiResponse(responseCode = "400",
			description = "Malformed JSON, unknown fields, type missing or not UPDATE/DELETE, a DELETE with UPDATE "
					+ "fields (malformed-request); missing or invalid Idempotency-Key",
			content = @Content(mediaType = "application/problem+json"))
	@ApiResponse(responseCode = "403", description = "The token lacks orders:write, or names another customer",
			content = @Content(mediaType = "application/problem+json"))
	@ApiResponse(responseCode = "404",
			description = "No such instance, or another customer's (instance-not-found, the same answer)",
			content = @Content(mediaType = "application/problem+json"))
	@ApiResponse(responseCode = "409",
			description = "instance-busy (blockingOrderId, blockingOrderType), instance-not-changeable "
					+ "(instanceState), deletion-protected, idempotency-key-in-use",
			content = @Content(mediaType = "application/problem+json"))
	@ApiResponse(responseCode = "412",
			description = "If-Match is not the instance's current ETag (precondition-failed, currentETag)",
			content = @Content(mediaType = "application/problem+json"))
	@ApiResponse(responseCode = "422",
			description = "invalid-order with errors[] of {pointer, detail, code}: storage-shrinks, "
					+ "storage-off-step, storage-above-maximum, unknown-node-size, invalid-trusted-source, ..., "
					+ "nothing-to-change, confirm-mismatch; or idempotency-key-reused",
			content = @Content(mediaType = "application/problem+json"))
	@ApiResponse(responseCode = "429", description = "The client's rate limit is exhausted; retry after Retry-After",
			content = @Content(mediaType = "application/problem+json"))
	@ApiResponse(responseCode = "503",
			description = "The order store is unavailable, or the pipeline is behind (service-unavailable with "
					+ "bound orders-in-flight, ordersInFlight and limit); nothing was stored: retry after Retry-After",
			content = @Content(mediaType = "application/problem+json"))
	@PostMapping(path = "/v1/instances/{instanceId}/orders", consumes = MediaType.APPLICATION_JSON_VALUE,
			produces = MediaType.APPLICATION_JSON_VALUE)
	ResponseEntity<?> place(@PathVariable String instanceId,
			@Parameter(in = ParameterIn.HEADER, required = true,
					description = "1 to 255 visible ASCII characters, unique per client, customer and order "
							+ "attempt") @RequestHeader(name = IDEMPOTENCY_KEY,
									required = false) @Nullable String idempotencyKey,
			@Parameter(in = ParameterIn.HEADER, description = "The instance's ETag, e.g. \"3\"") @RequestHeader(
					name = HttpHeaders.IF_MATCH, required = false) @Nullable String ifMatch,
			@RequestBody(required = false) byte @Nullable [] body, @Parameter(hidden = true) Caller caller,
			HttpServletRequest request) {
		ChangeSubmission.Body read = this.reader.body(body);
		if (read instanceof ChangeSubmission.Body.Read document && document.draft().type() != null) {
			request.setAttribute(TYPE, document.draft().type());
		}
		return this.responses
			.of(this.intake.place(new ChangeSubmission(caller, idempotencyKey, instanceId, ifMatch, read)), request);
	}

}
