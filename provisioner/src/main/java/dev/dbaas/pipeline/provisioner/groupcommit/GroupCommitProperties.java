package dev.dbaas.pipeline.provisioner.groupcommit;

import java.time.Duration;
import java.util.Objects;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings of the provisioner's group commit ({@code provisioner.group-commit.*}).
 *
 * @param writers how many groups may be written at the same time (each holds a database
 * connection while it writes)
 * @param maxGroupSize the most writes in one transaction
 * @param timeout how long a caller waits for its write to commit; after it the caller
 * gives up (the write may still commit), so it stays well below the lease duration
 */
@ConfigurationProperties("provisioner.group-commit")
public record GroupCommitProperties(int writers, int maxGroupSize, Duration timeout) {

	public GroupCommitProperties {
		Objects.requireNonNull(timeout, "provisioner.group-commit.timeout");
		if (writers < 1) {
			throw new IllegalArgumentException("provisioner.group-commit.writers must be at least 1");
		}
		if (maxGroupSize < 1) {
			throw new IllegalArgumentException("provisioner.group-commit.max-group-size must be at least 1");
		}
		if (timeout.isNegative() || timeout.isZero()) {
			throw new IllegalArgumentException("provisioner.group-commit.timeout must be positive");
		}
	}

}
