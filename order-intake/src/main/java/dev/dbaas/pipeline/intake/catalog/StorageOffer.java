package dev.dbaas.pipeline.intake.catalog;

/**
 * The storage a node may have: from {@code minGb} to {@code maxGb} in steps of
 * {@code stepGb}.
 *
 * @param minGb smallest size, a multiple of the step
 * @param maxGb largest size, a multiple of the step
 * @param stepGb step
 */
public record StorageOffer(int minGb, int maxGb, int stepGb) {

	public StorageOffer {
		if (stepGb < 1 || minGb < stepGb || maxGb < minGb || minGb % stepGb != 0 || maxGb % stepGb != 0) {
			throw new IllegalArgumentException("storage offer must be whole steps with 0 < min <= max, got " + minGb
					+ ".." + maxGb + "/" + stepGb);
		}
	}

	/**
	 * Whether a size is offered.
	 * @param gb size in GB
	 * @return {@code true} if within range and on a step
	 */
	public boolean offers(long gb) {
		return gb >= this.minGb && gb <= this.maxGb && gb % this.stepGb == 0;
	}

}
