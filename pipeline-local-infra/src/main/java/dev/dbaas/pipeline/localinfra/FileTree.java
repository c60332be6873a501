package dev.dbaas.pipeline.localinfra;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * Deletes directory trees that the launcher, the benchmarks or the test kit created.
 */
public final class FileTree {

	private FileTree() {
	}

	/**
	 * Deletes a directory and everything below it, ignoring files that vanish meanwhile.
	 * @param root the directory
	 */
	public static void deleteQuietly(Path root) {
		if (!Files.exists(root)) {
			return;
		}
		try (Stream<Path> paths = Files.walk(root)) {
			paths.sorted(Comparator.reverseOrder()).forEach((path) -> {
				try {
					Files.deleteIfExists(path);
				}
				catch (IOException ex) {
					// best effort on shutdown
				}
			});
		}
		catch (IOException ex) {
			// best effort on shutdown
		}
	}

}
