package dev.dbaas.pipeline.intake.idempotency;

/**
 * The value of an {@code Idempotency-Key} header: 1 to 255 visible ASCII characters
 * ({@code 0x21} to {@code 0x7E}). It means something only together with the customer it
 * was sent for.
 *
 * @param value the key
 */
public record IdempotencyKey(String value) {

	/** Longest key accepted. */
	public static final int MAX_LENGTH = 255;

	public IdempotencyKey {
		if (!isValid(value)) {
			throw new IllegalArgumentException("an idempotency key is 1 to 255 visible ASCII characters");
		}
	}

	/**
	 * Whether a header value is a valid key.
	 * @param value the header value
	 * @return {@code true} if it has 1 to 255 characters, each from {@code !} to
	 * {@code ~}
	 */
	public static boolean isValid(String value) {
		return !value.isEmpty() && value.length() <= MAX_LENGTH
				&& value.chars().allMatch((c) -> c >= 0x21 && c <= 0x7E);
	}

	@Override
	public String toString() {
		return this.value;
	}

}
