package dev.dbaas.pipeline.systemtests.faults.stack;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import dev.dbaas.pipeline.systemtests.faults.OrphanGuard;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One service instance running as a child process: {@code java -cp <jar> JarLauncher
 * --key=value...}, wrapped in {@link OrphanGuard} so that it dies with the test JVM. Its
 * standard output and error go to a log file.
 *
 * <p>
 * Not thread-safe.
 */
public final class ServiceProcess {

	private static final Logger log = LoggerFactory.getLogger(ServiceProcess.class);

	private static final String JAR_LAUNCHER = "org.springframework.boot.loader.launch.JarLauncher";

	private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

	private final String name;

	private final int port;

	private final Process process;

	private final Path logFile;

	private ServiceProcess(String name, int port, Process process, Path logFile) {
		this.name = name;
		this.port = port;
		this.process = process;
		this.logFile = logFile;
	}

	/**
	 * Starts a runnable Spring Boot jar as a child process; does not wait until it is up.
	 * @param name instance name, used for the log file
	 * @param jar the runnable jar
	 * @param port its HTTP port
	 * @param properties Spring properties, passed as {@code --key=value}
	 * @param logDir where the log file goes
	 * @return the started process
	 */
	static ServiceProcess start(String name, Path jar, int port, Map<String, String> properties, Path logDir) {
		return start(name, jar, "384m", port, properties, logDir);
	}

	/**
	 * Starts a runnable Spring Boot jar as a child process with a given heap; does not
	 * wait until it is up.
	 * @param name instance name, used for the log file
	 * @param jar the runnable jar
	 * @param heap maximum heap, e.g. {@code 1g}
	 * @param port the HTTP port whose health tells that it is up
	 * @param properties Spring properties, passed as {@code --key=value}
	 * @param logDir where the log file goes
	 * @return the started process
	 */
	static ServiceProcess start(String name, Path jar, String heap, int port, Map<String, String> properties,
			Path logDir) {
		List<String> command = new ArrayList<>();
		command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
		command.addAll(List.of("-Xmx" + heap, "-Xss512k", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
				"-Djava.net.preferIPv4Stack=true"));
		command.add("-cp");
		command.add(jar + File.pathSeparator + guardClasses());
		command.add(OrphanGuard.class.getName());
		command.add(JAR_LAUNCHER);
		properties.forEach((key, value) -> command.add("--" + key + "=" + value));
		try {
			Files.createDirectories(logDir);
			Path logFile = logDir.resolve(name + ".log");
			Process process = new ProcessBuilder(command).redirectErrorStream(true)
				.redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
				.start();
			log.info("Started {} (pid {}) on port {}, log {}", name, process.pid(), port, logFile);
			return new ServiceProcess(name, port, process, logFile);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot start " + name, ex);
		}
	}

	private static String guardClasses() {
		try {
			return Path.of(OrphanGuard.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
		}
		catch (Exception ex) {
			throw new IllegalStateException("Cannot locate the fault suite's classes", ex);
		}
	}

	/**
	 * Waits until {@code /actuator/health} answers 200.
	 * @param timeout how long to wait
	 * @return this process
	 * @throws IllegalStateException if the process exits or the time runs out
	 */
	public ServiceProcess awaitHealthy(Duration timeout) {
		long deadline = System.nanoTime() + timeout.toNanos();
		HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl() + "/actuator/health"))
			.timeout(Duration.ofSeconds(2))
			.GET()
			.build();
		while (System.nanoTime() < deadline) {
			if (!this.process.isAlive()) {
				throw new IllegalStateException(
						this.name + " exited with " + this.process.exitValue() + " during start; see " + this.logFile);
			}
			try {
				if (HTTP.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
					return this;
				}
			}
			catch (IOException ex) {
				// not listening yet
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException("Interrupted while waiting for " + this.name, ex);
			}
			pause(Duration.ofMillis(200));
		}
		throw new IllegalStateException(this.name + " not healthy after " + timeout + "; see " + this.logFile);
	}

	/** {@code kill -9}: {@link Process#destroyForcibly()} is SIGKILL on Linux. */
	public void kill() {
		this.process.destroyForcibly();
		awaitExit(Duration.ofSeconds(30));
		log.info("Killed {} (pid {}) with SIGKILL", this.name, this.process.pid());
	}

	/** SIGTERM, a graceful Spring shutdown; SIGKILL if it takes longer than 30 s. */
	public void stop() {
		this.process.destroy();
		if (!awaitExit(Duration.ofSeconds(30))) {
			kill();
		}
	}

	private boolean awaitExit(Duration timeout) {
		try {
			return this.process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
	}

	/**
	 * Whether the process still runs.
	 * @return {@code true} until it exits
	 */
	public boolean isAlive() {
		return this.process.isAlive();
	}

	/**
	 * The instance name.
	 * @return e.g. {@code provisioner-2}
	 */
	public String name() {
		return this.name;
	}

	/**
	 * Where the instance answers HTTP.
	 * @return e.g. {@code http://127.0.0.1:40123}
	 */
	public String baseUrl() {
		return "http://127.0.0.1:" + this.port;
	}

	/**
	 * The operating-system process id.
	 * @return the pid
	 */
	public long pid() {
		return this.process.pid();
	}

	static void pause(Duration duration) {
		try {
			Thread.sleep(duration.toMillis());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted", ex);
		}
	}

}
