package dev.dbaas.pipeline.systemtests.faults.check;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

import javax.sql.DataSource;

import dev.dbaas.pipeline.events.OrderStatusChanged;
import dev.dbaas.pipeline.schemas.EventDecodingException;
import dev.dbaas.pipeline.schemas.OrderStatusChangedDeserializer;
import dev.dbaas.pipeline.schemas.Topics;
import dev.dbaas.pipeline.systemtests.faults.stack.PipelineUnderTest;
import dev.dbaas.pipeline.systemtests.faults.stack.Service;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The invariants of issue 8, checked once per scenario against the services' databases
 * and the status topic:
 * <ul>
 * <li>the order ids answered 202 are exactly the scenario's orders in a terminal status
 * in the status view, and every one is in order-intake's database;</li>
 * <li>no order has two terminal transitions; history sequences are distinct and the
 * terminal one is the highest; on the status topic, an order's sequences never decrease
 * and one sequence never carries two different events;</li>
 * <li>the simulated backend executed each step of an order at most once.</li>
 * </ul>
 * The 5xx invariant is checked on the {@code LoadStats} of the scenario.
 */
public final class PipelineCheck {

	private static final Logger log = LoggerFactory.getLogger(PipelineCheck.class);

	private static final Set<String> TERMINAL = Set.of("DONE", "FAILED");

	private final PipelineUnderTest stack;

	public PipelineCheck(PipelineUnderTest stack) {
		this.stack = stack;
	}

	/**
	 * Waits until every accepted order is terminal in the view, no order of the customer
	 * is still unfinished, both outboxes are published, and the consumer lag is 0.
	 * @param customerId the scenario's customer
	 * @param accepted the order ids answered 202
	 * @param faultEndedNanos {@link System#nanoTime()} when the fault ended (the restart
	 * began)
	 * @param timeout how long to wait
	 * @return the time from the end of the fault until then, or empty if it did not
	 * happen in time
	 */
	public Optional<Duration> awaitRecovery(String customerId, Set<String> accepted, long faultEndedNanos,
			Duration timeout) {
		long deadline = System.nanoTime() + timeout.toNanos();
		try (ConsumerLag lag = new ConsumerLag(this.stack.bootstrapServers())) {
			while (System.nanoTime() < deadline) {
				if (converged(customerId, accepted) && outboxesEmpty() && lag.total() == 0) {
					return Optional.of(Duration.ofNanos(System.nanoTime() - faultEndedNanos));
				}
				try {
					Thread.sleep(250);
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
					return Optional.empty();
				}
			}
		}
		return Optional.empty();
	}

	private boolean converged(String customerId, Set<String> accepted) {
		try (Connection connection = this.stack.database(Service.STATUS_SERVICE).getConnection();
				PreparedStatement statement = connection.prepareStatement("""
						SELECT count(*) FILTER (WHERE status IN ('DONE', 'FAILED') AND order_id = ANY(?)),
						       count(*) FILTER (WHERE status NOT IN ('DONE', 'FAILED'))
						FROM order_view WHERE customer_id = ?
						""")) {
			statement.setArray(1, textArray(connection, accepted));
			statement.setString(2, customerId);
			try (ResultSet rs = statement.executeQuery()) {
				rs.next();
				return rs.getInt(1) == accepted.size() && rs.getInt(2) == 0;
			}
		}
		catch (SQLException ex) {
			// PostgreSQL may be down or recovering
			return false;
		}
	}

	/** Whether order-intake and the provisioner have published every event they wrote. */
	private boolean outboxesEmpty() {
		try (Connection intake = this.stack.database(Service.ORDER_INTAKE).getConnection();
				Connection provisioner = this.stack.database(Service.PROVISIONER).getConnection();
				PreparedStatement intakeBacklog = intake
					.prepareStatement("SELECT count(*) FROM outbox WHERE published_at IS NULL");
				PreparedStatement provisionerBacklog = provisioner
					.prepareStatement("SELECT count(*) FROM status_outbox");
				ResultSet intakeRows = intakeBacklog.executeQuery();
				ResultSet provisionerRows = provisionerBacklog.executeQuery()) {
			return intakeRows.next() && intakeRows.getLong(1) == 0 && provisionerRows.next()
					&& provisionerRows.getLong(1) == 0;
		}
		catch (SQLException ex) {
			return false;
		}
	}

	/**
	 * Checks every invariant for the orders of one customer.
	 * @param customerId the scenario's customer
	 * @param accepted the order ids answered 202
	 * @return what was found
	 */
	public Verdict verify(String customerId, Set<String> accepted) {
		try {
			Map<String, String> viewStatus = viewStatuses(customerId);
			Set<String> lost = new HashSet<>();
			for (String id : accepted) {
				String status = viewStatus.get(id);
				if (status == null || !TERMINAL.contains(status)) {
					lost.add(id);
				}
			}
			Set<String> phantoms = new HashSet<>(viewStatus.keySet());
			phantoms.removeAll(accepted);
			Set<String> uncommitted = new HashSet<>(accepted);
			uncommitted.removeAll(intakeOrders(accepted));
			Map<String, String> duplicates = new TreeMap<>();
			historyDuplicates(accepted, duplicates);
			int redelivered = statusTopicDuplicates(accepted, duplicates);
			int replays = backendDuplicates(accepted, duplicates);
			String whereLost = lost.isEmpty() ? "" : whereLost(lost, viewStatus);
			Verdict verdict = new Verdict(lost, phantoms, uncommitted, duplicates, redelivered, replays, whereLost);
			log.info(
					"Invariants for {}: {} accepted, {} lost, {} phantoms, {} uncommitted, {} duplicates, "
							+ "{} redelivered status events, {} backend replays",
					customerId, accepted.size(), lost.size(), phantoms.size(), uncommitted.size(), duplicates.size(),
					redelivered, replays);
			return verdict;
		}
		catch (SQLException ex) {
			throw new IllegalStateException("Cannot check the invariants: " + ex.getMessage(), ex);
		}
	}

	/**
	 * Where lost orders stopped: intake's outbox, the provisioner's job store, the view.
	 */
	private String whereLost(Set<String> lost, Map<String, String> viewStatus) throws SQLException {
		String[] ids = lost.toArray(String[]::new);
		Map<String, Long> where = new TreeMap<>();
		try (Connection connection = this.stack.database(Service.ORDER_INTAKE).getConnection();
				PreparedStatement statement = connection.prepareStatement("""
						SELECT CASE WHEN published_at IS NULL THEN 'outbox unpublished' ELSE 'outbox published' END,
						       count(*) FROM outbox WHERE message_key = ANY(?) GROUP BY 1""")) {
			statement.setArray(1, connection.createArrayOf("text", ids));
			try (ResultSet rs = statement.executeQuery()) {
				while (rs.next()) {
					where.put(rs.getString(1), rs.getLong(2));
				}
			}
		}
		try (Connection connection = this.stack.database(Service.PROVISIONER).getConnection();
				PreparedStatement statement = connection.prepareStatement("""
						SELECT 'job ' || state || ' at ' || step, count(*) FROM provisioning_job
						WHERE order_id = ANY(?) GROUP BY 1""")) {
			statement.setArray(1, connection.createArrayOf("text", ids));
			try (ResultSet rs = statement.executeQuery()) {
				long jobs = 0;
				while (rs.next()) {
					where.put(rs.getString(1), rs.getLong(2));
					jobs += rs.getLong(2);
				}
				where.put("no provisioning job", lost.size() - jobs);
			}
		}
		for (String id : lost) {
			where.merge("view " + viewStatus.getOrDefault(id, "missing"), 1L, Long::sum);
		}
		return where.toString();
	}

	private Map<String, String> viewStatuses(String customerId) throws SQLException {
		Map<String, String> statuses = new HashMap<>();
		try (Connection connection = this.stack.database(Service.STATUS_SERVICE).getConnection();
				PreparedStatement statement = connection
					.prepareStatement("SELECT order_id, status FROM order_view WHERE customer_id = ?")) {
			statement.setString(1, customerId);
			try (ResultSet rs = statement.executeQuery()) {
				while (rs.next()) {
					statuses.put(rs.getString(1), rs.getString(2));
				}
			}
		}
		return statuses;
	}

	private Set<String> intakeOrders(Set<String> ids) throws SQLException {
		Set<String> found = new HashSet<>();
		try (Connection connection = this.stack.database(Service.ORDER_INTAKE).getConnection();
				PreparedStatement statement = connection
					.prepareStatement("SELECT id::text FROM orders WHERE id::text = ANY(?)")) {
			statement.setArray(1, textArray(connection, ids));
			try (ResultSet rs = statement.executeQuery()) {
				while (rs.next()) {
					found.add(rs.getString(1));
				}
			}
		}
		return found;
	}

	/**
	 * Two terminal transitions, or history sequences that repeat or end before the
	 * terminal one.
	 */
	private void historyDuplicates(Set<String> ids, Map<String, String> duplicates) throws SQLException {
		Map<String, List<String[]>> histories = new LinkedHashMap<>();
		try (Connection connection = this.stack.database(Service.STATUS_SERVICE).getConnection();
				PreparedStatement statement = connection.prepareStatement("""
						SELECT order_id, status, step, sequence FROM order_history
						WHERE order_id = ANY(?) AND status <> 'NEW'
						ORDER BY order_id, sequence
						""")) {
			statement.setArray(1, textArray(connection, ids));
			try (ResultSet rs = statement.executeQuery()) {
				while (rs.next()) {
					histories.computeIfAbsent(rs.getString(1), (id) -> new ArrayList<>())
						.add(new String[] { rs.getString(2), rs.getString(3), rs.getString(4) });
				}
			}
		}
		histories.forEach((orderId, rows) -> {
			long terminals = rows.stream().filter((row) -> TERMINAL.contains(row[0])).count();
			if (terminals > 1) {
				duplicates.merge(orderId, terminals + " terminal transitions in the history", PipelineCheck::both);
			}
			Set<String> sequences = new HashSet<>();
			for (String[] row : rows) {
				if (!sequences.add(row[2])) {
					duplicates.merge(orderId, "history sequence " + row[2] + " twice", PipelineCheck::both);
				}
			}
			String[] last = rows.get(rows.size() - 1);
			if (terminals == 1 && !TERMINAL.contains(last[0])) {
				duplicates.merge(orderId, "history has " + last[0] + " after its terminal status", PipelineCheck::both);
			}
		});
	}

	/**
	 * On the status topic, per order in offset order: the sequences of new events never
	 * decrease, and a sequence never carries two different event ids. An event re-sent
	 * after a relay crash (same id) may follow newer ones: that is the at-least-once
	 * delivery the consumers absorb, and it is counted, not flagged.
	 * @return how many records repeat an earlier event (same event id)
	 */
	private int statusTopicDuplicates(Set<String> ids, Map<String, String> duplicates) {
		OrderStatusChangedDeserializer decoder = new OrderStatusChangedDeserializer();
		Map<String, Map<Long, String>> eventBySequence = new HashMap<>();
		Map<String, Long> lastSequence = new HashMap<>();
		int redelivered = 0;
		for (ConsumerRecord<String, byte[]> record : TopicRecords.readAll(this.stack.bootstrapServers(),
				Topics.ORDER_STATUS.name())) {
			if (record.key() == null || !ids.contains(record.key())) {
				continue;
			}
			OrderStatusChanged event;
			try {
				event = decoder.deserialize(record.topic(), record.value());
			}
			catch (EventDecodingException ex) {
				continue;
			}
			String orderId = event.getOrderId();
			long sequence = event.getSequence();
			String eventId = event.getEventId();
			String earlier = eventBySequence.computeIfAbsent(orderId, (id) -> new HashMap<>())
				.putIfAbsent(sequence, eventId);
			if (earlier != null) {
				if (earlier.equals(eventId)) {
					// At-least-once: the relay re-sends what it sent but did not mark
					// before a crash, the same events with the same ids, after newer
					// ones. Consumers absorb them by event id; not a regression.
					redelivered++;
					continue;
				}
				duplicates.merge(orderId, "sequence " + sequence + " carries two events on the status topic",
						PipelineCheck::both);
			}
			Long last = lastSequence.get(orderId);
			if (last != null && sequence < last) {
				duplicates.merge(orderId, "sequence " + sequence + " after " + last + " on the status topic",
						PipelineCheck::both);
			}
			lastSequence.merge(orderId, sequence, Math::max);
		}
		return redelivered;
	}

	/**
	 * The simulated backend's journal: a step executed (or rejected) more than once.
	 * @return how many calls were answered from an earlier execution
	 */
	private int backendDuplicates(Set<String> ids, Map<String, String> duplicates) throws SQLException {
		int replays = 0;
		DataSource provisioner = this.stack.database(Service.PROVISIONER);
		try (Connection connection = provisioner.getConnection();
				PreparedStatement statement = connection.prepareStatement("""
						SELECT order_id, step,
						       count(*) FILTER (WHERE outcome IN ('EXECUTED', 'REJECTED')),
						       count(*) FILTER (WHERE outcome = 'REPLAYED')
						FROM backend_calls WHERE order_id = ANY(?)
						GROUP BY order_id, step
						""")) {
			statement.setArray(1, textArray(connection, ids));
			try (ResultSet rs = statement.executeQuery()) {
				while (rs.next()) {
					if (rs.getInt(3) > 1) {
						duplicates.merge(rs.getString(1),
								"backend executed " + rs.getString(2) + " " + rs.getInt(3) + " times",
								PipelineCheck::both);
					}
					replays += rs.getInt(4);
				}
			}
		}
		return replays;
	}

	private static String both(String first, String second) {
		return first + "; " + second;
	}

	private static Array textArray(Connection connection, Set<String> ids) throws SQLException {
		return connection.createArrayOf("text", ids.toArray());
	}

}
