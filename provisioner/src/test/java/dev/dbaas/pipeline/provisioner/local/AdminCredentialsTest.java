package dev.dbaas.pipeline.provisioner.local;

import dev.dbaas.pipeline.contract.credentials.AdminCredentials;
import dev.dbaas.pipeline.provisioner.provisioning.OrderId;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Admin credentials never show their password when printed, and order ids become short,
 * safe directory names.
 */
class AdminCredentialsTest {

	@Test
	void toStringHidesThePassword() {
		AdminCredentials credentials = new AdminCredentials("admin", "s3cr3t-Pa55");

		assertThat(credentials.toString()).contains("admin").doesNotContain("s3cr3t-Pa55");
	}

	@Test
	void orderIdsBecomeShortDirectoryNamesWithoutPathCharacters() {
		assertThat(LocalBackend.directoryName(new OrderId("51dab4c4-4d8a-430d-87a8-463497706496")))
			.isEqualTo("51dab4c4-4d8a-430d-87a8-463497706496");
		assertThat(LocalBackend.directoryName(new OrderId("../../etc"))).startsWith("order-").doesNotContain("/");
		assertThat(LocalBackend.directoryName(new OrderId("A")))
			.isNotEqualTo(LocalBackend.directoryName(new OrderId("a")));
	}

}
