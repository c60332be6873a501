package dev.dbaas.pipeline.status.order;

import java.util.Comparator;

import org.jspecify.annotations.Nullable;

/**
 * The connection facts of an order's database, with the event that reported them. The
 * report with the highest sequence wins, ties broken by event id.
 *
 * @param instance where the database answers
 * @param credentials the admin credentials the same event sealed, or {@code null}
 * @param sequence sequence of the reporting status event
 * @param eventId the reporting status event
 */
public record InstanceReport(Instance instance, @Nullable SealedCredentials credentials, long sequence,
		EventId eventId) {

	static final Comparator<InstanceReport> PRECEDENCE = Comparator.comparingLong(InstanceReport::sequence)
		.thenComparing(InstanceReport::eventId);

	public InstanceReport {
		if (instance == null || eventId == null) {
			throw new InvalidOrderEventException("an instance report needs an instance and an event id");
		}
		if (sequence < 0) {
			throw new InvalidOrderEventException("sequence must not be negative, got " + sequence);
		}
	}

	/**
	 * A report without credentials.
	 * @param instance where the database answers
	 * @param sequence sequence of the reporting status event
	 * @param eventId the reporting status event
	 */
	public InstanceReport(Instance instance, long sequence, EventId eventId) {
		this(instance, null, sequence, eventId);
	}

	static InstanceReport latest(InstanceReport a, InstanceReport b) {
		return (PRECEDENCE.compare(a, b) >= 0) ? a : b;
	}

}
