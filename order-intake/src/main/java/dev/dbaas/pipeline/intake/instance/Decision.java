package dev.dbaas.pipeline.intake.instance;

import java.util.Objects;

import dev.dbaas.pipeline.intake.order.InstanceChanges;
import dev.dbaas.pipeline.intake.order.OrderType;
import org.jspecify.annotations.Nullable;

/**
 * What an instance made of a change order: accepted, with what it changes, or refused.
 */
public sealed interface Decision {

	/**
	 * The order is acceptable.
	 *
	 * @param type what it does
	 * @param desired the instance's desired settings after it
	 * @param changes what an UPDATE changes; {@code null} for a DELETE
	 */
	record Acceptable(OrderType type, DesiredSettings desired, @Nullable InstanceChanges changes) implements Decision {

		public Acceptable {
			Objects.requireNonNull(type, "type");
			Objects.requireNonNull(desired, "desired");
		}

	}

	/**
	 * The order is refused.
	 *
	 * @param refusal why
	 */
	record Refused(Refusal refusal) implements Decision {

		public Refused {
			Objects.requireNonNull(refusal, "refusal");
		}

	}

}
