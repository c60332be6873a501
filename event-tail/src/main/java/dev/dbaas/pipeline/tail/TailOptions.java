package dev.dbaas.pipeline.tail;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import dev.dbaas.pipeline.events.OrderStatus;
import dev.dbaas.pipeline.schemas.Topics;
import org.jspecify.annotations.Nullable;

/**
 * What the user asked for on the command line. Immutable.
 *
 * @param bootstrapServers Kafka's bootstrap servers
 * @param topic the status topic
 * @param from where to start in each partition
 * @param follow {@code true} to wait for new events, {@code false} to stop at the end of
 * the topic as it was at start
 * @param filter which events to print
 */
public record TailOptions(String bootstrapServers, String topic, StartPosition from, boolean follow,
		EventFilter filter) {

	/** Default of {@code --bootstrap-servers}, the local launcher's broker. */
	public static final String DEFAULT_BOOTSTRAP_SERVERS = "localhost:9092";

	private static final Pattern AGO = Pattern.compile("-(\\d{1,9})([smhd])");

	private static final List<String> VALUE_OPTIONS = List.of("bootstrap-servers", "topic", "from", "status",
			"customer", "order");

	private static final List<String> FLAGS = List.of("follow", "no-follow", "help");

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
	 * {@code --status} may be repeated and takes comma-separated statuses.
	 * @param args the command line
	 * @param now the current time, for {@code --from=-15m}
	 * @return the options, with defaults for what was not given
	 * @throws BadArguments naming the first problem
	 */
	public static TailOptions parse(List<String> args, Instant now) {
		Map<String, String> single = new HashMap<>();
		Set<OrderStatus> statuses = EnumSet.noneOf(OrderStatus.class);
		Boolean follow = null;
		for (int i = 0; i < args.size(); i++) {
			String arg = args.get(i);
			if (!arg.startsWith("--") || arg.length() == 2) {
				throw new BadArguments("unexpected argument '" + arg + "'; options start with --");
			}
			int equals = arg.indexOf('=');
			String name = (equals < 0) ? arg.substring(2) : arg.substring(2, equals);
			if (FLAGS.contains(name)) {
				if (equals >= 0) {
					throw new BadArguments("--" + name + " takes no value");
				}
				boolean wanted = name.equals("follow");
				if (follow != null && follow != wanted) {
					throw new BadArguments("--follow and --no-follow contradict each other");
				}
				follow = wanted;
				continue;
			}
			if (!VALUE_OPTIONS.contains(name)) {
				throw new BadArguments("unknown option --" + name);
			}
			String value;
			if (equals >= 0) {
				value = arg.substring(equals + 1);
			}
			else if (i + 1 < args.size() && !args.get(i + 1).startsWith("--")) {
				value = args.get(++i);
			}
			else {
				throw new BadArguments("--" + name + " needs a value");
			}
			if (value.isBlank()) {
				throw new BadArguments("--" + name + " needs a value");
			}
			if (name.equals("status")) {
				statuses.addAll(statuses(value));
			}
			else if (single.putIfAbsent(name, value.trim()) != null) {
				throw new BadArguments("--" + name + " is given more than once");
			}
		}
		StartPosition from = startPosition(single.getOrDefault("from", "end"), now);
		return new TailOptions(single.getOrDefault("bootstrap-servers", DEFAULT_BOOTSTRAP_SERVERS),
				single.getOrDefault("topic", Topics.ORDER_STATUS.name()), from, (follow == null) || follow,
				new EventFilter(statuses, single.get("customer"), single.get("order")));
	}

	private static Set<OrderStatus> statuses(String value) {
		Set<OrderStatus> statuses = EnumSet.noneOf(OrderStatus.class);
		for (String name : value.split(",")) {
			OrderStatus status = statusNamed(name.trim().toUpperCase(Locale.ROOT));
			if (status == null) {
				throw new BadArguments("--status: unknown status '" + name.trim() + "'; one of "
						+ Arrays.stream(OrderStatus.values()).map(Enum::name).collect(Collectors.joining(", ")));
			}
			statuses.add(status);
		}
		return statuses;
	}

	private static @Nullable OrderStatus statusNamed(String name) {
		for (OrderStatus status : OrderStatus.values()) {
			if (status.name().equals(name)) {
				return status;
			}
		}
		return null;
	}

	static StartPosition startPosition(String value, Instant now) {
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
