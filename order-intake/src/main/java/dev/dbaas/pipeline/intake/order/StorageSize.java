package dev.dbaas.pipeline.intake.order;

/**
 * Storage of a node in GB, as offered by the catalog.
 *
 * @param gb size in GB, positive
 */
public record StorageSize(int gb) {

	public StorageSize {
		if (gb <= 0) {
			throw new IllegalArgumentException("storage must be positive, got " + gb);
		}
	}

}
