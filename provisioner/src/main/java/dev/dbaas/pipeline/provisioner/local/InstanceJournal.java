package dev.dbaas.pipeline.provisioner.local;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.util.List;

import dev.dbaas.pipeline.provisioner.provisioning.ProvisioningStep;
import org.jspecify.annotations.Nullable;

/**
 * The per-instance log of every call the backend received ({@code journal.log}): step,
 * attempt, what the call did ({@code EXECUTED}, {@code REPLAYED}, {@code REJECTED},
 * {@code TRANSIENT_ERROR}), how long it took, who called and for which order (the create
 * and every change order of the instance write to the same journal; once a delete removed
 * the instance's directory, its journal lives on in the instance's tombstone). Appended
 * with one write per line, so that a crash loses at most the line of the call it
 * interrupted, and tests can prove that no step ran twice.
 */
public final class InstanceJournal {

	/** What one call did. */
	public enum Outcome {

		/** The step's effect was created now. */
		EXECUTED,

		/** The step had completed before; nothing was created. */
		REPLAYED,

		/** The step failed for good. */
		REJECTED,

		/** The step failed and may succeed on a later attempt. */
		TRANSIENT_ERROR

	}

	/**
	 * One journal line.
	 *
	 * @param step the step
	 * @param attempt the attempt
	 * @param outcome what the call did
	 * @param millis how long it took
	 * @param orderId the order of the call, {@code null} in lines written before orders
	 * were journalled (they are the create's)
	 */
	public record Entry(ProvisioningStep step, int attempt, Outcome outcome, long millis, @Nullable String orderId) {

		/**
		 * Whether the line is about an order.
		 * @param order the order id
		 * @param create the instance's create order
		 * @return {@code true} if it names the order, or names none and the order is the
		 * instance's create
		 */
		public boolean isOf(String order, String create) {
			return (this.orderId != null) ? this.orderId.equals(order) : order.equals(create);
		}

	}

	private static final String FILE = "journal.log";

	private InstanceJournal() {
	}

	static void append(Path directory, Clock clock, ProvisioningStep step, int attempt, Outcome outcome, long millis,
			String caller, String orderId) throws IOException {
		String line = clock.instant() + " " + step + " attempt=" + attempt + " " + outcome + " millis=" + millis
				+ " caller=" + caller + " order=" + orderId + "\n";
		Files.writeString(directory.resolve(FILE), line, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
				StandardOpenOption.APPEND, StandardOpenOption.WRITE);
	}

	static List<Entry> read(Path directory) throws IOException {
		Path file = directory.resolve(FILE);
		if (!Files.isRegularFile(file)) {
			return List.of();
		}
		return Files.readAllLines(file, StandardCharsets.UTF_8)
			.stream()
			.filter((line) -> !line.isBlank())
			.map((line) -> {
				String[] parts = line.split(" ");
				String order = null;
				for (int i = 5; i < parts.length; i++) {
					if (parts[i].startsWith("order=")) {
						order = parts[i].substring("order=".length());
					}
				}
				return new Entry(ProvisioningStep.valueOf(parts[1]),
						Integer.parseInt(parts[2].substring("attempt=".length())), Outcome.valueOf(parts[3]),
						Long.parseLong(parts[4].substring("millis=".length())), order);
			})
			.toList();
	}

}
