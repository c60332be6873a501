package dev.dbaas.pipeline.provisioner.local.engine;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import org.jspecify.annotations.Nullable;

/**
 * Runs the engines' programs: tools that run to completion, and servers that run detached
 * in a session of their own, so that they outlive the provisioner's JVM.
 */
final class ServerProcesses {

	private static final File NO_INPUT = new File("/dev/null");

	private ServerProcesses() {
	}

	/**
	 * Starts a server in its own session ({@code setsid}): no signal to the provisioner's
	 * process group reaches it, and it keeps running when the JVM dies.
	 */
	static Process launchDetached(List<String> command, Path log) throws IOException {
		List<String> detached = new ArrayList<>();
		detached.add("setsid");
		detached.addAll(command);
		return new ProcessBuilder(detached).redirectInput(NO_INPUT)
			.redirectErrorStream(true)
			.redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
			.start();
	}

	/**
	 * Runs a tool to its end. Its output goes to {@code log}, or nowhere when
	 * {@code null} (for tools that are fed secrets on their input).
	 * @return the exit code
	 */
	static int run(List<String> command, @Nullable Path log, @Nullable String input, Duration timeout)
			throws IOException, InterruptedException {
		ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
		builder.redirectOutput(
				(log != null) ? ProcessBuilder.Redirect.appendTo(log.toFile()) : ProcessBuilder.Redirect.DISCARD);
		if (input == null) {
			builder.redirectInput(NO_INPUT);
		}
		Process process = builder.start();
		try {
			if (input != null) {
				try (OutputStream stdin = process.getOutputStream()) {
					stdin.write(input.getBytes(StandardCharsets.UTF_8));
				}
			}
			if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
				process.destroyForcibly();
				throw new IOException(command.get(0) + " did not finish within " + timeout);
			}
			return process.exitValue();
		}
		finally {
			if (process.isAlive()) {
				process.destroyForcibly();
			}
		}
	}

	/**
	 * The live process whose id the first line of a pid file names, if it runs the
	 * program expected (a stale pid file of a reused pid does not count).
	 */
	static Optional<ProcessHandle> alive(Path pidFile, String program) {
		if (!Files.isRegularFile(pidFile)) {
			return Optional.empty();
		}
		long pid;
		try {
			List<String> lines = Files.readAllLines(pidFile, StandardCharsets.US_ASCII);
			if (lines.isEmpty() || lines.get(0).isBlank()) {
				return Optional.empty();
			}
			pid = Long.parseLong(lines.get(0).trim());
		}
		catch (IOException | NumberFormatException ex) {
			return Optional.empty();
		}
		return ProcessHandle.of(pid)
			.filter(ProcessHandle::isAlive)
			.filter((handle) -> handle.info().command().map((command) -> command.endsWith(program)).orElse(true));
	}

	/**
	 * Whether nobody listens on {@code 127.0.0.1:port}.
	 */
	static boolean portFree(int port) {
		try (ServerSocket socket = new ServerSocket()) {
			socket.setReuseAddress(false);
			socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
			return true;
		}
		catch (IOException ex) {
			return false;
		}
	}

	/**
	 * Waits until a server accepts TCP connections on {@code 127.0.0.1:port}, or fails
	 * when it exits or the timeout passes.
	 */
	static void awaitListening(Process server, int port, Duration timeout, Path log)
			throws EngineFailure, InterruptedException {
		Instant deadline = Instant.now().plus(timeout);
		while (Instant.now().isBefore(deadline)) {
			if (!server.isAlive()) {
				throw EngineFailure.retryable(
						"the server exited with code " + server.exitValue() + " while starting; see " + log, null);
			}
			try (Socket socket = new Socket()) {
				socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 200);
				return;
			}
			catch (IOException notYet) {
				server.waitFor(50, TimeUnit.MILLISECONDS);
			}
		}
		throw EngineFailure.retryable("the server did not listen on port " + port + " within " + timeout, null);
	}

	/**
	 * Stops a server by a signal and waits for it to exit, forcibly after the grace.
	 */
	static void stop(ProcessHandle server, String signal, Duration grace) throws IOException, InterruptedException {
		run(List.of("kill", "-s", signal, Long.toString(server.pid())), null, null, Duration.ofSeconds(10));
		try {
			server.onExit().get(grace.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (java.util.concurrent.TimeoutException | java.util.concurrent.ExecutionException ex) {
			server.destroyForcibly();
		}
	}

}
