package dev.dbaas.pipeline.tail;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import dev.dbaas.pipeline.events.OrderStatus;
import dev.dbaas.pipeline.events.OrderType;
import dev.dbaas.pipeline.schemas.Topics;
import org.jspecify.annotations.Nullable;

/**
 * What the user asked for on the command line. Immutable; {@link #toString()} shows no
 * secret (see {@link KafkaClientSettings}).
 *
 * @param kafka how to reach Kafka
 * @param topic the status topic
 * @param from where to start in each partition
 * @param follow {@code true} to wait for new events, {@code false} to stop at the end of
 * the topic as it was at start
 * @param filter which events to print
 * @param format how to print them
 */
public record TailOptions(KafkaClientSettings kafka, String topic, StartPosition from, boolean follow,
		EventFilter filter, OutputFormat format) {

	/** Default of {@code --bootstrap-servers}, the local launcher's broker. */
	public static final String DEFAULT_BOOTSTRAP_SERVERS = KafkaClientSettings.DEFAULT_BOOTSTRAP_SERVERS;

	private static final Pattern AGO = Pattern.compile("-(\\d{1,9})([smhd])");

	private static final Set<String> VALUE_OPTIONS = Stream
		.concat(Stream.of("topic", "from", "status", "type", "customer", "order", "format"),
				KafkaClientSettings.OPTIONS.stream())
		.collect(Collectors.toUnmodifiableSet());

	private static final Set<String> REPEATABLE = Set.of("status", "type");

	private static final Set<String> FLAGS = Set.of("follow", "no-follow", "help");

	/**
	 * Whether the user asked for the usage text.
	 * @param args the command line
	 * @return {@code true} for {@code -h} or {@code --help} anywhere
	 */
	public static boolean wantsHelp(List<String> args) {
		return args.contains("-h") || args.contains("--help");
	}

	/**
	 * Reads the command line. Options are {@code --name=value} or {@code --name value};
	 * {@code --status} and {@code --type} may be repeated and take comma-separated
	 * values.
	 * @param args the command line
	 * @param now the current time, for {@code --from=-15m}
	 * @return the options, with defaults for what was not given
	 * @throws BadArguments naming the first problem
	 */
	public static TailOptions parse(List<String> args, Instant now) {
		CommandLine line = CommandLine.parse(args, VALUE_OPTIONS, REPEATABLE, FLAGS);
		if (line.flag("follow") && line.flag("no-follow")) {
			throw new BadArguments("--follow and --no-follow contradict each other");
		}
		Set<OrderStatus> statuses = EnumSet.noneOf(OrderStatus.class);
		line.values("status")
			.forEach((value) -> statuses.addAll(symbols("--status", "status", value, OrderStatus.class)));
		Set<OrderType> types = EnumSet.noneOf(OrderType.class);
		line.values("type").forEach((value) -> types.addAll(symbols("--type", "order type", value, OrderType.class)));
		StartPosition from = startPosition(line.value("from", "end"), now);
		return new TailOptions(KafkaClientSettings.from(line), line.value("topic", Topics.ORDER_STATUS.name()), from,
				!line.flag("no-follow"), new EventFilter(statuses, types, line.value("customer"), line.value("order")),
				OutputFormat.parse(line.value("format", "json")));
	}

	/**
	 * Kafka's bootstrap servers.
	 * @return {@code host:port[,...]}
	 */
	public String bootstrapServers() {
		return this.kafka.bootstrapServers();
	}

	private static <E extends Enum<E>> Set<E> symbols(String option, String what, String value, Class<E> type) {
		Set<E> symbols = EnumSet.noneOf(type);
		for (String name : value.split(",", -1)) {
			E symbol = symbolNamed(type, name.trim().toUpperCase(Locale.ROOT));
			if (symbol == null) {
				throw new BadArguments(option + ": unknown " + what + " '" + name.trim() + "'; one of "
						+ Arrays.stream(type.getEnumConstants()).map(Enum::name).collect(Collectors.joining(", ")));
			}
			symbols.add(symbol);
		}
		return symbols;
	}

	private static <E extends Enum<E>> @Nullable E symbolNamed(Class<E> type, String name) {
		for (E symbol : type.getEnumConstants()) {
			if (symbol.name().equals(name)) {
				return symbol;
			}
		}
		return null;
	}

	/**
	 * Reads a start position as {@code --from} takes it.
	 * @param value {@code beginning}, {@code end}, an ISO-8601 time or a time ago such as
	 * {@code -15m}
	 * @param now the current time, for a time ago
	 * @return the position
	 * @throws BadArguments for anything else
	 */
	public static StartPosition startPosition(String value, Instant now) {
		if (value.equalsIgnoreCase("beginning")) {
			return new StartPosition.Beginning();
		}
		if (value.equalsIgnoreCase("end")) {
			return new StartPosition.End();
		}
		Matcher ago = AGO.matcher(value.toLowerCase(Locale.ROOT));
		if (ago.matches()) {
			Duration unit = switch (ago.group(2)) {
				case "s" -> Duration.ofSeconds(1);
				case "m" -> Duration.ofMinutes(1);
				case "h" -> Duration.ofHours(1);
				default -> Duration.ofDays(1);
			};
			return new StartPosition.At(now.minus(unit.multipliedBy(Long.parseLong(ago.group(1)))));
		}
		try {
			return new StartPosition.At(OffsetDateTime.parse(value).toInstant());
		}
		catch (DateTimeParseException ex) {
			throw new BadArguments("--from must be beginning, end, an ISO-8601 time such as 2026-11-25T15:00:00Z"
					+ " or a time ago such as -15m; got '" + value + "'");
		}
	}

}
