package dev.dbaas.pipeline.devstack.portal;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PortalProblemsTest {

	@Test
	void aProblemNamesItsTypeUnderTheProjectsProblemUris() {
		assertThat(PortalProblems.json(404, "http-404", "Not Found", "No page /x")).isEqualTo(
				"{\"type\":\"https://dbaas.example/problems/http-404\",\"title\":\"Not Found\",\"status\":404,\"detail\":\"No page /x\"}");
	}

	@Test
	void theDetailIsEscapedSoThatAnyTextMakesValidJson() {
		assertThat(PortalProblems.json(405, "http-405", "Method Not Allowed", "say \"hi\" \\ \n"))
			.endsWith("\"detail\":\"say \\\"hi\\\" \\\\ \\u000a\"}");
	}

}
