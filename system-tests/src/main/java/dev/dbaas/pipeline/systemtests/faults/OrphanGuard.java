package dev.dbaas.pipeline.systemtests.faults;

import java.lang.reflect.Method;
import java.util.Arrays;

/**
 * Runs another main class and halts this JVM as soon as its parent process (the test JVM
 * that started it) exits, so that a service started by the fault suite never outlives the
 * suite, even when the suite itself is killed with {@code kill -9}.
 *
 * <p>
 * Usage:
 * {@code java -cp service.jar:fault-suite-classes dev.dbaas.pipeline.systemtests.faults.OrphanGuard
 * <main class> [args...]}.
 */
public final class OrphanGuard {

	private OrphanGuard() {
	}

	public static void main(String[] args) throws Exception {
		if (args.length == 0) {
			System.err.println("Usage: OrphanGuard <main class> [args...]");
			System.exit(2);
			return;
		}
		ProcessHandle.current()
			.parent()
			.ifPresent((parent) -> parent.onExit().thenRun(() -> Runtime.getRuntime().halt(137)));
		Method main = Class.forName(args[0]).getMethod("main", String[].class);
		main.invoke(null, (Object) Arrays.copyOfRange(args, 1, args.length));
	}

}
