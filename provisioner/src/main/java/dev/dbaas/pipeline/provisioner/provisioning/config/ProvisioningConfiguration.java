package dev.dbaas.pipeline.provisioner.provisioning.config;

import java.time.Clock;

import dev.dbaas.pipeline.contract.tracing.OrderTraces;
import dev.dbaas.pipeline.provisioner.groupcommit.GroupedTransactions;
import dev.dbaas.pipeline.provisioner.provisioning.CredentialsSeal;
import dev.dbaas.pipeline.provisioner.provisioning.Provisioning;
import dev.dbaas.pipeline.provisioner.provisioning.ProvisioningBackend;
import dev.dbaas.pipeline.provisioner.provisioning.ProvisioningJobs;
import dev.dbaas.pipeline.provisioner.provisioning.jdbc.JdbcProvisioningJobs;
import dev.dbaas.pipeline.provisioner.provisioning.outbox.StatusOutbox;
import dev.dbaas.pipeline.provisioner.provisioning.workers.MicrometerProvisioningObserver;
import dev.dbaas.pipeline.provisioner.provisioning.workers.PlacementProperties;
import dev.dbaas.pipeline.provisioner.provisioning.workers.ProvisioningProperties;
import dev.dbaas.pipeline.provisioner.provisioning.workers.WorkerId;
import dev.dbaas.pipeline.provisioner.provisioning.workers.WorkerPool;
import dev.dbaas.pipeline.provisioner.provisioning.workers.WorkerProperties;
import dev.dbaas.pipeline.provisioner.tracing.JobTraces;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Wires the provisioning domain to its store, its backend, the worker pool and metrics.
 */
@Configuration(proxyBeanMethods = false)
class ProvisioningConfiguration {

	@Bean
	Clock provisioningClock() {
		return Clock.systemUTC();
	}

	@Bean
	JdbcProvisioningJobs provisioningJobs(JdbcClient jdbc, TransactionTemplate transactions,
			GroupedTransactions grouped, StatusOutbox outbox, WorkerProperties workers, Clock clock, OrderTraces traces,
			PlacementProperties placement, ProvisioningBackend backend) {
		return new JdbcProvisioningJobs(jdbc, transactions, grouped, outbox, workers.leaseDuration(), clock,
				traces::current, placement.hostId(), backend.hostBoundEngines());
	}

	@Bean
	Provisioning provisioning(ProvisioningJobs jobs, ProvisioningBackend backend, ProvisioningProperties properties,
			MeterRegistry meters, Clock clock, CredentialsSeal credentials) {
		return new Provisioning(jobs, backend, properties.retry().policy(), properties.timeout(),
				new MicrometerProvisioningObserver(meters), clock, credentials);
	}

	@Bean
	WorkerId workerId(WorkerProperties properties) {
		return WorkerId.configuredOrGenerated(properties.id());
	}

	@Bean
	WorkerPool workerPool(Provisioning provisioning, ProvisioningJobs jobs, WorkerProperties properties,
			WorkerId workerId, MeterRegistry meters, JobTraces traces, PlacementProperties placement) {
		WorkerPool pool = new WorkerPool(provisioning, jobs, properties, workerId.value(), traces,
				placement.hostTimeout());
		Gauge.builder("provisioning.in.flight", pool, WorkerPool::inFlight)
			.description("Provisionings this instance drives right now")
			.tag("worker", pool.workerId())
			.register(meters);
		return pool;
	}

}
