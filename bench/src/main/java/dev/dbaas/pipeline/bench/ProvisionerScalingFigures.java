package dev.dbaas.pipeline.bench;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The provisioner-scaling scenario's figures: {@link ProvisionerScaling} at the CPU limit
 * (0 ms a step), with one instance at 200 ms a step against the ideal of
 * {@code CONCURRENCY / 0.2 s} (or the CPU limit, if lower), and with two instances
 * against one.
 */
final class ProvisionerScalingFigures {

	private final ScenarioContext context;

	ProvisionerScalingFigures(ScenarioContext context) {
		this.context = context;
	}

	/**
	 * Runs the three configurations and reports them.
	 * @param target the stack's Kafka and PostgreSQL
	 */
	void run(BenchOptions target) throws Exception {
		Report report = this.context.report();
		ProvisionerScaling scaling = new ProvisionerScaling(target.bootstrapServers(), target.jdbcUrl(),
				target.jdbcUser(), target.jdbcPassword());
		int orders = this.context.quickOr(300, 1500);
		Duration timeout = Duration.ofMinutes(5);
		ProvisionerScaling.Result cpuLimit = scaling.run("1 instance, 0 ms/order (CPU limit)", 1,
				ProvisionerScaling.NO_LATENCY, orders, timeout);
		ProvisionerScaling.Result one = scaling.run("1 instance, 200 ms/order", 1,
				ProvisionerScaling.PROVISIONING_200_MS, orders, timeout);
		ProvisionerScaling.Result two = scaling.run("2 instances, 200 ms/order", 2,
				ProvisionerScaling.PROVISIONING_200_MS, orders * 2, timeout);
		double ideal = ProvisionerScaling.CONCURRENCY / 0.2;
		double bound = Math.min(ideal, cpuLimit.perSecond());
		report.figure("provisioner-scaling", cpuLimit.name(), cpuLimit.perSecond(), "orders/s");
		report.add(new Report.Figure("provisioner-scaling", one.name() + ", x" + ProvisionerScaling.CONCURRENCY,
				one.perSecond(), "orders/s", (bound < ideal) ? "CPU limit (0 ms run)" : "ideal 64 / 0.2 s", bound,
				">= 0.80 of min(ideal 320, CPU limit)", one.perSecond() >= 0.8 * bound));
		report.add(new Report.Figure("provisioner-scaling", two.name() + ", x" + ProvisionerScaling.CONCURRENCY,
				two.perSecond(), "orders/s", "1 instance", one.perSecond(), ">= 1.6x where the CPU allows",
				two.perSecond() >= 1.6 * one.perSecond()));
		for (ProvisionerScaling.Result result : List.of(cpuLimit, one, two)) {
			report.latency("provisioner-scaling", result.name() + ": batch start -> finished", result.sinceStart());
		}
		report.detail("provisioner-scaling",
				List.of(cpuLimit.toJson(), one.toJson(), two.toJson(), Map.of("idealOrdersPerSecond", ideal)));
	}

}
