package dev.dbaas.pipeline.provisioner.local;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * How the local backend runs its instances.
 *
 * @param baseDirectory holds the CA ({@code ca/}) and one directory per instance
 * ({@code instances/<order>/})
 * @param binariesDirectory where engine binaries are unpacked, shared by all instances
 * @param archiveRepositories Maven repository directories searched for engine versions
 * that are not on the class path
 * @param maxInstances how many instances may exist at once
 * @param firstPort first port of the range instances listen on
 * @param lastPort last port of that range
 * @param memoryScaleFactor node RAM divided by this is an instance's buffer pool
 * @param minFreeDiskMb storage is refused when the base directory's disk has less free
 * @param stopOnClose whether closing the backend stops the servers it runs
 * @param startOnOpen whether opening the backend starts provisioned servers that do not
 * run
 */
public record LocalSettings(Path baseDirectory, Path binariesDirectory, List<Path> archiveRepositories,
		int maxInstances, int firstPort, int lastPort, int memoryScaleFactor, long minFreeDiskMb, boolean stopOnClose,
		boolean startOnOpen) {

	public LocalSettings {
		Objects.requireNonNull(baseDirectory, "baseDirectory");
		Objects.requireNonNull(binariesDirectory, "binariesDirectory");
		archiveRepositories = List.copyOf(archiveRepositories);
		if (maxInstances < 0) {
			throw new IllegalArgumentException("max instances must not be negative, got " + maxInstances);
		}
		if (firstPort < 1024 || lastPort > 65535 || firstPort > lastPort) {
			throw new IllegalArgumentException(
					"port range " + firstPort + "-" + lastPort + " is not within 1024-65535");
		}
		if (memoryScaleFactor <= 0) {
			throw new IllegalArgumentException("memory scale factor must be positive, got " + memoryScaleFactor);
		}
	}

	/**
	 * Laptop defaults below a base directory: 4 instances on ports 15400-15499, buffers
	 * of node RAM / 256, servers stopped on close and started again on open.
	 * @param baseDirectory the base directory
	 * @return the settings
	 */
	public static LocalSettings defaults(Path baseDirectory) {
		return new LocalSettings(baseDirectory, baseDirectory.resolve("binaries"), List.of(), 4, 15400, 15499, 256, 512,
				true, true);
	}

	/**
	 * The same settings with another instance limit.
	 * @param maxInstances the limit
	 * @return the settings
	 */
	public LocalSettings withMaxInstances(int maxInstances) {
		return new LocalSettings(this.baseDirectory, this.binariesDirectory, this.archiveRepositories, maxInstances,
				this.firstPort, this.lastPort, this.memoryScaleFactor, this.minFreeDiskMb, this.stopOnClose,
				this.startOnOpen);
	}

	/**
	 * The same settings with another binaries directory.
	 * @param binariesDirectory the directory
	 * @return the settings
	 */
	public LocalSettings withBinariesDirectory(Path binariesDirectory) {
		return new LocalSettings(this.baseDirectory, binariesDirectory, this.archiveRepositories, this.maxInstances,
				this.firstPort, this.lastPort, this.memoryScaleFactor, this.minFreeDiskMb, this.stopOnClose,
				this.startOnOpen);
	}

	/**
	 * The same settings with another port range.
	 * @param firstPort first port
	 * @param lastPort last port
	 * @return the settings
	 */
	public LocalSettings withPorts(int firstPort, int lastPort) {
		return new LocalSettings(this.baseDirectory, this.binariesDirectory, this.archiveRepositories,
				this.maxInstances, firstPort, lastPort, this.memoryScaleFactor, this.minFreeDiskMb, this.stopOnClose,
				this.startOnOpen);
	}

	/**
	 * The same settings, stopping servers on close or leaving them running.
	 * @param stopOnClose whether close stops the servers
	 * @return the settings
	 */
	public LocalSettings withStopOnClose(boolean stopOnClose) {
		return new LocalSettings(this.baseDirectory, this.binariesDirectory, this.archiveRepositories,
				this.maxInstances, this.firstPort, this.lastPort, this.memoryScaleFactor, this.minFreeDiskMb,
				stopOnClose, this.startOnOpen);
	}

}
