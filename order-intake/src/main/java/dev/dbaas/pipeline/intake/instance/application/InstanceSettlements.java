package dev.dbaas.pipeline.intake.instance.application;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import dev.dbaas.pipeline.contract.tracing.MdcKeys;
import dev.dbaas.pipeline.intake.instance.Instance;
import dev.dbaas.pipeline.intake.instance.Instances;
import dev.dbaas.pipeline.intake.instance.Settlement;
import dev.dbaas.pipeline.intake.order.InstanceId;
import dev.dbaas.pipeline.intake.order.OrderId;
import dev.dbaas.pipeline.intake.order.PlacedOrders;
import dev.dbaas.pipeline.intake.order.PlacedOrders.OrderOfInstance;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Applies terminal statuses of orders to their instances ({@link Instance#settle}), a
 * batch in one transaction: which instance an order belongs to and what it does is taken
 * from the orders the intake stored, not from the status event, and the instances of the
 * batch are locked in one order, so a concurrent change order waits or is waited for.
 * Settling is idempotent, so a redelivered batch changes nothing more.
 *
 * <p>
 * Thread-safe.
 */
@Service
public class InstanceSettlements {

	private static final Logger log = LoggerFactory.getLogger(InstanceSettlements.class);

	private final Instances instances;

	private final PlacedOrders orders;

	private final TransactionTemplate transactions;

	public InstanceSettlements(Instances instances, PlacedOrders orders, TransactionTemplate transactions) {
		this.instances = instances;
		this.orders = orders;
		this.transactions = transactions;
	}

	/**
	 * Settles a batch of terminal statuses, in their order, and commits.
	 * @param settlements the statuses, in the order they were read
	 * @return how many changed an instance, and how many concern no instance the intake
	 * knows
	 */
	public Result settle(List<Settlement> settlements) {
		if (settlements.isEmpty()) {
			return new Result(0, 0, 0);
		}
		Result result = this.transactions.execute((status) -> settleLocked(settlements));
		return Objects.requireNonNull(result, "transaction returned no result");
	}

	private Result settleLocked(List<Settlement> settlements) {
		Map<OrderId, OrderOfInstance> known = this.orders
			.instancesOf(settlements.stream().map(Settlement::orderId).distinct().toList());
		Map<InstanceId, Instance> locked = new LinkedHashMap<>();
		this.instances.lock(known.values().stream().map(OrderOfInstance::instanceId).distinct().toList())
			.forEach((instance) -> locked.put(instance.id(), instance));
		Map<InstanceId, Instance> changed = new LinkedHashMap<>();
		int applied = 0;
		int unchanged = 0;
		int unknown = 0;
		for (Settlement settlement : settlements) {
			OrderOfInstance order = known.get(settlement.orderId());
			Instance instance = (order != null) ? locked.get(order.instanceId()) : null;
			if (instance == null) {
				unknown++;
				log.debug("Order {} has no instance here; its {} changes nothing", settlement.orderId(),
						settlement.outcome());
				continue;
			}
			Instance after = instance.settle(order.type(), settlement);
			if (after == instance) {
				unchanged++;
				continue;
			}
			applied++;
			try (MDC.MDCCloseable orderContext = MDC.putCloseable(MdcKeys.ORDER_ID, settlement.orderId().toString());
					MDC.MDCCloseable traceContext = (settlement.traceId() != null)
							? MDC.putCloseable(MdcKeys.TRACE_ID, settlement.traceId()) : null) {
				log.info("Settled {} {} order {} of instance {}: {}, pending {}", settlement.outcome(), order.type(),
						settlement.orderId(), instance.id(), after.state(), after.pending());
			}
			locked.put(after.id(), after);
			changed.put(after.id(), after);
		}
		changed.values().forEach(this.instances::save);
		return new Result(applied, unchanged, unknown);
	}

	/**
	 * What a batch came to.
	 *
	 * @param applied statuses that changed their instance
	 * @param unchanged statuses whose instance was already as they say (a redelivery, or
	 * an order that was not pending)
	 * @param unknown statuses of orders without an instance here
	 */
	public record Result(int applied, int unchanged, int unknown) {
	}

}
