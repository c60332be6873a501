package dev.dbaas.pipeline.devstack.portal;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class RequestTargetsTest {

	@ParameterizedTest(name = "{0} {1}: {2}")
	@CsvSource(delimiter = '|', nullValues = "-",
			value = { "/v1/orders/%FF|-|not UTF-8", "/v1/%C0%AF|-|overlong UTF-8", "/v1/orders/a%2Fb|-|encoded slash",
					"/v1/orders/a%2fb|-|encoded slash", "/v1/orders/a%5Cb|-|encoded backslash",
					"/v1/orders/a%00b|-|NUL", "/v1/orders/%2e%2e/x|-|dot segment", "/v1/orders/./x|-|dot segment",
					"/v1/orders/%e|-|short escape", "/v1/orders\u00ff|-|raw byte not UTF-8",
					"/v1/orders|state=%C3%28|query not UTF-8", "/v1/orders|%FF=1|query name not UTF-8",
					"/v1/orders|x=%zz|malformed query escape", "/v1/orders|x=%|truncated query escape" })
	void refusesATargetThatDoesNotDecode(String path, String query, String why) {
		assertThat(RequestTargets.refusal(path, query)).as(why).isPresent();
	}

	@ParameterizedTest(name = "{0} {1}")
	@CsvSource(delimiter = '|', nullValues = "-",
			value = { "/v1/orders|-", "/v1/orders|state=DONE&customerId=c-1001", "/v1/orders/%C3%A9t%C3%A9|-",
					"/v1/orders/o.1|x=a+b%20c", "/|-", "/status.html|order=o-1", "/v1/orders/\u00c3\u00a9|-" })
	void acceptsATargetThatDecodes(String path, String query) {
		assertThat(RequestTargets.refusal(path, query)).isEmpty();
	}

}
