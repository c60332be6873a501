package dev.dbaas.pipeline.bench;

/**
 * The life of one order as the bench saw it: when it was meant to be sent, when it was
 * accepted, and the furthest status observed. {@link #observe} records each stage in the
 * {@link Phase} the first time an answer of the status API shows it (an order first seen
 * as DONE counts as visible as NEW and PROCESSING at that moment).
 *
 * <p>
 * Not thread-safe: one long poll at a time follows an order.
 */
final class OrderTrace {

	private final String orderId;

	private final long intended;

	private final long accepted;

	private int rank = -1;

	/**
	 * @param orderId the id order-intake answered with
	 * @param intended intended send time, from {@link System#nanoTime()}
	 * @param accepted when the 202 arrived, from {@link System#nanoTime()}
	 */
	OrderTrace(String orderId, long intended, long accepted) {
		this.orderId = orderId;
		this.intended = intended;
		this.accepted = accepted;
	}

	String orderId() {
		return this.orderId;
	}

	/**
	 * Records the stages this observation reaches first.
	 * @param status the status the API showed
	 * @param now when the answer arrived
	 * @param phase where the latencies go
	 * @return whether the status is terminal (DONE or FAILED)
	 */
	boolean observe(String status, long now, Phase phase) {
		int observed = switch (status) {
			case "NEW" -> 0;
			case "PROCESSING" -> 1;
			case "DONE", "FAILED" -> 2;
			default -> 0;
		};
		if (this.rank < 0) {
			phase.toNew.record(this.accepted, now);
		}
		if (this.rank < 1 && observed >= 1) {
			phase.toProcessing.record(this.accepted, now);
		}
		if (observed == 2) {
			phase.toDone.record(this.accepted, now);
			phase.endToEnd.record(this.intended, now);
			phase.lastDone = now;
		}
		this.rank = Math.max(this.rank, observed);
		return observed == 2;
	}

}
