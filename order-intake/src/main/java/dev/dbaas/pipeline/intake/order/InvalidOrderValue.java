package dev.dbaas.pipeline.intake.order;

/**
 * Thrown when a value type of an order is constructed from text that does not parse.
 * Parse user input with the type's {@code parse} method instead, which reports the same
 * detail as a value; this exception means a caller skipped that step.
 */
public class InvalidOrderValue extends IllegalArgumentException {

	private final Class<?> type;

	private final String detail;

	/**
	 * Creates the exception.
	 * @param type the value type that refused the input
	 * @param detail why, as its {@code parse} method phrases it
	 */
	public InvalidOrderValue(Class<?> type, String detail) {
		super(type.getSimpleName() + ": " + detail);
		this.type = type;
		this.detail = detail;
	}

	/**
	 * The value type that refused the input.
	 * @return e.g. {@code EmailAddress.class}
	 */
	public Class<?> type() {
		return this.type;
	}

	/**
	 * Why the input was refused.
	 * @return the detail, phrased as how to fix it
	 */
	public String detail() {
		return this.detail;
	}

}
