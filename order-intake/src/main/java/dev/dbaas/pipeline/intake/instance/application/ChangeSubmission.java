package dev.dbaas.pipeline.intake.instance.application;

import java.util.List;
import java.util.Objects;

import dev.dbaas.pipeline.intake.instance.ChangeDraft;
import dev.dbaas.pipeline.intake.order.Violation;
import dev.dbaas.pipeline.security.Caller;
import org.jspecify.annotations.Nullable;

/**
 * A request to place a change order of an instance, as it arrived. Nothing in it is
 * checked yet.
 *
 * @param caller the authenticated client
 * @param idempotencyKey the {@code Idempotency-Key} as sent, or {@code null}
 * @param instanceId the instance id of the path, as sent
 * @param ifMatch the {@code If-Match} header as sent, or {@code null}
 * @param body the body, read or not
 */
public record ChangeSubmission(Caller caller, @Nullable String idempotencyKey, String instanceId,
		@Nullable String ifMatch, Body body) {

	public ChangeSubmission {
		Objects.requireNonNull(caller, "caller");
		Objects.requireNonNull(instanceId, "instanceId");
		Objects.requireNonNull(body, "body");
	}

	/**
	 * What the body of a submission could be read as.
	 */
	public sealed interface Body {

		/**
		 * The body is one JSON object within the limits, read into a draft.
		 *
		 * @param draft the draft; fields with structural problems are {@code null}
		 * @param problems unknown fields, wrong types, a missing or unknown type, UPDATE
		 * fields on a DELETE, each with its pointer
		 */
		record Read(ChangeDraft draft, List<Violation> problems) implements Body {

			public Read {
				Objects.requireNonNull(draft, "draft");
				problems = List.copyOf(problems);
			}

		}

		/**
		 * The body is not a single JSON object within the limits.
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
