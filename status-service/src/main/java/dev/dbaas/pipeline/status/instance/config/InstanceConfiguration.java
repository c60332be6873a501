package dev.dbaas.pipeline.status.instance.config;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.EnumMap;
import java.util.Map;

import dev.dbaas.pipeline.contract.credentials.CredentialOpener;
import dev.dbaas.pipeline.status.instance.CredentialOpening;
import dev.dbaas.pipeline.status.instance.InstanceStore;
import dev.dbaas.pipeline.status.instance.Instances;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.Resource;

/**
 * Wires the instances: the application service, the private key that opens sealed
 * credentials ({@code status.credentials.private-key}, a PKCS#8 PEM resource; without one
 * every reveal is {@code credentials-unavailable}) and the counter
 * {@code status_credentials_reveals_total{outcome}}.
 */
@Configuration(proxyBeanMethods = false)
class InstanceConfiguration {

	private static final Logger log = LoggerFactory.getLogger(InstanceConfiguration.class);

	@Bean
	CredentialOpening credentialOpening(@Value("${status.credentials.private-key:#{null}}") @Nullable Resource key) {
		if (key == null) {
			log.warn("No private key for sealed credentials (status.credentials.private-key is not set): "
					+ "every credential reveal answers 409 credentials-unavailable");
			return new PrivateKeyOpening(null);
		}
		CredentialOpener opener;
		try {
			opener = CredentialOpener.forPrivateKey(key.getContentAsString(StandardCharsets.US_ASCII));
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot read status.credentials.private-key " + key.getDescription(), ex);
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalStateException("status.credentials.private-key " + key.getDescription()
					+ " holds no PKCS#8 RSA private key: " + ex.getMessage(), ex);
		}
		log.info("Sealed credentials open with the private key of {} (key id {})", key.getDescription(),
				opener.keyId());
		return new PrivateKeyOpening(opener);
	}

	@Bean
	Instances instances(InstanceStore store, CredentialOpening opening, Clock clock, MeterRegistry registry) {
		Map<Instances.RevealOutcome, Counter> counters = new EnumMap<>(Instances.RevealOutcome.class);
		for (Instances.RevealOutcome outcome : Instances.RevealOutcome.values()) {
			counters.put(outcome,
					Counter.builder("status.credentials.reveals")
						.description("Credential reveal attempts by outcome")
						.tag("outcome", outcome.name().toLowerCase(java.util.Locale.ROOT))
						.register(registry));
		}
		return new Instances(store, opening, clock, (outcome) -> counters.get(outcome).increment());
	}

}
