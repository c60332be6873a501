package dev.dbaas.pipeline.provisioner.credentials;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

import dev.dbaas.pipeline.contract.credentials.AdminCredentials;
import dev.dbaas.pipeline.contract.credentials.CredentialOpener;
import dev.dbaas.pipeline.contract.credentials.CredentialSeal;
import dev.dbaas.pipeline.contract.credentials.CredentialsUnreadable;
import dev.dbaas.pipeline.contract.credentials.SealedCredential;
import dev.dbaas.pipeline.provisioner.provisioning.DatabaseEngine;
import dev.dbaas.pipeline.provisioner.provisioning.DatabaseOrder;
import dev.dbaas.pipeline.provisioner.provisioning.EngineType;
import dev.dbaas.pipeline.provisioner.provisioning.OrderId;
import dev.dbaas.pipeline.provisioner.provisioning.ProvisioningBackend;
import dev.dbaas.pipeline.provisioner.provisioning.Region;
import dev.dbaas.pipeline.provisioner.provisioning.SealedCredentials;
import dev.dbaas.pipeline.provisioner.provisioning.StepOutcome;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class BackendCredentialsSealTest {

	private static final AdminCredentials ADMIN = new AdminCredentials("dbaas_admin", "pw-only-in-the-seal-0042");

	private static final DatabaseOrder ORDER = new DatabaseOrder(new OrderId("5c7a4d4e-1111-4222-8333-944455556666"),
			"db-5c7a4d4e11114222", "c-1001", new DatabaseEngine(EngineType.POSTGRESQL, "17"), "b2-4", 50,
			List.of("127.0.0.2/32"), new Region("DE-WEST-1"));

	private static KeyPair status;

	@BeforeAll
	static void key() throws NoSuchAlgorithmException {
		KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
		generator.initialize(2048);
		status = generator.generateKeyPair();
	}

	@Test
	void sealsTheBackendsCredentialsSoThatOnlyStatusServicesKeyOpensThemForThisInstance() throws CredentialsUnreadable {
		BackendCredentialsSeal seal = new BackendCredentialsSeal(backendKeeping(Optional.of(ADMIN)),
				CredentialSeal.forPublicKey(pem("PUBLIC KEY", status.getPublic().getEncoded())));

		SealedCredentials sealed = seal.sealFor(ORDER).orElseThrow();

		assertThat(sealed.sealed()).doesNotContain(ADMIN.password());
		assertThat(sealed.toString()).doesNotContain(sealed.sealed());
		AdminCredentials opened = CredentialOpener.forPrivateKey(pem("PRIVATE KEY", status.getPrivate().getEncoded()))
			.open(ORDER.instanceId(), new SealedCredential(sealed.keyId(), sealed.sealed()));
		assertThat(opened).isEqualTo(ADMIN);
	}

	@Test
	void sealsNothingWhenTheBackendKeepsNoCredentials() {
		BackendCredentialsSeal seal = new BackendCredentialsSeal(backendKeeping(Optional.empty()),
				CredentialSeal.forPublicKey(pem("PUBLIC KEY", status.getPublic().getEncoded())));

		assertThat(seal.sealFor(ORDER)).isEmpty();
	}

	private static ProvisioningBackend backendKeeping(Optional<AdminCredentials> credentials) {
		return new ProvisioningBackend() {

			@Override
			public StepOutcome perform(DatabaseOrder order,
					dev.dbaas.pipeline.provisioner.provisioning.ProvisioningStep step, int attempt) {
				return StepOutcome.Completed.step();
			}

			@Override
			public StepOutcome release(DatabaseOrder create) {
				return StepOutcome.Completed.step();
			}

			@Override
			public Optional<AdminCredentials> adminCredentials(DatabaseOrder order) {
				return credentials;
			}

		};
	}

	private static String pem(String type, byte[] der) {
		return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(der)
				+ "\n-----END " + type + "-----\n";
	}

}
