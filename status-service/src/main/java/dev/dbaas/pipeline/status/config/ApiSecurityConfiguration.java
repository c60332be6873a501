package dev.dbaas.pipeline.status.config;

import dev.dbaas.pipeline.security.Caller;
import dev.dbaas.pipeline.security.web.ApiAccessRules;
import dev.dbaas.pipeline.security.web.OpsAuthorization;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Which scope each endpoint of status-service needs; the shared chain of
 * {@code pipeline-security} does the rest (tokens, actuator: {@code POST
 * /actuator/rebuild} needs {@code orders:ops}). Which <em>customer's</em> orders a caller
 * sees is the controller's check, with the request's {@link Caller}.
 */
@Configuration(proxyBeanMethods = false)
class ApiSecurityConfiguration {

	@Bean
	ApiAccessRules statusServiceAccessRules(OpsAuthorization ops) {
		return (rules) -> {
			// Any method, so that HEAD (served by the GET handlers) needs the same scope.
			rules.requestMatchers("/v1/orders/summary").access(ops);
			rules.requestMatchers("/v1/orders", "/v1/orders/**")
				.hasAnyAuthority(ApiAccessRules.authority(Caller.READ), ApiAccessRules.authority(Caller.OPS));
		};
	}

}
