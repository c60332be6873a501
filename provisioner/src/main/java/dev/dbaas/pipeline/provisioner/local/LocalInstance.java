package dev.dbaas.pipeline.provisioner.local;

import java.io.IOException;
import java.io.Reader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Collectors;

import dev.dbaas.pipeline.provisioner.local.engine.InstanceLayout;
import dev.dbaas.pipeline.provisioner.local.engine.LocalFiles;
import dev.dbaas.pipeline.provisioner.local.engine.ServerSettings;
import dev.dbaas.pipeline.provisioner.local.engine.ServerSizing;
import dev.dbaas.pipeline.provisioner.local.engine.TrustedNetwork;
import dev.dbaas.pipeline.provisioner.provisioning.DatabaseEngine;
import dev.dbaas.pipeline.provisioner.provisioning.EngineType;
import dev.dbaas.pipeline.provisioner.provisioning.OrderId;
import dev.dbaas.pipeline.provisioner.provisioning.ProvisioningStep;

/**
 * What the backend recorded about one instance in {@code instance.properties}: the order,
 * its port and sizing, its storage quota, its trusted networks and the steps that
 * completed. Immutable; every change writes a new file atomically.
 *
 * @param layout where the instance lives
 * @param orderId the order
 * @param engine the ordered engine and version
 * @param settings port and sizing
 * @param storageGb the recorded storage quota, 0 until storage is attached
 * @param trusted the trusted networks, empty until the firewall is configured
 * @param completed the steps that completed
 */
public record LocalInstance(InstanceLayout layout, OrderId orderId, DatabaseEngine engine, ServerSettings settings,
		int storageGb, List<TrustedNetwork> trusted, Set<ProvisioningStep> completed) {

	private static final String FILE = "instance.properties";

	public LocalInstance {
		trusted = List.copyOf(trusted);
		completed = completed.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(completed));
	}

	/**
	 * Whether a step completed.
	 * @param step the step
	 * @return {@code true} if recorded as completed
	 */
	public boolean hasCompleted(ProvisioningStep step) {
		return this.completed.contains(step);
	}

	LocalInstance completing(ProvisioningStep step) {
		EnumSet<ProvisioningStep> steps = EnumSet.noneOf(ProvisioningStep.class);
		steps.addAll(this.completed);
		steps.add(step);
		return new LocalInstance(this.layout, this.orderId, this.engine, this.settings, this.storageGb, this.trusted,
				steps);
	}

	LocalInstance withStorage(int storageGb) {
		return new LocalInstance(this.layout, this.orderId, this.engine, this.settings, storageGb, this.trusted,
				this.completed);
	}

	LocalInstance withTrusted(List<TrustedNetwork> trusted) {
		return new LocalInstance(this.layout, this.orderId, this.engine, this.settings, this.storageGb, trusted,
				this.completed);
	}

	static Path fileIn(Path directory) {
		return directory.resolve(FILE);
	}

	void writeTo(Path directory) throws IOException {
		Properties properties = new Properties();
		properties.setProperty("order-id", this.orderId.value());
		properties.setProperty("engine", this.engine.type().name());
		properties.setProperty("version", this.engine.version());
		properties.setProperty("port", Integer.toString(this.settings.port()));
		properties.setProperty("node-ram-gb", Integer.toString(this.settings.sizing().nodeRamGb()));
		properties.setProperty("buffer-mb", Integer.toString(this.settings.sizing().bufferMb()));
		properties.setProperty("max-connections", Integer.toString(this.settings.sizing().maxConnections()));
		properties.setProperty("storage-gb", Integer.toString(this.storageGb));
		properties.setProperty("trusted",
				this.trusted.stream().map(TrustedNetwork::toString).collect(Collectors.joining(",")));
		properties.setProperty("completed-steps",
				this.completed.stream().sorted().map(Enum::name).collect(Collectors.joining(",")));
		StringWriter text = new StringWriter();
		properties.store(text, "local provisioning backend: one instance");
		LocalFiles.writeAtomically(fileIn(directory), text.toString(), false);
	}

	static Optional<LocalInstance> readFrom(Path directory) throws IOException {
		Path file = fileIn(directory);
		if (!Files.isRegularFile(file)) {
			return Optional.empty();
		}
		Properties properties = new Properties();
		try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
			properties.load(reader);
		}
		DatabaseEngine engine = new DatabaseEngine(EngineType.valueOf(properties.getProperty("engine")),
				properties.getProperty("version"));
		ServerSizing sizing = new ServerSizing(intOf(properties, "node-ram-gb"), intOf(properties, "buffer-mb"),
				intOf(properties, "max-connections"));
		List<TrustedNetwork> trusted = split(properties.getProperty("trusted", "")).stream()
			.map(TrustedNetwork::parse)
			.toList();
		EnumSet<ProvisioningStep> completed = EnumSet.noneOf(ProvisioningStep.class);
		split(properties.getProperty("completed-steps", ""))
			.forEach((step) -> completed.add(ProvisioningStep.valueOf(step)));
		return Optional
			.of(new LocalInstance(new InstanceLayout(directory), new OrderId(properties.getProperty("order-id")),
					engine, new ServerSettings(intOf(properties, "port"), sizing), intOf(properties, "storage-gb"),
					trusted, completed));
	}

	private static int intOf(Properties properties, String key) {
		return Integer.parseInt(properties.getProperty(key, "0").trim());
	}

	private static List<String> split(String text) {
		return Arrays.stream(text.split(",")).map(String::trim).filter((part) -> !part.isEmpty()).toList();
	}

}
