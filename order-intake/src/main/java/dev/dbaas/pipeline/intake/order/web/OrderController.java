package dev.dbaas.pipeline.intake.order.web;

import dev.dbaas.pipeline.intake.order.application.OrderIntake;
import dev.dbaas.pipeline.intake.order.application.Placement;
import dev.dbaas.pipeline.intake.order.application.Submission;
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

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /v1/orders}: reads the body strictly, hands the submission to
 * {@link OrderIntake} and maps the outcome to a response. Every decision (which check
 * fails first, what a retry gets) is the application service's.
 */
@RestController
class OrderController {

	static final String IDEMPOTENCY_KEY = "Idempotency-Key";

	private final OrderIntake intake;

	private final OrderResponses responses;

	private final OrderRequestReader reader = new OrderRequestReader();

	OrderController(OrderIntake intake, OrderResponses responses) {
		this.intake = intake;
		this.responses = responses;
	}

	@Operation(summary = "Place an order",
			description = "Validates the order against the catalog, stores it and its OrderPlaced event in one "
					+ "transaction and answers 202 after commit. Every problem is reported at once. Retrying with the "
					+ "same Idempotency-Key and body replays the first answer (header Idempotent-Replayed: true) for "
					+ "as long as the key is retained (see the API description; at least 24 hours).",
			requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true,
					content = @Content(mediaType = MediaType.APPLICATION_JSON_VALUE,
							schema = @Schema(implementation = OrderRequestDocument.class))))
	@ApiResponse(responseCode = "202", description = "Accepted; follow statusUrl (also in Location)",
			headers = { @Header(name = "Location", description = "Status URL of the order"),
					@Header(name = "Idempotent-Replayed", description = "true when this replays an earlier answer") },
			content = @Content(schema = @Schema(implementation = OrderAcceptedDocument.class)))
	@ApiResponse(responseCode = "400",
			description = "Malformed JSON, wrong types, unknown or server-assigned fields, "
					+ "missing or invalid Idempotency-Key",
			content = @Content(mediaType = "application/problem+json"))
	@ApiResponse(responseCode = "401", description = "No valid bearer token",
			content = @Content(mediaType = "application/problem+json"))
	@ApiResponse(responseCode = "403",
			description = "The token lacks scope orders:write, or is bound to another customer than customerId",
			content = @Content(mediaType = "application/problem+json"))
	@ApiResponse(responseCode = "409", description = "A request with the same Idempotency-Key is still in progress",
			content = @Content(mediaType = "application/problem+json"))
	@ApiResponse(responseCode = "413", description = "Body over 64 KB",
			content = @Content(mediaType = "application/problem+json"))
	@ApiResponse(responseCode = "415", description = "Body is not application/json",
			content = @Content(mediaType = "application/problem+json"))
	@ApiResponse(responseCode = "422",
			description = "Catalog rules broken (type invalid-order, with an errors array), "
					+ "or the Idempotency-Key was used for a different body (type idempotency-key-reused)",
			content = @Content(mediaType = "application/problem+json"))
	@ApiResponse(responseCode = "429", description = "The client's rate limit is exhausted; retry after Retry-After",
			content = @Content(mediaType = "application/problem+json"))
	@ApiResponse(responseCode = "503",
			description = "The order store is unavailable, or the pipeline is behind (bound orders-in-flight or "
					+ "placement-queue, with limit); nothing was stored: retry after Retry-After",
			content = @Content(mediaType = "application/problem+json"))
	// produces: a client that cannot read JSON gets 406 before anything is stored.
	@PostMapping(path = "/v1/orders", consumes = MediaType.APPLICATION_JSON_VALUE,
			produces = MediaType.APPLICATION_JSON_VALUE)
	ResponseEntity<?> place(@Parameter(in = ParameterIn.HEADER, required = true,
			description = "1 to 255 visible ASCII characters, unique per client, customer and order attempt; kept at "
					+ "least 24 hours") @RequestHeader(name = IDEMPOTENCY_KEY,
							required = false) @Nullable String idempotencyKey,
			@RequestBody(required = false) byte @Nullable [] body, @Parameter(hidden = true) Caller caller,
			HttpServletRequest request) {
		Placement placement = this.intake.place(new Submission(caller, idempotencyKey, this.reader.body(body)));
		return this.responses.of(placement, request);
	}

}
