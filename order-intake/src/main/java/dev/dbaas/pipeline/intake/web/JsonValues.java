package dev.dbaas.pipeline.intake.web;

import tools.jackson.databind.JsonNode;

/**
 * How the request readers of order-intake name a JSON value in a problem's detail: its
 * kind and, for strings and numbers, its first 40 characters.
 */
public final class JsonValues {

	private JsonValues() {
	}

	/**
	 * Names a JSON value for a message.
	 * @param node the value
	 * @return e.g. {@code the string "b3-5"}, {@code an array}, {@code null}
	 */
	public static String describe(JsonNode node) {
		if (node.isString()) {
			return "the string \"" + clip(node.stringValue()) + "\"";
		}
		if (node.isNumber()) {
			return "the number " + clip(node.asString());
		}
		if (node.isBoolean()) {
			return "the boolean " + node.asString();
		}
		if (node.isArray()) {
			return "an array";
		}
		if (node.isObject()) {
			return "an object";
		}
		return "null";
	}

	/**
	 * Shortens a value a client sent to 40 characters for a message.
	 * @param value the value
	 * @return the value, or its first 40 characters and an ellipsis
	 */
	public static String clip(String value) {
		return (value.length() > 40) ? value.substring(0, 40) + "…" : value;
	}

}
