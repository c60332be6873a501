package dev.dbaas.pipeline.systemtests.faults.check;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * What the invariants found after a scenario.
 *
 * @param lost accepted (202) orders that are not in a terminal status in the view
 * @param phantoms orders of the scenario's customer in the view that were never answered
 * 202
 * @param uncommitted accepted orders that order-intake's database does not hold
 * @param duplicates orders with a visible duplicate, and what it is (two terminal
 * transitions, a repeated or decreasing sequence, a backend step executed twice)
 * @param redeliveredEvents status events that reached Kafka more than once with the same
 * event id (at-least-once delivery; the consumers must absorb them)
 * @param backendReplays backend calls answered from an earlier execution (idempotent
 * retries after a crash or a lost lease)
 * @param whereLost where the lost orders stopped (outbox, job store, view), empty if none
 * is lost
 */
public record Verdict(Set<String> lost, Set<String> phantoms, Set<String> uncommitted, Map<String, String> duplicates,
		int redeliveredEvents, int backendReplays, String whereLost) {

	/**
	 * Whether every invariant holds.
	 * @return {@code true} if nothing is lost, duplicated or made up
	 */
	public boolean holds() {
		return this.lost.isEmpty() && this.phantoms.isEmpty() && this.uncommitted.isEmpty()
				&& this.duplicates.isEmpty();
	}

	/**
	 * The broken invariants, for a failure message.
	 * @return one line per broken invariant, with up to five order ids
	 */
	public List<String> problems() {
		List<String> problems = new ArrayList<>();
		if (!this.lost.isEmpty()) {
			problems
				.add(this.lost.size() + " accepted orders not terminal (" + this.whereLost + "): " + sample(this.lost));
		}
		if (!this.phantoms.isEmpty()) {
			problems.add(this.phantoms.size() + " orders in the view never answered 202: " + sample(this.phantoms));
		}
		if (!this.uncommitted.isEmpty()) {
			problems.add(this.uncommitted.size() + " orders answered 202 but not in the intake database: "
					+ sample(this.uncommitted));
		}
		if (!this.duplicates.isEmpty()) {
			problems.add(this.duplicates.size() + " orders with a visible duplicate: "
					+ this.duplicates.entrySet().stream().limit(5).toList());
		}
		return problems;
	}

	private static String sample(Set<String> ids) {
		return new TreeSet<>(ids).stream().limit(5).toList().toString();
	}

}
