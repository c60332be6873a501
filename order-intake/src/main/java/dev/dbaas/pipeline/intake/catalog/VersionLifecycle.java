package dev.dbaas.pipeline.intake.catalog;

import java.time.LocalDate;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * When a version of a database engine stops being supported by its project.
 *
 * @param version the version, e.g. {@code 11.4}
 * @param endOfLife the last day of upstream support, or {@code null} while the project
 * has not announced one
 */
public record VersionLifecycle(String version, @Nullable LocalDate endOfLife) {

	public VersionLifecycle {
		Objects.requireNonNull(version, "version");
	}

	/**
	 * Whether the version is past its end of life on a day.
	 * @param today the day
	 * @return {@code true} from the day after its end of life on
	 */
	public boolean isRetiredOn(LocalDate today) {
		return this.endOfLife != null && today.isAfter(this.endOfLife);
	}

}
