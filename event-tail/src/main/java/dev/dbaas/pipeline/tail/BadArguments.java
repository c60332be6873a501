package dev.dbaas.pipeline.tail;

/**
 * The command line cannot be followed; the message says what is wrong, in terms of the
 * options the user typed.
 */
public class BadArguments extends IllegalArgumentException {

	public BadArguments(String message) {
		super(message);
	}

}
