package dev.dbaas.pipeline.security.web;

import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code pipeline.security.*}: the settings of API security that Spring Boot's
 * {@code spring.security.oauth2.resourceserver.jwt.*} does not cover.
 *
 * @param enabled {@code false} switches authentication off: every request is served as an
 * unrestricted caller. Only for test rigs on a closed machine (the fault suite); the
 * service logs a warning.
 * @param customerClaim the claim that binds a token to one customer
 * @param corsAllowedOrigins browser origins allowed to call the APIs cross-origin; empty
 * allows none
 */
@ConfigurationProperties("pipeline.security")
public record PipelineSecurityProperties(@DefaultValue("true") boolean enabled,
		@DefaultValue("customer_id") String customerClaim, @DefaultValue List<String> corsAllowedOrigins) {

}
