package dev.dbaas.pipeline.status.instance.web;

import dev.dbaas.pipeline.security.Caller;
import dev.dbaas.pipeline.security.web.ApiAccessRules;
import dev.dbaas.pipeline.status.instance.Instances;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;

/**
 * Which scope the instances API needs, added to the shared chain of
 * {@code pipeline-security}. Which token may reveal which instance's credentials (a
 * customer token its own, a service token with {@value Instances#CREDENTIALS_SCOPE}, ops
 * never) is the controller's check with the request's {@link Caller}.
 */
@Configuration(proxyBeanMethods = false)
class InstanceAccessRules {

	@Bean
	ApiAccessRules instanceApiAccessRules() {
		return (rules) -> {
			rules.requestMatchers(HttpMethod.POST, "/v1/instances/*/credentials")
				.hasAnyAuthority(ApiAccessRules.authority(Caller.READ), ApiAccessRules.authority(Caller.OPS),
						ApiAccessRules.authority(Instances.CREDENTIALS_SCOPE));
			// Any method, so that HEAD (served by the GET handlers) needs the same scope.
			rules.requestMatchers("/v1/instances", "/v1/instances/**")
				.hasAnyAuthority(ApiAccessRules.authority(Caller.READ), ApiAccessRules.authority(Caller.OPS));
		};
	}

}
