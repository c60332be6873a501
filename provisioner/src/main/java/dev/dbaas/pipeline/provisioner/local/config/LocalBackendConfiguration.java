package dev.dbaas.pipeline.provisioner.local.config;

import java.time.Clock;

import dev.dbaas.pipeline.provisioner.local.EngineRoutingBackend;
import dev.dbaas.pipeline.provisioner.local.LocalBackend;
import dev.dbaas.pipeline.provisioner.provisioning.workers.WorkerId;
import dev.dbaas.pipeline.provisioner.simulation.SimulatedBackend;
import dev.dbaas.pipeline.provisioner.simulation.SimulationProperties;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

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

	@Bean
	@Primary
	EngineRoutingBackend engineRoutingBackend(LocalBackend local, JdbcClient jdbc, TransactionTemplate transactions,
			SimulationProperties knobs, WorkerId workerId) {
		return new EngineRoutingBackend(local, new SimulatedBackend(jdbc, transactions, knobs, workerId.value()));
	}

}
