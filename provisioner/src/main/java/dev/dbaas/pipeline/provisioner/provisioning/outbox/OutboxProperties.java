package dev.dbaas.pipeline.provisioner.provisioning.outbox;

import java.time.Duration;
import java.util.Objects;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings of the outbox relay.
 *
 * @param pollInterval wait between polls when the outbox is empty
 * @param batchSize most events relayed in one transaction
 * @param sendTimeout how long to wait for the broker to acknowledge a batch
 */
@ConfigurationProperties("provisioner.outbox")
public record OutboxProperties(Duration pollInterval, int batchSize, Duration sendTimeout) {

	public OutboxProperties {
		Objects.requireNonNull(pollInterval, "provisioner.outbox.poll-interval");
		Objects.requireNonNull(sendTimeout, "provisioner.outbox.send-timeout");
		if (batchSize < 1) {
			throw new IllegalArgumentException("provisioner.outbox.batch-size must be positive");
		}
	}

}
