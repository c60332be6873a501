package dev.dbaas.pipeline.intake.catalog;

import java.time.LocalDate;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

/**
 * A database engine on offer.
 *
 * @param id engine id, e.g. {@code MARIADB}
 * @param name display name
 * @param versions versions on offer, never empty; each has an entry in {@code lifecycle}
 * @param defaultVersion the version an order gets when it names none; one of
 * {@code versions}
 * @param lifecycle the end of life of every version on offer and of retired ones that
 * orders may still name; empty only in catalogs written before versions had one
 * @param backend which provisioning backend serves the engine: {@code local} (real
 * servers on the provisioner's host) or {@code simulated}; informational
 */
public record DatabaseTypeOffer(String id, String name, List<String> versions, String defaultVersion,
		List<VersionLifecycle> lifecycle, @Nullable String backend) {

	public DatabaseTypeOffer {
		Objects.requireNonNull(id, "id");
		Objects.requireNonNull(name, "name");
		versions = List.copyOf(versions);
		lifecycle = (lifecycle != null) ? List.copyOf(lifecycle) : List.of();
		if (versions.isEmpty()) {
			throw new IllegalArgumentException("database type " + id + " offers no version");
		}
		if (!versions.contains(defaultVersion)) {
			throw new IllegalArgumentException(
					"default version " + defaultVersion + " of " + id + " is not among " + versions);
		}
		if (!lifecycle.isEmpty()) {
			List<String> described = lifecycle.stream().map(VersionLifecycle::version).toList();
			for (String version : versions) {
				if (!described.contains(version)) {
					throw new IllegalArgumentException(
							"version " + version + " of " + id + " has no end-of-life entry in lifecycle");
				}
			}
		}
	}

	/**
	 * An engine whose versions have no recorded end of life.
	 * @param id engine id
	 * @param name display name
	 * @param versions versions on offer
	 * @param defaultVersion default version
	 */
	public DatabaseTypeOffer(String id, String name, List<String> versions, String defaultVersion) {
		this(id, name, versions, defaultVersion, List.of(), null);
	}

	/**
	 * The lifecycle entry of a version.
	 * @param version a version
	 * @return its entry, if the catalog records one
	 */
	public Optional<VersionLifecycle> lifecycleOf(String version) {
		return this.lifecycle.stream().filter((entry) -> entry.version().equals(version)).findFirst();
	}

	/**
	 * This offer as it stands on a day: versions past their end of life are no longer
	 * offered, and the default moves to the newest version still supported.
	 * @param today the day
	 * @return the offer on that day; this one if nothing retired
	 * @throws IllegalStateException if every version is retired: the catalog needs an
	 * update
	 */
	public DatabaseTypeOffer asOf(LocalDate today) {
		List<String> supported = this.versions.stream()
			.filter((version) -> lifecycleOf(version).map((entry) -> !entry.isRetiredOn(today)).orElse(true))
			.toList();
		if (supported.size() == this.versions.size()) {
			return this;
		}
		if (supported.isEmpty()) {
			throw new IllegalStateException("every version of " + this.id + " is past its end of life on " + today
					+ ": the catalog needs a current version");
		}
		String newDefault = supported.contains(this.defaultVersion) ? this.defaultVersion
				: supported.get(supported.size() - 1);
		return new DatabaseTypeOffer(this.id, this.name, supported, newDefault, this.lifecycle, this.backend);
	}

}
