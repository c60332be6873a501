package dev.dbaas.pipeline.intake.instance;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;

import dev.dbaas.pipeline.intake.order.Checked;
import dev.dbaas.pipeline.intake.order.InstanceChanges;
import dev.dbaas.pipeline.intake.order.OrderType;
import dev.dbaas.pipeline.intake.order.OrderValidator;
import dev.dbaas.pipeline.intake.order.StorageSize;
import dev.dbaas.pipeline.intake.order.TrustedSource;
import dev.dbaas.pipeline.intake.order.Violation;
import org.jspecify.annotations.Nullable;

/**
 * Decides a change order against an instance, checking in the order clients rely on: the
 * instance's state, {@code If-Match}, a pending order, deletion protection, then every
 * rule at once. Node sizes, storage steps and maximum and trusted sources are checked by
 * the create's own rules ({@link OrderValidator}), so a change accepts exactly what a
 * create would; on top, storage may only grow, an UPDATE must change something and a
 * DELETE must confirm the instance id.
 *
 * <p>
 * Stateless apart from the validator, and thread-safe.
 */
public final class ChangeRules {

	private final OrderValidator validator;

	/**
	 * Creates the rules.
	 * @param validator the create's validator, with the catalog and trusted-source policy
	 * of the service
	 */
	public ChangeRules(OrderValidator validator) {
		this.validator = Objects.requireNonNull(validator, "validator");
	}

	/**
	 * Decides a change order.
	 * @param instance the instance, as locked for the change
	 * @param draft the order as sent, its structure checked
	 * @param precondition the caller's {@code If-Match}
	 * @return acceptable with the settings after it, or why not
	 */
	public Decision decide(Instance instance, ChangeDraft draft, Precondition precondition) {
		OrderType type = Objects.requireNonNull(draft.type(), "type");
		if (instance.state() != InstanceState.ACTIVE) {
			return refused(new Refusal.NotChangeable(instance.state()));
		}
		if (!precondition.holdsFor(instance.version())) {
			return refused(new Refusal.PreconditionFailed(instance.version()));
		}
		PendingOrder blocking = instance.blockerOf(type);
		if (blocking != null) {
			return refused(new Refusal.Busy(blocking));
		}
		if (type == OrderType.DELETE) {
			return decideDelete(instance, draft);
		}
		return decideUpdate(instance, draft);
	}

	/**
	 * The trusted sources of a draft in canonical form, if they are valid.
	 * @param draft the draft
	 * @return the canonical CIDRs; {@code null} if the draft names none or they break a
	 * rule
	 */
	public @Nullable List<String> canonicalSources(ChangeDraft draft) {
		if (draft.trustedSources() == null) {
			return null;
		}
		Checked<List<TrustedSource>> checked = this.validator.checkTrustedSources(draft.trustedSources());
		return checked.violations().isEmpty() ? checked.accepted().stream().map(TrustedSource::cidr).toList() : null;
	}

	private Decision decideDelete(Instance instance, ChangeDraft draft) {
		if (instance.desired().deletionProtection()) {
			return refused(new Refusal.DeletionProtected());
		}
		if (!instance.id().value().equals(draft.confirm())) {
			return refused(new Refusal.Invalid(List.of(new Violation("/confirm",
					"type the instance id " + instance.id() + " as confirm to delete it and all its data",
					"confirm-mismatch"))));
		}
		return new Decision.Acceptable(OrderType.DELETE, instance.desired(), null);
	}

	private Decision decideUpdate(Instance instance, ChangeDraft draft) {
		DesiredSettings current = instance.desired();
		List<Violation> violations = new ArrayList<>();
		String nodeSize = null;
		if (draft.nodeSize() != null) {
			nodeSize = take(this.validator.checkNodeSize(draft.nodeSize()), violations);
		}
		StorageSize storage = null;
		if (draft.storageGb() != null) {
			storage = take(this.validator.checkStorage(draft.storageGb()), violations);
			if (storage != null && storage.gb() < current.storage().gb()) {
				violations.add(new Violation("/storageGb",
						storage.gb() + " GB is less than the instance's " + current.storage().gb()
								+ " GB; storage can only grow, so choose " + current.storage().gb() + " GB or more",
						"storage-shrinks"));
				storage = null;
			}
		}
		List<TrustedSource> trustedSources = null;
		if (draft.trustedSources() != null) {
			trustedSources = take(this.validator.checkTrustedSources(draft.trustedSources()), violations);
		}
		if (!violations.isEmpty()) {
			return refused(new Refusal.Invalid(violations));
		}
		StorageSize changedStorage = (storage != null && !storage.equals(current.storage())) ? storage : null;
		String changedNodeSize = (nodeSize != null && !nodeSize.equals(current.nodeSize())) ? nodeSize : null;
		// The order of the list means nothing to the access rules.
		List<TrustedSource> changedSources = (trustedSources != null
				&& !Set.copyOf(trustedSources).equals(Set.copyOf(current.trustedSources()))) ? trustedSources : null;
		Boolean changedProtection = (draft.deletionProtection() != null
				&& draft.deletionProtection() != current.deletionProtection()) ? draft.deletionProtection() : null;
		if (changedStorage == null && changedNodeSize == null && changedSources == null && changedProtection == null) {
			return refused(new Refusal.Invalid(List.of(new Violation("",
					"the order changes nothing: name at least one of storageGb, nodeSize, trustedSources and "
							+ "deletionProtection with a value other than the instance's current one",
					"nothing-to-change"))));
		}
		DesiredSettings after = new DesiredSettings((changedNodeSize != null) ? changedNodeSize : current.nodeSize(),
				(changedStorage != null) ? changedStorage : current.storage(),
				(changedSources != null) ? changedSources : current.trustedSources(),
				(changedProtection != null) ? changedProtection : current.deletionProtection());
		return new Decision.Acceptable(OrderType.UPDATE, after,
				new InstanceChanges(changedStorage, changedNodeSize, changedSources, changedProtection));
	}

	private static <T> @Nullable T take(Checked<T> checked, List<Violation> violations) {
		if (!checked.violations().isEmpty()) {
			violations.addAll(checked.violations());
			return null;
		}
		return checked.accepted();
	}

	private static Decision refused(Refusal refusal) {
		return new Decision.Refused(refusal);
	}

}
