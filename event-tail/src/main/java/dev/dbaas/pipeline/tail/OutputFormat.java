package dev.dbaas.pipeline.tail;

import java.util.Locale;

/**
 * How a command prints what it read: {@code --format=json} (the default, one JSON object
 * per line, for pipes and alerting) or {@code --format=text} (one line per record, for a
 * human at a terminal).
 */
public enum OutputFormat {

	/** One JSON object per line. */
	JSON,

	/** One readable line per record; no promise of a stable layout. */
	TEXT;

	/**
	 * Reads the value of {@code --format}.
	 * @param value {@code json} or {@code text}, in any case
	 * @return the format
	 * @throws BadArguments for any other value
	 */
	public static OutputFormat parse(String value) {
		return switch (value.toLowerCase(Locale.ROOT)) {
			case "json" -> JSON;
			case "text" -> TEXT;
			default -> throw new BadArguments("--format must be json or text; got '" + value + "'");
		};
	}

}
