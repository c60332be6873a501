package dev.dbaas.pipeline.intake.config;

import dev.dbaas.pipeline.security.Caller;
import dev.dbaas.pipeline.security.web.ApiAccessRules;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;

/**
 * Who may call which endpoint of order-intake; the shared chain of
 * {@code pipeline-security} does the rest. Which <em>customer</em> a caller may place
 * orders for is the controller's check.
 */
@Configuration(proxyBeanMethods = false)
class ApiSecurityConfiguration {

	@Bean
	ApiAccessRules orderIntakeAccessRules() {
		return (rules) -> {
			rules.requestMatchers(HttpMethod.POST, "/v1/orders").hasAuthority(ApiAccessRules.authority(Caller.WRITE));
			rules.requestMatchers(HttpMethod.POST, "/v1/instances/*/orders")
				.hasAuthority(ApiAccessRules.authority(Caller.WRITE));
			rules.requestMatchers(HttpMethod.GET, "/v1/catalog").authenticated();
		};
	}

}
