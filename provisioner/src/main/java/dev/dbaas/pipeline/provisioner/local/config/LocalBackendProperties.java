package dev.dbaas.pipeline.provisioner.local.config;

import java.nio.file.Path;
import java.util.List;

import dev.dbaas.pipeline.provisioner.local.LocalSettings;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * Settings of the local backend ({@code provisioner.local.*}).
 *
 * @param baseDirectory the CA and one directory per instance
 * @param binariesDirectory where engine binaries are unpacked; {@code <base>/binaries} if
 * unset
 * @param archiveRepositories Maven repository directories searched for engine versions
 * not on the class path
 * @param maxInstances how many instances may exist at once
 * @param firstPort first port of the instances' range
 * @param lastPort last port of that range
 * @param memoryScaleFactor node RAM divided by this is an instance's buffer pool
 * @param minFreeDisk storage is refused below this much free disk
 * @param stopOnClose whether a clean stop of the provisioner stops the servers
 * @param startOnOpen whether a start of the provisioner starts provisioned servers that
 * do not run
 */
@ConfigurationProperties("provisioner.local")
public record LocalBackendProperties(Path baseDirectory, @Nullable Path binariesDirectory,
		@Nullable List<Path> archiveRepositories, int maxInstances, int firstPort, int lastPort, int memoryScaleFactor,
		DataSize minFreeDisk, boolean stopOnClose, boolean startOnOpen) {

	LocalSettings settings() {
		Path binaries = (this.binariesDirectory != null) ? this.binariesDirectory
				: this.baseDirectory.resolve("binaries");
		return new LocalSettings(this.baseDirectory, binaries,
				(this.archiveRepositories != null) ? this.archiveRepositories : List.of(), this.maxInstances,
				this.firstPort, this.lastPort, this.memoryScaleFactor, this.minFreeDisk.toMegabytes(), this.stopOnClose,
				this.startOnOpen);
	}

}
