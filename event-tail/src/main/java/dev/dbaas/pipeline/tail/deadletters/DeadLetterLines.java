package dev.dbaas.pipeline.tail.deadletters;

import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;

import dev.dbaas.pipeline.tail.OutputFormat;
import org.apache.avro.Schema;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Renders dead letters and re-drives as JSON lines ({@code --format=json}, one object per
 * record) or as readable text ({@code --format=text}). A value that does not decode is
 * shown by its size and a prefix of its bytes, in hex and in base64, never whole.
 *
 * <p>
 * Thread-safe.
 */
final class DeadLetterLines {

	/** How many bytes of an undecodable value the hex prefix shows. */
	static final int HEX_PREFIX = 32;

	/** How many bytes of an undecodable value the base64 prefix shows. */
	static final int BASE64_PREFIX = 48;

	private final JsonMapper json = JsonMapper.builder().build();

	private final OutputFormat format;

	DeadLetterLines(OutputFormat format) {
		this.format = format;
	}

	/**
	 * One dead letter, as {@code dead-letters list} shows it.
	 * @param letter the dead letter
	 * @param payload what its value is
	 * @param refusal why a re-drive would refuse it, or {@code null}
	 * @return a JSON line, or a few lines of text
	 */
	String letter(DeadLetter letter, Payload payload, @Nullable String refusal) {
		return (this.format == OutputFormat.JSON) ? this.json.writeValueAsString(letterNode(letter, payload, refusal))
				: letterText(letter, payload, refusal);
	}

	/**
	 * A dead letter that was (or, with {@code --dry-run}, would be) re-driven.
	 * @param letter the dead letter
	 * @param payload what its value is
	 * @param redriven where it was written, or {@code null} for a dry run
	 * @param target the topic it goes to
	 * @return one line
	 */
	String redriven(DeadLetter letter, Payload payload, @Nullable RecordPosition redriven, String target) {
		if (this.format == OutputFormat.JSON) {
			ObjectNode line = this.json.createObjectNode();
			line.put("redriven", redriven != null);
			putPosition(line.putObject("deadLetter"), letter.position());
			if (redriven != null) {
				putPosition(line.putObject("to"), redriven);
			}
			else {
				line.putObject("to").put("topic", target);
			}
			if (letter.key() != null) {
				line.put("key", letter.key());
			}
			String eventId = eventIdOf(payload);
			if (eventId != null) {
				line.put("eventId", eventId);
			}
			return this.json.writeValueAsString(line);
		}
		return ((redriven != null) ? "re-driven " : "would re-drive ") + letter.position() + " -> "
				+ ((redriven != null) ? redriven : target) + ((letter.key() != null) ? " key " + letter.key() : "")
				+ ((eventIdOf(payload) != null) ? " event " + eventIdOf(payload) : "");
	}

	private ObjectNode letterNode(DeadLetter letter, Payload payload, @Nullable String refusal) {
		ObjectNode line = this.json.createObjectNode();
		ObjectNode position = line.putObject("deadLetter");
		putPosition(position, letter.position());
		if (letter.timestamp() != null) {
			position.put("timestamp", letter.timestamp().toString());
		}
		if (letter.key() != null) {
			line.put("key", letter.key());
		}
		if (letter.reason() != null) {
			line.put("reason", letter.reason());
		}
		if (letter.exceptionClass() != null || letter.exceptionMessage() != null) {
			ObjectNode exception = line.putObject("exception");
			if (letter.exceptionClass() != null) {
				exception.put("class", letter.exceptionClass());
			}
			if (letter.exceptionMessage() != null) {
				exception.put("message", letter.exceptionMessage());
			}
		}
		SourcePosition source = letter.source();
		if (source != null) {
			ObjectNode node = line.putObject("source");
			putPosition(node, source.position());
			if (source.timestamp() != null) {
				node.put("timestamp", source.timestamp().toString());
			}
			if (source.consumerGroup() != null) {
				node.put("consumerGroup", source.consumerGroup());
			}
		}
		String redrivenFrom = letter.header(Redrive.REDRIVEN_FROM);
		if (redrivenFrom != null) {
			line.put("redrivenFrom", redrivenFrom);
		}
		ObjectNode node = line.putObject("payload");
		if (payload instanceof Payload.Decoded decoded) {
			node.put("decodes", true);
			node.put("type", decoded.type());
			AvroJson.fill(decoded.event(), node.putObject("event"));
		}
		else if (payload instanceof Payload.Undecodable undecodable) {
			node.put("decodes", false);
			node.put("reason", undecodable.reason());
			node.put("message", undecodable.message());
			node.put("bytes", letter.size());
			byte[] value = letter.value();
			if (value != null && value.length > 0) {
				node.put("hexPrefix", hexPrefix(value));
				node.put("base64Prefix", base64Prefix(value));
			}
		}
		line.put("redrivable", refusal == null);
		if (refusal != null) {
			line.put("refusal", refusal);
		}
		return line;
	}

	private String letterText(DeadLetter letter, Payload payload, @Nullable String refusal) {
		StringBuilder text = new StringBuilder();
		text.append(letter.position());
		if (letter.timestamp() != null) {
			text.append("  ").append(letter.timestamp());
		}
		if (letter.key() != null) {
			text.append("  key ").append(letter.key());
		}
		SourcePosition source = letter.source();
		text.append("\n  from     ");
		if (source != null) {
			text.append(source.position());
			if (source.consumerGroup() != null) {
				text.append(" (group ").append(source.consumerGroup()).append(')');
			}
			if (source.timestamp() != null) {
				text.append(" written ").append(source.timestamp());
			}
		}
		else {
			text.append("unknown (no kafka_dlt-original-* headers)");
		}
		String redrivenFrom = letter.header(Redrive.REDRIVEN_FROM);
		if (redrivenFrom != null) {
			text.append(", re-driven before from ").append(redrivenFrom);
		}
		text.append("\n  reason   ")
			.append((letter.reason() != null) ? letter.reason()
					: (letter.exceptionMessage() != null) ? letter.exceptionMessage() : "none given");
		text.append("\n  payload  ");
		if (payload instanceof Payload.Decoded decoded) {
			text.append(decoded.type())
				.append(' ')
				.append(this.json.writeValueAsString(AvroJson.fill(decoded.event(), this.json.createObjectNode())));
		}
		else if (payload instanceof Payload.Undecodable undecodable) {
			text.append("does not decode: ")
				.append(undecodable.message())
				.append("; ")
				.append(letter.size())
				.append(" bytes");
			byte[] value = letter.value();
			if (value != null && value.length > 0) {
				text.append(", hex ").append(hexPrefix(value)).append(", base64 ").append(base64Prefix(value));
			}
		}
		text.append("\n  redrive  ").append((refusal != null) ? "refused: " + refusal : "ready");
		return text.toString();
	}

	private static void putPosition(ObjectNode node, RecordPosition position) {
		node.put("topic", position.topic());
		node.put("partition", position.partition());
		node.put("offset", position.offset());
	}

	private static @Nullable String eventIdOf(Payload payload) {
		if (payload instanceof Payload.Decoded decoded) {
			Schema.Field field = decoded.event().getSchema().getField("eventId");
			Object eventId = (field != null) ? decoded.event().get(field.pos()) : null;
			return (eventId != null) ? eventId.toString() : null;
		}
		return null;
	}

	static String hexPrefix(byte[] value) {
		String hex = HexFormat.of().formatHex(Arrays.copyOf(value, Math.min(value.length, HEX_PREFIX)));
		return (value.length > HEX_PREFIX) ? hex + "..." : hex;
	}

	static String base64Prefix(byte[] value) {
		String base64 = Base64.getEncoder().encodeToString(Arrays.copyOf(value, Math.min(value.length, BASE64_PREFIX)));
		return (value.length > BASE64_PREFIX) ? base64 + "..." : base64;
	}

}
