package dev.dbaas.pipeline.bench;

import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Thread factories for the bench's pools: daemon threads, so that a pool left open never
 * keeps the JVM alive, named {@code <name>-<n>} for thread dumps.
 */
final class DaemonThreads {

	private DaemonThreads() {
	}

	/**
	 * A factory of daemon threads.
	 * @param name prefix of the thread names
	 * @return a thread-safe factory
	 */
	static ThreadFactory named(String name) {
		AtomicLong count = new AtomicLong();
		return (runnable) -> {
			Thread thread = new Thread(runnable, name + "-" + count.incrementAndGet());
			thread.setDaemon(true);
			return thread;
		};
	}

}
