package dev.dbaas.pipeline.bench;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the body of status-service's {@code GET /v1/orders/summary} without a JSON
 * library, so that the bench spends no CPU on parsing.
 */
final class StatusSummary {

	private static final Pattern BY_STATUS = Pattern.compile("\"byStatus\"\\s*:\\s*\\{([^}]*)\\}");

	private static final Pattern COUNT = Pattern.compile("\"(NEW|PROCESSING)\"\\s*:\\s*(\\d+)");

	private static final Pattern DONE = Pattern.compile("\"DONE\"\\s*:\\s*(\\d+)");

	private StatusSummary() {
	}

	/**
	 * NEW plus PROCESSING in a summary's {@code byStatus}.
	 * @param summary the body of {@code GET /v1/orders/summary}
	 * @return the count, or {@code -1} without {@code byStatus}
	 */
	static long unfinished(String summary) {
		Matcher byStatus = BY_STATUS.matcher(summary);
		if (!byStatus.find()) {
			return -1;
		}
		long unfinished = 0;
		Matcher count = COUNT.matcher(byStatus.group(1));
		while (count.find()) {
			unfinished += Long.parseLong(count.group(2));
		}
		return unfinished;
	}

	/**
	 * DONE in a summary's {@code byStatus}.
	 * @param summary the body of {@code GET /v1/orders/summary}
	 * @return the count, or {@code -1} without {@code byStatus}
	 */
	static long done(String summary) {
		Matcher byStatus = BY_STATUS.matcher(summary);
		if (!byStatus.find()) {
			return -1;
		}
		Matcher done = DONE.matcher(byStatus.group(1));
		return done.find() ? Long.parseLong(done.group(1)) : 0;
	}

}
