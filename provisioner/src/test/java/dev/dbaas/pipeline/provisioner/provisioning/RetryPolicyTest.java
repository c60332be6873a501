package dev.dbaas.pipeline.provisioner.provisioning;

import java.time.Duration;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class RetryPolicyTest {

	private final RetryPolicy policy = new RetryPolicy(5, Duration.ofSeconds(1), 2.0, Duration.ofSeconds(10));

	@ParameterizedTest(name = "after {0} failures wait {1} ms")
	@CsvSource({ "1, 1000", "2, 2000", "3, 4000", "4, 8000", "5, 10000", "30, 10000" })
	void backsOffExponentiallyUpToTheCap(int failures, long expectedMillis) {
		assertThat(this.policy.backoffAfter(failures)).isEqualTo(Duration.ofMillis(expectedMillis));
	}

	@ParameterizedTest(name = "after {0} failures retry: {1}")
	@CsvSource({ "1, true", "5, true", "6, false" })
	void allowsABoundedNumberOfRetries(int failures, boolean allowed) {
		assertThat(this.policy.allowsRetryAfter(failures)).isEqualTo(allowed);
	}

	@ParameterizedTest(name = "rejects maxRetries={0} initial={1}ms multiplier={2} max={3}ms: {4}")
	@CsvSource({ "-1, 1000, 2.0, 10000, negative retries", "3, 0, 2.0, 10000, no initial backoff",
			"3, 1000, 0.5, 10000, shrinking backoff", "3, 1000, 2.0, 500, cap below the initial backoff" })
	void rejectsPoliciesThatMakeNoSense(int maxRetries, long initialMillis, double multiplier, long maxMillis,
			String reason) {
		assertThatIllegalArgumentException().as(reason)
			.isThrownBy(() -> new RetryPolicy(maxRetries, Duration.ofMillis(initialMillis), multiplier,
					Duration.ofMillis(maxMillis)));
	}

}
