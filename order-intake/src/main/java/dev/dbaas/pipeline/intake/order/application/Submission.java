package dev.dbaas.pipeline.intake.order.application;

import java.util.List;
import java.util.Objects;

import dev.dbaas.pipeline.intake.order.OrderDraft;
import dev.dbaas.pipeline.intake.order.Violation;
import dev.dbaas.pipeline.security.Caller;
import org.jspecify.annotations.Nullable;

/**
 * A request to place an order, as it arrived: who sent it, the idempotency key it
 * carried, if any, and what its body could be read as. Nothing in it is checked yet.
 *
 * @param caller the authenticated client
 * @param idempotencyKey the {@code Idempotency-Key} as sent, or {@code null} if none was
 * @param body the body, read or not
 */
public record Submission(Caller caller, @Nullable String idempotencyKey, Body body) {

	public Submission {
		Objects.requireNonNull(caller, "caller");
		Objects.requireNonNull(body, "body");
	}

	/**
	 * What the body of a submission could be read as.
	 */
	public sealed interface Body {

		/**
		 * The body is one document within the limits, read into a draft.
		 *
		 * @param draft the draft; fields with structural problems are {@code null}
		 * @param problems unknown fields and wrong types, with their pointers
		 */
		record Read(OrderDraft draft, List<Violation> problems) implements Body {

			public Read {
				Objects.requireNonNull(draft, "draft");
				problems = List.copyOf(problems);
			}

		}

		/**
		 * The body is not a single document within the limits.
		 *
		 * @param reason why, for the client
		 */
		record Unreadable(String reason) implements Body {

			public Unreadable {
				Objects.requireNonNull(reason, "reason");
			}

		}

	}

}
