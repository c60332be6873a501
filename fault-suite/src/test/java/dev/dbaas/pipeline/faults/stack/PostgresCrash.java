package dev.dbaas.pipeline.faults.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Crashes a PostgreSQL server the way an operator or a failing host would:
 * {@code pg_ctl stop -m immediate} on its data directory, with the {@code pg_ctl} next to
 * the running {@code postgres} binary.
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
			Path postgres = Files.readSymbolicLink(Path.of("/proc", String.valueOf(pid), "exe"));
			Path pgCtl = postgres.resolveSibling("pg_ctl");
			Process process = new ProcessBuilder(
					List.of(pgCtl.toString(), "stop", "-m", "immediate", "-w", "-D", dataDir.toString()))
				.redirectErrorStream(true)
				.start();
			String output = new String(process.getInputStream().readAllBytes());
			if (!process.waitFor(Duration.ofSeconds(60).toSeconds(), TimeUnit.SECONDS) || process.exitValue() != 0) {
				throw new IllegalStateException("pg_ctl stop -m immediate failed: " + output);
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while stopping PostgreSQL", ex);
		}
	}

}
