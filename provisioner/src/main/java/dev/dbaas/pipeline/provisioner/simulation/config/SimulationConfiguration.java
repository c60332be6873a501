package dev.dbaas.pipeline.provisioner.simulation.config;

import dev.dbaas.pipeline.provisioner.groupcommit.GroupedTransactions;
import dev.dbaas.pipeline.provisioner.provisioning.workers.WorkerId;
import dev.dbaas.pipeline.provisioner.simulation.SimulatedBackend;
import dev.dbaas.pipeline.provisioner.simulation.SimulationProperties;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Plugs the simulated backend in unless {@code provisioner.backend} names another one.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "provisioner.backend", havingValue = "simulation", matchIfMissing = true)
class SimulationConfiguration {

	@Bean
	SimulatedBackend simulatedBackend(JdbcClient jdbc, GroupedTransactions transactions, SimulationProperties knobs,
			WorkerId workerId) {
		return new SimulatedBackend(jdbc, transactions, knobs, workerId.value());
	}

}
