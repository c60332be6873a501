package dev.dbaas.pipeline.security.web;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;

import dev.dbaas.pipeline.security.test.TestTokens;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import jakarta.servlet.Filter;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.AuthenticationManagerResolver;
import org.springframework.security.authentication.ObservationAuthenticationManager;
import org.springframework.security.authorization.ObservationAuthorizationManager;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.server.resource.web.authentication.BearerTokenAuthenticationFilter;
import org.springframework.security.web.FilterChainProxy;
import org.springframework.security.web.ObservationFilterChainDecorator;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.intercept.AuthorizationFilter;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.util.ReflectionTestUtils;
import org.springframework.util.ReflectionUtils;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A service as the pipeline's are set up
 * ({@code management.observations.enable.spring.security=false}, tracing with no span
 * sampled): Spring Security's observing wrappers are gone from the filter chain, the
 * authentication manager and the authorization manager, while every request still runs in
 * the HTTP server observation and so has a trace id (the caller's, when it sends a
 * {@code traceparent}).
 */
@SpringBootTest(classes = SecurityObservationsIntegrationTest.TracedApi.class,
		webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestPropertySource(properties = { "management.observations.enable.spring.security=false",
		"management.tracing.sampling.probability=0" })
class SecurityObservationsIntegrationTest {

	private static final String CALLER_TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";

	private final HttpClient http = HttpClient.newHttpClient();

	@LocalServerPort
	int port;

	@Autowired
	FilterChainProxy securityFilters;

	@Autowired
	JwtDecoder decoder;

	@Test
	void decoratesNothingWithObservations() {
		assertThat(filterChainDecorator(this.securityFilters)).isNotNull()
			.isNotInstanceOf(ObservationFilterChainDecorator.class);
		assertThat(authenticationManager(this.securityFilters)).isNotInstanceOf(ObservationAuthenticationManager.class);
		assertThat(authorizationFilter(this.securityFilters).getAuthorizationManager())
			.isNotInstanceOf(ObservationAuthorizationManager.class);
	}

	@Test
	void tracesEveryRequestInTheHttpServerObservation() throws Exception {
		HttpResponse<String> response = get(TestTokens.portal(), null);

		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body()).matches("http\\.server\\.requests [0-9a-f]{32}");
	}

	@Test
	void continuesTheCallersTrace() throws Exception {
		HttpResponse<String> response = get(TestTokens.portal(), "00-" + CALLER_TRACE_ID + "-00f067aa0ba902b7-01");

		assertThat(response.body()).isEqualTo("http.server.requests " + CALLER_TRACE_ID);
	}

	@Test
	void stillRefusesAnInvalidTokenWithAProblem() throws Exception {
		HttpResponse<String> response = get(TestTokens.portal() + "x", null);

		assertThat(response.statusCode()).isEqualTo(401);
		assertThat(response.headers().firstValue("Content-Type"))
			.hasValueSatisfying((type) -> assertThat(type).startsWith("application/problem+json"));
		assertThat(response.headers().firstValue("WWW-Authenticate"))
			.hasValueSatisfying((header) -> assertThat(header).contains("invalid_token"));
	}

	@Test
	void cachesVerifiedTokens() {
		assertThat(this.decoder).isInstanceOf(VerifiedTokenCache.class);
	}

	private HttpResponse<String> get(String token, @Nullable String traceParent) throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + "/v1/trace"))
			.header("Authorization", "Bearer " + token);
		if (traceParent != null) {
			request.header("traceparent", traceParent);
		}
		return this.http.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

	/**
	 * The decorator of the proxy that runs the chains: with Spring MVC, the bean is a
	 * composite around it.
	 */
	static Object filterChainDecorator(FilterChainProxy filters) {
		Object proxy = filters;
		if (ReflectionUtils.findField(filters.getClass(), "springSecurityFilterChain") != null) {
			proxy = ReflectionTestUtils.getField(filters, "springSecurityFilterChain");
		}
		assertThat(proxy).isNotNull();
		return ReflectionTestUtils.getField(proxy, "filterChainDecorator");
	}

	static AuthenticationManager authenticationManager(FilterChainProxy filters) {
		BearerTokenAuthenticationFilter bearer = filter(filters, BearerTokenAuthenticationFilter.class);
		@SuppressWarnings("unchecked")
		AuthenticationManagerResolver<jakarta.servlet.http.HttpServletRequest> resolver = (AuthenticationManagerResolver<jakarta.servlet.http.HttpServletRequest>) ReflectionTestUtils
			.getField(bearer, "authenticationManagerResolver");
		return resolver.resolve(new MockHttpServletRequest());
	}

	static AuthorizationFilter authorizationFilter(FilterChainProxy filters) {
		return filter(filters, AuthorizationFilter.class);
	}

	private static <F extends Filter> F filter(FilterChainProxy filters, Class<F> type) {
		List<SecurityFilterChain> chains = filters.getFilterChains();
		return chains.stream()
			.flatMap((chain) -> chain.getFilters().stream())
			.filter(type::isInstance)
			.map(type::cast)
			.findFirst()
			.orElseThrow();
	}

	/**
	 * Spring Security's defaults, for comparison: with its observations on, the wrappers
	 * are there.
	 */
	@Nested
	@TestPropertySource(properties = "management.observations.enable.spring.security=true")
	class WithSecurityObservationsOn {

		@Autowired
		FilterChainProxy securityFilters;

		@Test
		void decoratesTheChainAndTheManagers() {
			assertThat(filterChainDecorator(this.securityFilters)).isInstanceOf(ObservationFilterChainDecorator.class);
			assertThat(authenticationManager(this.securityFilters))
				.isInstanceOf(ObservationAuthenticationManager.class);
			assertThat(authorizationFilter(this.securityFilters).getAuthorizationManager())
				.isInstanceOf(ObservationAuthorizationManager.class);
		}

	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	@Import(TraceController.class)
	static class TracedApi {

	}

	/** Answers with the observation the request runs in and its trace id. */
	@RestController
	static class TraceController {

		private final ObservationRegistry observations;

		private final Tracer tracer;

		TraceController(ObservationRegistry observations, Tracer tracer) {
			this.observations = observations;
			this.tracer = tracer;
		}

		@GetMapping("/v1/trace")
		String trace() {
			Observation current = this.observations.getCurrentObservation();
			Span span = this.tracer.currentSpan();
			return ((current != null) ? current.getContext().getName() : "none") + " "
					+ ((span != null) ? span.context().traceId() : "none");
		}

	}

}
