package dev.dbaas.pipeline.provisioner.groupcommit.config;

import dev.dbaas.pipeline.provisioner.groupcommit.GroupCommitProperties;
import dev.dbaas.pipeline.provisioner.groupcommit.GroupedTransactions;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The provisioner's group commit, with {@code provisioning_group_size} (a summary: units
 * per transaction) and {@code provisioning_group_queued} (a gauge: units waiting for a
 * writer), as order-intake's {@code orders_placement_group_size} and
 * {@code orders_placement_queued}. Closed after the worker pool and the listener stopped
 * (they depend on it), so their last writes commit.
 */
@Configuration(proxyBeanMethods = false)
class GroupCommitConfiguration {

	@Bean
	GroupedTransactions groupedTransactions(TransactionTemplate transactions, GroupCommitProperties properties,
			MeterRegistry meters) {
		DistributionSummary sizes = DistributionSummary.builder("provisioning.group.size")
			.description("Units of work committed in one transaction")
			.register(meters);
		GroupedTransactions grouped = new GroupedTransactions(transactions, properties, sizes::record);
		Gauge.builder("provisioning.group.queued", grouped, GroupedTransactions::queued)
			.description("Units of work waiting for a group-commit writer")
			.register(meters);
		return grouped;
	}

}
