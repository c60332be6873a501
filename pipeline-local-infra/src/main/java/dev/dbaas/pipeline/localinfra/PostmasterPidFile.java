package dev.dbaas.pipeline.localinfra;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The {@code postmaster.pid} of a PostgreSQL data directory: the lock file a postmaster
 * writes when it starts and removes when it stops, so one that is left behind names
 * either a server that still runs or one that died.
 *
 * @param file where it was read
 * @param pid the postmaster's process id (first line)
 * @param port the port it listens on (fourth line), empty while it starts
 */
record PostmasterPidFile(Path file, long pid, OptionalInt port) {

	/** The lock file's name in the data directory. */
	static final String NAME = "postmaster.pid";

	/**
	 * Reads the lock file of a data directory.
	 * @param dataDir the data directory
	 * @return the lock file, empty if there is none or its first line is no process id
	 * @throws IOException if it exists but cannot be read
	 */
	static Optional<PostmasterPidFile> readFrom(Path dataDir) throws IOException {
		Path file = dataDir.resolve(NAME);
		List<String> lines;
		try {
			lines = Files.readAllLines(file, StandardCharsets.US_ASCII);
		}
		catch (NoSuchFileException ex) {
			return Optional.empty();
		}
		if (lines.isEmpty()) {
			return Optional.of(new PostmasterPidFile(file, 0, OptionalInt.empty()));
		}
		long pid;
		try {
			pid = Long.parseLong(lines.get(0).trim());
		}
		catch (NumberFormatException ex) {
			pid = 0;
		}
		OptionalInt port = OptionalInt.empty();
		if (lines.size() > 3) {
			try {
				port = OptionalInt.of(Integer.parseInt(lines.get(3).trim()));
			}
			catch (NumberFormatException ex) {
				// still starting: the port line is written later
			}
		}
		return Optional.of(new PostmasterPidFile(file, pid, port));
	}

	/**
	 * The live postmaster this file names, if the process with that id really is a
	 * PostgreSQL server of the data directory (a stale file's id may have been reused by
	 * any other process).
	 * @param dataDir the data directory the file was read from
	 * @return the postmaster, empty if the file is stale
	 */
	Optional<ProcessHandle> livePostmaster(Path dataDir) {
		if (this.pid <= 0) {
			return Optional.empty();
		}
		return ProcessHandle.of(this.pid)
			.filter(ProcessHandle::isAlive)
			.filter((process) -> isPostgres(process) && runsOn(process, dataDir));
	}

	private static boolean isPostgres(ProcessHandle process) {
		Optional<String> command = process.info().command();
		if (command.isPresent()) {
			return command.get().endsWith("/postgres") || command.get().equals("postgres");
		}
		// The executable is not visible (another user's process): fall back on the name
		// the kernel keeps.
		try {
			return Files.readString(Path.of("/proc", Long.toString(process.pid()), "comm")).trim().equals("postgres");
		}
		catch (IOException ex) {
			return false;
		}
	}

	/**
	 * Whether a postgres process serves this data directory: a postmaster works in its
	 * data directory, and is started with {@code -D} naming it.
	 */
	private static boolean runsOn(ProcessHandle process, Path dataDir) {
		Path directory = dataDir.toAbsolutePath().normalize();
		try {
			Path cwd = Files.readSymbolicLink(Path.of("/proc", Long.toString(process.pid()), "cwd"));
			if (cwd.equals(directory) || cwd.equals(directory.toRealPath())) {
				return true;
			}
		}
		catch (IOException | SecurityException ex) {
			// not readable here: the command line decides
		}
		List<String> arguments = process.info().arguments().map(List::of).orElse(List.of());
		for (String argument : arguments) {
			Path named = Path.of(argument).toAbsolutePath().normalize();
			if (named.equals(directory)) {
				return true;
			}
		}
		return false;
	}

}
