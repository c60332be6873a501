package dev.dbaas.pipeline.provisioner.provisioning;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A data-centre region, e.g. {@code DE-WEST-1}.
 *
 * @param name upper-case letters, digits and dashes
 */
public record Region(String name) {

	private static final Pattern NAME = Pattern.compile("[A-Z0-9][A-Z0-9-]{0,62}");

	public Region {
		Objects.requireNonNull(name, "region");
		if (!NAME.matcher(name).matches()) {
			throw new IllegalArgumentException("region '" + name + "' is not an upper-case region name like DE-WEST-1");
		}
	}

	@Override
	public String toString() {
		return this.name;
	}

}
