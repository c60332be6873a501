package dev.dbaas.pipeline.systemtests.faults;

import java.time.Duration;

/**
 * How long a fault lasts or load runs. Waiting for an outcome uses Awaitility instead.
 */
final class Pauses {

	private Pauses() {
	}

	static void pause(Duration duration) {
		try {
			Thread.sleep(duration.toMillis());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted", ex);
		}
	}

}
