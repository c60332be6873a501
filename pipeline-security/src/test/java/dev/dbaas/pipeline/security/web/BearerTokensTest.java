package dev.dbaas.pipeline.security.web;

import java.util.List;
import java.util.function.Consumer;

import org.junit.jupiter.api.Test;

import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.server.resource.web.BearerTokenResolver;
import org.springframework.security.oauth2.server.resource.web.DefaultBearerTokenResolver;

import static org.assertj.core.api.Assertions.assertThat;

class BearerTokensTest {

	private static final String TOKEN = "eyJhbGciOiJFUzI1NiJ9.eyJzdWIiOiJiZW5jaCJ9.c2lnbmF0dXJl-_~+/==";

	private final BearerTokenResolver library = new DefaultBearerTokenResolver();

	private final BearerTokenResolver ours = new BearerTokens();

	@Test
	void readsAWellFormedBearerHeaderItself() {
		MockHttpServletRequest request = new MockHttpServletRequest("POST", "/v1/orders");
		request.setContentType("application/json");
		request.addHeader("Authorization", "Bearer " + TOKEN);

		assertThat(this.ours.resolve(request)).isEqualTo(TOKEN);
	}

	@Test
	void answersEveryRequestAsTheLibraryDoes() {
		List<String> headers = List.of("Bearer " + TOKEN, "bearer " + TOKEN, "BEARER " + TOKEN, "Bearer a", "Bearer a=",
				"Bearer ==", "Bearer ", "Bearer", "Bearer  " + TOKEN, "Bearer " + TOKEN + " ", "Bearer a=b",
				"Bearer a\tb", "Bearer ab\n", "Bearer äb", "Bearer a,b", "Bearerx " + TOKEN, "Basic dXNlcjpwYXNz",
				"DPoP " + TOKEN, "", " Bearer " + TOKEN);
		for (String header : headers) {
			sameAnswer("GET with " + header, (request) -> request.addHeader("Authorization", header));
			sameAnswer("POST with " + header, (request) -> {
				request.setMethod("POST");
				request.setContentType("application/json");
				request.addHeader("Authorization", header);
			});
		}
		sameAnswer("no header", (request) -> {
		});
		sameAnswer("two headers", (request) -> {
			request.addHeader("Authorization", "Bearer " + TOKEN);
			request.addHeader("Authorization", "Bearer other");
		});
	}

	@Test
	void leavesTokensThatMayAlsoComeAsParametersToTheLibrary() {
		sameAnswer("header and query token", (request) -> {
			request.addHeader("Authorization", "Bearer " + TOKEN);
			request.setQueryString("access_token=" + TOKEN);
			request.addParameter("access_token", TOKEN);
		});
		sameAnswer("header and form token", (request) -> {
			request.setMethod("POST");
			request.setContentType("application/x-www-form-urlencoded");
			request.addHeader("Authorization", "Bearer " + TOKEN);
			request.addParameter("access_token", TOKEN);
		});
		sameAnswer("header and another query parameter", (request) -> {
			request.addHeader("Authorization", "Bearer " + TOKEN);
			request.setQueryString("page=2");
			request.addParameter("page", "2");
		});
	}

	private void sameAnswer(String description, Consumer<MockHttpServletRequest> setUp) {
		assertThat(answer(this.ours, setUp)).as(description).isEqualTo(answer(this.library, setUp));
	}

	private static String answer(BearerTokenResolver resolver, Consumer<MockHttpServletRequest> setUp) {
		MockHttpServletRequest request = new MockHttpServletRequest("GET", "/v1/orders/o-1");
		setUp.accept(request);
		try {
			return "token " + resolver.resolve(request);
		}
		catch (OAuth2AuthenticationException ex) {
			return "refused " + ex.getError().getErrorCode() + ": " + ex.getError().getDescription();
		}
	}

}
