package dev.dbaas.pipeline.security.web;

import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AuthorizeHttpRequestsConfigurer;

/**
 * A service's own URL rules, added to the shared filter chain after the actuator rule and
 * before the final "every other request needs a valid token". Declare one as a bean.
 * Rules about <em>which customer</em> are not URL rules: controllers check them with the
 * request's {@link dev.dbaas.pipeline.security.Caller}.
 */
@FunctionalInterface
public interface ApiAccessRules {

	/**
	 * Adds rules, e.g.
	 * {@code rules.requestMatchers(HttpMethod.POST, "/v1/orders").hasAuthority(Scopes.authority(Caller.WRITE))}.
	 * @param rules the registry of the shared chain
	 */
	void configure(AuthorizeHttpRequestsConfigurer<HttpSecurity>.AuthorizationManagerRequestMatcherRegistry rules);

	/**
	 * The authority Spring Security grants for a scope.
	 * @param scope e.g. {@code orders:write}
	 * @return e.g. {@code SCOPE_orders:write}
	 */
	static String authority(String scope) {
		return "SCOPE_" + scope;
	}

}
