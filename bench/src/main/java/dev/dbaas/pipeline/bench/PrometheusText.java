package dev.dbaas.pipeline.bench;

import org.jspecify.annotations.Nullable;

/**
 * Reads single figures out of a Prometheus text exposition (a service's
 * {@code /actuator/prometheus}) without a parser library.
 */
final class PrometheusText {

	private PrometheusText() {
	}

	/**
	 * The sum of every sample of a metric, over all its label sets.
	 * @param text the exposition
	 * @param metric the metric's name as exposed, e.g. {@code outbox_backlog}
	 * @param labelFilter text the sample's labels must contain, or {@code null} for any
	 * @return the sum, or {@code NaN} if the metric has no sample
	 */
	static double sum(String text, String metric, @Nullable String labelFilter) {
		double sum = 0;
		boolean found = false;
		for (String line : text.split("\n")) {
			if (!line.startsWith(metric) || line.length() <= metric.length()) {
				continue;
			}
			char next = line.charAt(metric.length());
			if (next != '{' && next != ' ') {
				continue;
			}
			int valueStart = line.lastIndexOf(' ');
			String labels = (next == '{') ? line.substring(metric.length(), line.indexOf('}') + 1) : "";
			if (labelFilter != null && !labels.contains(labelFilter)) {
				continue;
			}
			try {
				sum += Double.parseDouble(line.substring(valueStart + 1).trim());
				found = true;
			}
			catch (NumberFormatException ex) {
				// a sample with a timestamp or a malformed line: not this figure
			}
		}
		return found ? sum : Double.NaN;
	}

}
