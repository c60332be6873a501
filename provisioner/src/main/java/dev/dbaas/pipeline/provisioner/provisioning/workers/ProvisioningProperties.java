package dev.dbaas.pipeline.provisioner.provisioning.workers;

import java.time.Duration;
import java.util.Objects;

import dev.dbaas.pipeline.provisioner.provisioning.RetryPolicy;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Provisioning rules ({@code provisioner.provisioning.*}).
 *
 * @param timeout how long a provisioning may take before it fails with
 * {@code PROVISIONING_TIMEOUT}
 * @param retry how transient step errors are retried
 */
@ConfigurationProperties("provisioner.provisioning")
public record ProvisioningProperties(Duration timeout, Retry retry) {

	public ProvisioningProperties {
		Objects.requireNonNull(timeout, "provisioner.provisioning.timeout");
		Objects.requireNonNull(retry, "provisioner.provisioning.retry");
	}

	/**
	 * Retry of transient step errors ({@code provisioner.provisioning.retry.*}).
	 *
	 * @param maxRetries retries per step after the first attempt
	 * @param initialBackoff wait before the first retry
	 * @param multiplier growth of the wait per retry
	 * @param maxBackoff longest wait
	 */
	public record Retry(int maxRetries, Duration initialBackoff, double multiplier, Duration maxBackoff) {

		/**
		 * The domain's retry policy.
		 * @return the policy
		 */
		public RetryPolicy policy() {
			return new RetryPolicy(this.maxRetries, this.initialBackoff, this.multiplier, this.maxBackoff);
		}

	}

}
