package dev.dbaas.pipeline.bench;

import java.util.Iterator;
import java.util.Locale;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * Writes maps, lists, strings, numbers and booleans as indented JSON. The report is all
 * the bench writes, so it needs no JSON library.
 */
final class Json {

	private Json() {
	}

	static String write(@Nullable Object value) {
		StringBuilder out = new StringBuilder();
		write(out, value, 0);
		return out.append('\n').toString();
	}

	private static void write(StringBuilder out, @Nullable Object value, int depth) {
		if (value == null) {
			out.append("null");
		}
		else if (value instanceof Map<?, ?> map) {
			writeEntries(out, map.entrySet().iterator(), depth, '{', '}');
		}
		else if (value instanceof Iterable<?> list) {
			writeEntries(out, list.iterator(), depth, '[', ']');
		}
		else if (value instanceof Double || value instanceof Float) {
			double number = ((Number) value).doubleValue();
			if (Double.isNaN(number) || Double.isInfinite(number)) {
				out.append("null");
			}
			else if (number == Math.rint(number) && Math.abs(number) < 1e15) {
				out.append((long) number);
			}
			else {
				out.append(String.format(Locale.ROOT, "%s", number));
			}
		}
		else if (value instanceof Number || value instanceof Boolean) {
			out.append(value);
		}
		else {
			quote(out, value.toString());
		}
	}

	private static void writeEntries(StringBuilder out, Iterator<?> entries, int depth, char open, char close) {
		out.append(open);
		if (!entries.hasNext()) {
			out.append(close);
			return;
		}
		while (entries.hasNext()) {
			Object entry = entries.next();
			out.append('\n').append("  ".repeat(depth + 1));
			if (entry instanceof Map.Entry<?, ?> keyed) {
				quote(out, String.valueOf(keyed.getKey()));
				out.append(": ");
				write(out, keyed.getValue(), depth + 1);
			}
			else {
				write(out, entry, depth + 1);
			}
			if (entries.hasNext()) {
				out.append(',');
			}
		}
		out.append('\n').append("  ".repeat(depth)).append(close);
	}

	private static void quote(StringBuilder out, String text) {
		out.append('"');
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			switch (c) {
				case '"' -> out.append("\\\"");
				case '\\' -> out.append("\\\\");
				case '\n' -> out.append("\\n");
				case '\r' -> out.append("\\r");
				case '\t' -> out.append("\\t");
				default -> {
					if (c < 0x20) {
						out.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
					}
					else {
						out.append(c);
					}
				}
			}
		}
		out.append('"');
	}

}
