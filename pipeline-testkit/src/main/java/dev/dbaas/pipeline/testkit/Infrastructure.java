package dev.dbaas.pipeline.testkit;

import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts the servers once per JVM and hands each test class its own
 * {@link PipelineEnvironment}: its own database and its own copies of the pipeline's
 * topics.
 *
 * <p>
 * Thread-safe.
 */
public final class Infrastructure {

	private static final Logger log = LoggerFactory.getLogger(Infrastructure.class);

	private static final Map<String, PipelineEnvironment> ENVIRONMENTS = new ConcurrentHashMap<>();

	private static final AtomicInteger COUNTER = new AtomicInteger();

	private static volatile @Nullable Servers servers;

	private Infrastructure() {
	}

	/**
	 * The servers of this JVM, started on first use.
	 * @return the shared servers
	 */
	public static Servers servers() {
		Servers current = servers;
		if (current == null) {
			synchronized (Infrastructure.class) {
				current = servers;
				if (current == null) {
					InfrastructureMode mode = InfrastructureMode.resolve();
					long started = System.nanoTime();
					current = (mode == InfrastructureMode.CONTAINERS) ? ContainerServers.start()
							: EmbeddedServers.start();
					log.info("Test infrastructure ({}) up in {} ms: Kafka {}", mode,
							(System.nanoTime() - started) / 1_000_000, current.kafkaBootstrapServers());
					servers = current;
				}
			}
		}
		return current;
	}

	/**
	 * The environment of a test class, created (database and topics) on first use.
	 * @param testClass the test class
	 * @return its environment, the same for every call with that class
	 */
	public static PipelineEnvironment environmentFor(Class<?> testClass) {
		return ENVIRONMENTS.computeIfAbsent(testClass.getName(), (name) -> {
			String id = "t" + COUNTER.incrementAndGet() + "_"
					+ testClass.getSimpleName().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
			if (id.length() > 60) {
				id = id.substring(0, 60);
			}
			return PipelineEnvironment.create(servers(), id);
		});
	}

}
