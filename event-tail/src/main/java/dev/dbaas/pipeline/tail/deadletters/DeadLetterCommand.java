package dev.dbaas.pipeline.tail.deadletters;

import java.io.PrintStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import dev.dbaas.pipeline.schemas.Topics;
import dev.dbaas.pipeline.tail.BadArguments;
import dev.dbaas.pipeline.tail.CommandLine;
import dev.dbaas.pipeline.tail.KafkaClientSettings;
import dev.dbaas.pipeline.tail.OutputFormat;
import dev.dbaas.pipeline.tail.StartPosition;
import dev.dbaas.pipeline.tail.TailOptions;
import dev.dbaas.pipeline.tail.TopicNotFound;
import org.apache.kafka.common.KafkaException;

/**
 * {@code java -jar event-tail.jar dead-letters list|redrive [options]}: lists the records
 * of dead-letter topics, and re-drives chosen ones to their source topic. See
 * {@link #USAGE}.
 */
public final class DeadLetterCommand {

	/** Exit status: done. */
	public static final int DONE = 0;

	/** Exit status: Kafka cannot be read or written. */
	public static final int KAFKA_FAILED = 1;

	/** Exit status: bad arguments. */
	public static final int BAD_ARGUMENTS = 2;

	/**
	 * Exit status: chosen records are not there, or a re-drive refuses some of them;
	 * nothing was re-driven.
	 */
	public static final int REFUSED = 3;

	static final String USAGE = """
			Usage: java -jar event-tail.jar dead-letters list [options]
			       java -jar event-tail.jar dead-letters redrive --topic=DLT (--offsets=P:O[,...] | --all) [options]
			Lists dead letters with their reason, source position and decoded payload; re-drives chosen
			ones to the topic they came from, with the same key and value bytes and a
			pipeline_redriven-from header.

			list:
			  --topic=NAME[,NAME...]               dead-letter topics (default %s);
			                                       may be repeated
			  --offsets=P:O[,P:O...]               only these records, as partition:offset, e.g. 0:12,3:7;
			                                       with one --topic
			  --from=POSITION                      beginning (default), an ISO-8601 time or a time ago
			                                       (-30s, -15m, -2h, -7d)
			  --order=ID                           only dead letters with this key (order id)
			redrive:
			  --topic=NAME                         the dead-letter topic (required)
			  --offsets=P:O[,P:O...]               the records to re-drive, or
			  --all                                every record of the topic
			  --dry-run                            show what would be re-driven, publish nothing
			  --force                              also re-drive records that do not decode under the
			                                       current schemas (consumers will dead-letter them again)
			  --skip-refused                       re-drive the others when some are missing or refused
			both:
			  --format=json|text                   JSON lines (default) or text for a terminal
			%s  -h, --help                           this text

			A re-drive checks every chosen record first and publishes nothing if one is missing or
			refused (unless --skip-refused). Exit status: 0 done, 1 Kafka cannot be read or written, 2 bad arguments,
			3 records missing or refused (nothing re-driven).
			""".formatted(Topics.ORDER_PLACED_DLT.name() + ", " + Topics.ORDER_STATUS_DLT.name(),
			KafkaClientSettings.USAGE);

	private static final Set<String> VALUE_OPTIONS = Stream
		.concat(Stream.of("topic", "offsets", "from", "order", "format"), KafkaClientSettings.OPTIONS.stream())
		.collect(Collectors.toUnmodifiableSet());

	private static final Set<String> REPEATABLE = Set.of("topic", "offsets");

	private static final Set<String> LIST_ONLY = Set.of("from", "order");

	private static final Set<String> FLAGS = Set.of("all", "force", "skip-refused", "dry-run", "help");

	private final PrintStream out;

	private final PrintStream err;

	private final Payloads payloads = new Payloads();

	private DeadLetterCommand(PrintStream out, PrintStream err) {
		this.out = out;
		this.err = err;
	}

	/**
	 * Runs {@code dead-letters ...}.
	 * @param args the arguments after {@code dead-letters}
	 * @param out where listed and re-driven records go
	 * @param err where errors, refusals and the usage text go
	 * @return the exit status
	 */
	public static int run(List<String> args, PrintStream out, PrintStream err) {
		return new DeadLetterCommand(out, err).run(args);
	}

	private int run(List<String> args) {
		if (args.isEmpty() || args.contains("-h") || args.contains("--help")) {
			this.err.print(USAGE);
			return args.isEmpty() ? BAD_ARGUMENTS : DONE;
		}
		String action = args.get(0);
		CommandLine line;
		try {
			if (!action.equals("list") && !action.equals("redrive")) {
				throw new BadArguments("dead-letters: unknown command '" + action + "'; list or redrive");
			}
			line = CommandLine.parse(args.subList(1, args.size()), VALUE_OPTIONS, REPEATABLE, FLAGS);
			KafkaClientSettings kafka = KafkaClientSettings.from(line);
			OutputFormat format = OutputFormat.parse(line.value("format", "json"));
			if (action.equals("list")) {
				return list(line, kafka, new DeadLetterLines(format));
			}
			return redrive(line, kafka, new DeadLetterLines(format));
		}
		catch (BadArguments ex) {
			this.err.println("event-tail: " + ex.getMessage());
			this.err.println("Try dead-letters --help.");
			return BAD_ARGUMENTS;
		}
	}

	private int list(CommandLine line, KafkaClientSettings kafka, DeadLetterLines lines) {
		for (String flag : List.of("all", "force", "skip-refused", "dry-run")) {
			if (line.flag(flag)) {
				throw new BadArguments("--" + flag + " belongs to redrive, not list");
			}
		}
		List<String> topics = topics(line);
		if (topics.isEmpty()) {
			topics = List.of(Topics.ORDER_PLACED_DLT.name(), Topics.ORDER_STATUS_DLT.name());
		}
		List<String> offsets = line.values("offsets");
		if (!offsets.isEmpty() && topics.size() != 1) {
			throw new BadArguments("--offsets needs exactly one --topic");
		}
		StartPosition from = TailOptions.startPosition(line.value("from", "beginning"), Instant.now());
		String order = line.value("order");
		if (!offsets.isEmpty() && line.value("from") != null) {
			throw new BadArguments("--offsets and --from contradict each other");
		}
		int status = DONE;
		for (String topic : topics) {
			List<RecordPosition> chosen = positions(topic, offsets);
			try (DeadLetterTopic letters = DeadLetterTopic.open(kafka, topic)) {
				if (chosen.isEmpty()) {
					letters.readAll(from, (letter) -> {
						if (order == null || order.equals(letter.key())) {
							print(lines, letter);
						}
					});
				}
				else {
					DeadLetterTopic.Selection selection = letters.read(chosen);
					selection.found().forEach((letter) -> print(lines, letter));
					selection.missing().forEach((missing) -> this.err.println("event-tail: " + missing));
					if (!selection.missing().isEmpty()) {
						status = REFUSED;
					}
				}
			}
			catch (TopicNotFound | KafkaException ex) {
				this.out.flush();
				this.err.println("event-tail: cannot read " + topic + " from " + kafka.bootstrapServers() + ": "
						+ ex.getMessage());
				return KAFKA_FAILED;
			}
			this.out.flush();
		}
		return status;
	}

	private void print(DeadLetterLines lines, DeadLetter letter) {
		Payload payload = this.payloads.read(letter);
		this.out.println(lines.letter(letter, payload, Redrive.refusalOf(letter, payload, false)));
	}

	private int redrive(CommandLine line, KafkaClientSettings kafka, DeadLetterLines lines) {
		for (String option : LIST_ONLY) {
			if (line.value(option) != null) {
				throw new BadArguments("--" + option + " belongs to list, not redrive");
			}
		}
		List<String> topics = topics(line);
		if (topics.size() != 1) {
			throw new BadArguments("redrive needs exactly one --topic, the dead-letter topic");
		}
		String topic = topics.get(0);
		List<String> offsets = line.values("offsets");
		if (offsets.isEmpty() == !line.flag("all")) {
			throw new BadArguments(offsets.isEmpty() ? "redrive needs --offsets=P:O[,...] or --all"
					: "--offsets and --all contradict each other");
		}
		boolean force = line.flag("force");
		List<RecordPosition> positions = positions(topic, offsets);
		List<DeadLetter> chosen = new ArrayList<>();
		List<String> refusals = new ArrayList<>();
		try (DeadLetterTopic letters = DeadLetterTopic.open(kafka, topic)) {
			if (line.flag("all")) {
				letters.readAll(new StartPosition.Beginning(), chosen::add);
			}
			else {
				DeadLetterTopic.Selection selection = letters.read(positions);
				chosen.addAll(selection.found());
				refusals.addAll(selection.missing());
			}
		}
		catch (TopicNotFound | KafkaException ex) {
			this.err.println(
					"event-tail: cannot read " + topic + " from " + kafka.bootstrapServers() + ": " + ex.getMessage());
			return KAFKA_FAILED;
		}
		boolean skip = line.flag("skip-refused");
		List<DeadLetter> kept = new ArrayList<>();
		List<Payload> payloads = new ArrayList<>();
		for (DeadLetter letter : chosen) {
			Payload payload = this.payloads.read(letter);
			String refusal = Redrive.refusalOf(letter, payload, force);
			if (refusal != null) {
				refusals.add(letter.position() + ": refused, " + refusal);
			}
			else {
				kept.add(letter);
				payloads.add(payload);
			}
		}
		if (!refusals.isEmpty()) {
			refusals.forEach((refusal) -> this.err.println("event-tail: " + (skip ? "skipping " : "") + refusal));
			if (!skip) {
				this.err.println("event-tail: nothing was re-driven; choose --offsets without "
						+ ((refusals.size() == 1) ? "it" : "them") + ", or --skip-refused"
						+ (force ? "" : ", or --force for records that do not decode"));
				return REFUSED;
			}
		}
		chosen = kept;
		if (chosen.isEmpty()) {
			this.err.println("event-tail: " + topic + " has no dead letters" + (skip ? " that may be re-driven" : "")
					+ "; nothing to re-drive");
			return DONE;
		}
		if (line.flag("dry-run")) {
			for (int i = 0; i < chosen.size(); i++) {
				this.out.println(lines.redriven(chosen.get(i), payloads.get(i), null, targetOf(chosen.get(i))));
			}
			this.err.println("event-tail: dry run: " + chosen.size() + " record(s) would be re-driven; nothing was");
			return DONE;
		}
		try (Redrive redrive = Redrive.connect(kafka)) {
			List<RecordPosition> written = redrive.publish(chosen);
			for (int i = 0; i < chosen.size(); i++) {
				this.out
					.println(lines.redriven(chosen.get(i), payloads.get(i), written.get(i), targetOf(chosen.get(i))));
			}
			this.out.flush();
			this.err.println(
					"event-tail: re-drove " + written.size() + " record(s) from " + topic + " to " + targets(chosen));
			return DONE;
		}
		catch (Redrive.RedriveFailed ex) {
			for (int i = 0; i < ex.written().size(); i++) {
				this.out.println(
						lines.redriven(chosen.get(i), payloads.get(i), ex.written().get(i), targetOf(chosen.get(i))));
			}
			this.out.flush();
			this.err.println("event-tail: re-drive stopped: " + ex.getMessage() + "; " + ex.written().size() + " of "
					+ chosen.size() + " record(s) are known to be written (printed above), the others may or may not"
					+ " be; consumers absorb a record that is re-driven twice");
			return KAFKA_FAILED;
		}
		catch (KafkaException ex) {
			this.err.println("event-tail: cannot write to " + targets(chosen) + " on " + kafka.bootstrapServers() + ": "
					+ ex.getMessage() + "; nothing was re-driven");
			return KAFKA_FAILED;
		}
	}

	private static String targets(List<DeadLetter> letters) {
		return letters.stream().map(DeadLetterCommand::targetOf).distinct().collect(Collectors.joining(", "));
	}

	private static String targetOf(DeadLetter letter) {
		SourcePosition source = letter.source();
		return (source != null) ? source.position().topic() : "?";
	}

	private static List<String> topics(CommandLine line) {
		List<String> topics = new ArrayList<>();
		for (String value : line.values("topic")) {
			for (String topic : value.split(",", -1)) {
				if (topic.isBlank()) {
					throw new BadArguments("--topic: empty topic name in '" + value + "'");
				}
				topics.add(topic.trim());
			}
		}
		return topics;
	}

	static List<RecordPosition> positions(String topic, List<String> offsets) {
		List<RecordPosition> positions = new ArrayList<>();
		for (String value : offsets) {
			for (String item : value.split(",", -1)) {
				String trimmed = item.trim();
				int colon = trimmed.indexOf(':');
				long partition;
				long offset;
				try {
					partition = (colon > 0) ? Long.parseLong(trimmed.substring(0, colon)) : -1;
					offset = (colon > 0) ? Long.parseLong(trimmed.substring(colon + 1)) : -1;
				}
				catch (NumberFormatException ex) {
					partition = -1;
					offset = -1;
				}
				if (partition < 0 || partition > Integer.MAX_VALUE || offset < 0) {
					throw new BadArguments("--offsets: '" + trimmed + "' is not PARTITION:OFFSET, e.g. 0:12");
				}
				RecordPosition position = new RecordPosition(topic, (int) partition, offset);
				if (!positions.contains(position)) {
					positions.add(position);
				}
			}
		}
		return positions;
	}

}
