package dev.dbaas.pipeline.tail;

import java.io.PrintStream;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import dev.dbaas.pipeline.schemas.Topics;
import dev.dbaas.pipeline.tail.deadletters.DeadLetterCommand;
import org.apache.kafka.common.KafkaException;

/**
 * {@code java -jar event-tail.jar [options]}: prints the events of the order status topic
 * as JSON lines (or text); {@code java -jar event-tail.jar dead-letters list|redrive}
 * lists and re-drives dead letters ({@link DeadLetterCommand}). See {@link #USAGE}.
 */
public final class EventTail {

	static final String USAGE = """
			Usage: java -jar event-tail.jar [tail] [options]
			       java -jar event-tail.jar dead-letters list|redrive [options]   (dead-letters --help)
			Prints the events of the order status topic as JSON lines, one object per event.

			  --topic=NAME                         the status topic (default %s)
			  --from=POSITION                      where to start: beginning, end (default: new events
			                                       only), an ISO-8601 time such as 2026-11-25T15:00:00Z,
			                                       or a time ago such as -30s, -15m, -2h, -7d
			  --follow                             keep waiting for new events (default)
			  --no-follow                          stop at the end the topic had at start
			  --status=STATUS[,STATUS...]          only events with these statuses (NEW, PROCESSING,
			                                       DONE, FAILED, CANCELLED, UNKNOWN); may be repeated
			  --type=TYPE[,TYPE...]                only events of orders of these types (CREATE, UPDATE,
			                                       DELETE; an event without orderType is a CREATE); may
			                                       be repeated
			  --customer=ID                        only events of this customer
			  --order=ID                           only events of this order
			  --format=json|text                   JSON lines (default) or one text line per event
			%s  -h, --help                           this text

			Options also take their value as the next argument (--status FAILED).
			A record that does not decode is printed as {"error":"UNDECODABLE",...} whatever the
			filters, except --order, which applies to its key.
			Exit status: 0 done (130 after Ctrl-C), 1 Kafka cannot be read, 2 bad arguments.
			""".formatted(Topics.ORDER_STATUS.name(), KafkaClientSettings.USAGE);

	private EventTail() {
	}

	public static void main(String[] args) {
		System.exit(run(List.of(args), System.out, System.err, true));
	}

	/**
	 * Runs the tool without touching the JVM's shutdown, e.g. from a test that re-drives
	 * dead letters:
	 * {@code EventTail.run(List.of("dead-letters", "redrive", "--topic=...", "--all"), out, err)}.
	 * @param args the command line
	 * @param out where the lines go
	 * @param err where errors and the usage text go
	 * @return the exit status: 0 done, 1 Kafka cannot be read or written, 2 bad
	 * arguments, 3 dead letters missing or refused
	 */
	public static int run(List<String> args, PrintStream out, PrintStream err) {
		return run(args, out, err, false);
	}

	private static int run(List<String> args, PrintStream out, PrintStream err, boolean stopOnShutdown) {
		if (!args.isEmpty() && args.get(0).equals("dead-letters")) {
			return DeadLetterCommand.run(args.subList(1, args.size()), out, err);
		}
		if (!args.isEmpty() && args.get(0).equals("tail")) {
			return run(args.subList(1, args.size()), out, err, stopOnShutdown);
		}
		if (TailOptions.wantsHelp(args)) {
			err.print(USAGE);
			return 0;
		}
		TailOptions options;
		try {
			options = TailOptions.parse(args, Instant.now());
		}
		catch (BadArguments ex) {
			err.println("event-tail: " + ex.getMessage());
			err.println("Try --help.");
			return 2;
		}
		try (StatusTopicTail tail = StatusTopicTail.connect(options)) {
			CountDownLatch finished = new CountDownLatch(1);
			Thread hook = new Thread(() -> stopAndWait(tail, finished), "event-tail-shutdown");
			if (stopOnShutdown) {
				Runtime.getRuntime().addShutdownHook(hook);
			}
			try {
				tail.printTo(out);
			}
			finally {
				finished.countDown();
				if (stopOnShutdown) {
					removeShutdownHook(hook);
				}
			}
			return 0;
		}
		catch (TopicNotFound | KafkaException ex) {
			err.println("event-tail: cannot read " + options.topic() + " from " + options.bootstrapServers() + ": "
					+ ex.getMessage());
			return 1;
		}
	}

	/** Ctrl-C: the tail stops after the batch under way and closes its consumer. */
	private static void stopAndWait(StatusTopicTail tail, CountDownLatch finished) {
		tail.stop();
		try {
			finished.await(5, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private static void removeShutdownHook(Thread hook) {
		try {
			Runtime.getRuntime().removeShutdownHook(hook);
		}
		catch (IllegalStateException ex) {
			// the JVM is shutting down already; the hook is running
		}
	}

}
