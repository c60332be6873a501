package dev.dbaas.pipeline.contract.http;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The type every API gives an error the framework answers, by status.
 */
class ProblemKindTest {

	@ParameterizedTest
	@CsvSource({ "400, https://dbaas.example/problems/bad-request", "401, https://dbaas.example/problems/unauthorized",
			"403, https://dbaas.example/problems/forbidden", "404, https://dbaas.example/problems/not-found",
			"405, https://dbaas.example/problems/method-not-allowed",
			"406, https://dbaas.example/problems/not-acceptable", "409, https://dbaas.example/problems/bad-request",
			"413, https://dbaas.example/problems/payload-too-large",
			"415, https://dbaas.example/problems/unsupported-media-type",
			"422, https://dbaas.example/problems/bad-request", "429, https://dbaas.example/problems/too-many-requests",
			"500, https://dbaas.example/problems/internal-error", "502, https://dbaas.example/problems/internal-error",
			"503, https://dbaas.example/problems/service-unavailable" })
	void frameworkErrorsGetTheGenericKindOfTheirStatus(int status, String type) {
		ProblemKind kind = ProblemKind.forStatus(status);
		assertThat(kind.uri()).hasToString(type);
	}

}
