package dev.dbaas.pipeline.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * Command-line options of the bench.
 *
 * @param intakeUrl order-intake's base URL
 * @param statusUrl status-service's base URL
 * @param provisionerUrl the provisioner's base URL (only its {@code /actuator/prometheus}
 * is read: outbox backlog, jobs in flight, JVM CPU)
 * @param bootstrapServers Kafka of the stack under test
 * @param jdbcUrl a database on the stack's PostgreSQL server; the bench creates its
 * baseline databases next to it
 * @param jdbcUser PostgreSQL user
 * @param jdbcPassword PostgreSQL password
 * @param startStack whether to start the whole stack in this JVM (free ports, temporary
 * data)
 * @param quick the quick mode: short phases, about a minute in all
 * @param scenarios the scenarios to run, in the order of {@link #ALL_SCENARIOS}
 * @param rates orders per second of the e2e-fixed-rate phases
 * @param phase length of a measured fixed-rate phase
 * @param soak length of the soak
 * @param soakRate orders per second during the soak when {@code soakRateGiven}, or when
 * no capacity is known
 * @param soakRateGiven whether {@code --soak-rate} was given; otherwise the soak runs at
 * {@value #SOAK_SHARE_OF_CAPACITY_PERCENT} % of the capacity, once known
 * @param output where the JSON report goes
 * @param capacity the search of the capacity scenario, or the capacity given
 * @param overload length of the overload at twice the capacity
 * @param stackPid the pid of a running launcher's JVM to read per-thread CPU from
 * ({@code --stack-pid}), or {@code 0} to look for it ({@link StackJvmSearch})
 * @param follow how the bench learns that an order finished ({@code --follow},
 * {@code --follow-sample})
 * @param jitSettleTimeout how long to wait at most for the JIT of an attached launcher's
 * JVM to settle before the baselines and each load scenario
 * ({@code --jit-settle-timeout}, see {@link JitSettle}); {@link Duration#ZERO}: not
 * waited for
 */
public record BenchOptions(String intakeUrl, String statusUrl, String provisionerUrl, String bootstrapServers,
		String jdbcUrl, String jdbcUser, String jdbcPassword, boolean startStack, boolean quick, Set<String> scenarios,
		List<Integer> rates, Duration phase, Duration soak, int soakRate, boolean soakRateGiven, Path output,
		Capacity capacity, Duration overload, long stackPid, Follow follow, Duration jitSettleTimeout) {

	/**
	 * The soak's rate as a share of the capacity, unless {@code --soak-rate} is given.
	 */
	public static final int SOAK_SHARE_OF_CAPACITY_PERCENT = 60;

	/** Every scenario, in the order they run. */
	public static final List<String> ALL_SCENARIOS = List.of("baselines", "intake-max", "e2e-fixed-rate", "capacity",
			"overload", "view-rebuild", "provisioner-scaling", "soak");

	/** What {@code --help} prints. */
	public static final String USAGE = """
			Usage: java -jar bench/target/bench.jar [options]

			Drives orders at a constant arrival rate through the pipeline and measures raw Kafka and
			PostgreSQL baselines in the same run. Prints a table and writes a JSON report.

			Against a running stack, set BENCH_TOKEN to a token with orders:write, orders:read and
			orders:ops, e.g. $(java -jar devstack/target/devstack.jar token --client=bench
			--scope=orders:write,orders:read,orders:ops), and raise intake.rate-limit.orders-per-period
			and status.long-poll.max-per-client (every followed order is a long poll of this one client).

			Options:
			  --quick                  short phases: the whole suite in about a minute
			  --start-stack            start Kafka, PostgreSQL (durable) and the three services in this JVM,
			                           on free ports with temporary data (the default when no URL is given)
			  --intake-url=URL         order-intake (default http://localhost:8081)
			  --status-url=URL         status-service (default http://localhost:8083)
			  --provisioner-url=URL    the provisioner, for its Prometheus metrics (default http://localhost:8082)
			  --bootstrap-servers=H:P  Kafka (default localhost:9092)
			  --jdbc-url=URL           PostgreSQL of the stack (default jdbc:postgresql://localhost:5432/postgres,
			                           the launcher's); its counters give the commits and WAL syncs per order
			  --jdbc-user=NAME         (default postgres)
			  --jdbc-password=SECRET   (default postgres)
			  --scenarios=A,B          any of baselines, intake-max, e2e-fixed-rate, capacity, overload,
			                           view-rebuild, provisioner-scaling, soak (default: all)
			  --rates=100,500,1000     orders/s of the e2e-fixed-rate phases
			  --phase=30s              length of each measured fixed-rate phase (quick: 5s)
			  --capacity-start=100     capacity: the first step's orders/s; steps double, then bisect
			  --capacity-max=4000      capacity: no step above this rate
			  --capacity-step=20s      capacity: length of each step (quick: 6s)
			  --capacity=N             take N orders/s as the capacity instead of searching it (overload
			                           and soak use it; the capacity scenario then only reports it)
			  --overload=60s           overload: length of the phase at twice the capacity (quick: 15s)
			  --soak=10m               length of the soak (quick: 20s)
			  --soak-rate=N            orders/s during the soak (default: 60 % of the capacity once
			                           measured or given, else 300)
			  --stack-pid=PID          the running launcher's JVM, attached to for its CPU per thread and so
			                           per service (default: the one local JVM named devstack, if exactly one)
			  --follow=long-poll       how the bench learns that an order is DONE: long-poll follows every order
			                           with Prefer: wait long polls (the customers' way, default); sample
			                           long-polls every N-th order for the latencies and learns every order's
			                           end from dbaas.order.status.v1, so that DONE/s, errors and unfinished
			                           still cover every order at 1/N of the customers' read load
			  --follow-sample=10       sample: long-poll every N-th accepted order (needs --follow=sample)
			  --jit-settle-timeout=5m  against a launcher attached to (see --stack-pid), wait at most this long
			                           before the baselines (no load) and before each load scenario (bursts of
			                           the warm-up's 200 orders/s) until its C2 compile queue holds at most 2
			                           tasks in 90 % of a window's samples, or, where the queue cannot be
			                           read, until it compiles less than 20 ms per second (quick: 1m; 0 turns
			                           the wait off)
			  --output=PATH            JSON report (default target/bench-results.json)
			  --help                   print this text
			""";

	private static final Pattern DURATION = Pattern.compile("(\\d+)(ms|s|m|h)");

	public BenchOptions {
		scenarios = Set.copyOf(scenarios);
		rates = List.copyOf(rates);
		if (soakRate <= 0) {
			throw new IllegalArgumentException("--soak-rate must be positive, got " + soakRate);
		}
		if (jitSettleTimeout.isNegative()) {
			throw new IllegalArgumentException("--jit-settle-timeout must not be negative, got " + jitSettleTimeout);
		}
	}

	/**
	 * Parses the command line.
	 * @param args arguments of {@code main}
	 * @return the options
	 * @throws IllegalArgumentException with a message for the user if an argument is
	 * wrong
	 */
	public static BenchOptions parse(List<String> args) {
		String intake = null;
		String status = null;
		String provisioner = null;
		String kafka = null;
		String jdbc = null;
		String user = "postgres";
		String password = "postgres";
		boolean startStack = false;
		boolean quick = false;
		Set<String> scenarios = new LinkedHashSet<>(ALL_SCENARIOS);
		List<Integer> rates = List.of(100, 500, 1000);
		Duration phase = null;
		Duration soak = null;
		int soakRate = 300;
		boolean soakRateGiven = false;
		int capacityStart = 100;
		int capacityMax = 4000;
		Duration capacityStep = null;
		int capacity = 0;
		Duration overload = null;
		Path output = Path.of("target", "bench-results.json");
		long stackPid = 0;
		String followMode = Follow.LONG_POLL;
		int followSample = 0;
		Duration jitSettleTimeout = null;
		for (String arg : args) {
			if (!arg.startsWith("--")) {
				throw new IllegalArgumentException("Expected --option or --option=value but got '" + arg + "'");
			}
			String key = arg.contains("=") ? arg.substring(2, arg.indexOf('=')) : arg.substring(2);
			String value = arg.contains("=") ? arg.substring(arg.indexOf('=') + 1) : null;
			switch (key) {
				case "quick" -> quick = flag(key, value);
				case "start-stack" -> startStack = flag(key, value);
				case "intake-url" -> intake = url(key, required(key, value));
				case "status-url" -> status = url(key, required(key, value));
				case "provisioner-url" -> provisioner = url(key, required(key, value));
				case "bootstrap-servers" -> kafka = required(key, value);
				case "jdbc-url" -> {
					jdbc = required(key, value);
					if (!jdbc.startsWith("jdbc:postgresql:")) {
						throw new IllegalArgumentException("--jdbc-url must start with jdbc:postgresql:, got " + jdbc);
					}
				}
				case "jdbc-user" -> user = required(key, value);
				case "jdbc-password" -> password = required(key, value);
				case "scenarios" -> scenarios = scenarios(required(key, value));
				case "rates" -> rates = rates(required(key, value));
				case "phase" -> phase = duration(key, required(key, value));
				case "soak" -> soak = duration(key, required(key, value));
				case "soak-rate" -> {
					soakRate = positive(key, required(key, value));
					soakRateGiven = true;
				}
				case "capacity-start" -> capacityStart = positive(key, required(key, value));
				case "capacity-max" -> capacityMax = positive(key, required(key, value));
				case "capacity-step" -> capacityStep = duration(key, required(key, value));
				case "capacity" -> capacity = positive(key, required(key, value));
				case "overload" -> overload = duration(key, required(key, value));
				case "output" -> output = Path.of(required(key, value));
				case "stack-pid" -> stackPid = positive(key, required(key, value));
				case "follow" -> followMode = required(key, value);
				case "follow-sample" -> followSample = positive(key, required(key, value));
				case "jit-settle-timeout" -> jitSettleTimeout = durationOrZero(key, required(key, value));
				default -> throw new IllegalArgumentException("Unknown option --" + key + " (see --help)");
			}
		}
		boolean anyUrl = intake != null || status != null || provisioner != null || kafka != null || jdbc != null;
		if (startStack && anyUrl) {
			throw new IllegalArgumentException("--start-stack starts its own stack; leave out the URLs");
		}
		if (followSample > 0 && !followMode.equals(Follow.SAMPLE)) {
			throw new IllegalArgumentException("--follow-sample needs --follow=sample");
		}
		Follow follow = new Follow(followMode, (followSample > 0) ? followSample : Follow.DEFAULT_SAMPLE);
		if (stackPid > 0 && (startStack || !anyUrl)) {
			throw new IllegalArgumentException("--stack-pid is the JVM of a running launcher: give its URLs too");
		}
		return new BenchOptions((intake != null) ? intake : "http://localhost:8081",
				(status != null) ? status : "http://localhost:8083",
				(provisioner != null) ? provisioner : "http://localhost:8082",
				(kafka != null) ? kafka : "localhost:9092",
				(jdbc != null) ? jdbc : "jdbc:postgresql://localhost:5432/postgres", user, password,
				startStack || !anyUrl, quick, scenarios, rates,
				(phase != null) ? phase : Duration.ofSeconds(quick ? 5 : 30),
				(soak != null) ? soak : (quick ? Duration.ofSeconds(20) : Duration.ofMinutes(10)), soakRate,
				soakRateGiven, output,
				new Capacity(capacityStart, capacityMax,
						(capacityStep != null) ? capacityStep : Duration.ofSeconds(quick ? 6 : 20), capacity),
				(overload != null) ? overload : Duration.ofSeconds(quick ? 15 : 60), stackPid, follow,
				(jitSettleTimeout != null) ? jitSettleTimeout : Duration.ofMinutes(quick ? 1 : 5));
	}

	/**
	 * Whether a scenario is selected.
	 * @param scenario its name
	 * @return {@code true} if it runs
	 */
	public boolean runs(String scenario) {
		return this.scenarios.contains(scenario);
	}

	/**
	 * Same options pointing at a stack started by the bench.
	 * @param intake order-intake URL
	 * @param status status-service URL
	 * @param provisioner the provisioner's URL
	 * @param kafka bootstrap servers
	 * @param jdbc a database URL of the stack's PostgreSQL
	 * @return new options
	 */
	public BenchOptions withStack(String intake, String status, String provisioner, String kafka, String jdbc) {
		return new BenchOptions(intake, status, provisioner, kafka, jdbc, this.jdbcUser, this.jdbcPassword,
				this.startStack, this.quick, this.scenarios, this.rates, this.phase, this.soak, this.soakRate,
				this.soakRateGiven, this.output, this.capacity, this.overload, this.stackPid, this.follow,
				this.jitSettleTimeout);
	}

	/**
	 * How the capacity scenario searches the capacity.
	 *
	 * @param start orders per second of the first step
	 * @param max no step above this rate
	 * @param step length of each step
	 * @param given a capacity given with {@code --capacity}, or {@code 0} to measure it
	 */
	public record Capacity(int start, int max, Duration step, int given) {

		public Capacity {
			if (start > max) {
				throw new IllegalArgumentException(
						"--capacity-start (" + start + ") must not be above --capacity-max (" + max + ")");
			}
		}

	}

	/**
	 * How the bench learns that an order finished.
	 *
	 * @param mode {@value #LONG_POLL}: every order followed with long polls, as a
	 * customer would; {@value #SAMPLE}: every {@code sampleEvery}-th order long-polled
	 * for the latencies, every order's end read from the status topic
	 * ({@link StatusTopicFollower})
	 * @param sampleEvery in {@value #SAMPLE} mode, one accepted order in this many is
	 * long-polled; {@code 1} in {@value #LONG_POLL} mode
	 */
	public record Follow(String mode, int sampleEvery) {

		/** Every order long-polled: the default, the customers' read load. */
		public static final String LONG_POLL = "long-poll";

		/** One order in N long-polled, every order's end from the status topic. */
		public static final String SAMPLE = "sample";

		/** Default of {@code --follow-sample}. */
		public static final int DEFAULT_SAMPLE = 10;

		public Follow {
			if (!mode.equals(LONG_POLL) && !mode.equals(SAMPLE)) {
				throw new IllegalArgumentException(
						"--follow must be " + LONG_POLL + " or " + SAMPLE + ", got '" + mode + "'");
			}
			if (sampleEvery < 1) {
				throw new IllegalArgumentException("--follow-sample must be positive, got " + sampleEvery);
			}
			sampleEvery = mode.equals(LONG_POLL) ? 1 : sampleEvery;
		}

		/**
		 * Whether every order's end comes from the status topic.
		 * @return {@code true} in {@value #SAMPLE} mode
		 */
		public boolean sampled() {
			return this.mode.equals(SAMPLE);
		}

		/**
		 * The mode in words, for the run header and every table.
		 * @return e.g.
		 * {@code sample: 1 in 10 orders long-polled (latencies), every order's
		 * end from dbaas.order.status.v1}
		 */
		public String describe() {
			return sampled()
					? "sample: 1 in " + this.sampleEvery
							+ " orders long-polled (latencies), every order's end from dbaas.order.status.v1"
					: "long-poll: every order long-polled to DONE (Prefer: wait)";
		}

	}

	static Duration duration(String key, String value) {
		Matcher matcher = DURATION.matcher(value.trim().toLowerCase(Locale.ROOT));
		if (!matcher.matches()) {
			throw new IllegalArgumentException(
					"--" + key + " must be a duration such as 500ms, 30s, 10m or 1h, got '" + value + "'");
		}
		long amount = Long.parseLong(matcher.group(1));
		Duration duration = switch (matcher.group(2)) {
			case "ms" -> Duration.ofMillis(amount);
			case "s" -> Duration.ofSeconds(amount);
			case "m" -> Duration.ofMinutes(amount);
			default -> Duration.ofHours(amount);
		};
		if (duration.isZero()) {
			throw new IllegalArgumentException("--" + key + " must be longer than zero");
		}
		return duration;
	}

	/** A duration, or {@code 0} (with or without a unit) for none. */
	private static Duration durationOrZero(String key, String value) {
		return value.strip().matches("0+(ms|s|m|h)?") ? Duration.ZERO : duration(key, value);
	}

	private static Set<String> scenarios(String value) {
		Set<String> chosen = new LinkedHashSet<>();
		for (String name : value.split(",")) {
			String scenario = name.trim();
			if (!ALL_SCENARIOS.contains(scenario)) {
				throw new IllegalArgumentException(
						"Unknown scenario '" + scenario + "'; choose from " + String.join(", ", ALL_SCENARIOS));
			}
			chosen.add(scenario);
		}
		return chosen;
	}

	private static List<Integer> rates(String value) {
		List<Integer> rates = new ArrayList<>();
		for (String rate : value.split(",")) {
			rates.add(positive("rates", rate.trim()));
		}
		return rates;
	}

	private static int positive(String key, String value) {
		try {
			int number = Integer.parseInt(value);
			if (number <= 0) {
				throw new IllegalArgumentException("--" + key + " must be positive, got " + value);
			}
			return number;
		}
		catch (NumberFormatException ex) {
			throw new IllegalArgumentException("--" + key + " must be a whole number, got '" + value + "'", ex);
		}
	}

	private static String url(String key, String value) {
		if (!value.startsWith("http://") && !value.startsWith("https://")) {
			throw new IllegalArgumentException("--" + key + " must be an http(s) URL, got '" + value + "'");
		}
		return value.endsWith("/") ? value.substring(0, value.length() - 1) : value;
	}

	private static boolean flag(String key, @Nullable String value) {
		if (value == null || value.equals("true")) {
			return true;
		}
		if (value.equals("false")) {
			return false;
		}
		throw new IllegalArgumentException("--" + key + " takes no value or true/false, got '" + value + "'");
	}

	private static String required(String key, @Nullable String value) {
		if (value == null || value.isBlank()) {
			throw new IllegalArgumentException("--" + key + " needs a value: --" + key + "=...");
		}
		return value;
	}

}
