package dev.dbaas.pipeline.provisioner.local.config;

import java.time.Clock;

import dev.dbaas.pipeline.provisioner.groupcommit.GroupedTransactions;
import dev.dbaas.pipeline.provisioner.local.EngineRoutingBackend;
import dev.dbaas.pipeline.provisioner.local.LocalBackend;
import dev.dbaas.pipeline.provisioner.provisioning.workers.WorkerId;
import dev.dbaas.pipeline.provisioner.simulation.SimulatedBackend;
import dev.dbaas.pipeline.provisioner.simulation.SimulationProperties;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * With {@code provisioner.backend=local}: PostgreSQL and MariaDB orders get real servers
 * from the {@link LocalBackend}, MySQL and CouchDB orders go to the simulation (there are
 * no Maven-served server binaries for them), through an {@link EngineRoutingBackend}.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "provisioner.backend", havingValue = "local")
class LocalBackendConfiguration {

	@Bean(initMethod = "open", destroyMethod = "close")
	LocalBackend localBackend(LocalBackendProperties properties, WorkerId workerId) {
		return new LocalBackend(properties.settings(), workerId.value(), Clock.systemUTC());
	}

	/**
	 * Stops the servers (with {@code stop-on-close}) first thing in a clean shutdown, in
	 * the highest phase: the bean's destroy method alone ran only after the Kafka
	 * listeners' and the workers' phases, which can take most of the shutdown grace, and
	 * a supervisor that kills the JVM at the end of it left the servers running (fault
	 * scenario 9). The destroy method stops whatever a step still under way started.
	 */
	@Bean
	SmartLifecycle localServersStopper(LocalBackend local) {
		return new SmartLifecycle() {

			private volatile boolean running;

			@Override
			public void start() {
				this.running = true;
			}

			@Override
			public void stop() {
				this.running = false;
				try {
					local.close();
				}
				catch (java.io.IOException ex) {
					org.slf4j.LoggerFactory.getLogger(LocalBackendConfiguration.class)
						.warn("Could not stop the local servers: {}", ex.getMessage());
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
				}
			}

			@Override
			public boolean isRunning() {
				return this.running;
			}

			@Override
			public int getPhase() {
				return Integer.MAX_VALUE;
			}

		};
	}

	@Bean
	@Primary
	EngineRoutingBackend engineRoutingBackend(LocalBackend local, JdbcClient jdbc, GroupedTransactions transactions,
			SimulationProperties knobs, WorkerId workerId) {
		return new EngineRoutingBackend(local, new SimulatedBackend(jdbc, transactions, knobs, workerId.value()));
	}

}
