package dev.dbaas.pipeline.systemtests.faults.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Crashes a PostgreSQL server the way {@code pg_ctl stop -m immediate} does: SIGQUIT to
 * the postmaster named in {@code postmaster.pid}, which makes every server process exit
 * at once, without a checkpoint; the next start recovers from the write-ahead log.
 * ({@code pg_ctl} itself refuses to run as root, which CI containers often are.)
 */
final class PostgresCrash {

	private PostgresCrash() {
	}

	static void stopImmediately(Path dataDir) {
		Path pidFile = dataDir.resolve("postmaster.pid");
		try {
			if (!Files.exists(pidFile)) {
				throw new IllegalStateException("PostgreSQL does not run on " + dataDir);
			}
			long pid = Long.parseLong(Files.readAllLines(pidFile).get(0).trim());
			Optional<ProcessHandle> postmaster = ProcessHandle.of(pid);
			if (postmaster.isEmpty()) {
				return;
			}
			Process quit = new ProcessBuilder(List.of("kill", "-QUIT", String.valueOf(pid))).inheritIO().start();
			if (quit.waitFor() != 0) {
				throw new IllegalStateException("kill -QUIT " + pid + " failed");
			}
			postmaster.get().onExit().get(60, TimeUnit.SECONDS);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (ExecutionException | TimeoutException ex) {
			throw new IllegalStateException("PostgreSQL on " + dataDir + " did not stop", ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while stopping PostgreSQL", ex);
		}
	}

}
