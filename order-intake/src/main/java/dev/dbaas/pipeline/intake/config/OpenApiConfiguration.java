package dev.dbaas.pipeline.intake.config;

import java.time.Duration;

import dev.dbaas.pipeline.intake.web.ProblemType;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The API description served at {@code /v3/api-docs}, including how long idempotency keys
 * are kept as configured.
 */
@Configuration(proxyBeanMethods = false)
class OpenApiConfiguration {

	@Bean
	OpenAPI orderIntakeApi(@Value("${intake.idempotency.retention}") Duration retention) {
		long hours = retention.toHours();
		return new OpenAPI().info(new Info().title("DBaaS order intake").version("v1").description("""
				Portal backends read the catalog and place DBaaS orders for their customers.

				**Errors** are `application/problem+json` (RFC 9457). Switch on `type`, a stable URI under \
				%s; validation problems carry an `errors` array of `{pointer, detail, code}` (`code` where the \
				rule has a stable name, e.g. `storage-off-step`).

				**Change orders.** `POST /v1/instances/{instanceId}/orders` places an UPDATE or a DELETE of an \
				instance, with the same Idempotency-Key rules as a create and an optional `If-Match: "<version>"`; \
				at most one order of an instance is pending (409 `instance-busy` names it), except a DELETE \
				during the create, which cancels it.

				**Idempotency.** `POST /v1/orders` needs an `Idempotency-Key` header, scoped to the customer. \
				A retry with the same key and body replays the first 202 with `Idempotent-Replayed: true`; \
				the same key with a different body gets 422 (`idempotency-key-reused`); a retry while the \
				first request is still running gets 409 (`idempotency-key-in-use`). Keys expire %d hours \
				(configured retention, never less than 24) after the order was accepted; after that the key \
				may be used again.
				""".formatted(ProblemType.BASE_URI, hours)));
	}

}
