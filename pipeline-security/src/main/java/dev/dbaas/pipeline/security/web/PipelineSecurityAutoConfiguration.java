package dev.dbaas.pipeline.security.web;

import java.time.Duration;
import java.util.List;

import jakarta.servlet.DispatcherType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.security.autoconfigure.SecurityAutoConfiguration;
import org.springframework.boot.security.autoconfigure.UserDetailsServiceAutoConfiguration;
import org.springframework.boot.security.autoconfigure.actuate.web.servlet.EndpointRequest;
import org.springframework.boot.security.autoconfigure.actuate.web.servlet.ManagementWebSecurityAutoConfiguration;
import org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration;
import org.springframework.boot.security.oauth2.server.resource.autoconfigure.OAuth2ResourceServerProperties;
import org.springframework.boot.security.oauth2.server.resource.autoconfigure.servlet.OAuth2ResourceServerAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.CorsConfigurationSource;
import org.springframework.web.cors.UrlBasedCorsConfigurationSource;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Secures a service's HTTP API as an OAuth2 resource server, the same way in every
 * service that has this module on its class path (and in the local launcher, for the
 * provisioner's actuator too):
 * <ul>
 * <li>bearer JWTs checked by {@link TokenDecoders} (issuer, audience, expiry, signature
 * algorithm), each verified token kept for its next requests by
 * {@link VerifiedTokenCache}; scopes become {@code SCOPE_*} authorities;</li>
 * <li>actuator {@code health}, {@code info} and {@code prometheus} open, every other
 * endpoint needs an ops caller ({@link OpsAuthorization}: {@code orders:ops} on a token
 * not bound to a customer); the API description open;</li>
 * <li>the service's {@link ApiAccessRules}, then every other request needs a valid
 * token;</li>
 * <li>401 and 403 as problem details; stateless, no CSRF (no cookies are accepted);
 * security headers; CORS only for {@code pipeline.security.cors-allowed-origins}.</li>
 * </ul>
 * {@code pipeline.security.enabled=false} serves every request as an unrestricted caller,
 * for test rigs only. {@code management.observations.enable.spring.security=false}
 * removes Spring Security's observing wrappers, not only their observations.
 */
@AutoConfiguration(before = { SecurityAutoConfiguration.class, ServletWebSecurityAutoConfiguration.class,
		UserDetailsServiceAutoConfiguration.class, ManagementWebSecurityAutoConfiguration.class,
		OAuth2ResourceServerAutoConfiguration.class })
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@EnableWebSecurity
@EnableConfigurationProperties({ PipelineSecurityProperties.class, OAuth2ResourceServerProperties.class })
public class PipelineSecurityAutoConfiguration {

	private static final Logger log = LoggerFactory.getLogger(PipelineSecurityAutoConfiguration.class);

	/** Scopes and headers the APIs speak, for CORS. */
	private static final List<String> REQUEST_HEADERS = List.of("Authorization", "Content-Type", "Accept",
			"Idempotency-Key", "Prefer", "If-Match", "If-None-Match", "traceparent");

	private static final List<String> RESPONSE_HEADERS = List.of("Location", "ETag", "Retry-After",
			"Idempotent-Replayed", "Preference-Applied", "WWW-Authenticate");

	/**
	 * The decoder of bearer tokens, with the tokens it verified cached
	 * ({@code pipeline.security.token-cache.*}, see {@link VerifiedTokenCache}).
	 * @param properties the issuer, audiences and keys
	 * @param security the cache's size and age
	 * @return the decoder
	 */
	@Bean
	@ConditionalOnMissingBean(JwtDecoder.class)
	@ConditionalOnBooleanProperty(name = "pipeline.security.enabled", matchIfMissing = true)
	JwtDecoder pipelineJwtDecoder(OAuth2ResourceServerProperties properties, PipelineSecurityProperties security) {
		return VerifiedTokenCache.around(TokenDecoders.from(properties.getJwt()), security.tokenCache());
	}

	/**
	 * With Spring Security's observations switched off, Spring Security does not wrap the
	 * filter chain, the authentication manager and the authorization manager in observing
	 * decorators at all: the property alone only makes their observations no-ops, while
	 * the wrappers still run on every request. The HTTP server observation (Spring MVC's
	 * {@code ServerHttpObservationFilter}, outside the security chain) still gives every
	 * request its trace.
	 * @return settings that observe nothing in Spring Security
	 */
	@Bean
	@ConditionalOnMissingBean(SecurityObservationSettings.class)
	@ConditionalOnBooleanProperty(name = "management.observations.enable.spring.security", havingValue = false)
	SecurityObservationSettings pipelineNoSecurityObservations() {
		return SecurityObservationSettings.noObservations();
	}

	/**
	 * With security off no token is read; this decoder only keeps Spring Boot from
	 * building one of its own from half-set properties (an empty {@code jwk-set-uri}).
	 * @return a decoder that refuses every token
	 */
	@Bean
	@ConditionalOnMissingBean(JwtDecoder.class)
	@ConditionalOnBooleanProperty(name = "pipeline.security.enabled", havingValue = false)
	JwtDecoder pipelineSecurityOffJwtDecoder() {
		return (token) -> {
			throw new BadJwtException("API security is off (pipeline.security.enabled=false)");
		};
	}

	@Bean
	Callers pipelineCallers(PipelineSecurityProperties properties) {
		return new Callers(properties);
	}

	@Bean
	WebMvcConfigurer pipelineCallerArguments(Callers callers) {
		return new WebMvcConfigurer() {
			@Override
			public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
				resolvers.add(new CallerArgumentResolver(callers));
			}
		};
	}

	@Bean
	@ConditionalOnMissingBean(name = "corsConfigurationSource")
	CorsConfigurationSource corsConfigurationSource(PipelineSecurityProperties properties) {
		CorsConfiguration cors = new CorsConfiguration();
		cors.setAllowedOrigins(properties.corsAllowedOrigins());
		cors.setAllowedMethods(List.of(HttpMethod.GET.name(), HttpMethod.HEAD.name(), HttpMethod.POST.name()));
		cors.setAllowedHeaders(REQUEST_HEADERS);
		cors.setExposedHeaders(RESPONSE_HEADERS);
		cors.setAllowCredentials(false);
		cors.setMaxAge(Duration.ofHours(1));
		UrlBasedCorsConfigurationSource source = new UrlBasedCorsConfigurationSource();
		source.registerCorsConfiguration("/v1/**", cors);
		return source;
	}

	/**
	 * Grants ops callers only (a service token with {@code orders:ops}); the actuator
	 * rule uses it, and services may too.
	 * @param properties the customer claim's name
	 * @return the authorization manager
	 */
	@Bean
	OpsAuthorization pipelineOpsAuthorization(PipelineSecurityProperties properties) {
		return new OpsAuthorization(properties);
	}

	@Bean
	@ConditionalOnMissingBean(SecurityFilterChain.class)
	SecurityFilterChain pipelineSecurityFilterChain(HttpSecurity http, PipelineSecurityProperties properties,
			ObjectProvider<ApiAccessRules> serviceRules, OpsAuthorization ops) throws Exception {
		ProblemEntryPoint problems = new ProblemEntryPoint();
		http.csrf((csrf) -> csrf.disable())
			.sessionManagement((session) -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			.requestCache((cache) -> cache.disable())
			.httpBasic((basic) -> basic.disable())
			.formLogin((form) -> form.disable())
			.logout((logout) -> logout.disable())
			.cors(Customizer.withDefaults())
			.headers((headers) -> headers.contentSecurityPolicy((csp) -> csp.policyDirectives("frame-ancestors 'none'"))
				.referrerPolicy((referrer) -> referrer.policy(ReferrerPolicy.NO_REFERRER)))
			.exceptionHandling(
					(exceptions) -> exceptions.authenticationEntryPoint(problems).accessDeniedHandler(problems));
		if (!properties.enabled()) {
			log.warn("API security is OFF (pipeline.security.enabled=false): every request is served without a "
					+ "token. Only for test rigs on a closed machine.");
			http.authorizeHttpRequests((rules) -> rules.anyRequest().permitAll());
			return http.build();
		}
		http.oauth2ResourceServer((server) -> server.bearerTokenResolver(new BearerTokens())
			.jwt(Customizer.withDefaults())
			.authenticationEntryPoint(problems)
			.accessDeniedHandler(problems));
		http.authorizeHttpRequests((rules) -> {
			// An async dispatch only writes the answer of a request that was authorized
			// on
			// its REQUEST dispatch (a long poll of status-service): deciding again costs
			// every matcher below once more per long poll, and cannot change the outcome.
			rules.dispatcherTypeMatchers(DispatcherType.ASYNC).permitAll();
			rules.requestMatchers(EndpointRequest.to("health", "info", "prometheus")).permitAll();
			rules.requestMatchers(EndpointRequest.toAnyEndpoint()).access(ops);
			rules.requestMatchers("/error", "/v3/api-docs", "/v3/api-docs/**", "/swagger-ui.html", "/swagger-ui/**")
				.permitAll();
			serviceRules.orderedStream().forEach((service) -> service.configure(rules));
			rules.anyRequest().authenticated();
		});
		return http.build();
	}

}
