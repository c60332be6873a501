package dev.dbaas.pipeline.devstack;

import java.util.List;
import java.util.concurrent.CountDownLatch;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The command line of {@code devstack.jar}. {@code token ...} prints a token
 * ({@link TokenCommand}); otherwise it starts a {@link DevStack} with the
 * {@link DevStackOptions}, prints its {@link Banner} and runs until the JVM is stopped
 * (Ctrl-C), which closes the stack. {@code --help} prints the usage; options that do not
 * parse print it to standard error with exit status 2; a stack that does not start exits
 * with status 1.
 */
public final class Launcher {

	private static final Logger log = LoggerFactory.getLogger(Launcher.class);

	private Launcher() {
	}

	public static void main(String[] args) throws InterruptedException {
		if (args.length > 0 && args[0].equals("token")) {
			printToken(List.of(args).subList(1, args.length));
			return;
		}
		DevStackOptions options = CommandLine.parseOrExit("devstack", args, DevStackOptions.USAGE,
				DevStackOptions::parse);
		if (options == null) {
			return;
		}
		DevStack stack;
		try {
			stack = DevStack.start(options);
		}
		catch (RuntimeException ex) {
			log.error("devstack failed to start: {}", ex.getMessage(), ex);
			System.exit(1);
			return;
		}
		CountDownLatch stopped = new CountDownLatch(1);
		Runtime.getRuntime().addShutdownHook(new Thread(() -> {
			System.out.println("\nStopping devstack ...");
			stack.close();
			stopped.countDown();
		}, "devstack-shutdown"));
		System.out.println(stack.banner());
		stopped.await();
	}

	private static void printToken(List<String> args) {
		if (args.contains("--help") || args.contains("-h")) {
			System.out.println(TokenCommand.USAGE);
			return;
		}
		try {
			System.out.println(TokenCommand.parse(args).token());
		}
		catch (IllegalArgumentException ex) {
			System.err.println("devstack token: " + ex.getMessage());
			System.err.println(TokenCommand.USAGE);
			System.exit(2);
		}
	}

}
