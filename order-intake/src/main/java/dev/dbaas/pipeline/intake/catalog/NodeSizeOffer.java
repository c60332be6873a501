package dev.dbaas.pipeline.intake.catalog;

import java.util.Locale;
import java.util.Objects;

/**
 * A node size on offer. Its id is the series letter, the vCPU count, a dash and the RAM
 * in GB, e.g. {@code b2-4}.
 *
 * @param id size id
 * @param series series name, e.g. {@code BASIC}
 * @param vcpu virtual CPUs
 * @param ramGb memory in GB
 */
public record NodeSizeOffer(String id, String series, int vcpu, int ramGb) {

	public NodeSizeOffer {
		Objects.requireNonNull(id, "id");
		Objects.requireNonNull(series, "series");
		if (vcpu < 1 || ramGb < 1) {
			throw new IllegalArgumentException("node size " + id + " needs positive vcpu and ramGb");
		}
		String expected = series.substring(0, 1).toLowerCase(Locale.ROOT) + vcpu + "-" + ramGb;
		if (!expected.equals(id)) {
			throw new IllegalArgumentException(
					"node size id " + id + " does not match its series, vcpu and ramGb (" + expected + ")");
		}
	}

}
