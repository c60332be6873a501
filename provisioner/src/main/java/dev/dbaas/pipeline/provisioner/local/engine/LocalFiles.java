package dev.dbaas.pipeline.provisioner.local.engine;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * File operations the local backend relies on for crash safety: a file is either written
 * whole or not at all.
 */
public final class LocalFiles {

	private LocalFiles() {
	}

	/**
	 * Writes a file through a temporary sibling and an atomic rename.
	 * @param file the file
	 * @param content its content
	 * @param ownerOnly whether only the owner may read it
	 * @throws IOException if writing fails
	 */
	public static void writeAtomically(Path file, String content, boolean ownerOnly) throws IOException {
		Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
		Files.deleteIfExists(temporary);
		if (ownerOnly) {
			Files.createFile(temporary,
					PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
		}
		Files.writeString(temporary, content, StandardCharsets.UTF_8);
		Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
	}

	/**
	 * Deletes a directory and everything in it, if it exists.
	 * @param directory the directory
	 * @throws IOException if something cannot be deleted
	 */
	public static void deleteRecursively(Path directory) throws IOException {
		if (!Files.exists(directory)) {
			return;
		}
		try (Stream<Path> paths = Files.walk(directory)) {
			for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
				Files.deleteIfExists(path);
			}
		}
	}

}
