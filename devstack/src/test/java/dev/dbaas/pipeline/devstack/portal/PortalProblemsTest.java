package dev.dbaas.pipeline.devstack.portal;

import dev.dbaas.pipeline.contract.http.ProblemKind;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PortalProblemsTest {

	@Test
	void aProblemNamesItsTypeFromTheOneProblemVocabulary() {
		assertThat(PortalProblems.json(ProblemKind.NOT_FOUND, "No page /x")).isEqualTo(
				"{\"type\":\"https://dbaas.example/problems/not-found\",\"title\":\"Not found\",\"status\":404,\"detail\":\"No page /x\"}");
	}

	@Test
	void theDetailIsEscapedSoThatAnyTextMakesValidJson() {
		assertThat(PortalProblems.json(ProblemKind.METHOD_NOT_ALLOWED, "say \"hi\" \\ \n"))
			.endsWith("\"detail\":\"say \\\"hi\\\" \\\\ \\u000a\"}");
	}

}
