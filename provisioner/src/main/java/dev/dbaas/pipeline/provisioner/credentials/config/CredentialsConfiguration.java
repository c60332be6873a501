package dev.dbaas.pipeline.provisioner.credentials.config;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

import dev.dbaas.pipeline.contract.credentials.CredentialSeal;
import dev.dbaas.pipeline.provisioner.credentials.BackendCredentialsSeal;
import dev.dbaas.pipeline.provisioner.provisioning.CredentialsSeal;
import dev.dbaas.pipeline.provisioner.provisioning.ProvisioningBackend;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.Resource;

/**
 * Seals admin credentials with the public key at
 * {@code provisioner.credentials.public-key} (an X.509 PEM resource). Without one the
 * provisioner still provisions, says so at start, and DONE events carry no credentials;
 * status-service then answers a reveal with {@code 409 credentials-unavailable}.
 */
@Configuration(proxyBeanMethods = false)
class CredentialsConfiguration {

	private static final Logger log = LoggerFactory.getLogger(CredentialsConfiguration.class);

	@Bean
	CredentialsSeal credentialsSeal(ProvisioningBackend backend,
			@Value("${provisioner.credentials.public-key:}") @Nullable Resource publicKey) {
		if (publicKey == null || !publicKey.exists()) {
			log.warn("provisioner.credentials.public-key is not set: DONE events carry no admin credentials, "
					+ "and customers cannot reveal them");
			return CredentialsSeal.NONE;
		}
		CredentialSeal seal = CredentialSeal.forPublicKey(read(publicKey));
		log.info("Admin credentials are sealed for key {} ({})", seal.keyId(), publicKey.getDescription());
		return new BackendCredentialsSeal(backend, seal);
	}

	private static String read(Resource resource) {
		try (InputStream in = resource.getInputStream()) {
			return new String(in.readAllBytes(), StandardCharsets.US_ASCII);
		}
		catch (IOException ex) {
			throw new IllegalStateException("cannot read provisioner.credentials.public-key from "
					+ resource.getDescription() + ": " + ex.getMessage(), ex);
		}
	}

}
