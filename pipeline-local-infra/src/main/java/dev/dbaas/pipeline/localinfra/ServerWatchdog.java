package dev.dbaas.pipeline.localinfra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A small shell process that stops this JVM's PostgreSQL server when the JVM is gone,
 * however it ended ({@code kill -9}, an out-of-memory kill, {@code halt}): the server
 * runs detached (its {@code pg_ctl} starts it in a session of its own), so nothing else
 * would stop it.
 *
 * <p>
 * The watchdog blocks reading a pipe whose only writer is this JVM, which never writes to
 * it; when the JVM dies the kernel closes the pipe and the watchdog's read ends. It then
 * sends the postmaster named in the data directory's {@code postmaster.pid} SIGINT (a
 * fast shutdown: sessions are cut, a checkpoint is written), SIGQUIT after 30 s and
 * SIGKILL after 45 s, and removes a throw-away data directory once the server is gone. It
 * runs in a session of its own and ignores the terminal's signals (Ctrl-C, hang-up), so
 * that a signal to the JVM's process group leaves the JVM's own shutdown to stop the
 * server cleanly. {@link #release()} ends it the same way once the owner has stopped the
 * server, so that it also finishes a stop that did not complete.
 *
 * <p>
 * Linux only (it reads {@code /proc}), like the PostgreSQL binaries this module runs.
 * Thread-safe.
 */
final class ServerWatchdog {

	private static final Logger log = LoggerFactory.getLogger(ServerWatchdog.class);

	/** How long {@link #release()} waits: the script's own escalation, and some. */
	private static final Duration RELEASE_TIMEOUT = Duration.ofSeconds(60);

	// $1: the data directory, $2: "true" to remove it after the server stopped. The
	// comm check keeps a stale pid file of a reused process id from being obeyed.
	private static final String SCRIPT = """
			trap '' HUP INT QUIT TERM PIPE
			cat >/dev/null 2>&1
			dir=$1
			pid=
			[ -f "$dir/postmaster.pid" ] && read -r pid < "$dir/postmaster.pid"
			case "$pid" in
			''|*[!0-9]*) pid= ;;
			esac
			if [ -n "$pid" ] && [ "$(cat "/proc/$pid/comm" 2>/dev/null)" = postgres ]; then
			  kill -INT "$pid" 2>/dev/null
			  n=0
			  while kill -0 "$pid" 2>/dev/null; do
			    n=$((n + 1))
			    [ "$n" -eq 300 ] && kill -QUIT "$pid" 2>/dev/null
			    [ "$n" -ge 450 ] && { kill -KILL "$pid" 2>/dev/null; break; }
			    sleep 0.1
			  done
			fi
			[ "$2" = true ] && rm -rf -- "$dir"
			exit 0
			""";

	private final Process process;

	private final Path dataDir;

	private ServerWatchdog(Process process, Path dataDir) {
		this.process = process;
		this.dataDir = dataDir;
	}

	/**
	 * Starts watching a data directory; call before the server starts, so that a JVM that
	 * dies during the start leaves nothing behind either.
	 * @param dataDir the server's data directory
	 * @param removeAfterwards whether to remove the directory once the server stopped
	 * (throw-away data)
	 * @return the running watchdog
	 * @throws UncheckedIOException if the shell cannot be started
	 */
	static ServerWatchdog watch(Path dataDir, boolean removeAfterwards) {
		List<String> command = List.of("setsid", "sh", "-c", SCRIPT, "postgres-watchdog",
				dataDir.toAbsolutePath().normalize().toString(), Boolean.toString(removeAfterwards));
		try {
			Process process = new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD)
				.redirectError(ProcessBuilder.Redirect.DISCARD)
				.start();
			log.debug("PostgreSQL watchdog (pid {}) watches {}", process.pid(), dataDir);
			return new ServerWatchdog(process, dataDir);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot start the PostgreSQL watchdog for " + dataDir, ex);
		}
	}

	/**
	 * The watchdog's process id.
	 * @return the pid
	 */
	long pid() {
		return this.process.pid();
	}

	/**
	 * Ends the watchdog after the owner stopped the server: it stops whatever still runs
	 * on the data directory, as if the JVM had died, and exits.
	 */
	void release() {
		try {
			this.process.getOutputStream().close();
			if (!this.process.waitFor(RELEASE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
				log.warn("PostgreSQL watchdog (pid {}) of {} did not finish within {}; killing it", this.process.pid(),
						this.dataDir, RELEASE_TIMEOUT);
				this.process.destroyForcibly();
			}
		}
		catch (IOException ex) {
			this.process.destroyForcibly();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			this.process.destroyForcibly();
		}
	}

}
