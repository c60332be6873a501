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

import dev.dbaas.pipeline.contract.instance.InstanceIdRule;
import dev.dbaas.pipeline.provisioner.local.engine.InstanceLayout;
import dev.dbaas.pipeline.provisioner.local.engine.LocalFiles;
import dev.dbaas.pipeline.provisioner.local.engine.ServerSettings;
import dev.dbaas.pipeline.provisioner.local.engine.ServerSizing;
import dev.dbaas.pipeline.provisioner.local.engine.TrustedNetwork;
import dev.dbaas.pipeline.provisioner.provisioning.DatabaseEngine;
import dev.dbaas.pipeline.provisioner.provisioning.EngineType;
import dev.dbaas.pipeline.provisioner.provisioning.OrderId;
import dev.dbaas.pipeline.provisioner.provisioning.ProvisioningStep;
import org.jspecify.annotations.Nullable;

/**
 * What the backend recorded about one instance in {@code instance.properties}: the create
 * order and the instance id, its port and sizing, its storage quota, its trusted networks
 * (and the ones before the last change, to go back to), the steps of the create that
 * completed, the interruption of the last node-size change, and whether a delete is under
 * way. Immutable; every change writes a new file atomically, before the change is made on
 * the server, so that a repeat after a crash finds what it was doing.
 *
 * @param layout where the instance lives
 * @param orderId the create order
 * @param instanceId the instance (instances created before instance ids were recorded
 * carry the id derived from their order)
 * @param engine the ordered engine and version
 * @param settings port and sizing
 * @param nodeSize the node size the sizing was computed from, or {@code null} if
 * unrecorded
 * @param storageGb the recorded storage quota, 0 until storage is attached
 * @param trusted the trusted networks, empty until the firewall is configured
 * @param previousTrusted the trusted networks before the last change of them, empty if
 * none
 * @param completed the create steps that completed
 * @param interruptionOrder the change order that last restarted the server, or
 * {@code null}
 * @param interruptionMillis how long that restart refused connections
 * @param deleting whether a delete stopped the server (it is not started again on open)
 */
public record LocalInstance(InstanceLayout layout, OrderId orderId, String instanceId, DatabaseEngine engine,
		ServerSettings settings, @Nullable String nodeSize, int storageGb, List<TrustedNetwork> trusted,
		List<TrustedNetwork> previousTrusted, Set<ProvisioningStep> completed, @Nullable String interruptionOrder,
		long interruptionMillis, boolean deleting) {

	private static final String FILE = "instance.properties";

	public LocalInstance {
		trusted = List.copyOf(trusted);
		previousTrusted = List.copyOf(previousTrusted);
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
		return new LocalInstance(this.layout, this.orderId, this.instanceId, this.engine, this.settings, this.nodeSize,
				this.storageGb, this.trusted, this.previousTrusted, steps, this.interruptionOrder,
				this.interruptionMillis, this.deleting);
	}

	LocalInstance withStorage(int storageGb) {
		return new LocalInstance(this.layout, this.orderId, this.instanceId, this.engine, this.settings, this.nodeSize,
				storageGb, this.trusted, this.previousTrusted, this.completed, this.interruptionOrder,
				this.interruptionMillis, this.deleting);
	}

	LocalInstance withTrusted(List<TrustedNetwork> trusted) {
		return new LocalInstance(this.layout, this.orderId, this.instanceId, this.engine, this.settings, this.nodeSize,
				this.storageGb, trusted, this.previousTrusted, this.completed, this.interruptionOrder,
				this.interruptionMillis, this.deleting);
	}

	LocalInstance changingTrusted(List<TrustedNetwork> trusted) {
		return new LocalInstance(this.layout, this.orderId, this.instanceId, this.engine, this.settings, this.nodeSize,
				this.storageGb, trusted, this.trusted, this.completed, this.interruptionOrder, this.interruptionMillis,
				this.deleting);
	}

	LocalInstance withSizing(String nodeSize, ServerSizing sizing) {
		return new LocalInstance(this.layout, this.orderId, this.instanceId, this.engine,
				new ServerSettings(this.settings.port(), sizing), nodeSize, this.storageGb, this.trusted,
				this.previousTrusted, this.completed, this.interruptionOrder, this.interruptionMillis, this.deleting);
	}

	LocalInstance interruptedBy(String changeOrder, long millis) {
		return new LocalInstance(this.layout, this.orderId, this.instanceId, this.engine, this.settings, this.nodeSize,
				this.storageGb, this.trusted, this.previousTrusted, this.completed, changeOrder, millis, this.deleting);
	}

	LocalInstance markedDeleting() {
		return new LocalInstance(this.layout, this.orderId, this.instanceId, this.engine, this.settings, this.nodeSize,
				this.storageGb, this.trusted, this.previousTrusted, this.completed, this.interruptionOrder,
				this.interruptionMillis, true);
	}

	static Path fileIn(Path directory) {
		return directory.resolve(FILE);
	}

	void writeTo(Path directory) throws IOException {
		Properties properties = new Properties();
		properties.setProperty("order-id", this.orderId.value());
		properties.setProperty("instance-id", this.instanceId);
		properties.setProperty("engine", this.engine.type().name());
		properties.setProperty("version", this.engine.version());
		properties.setProperty("port", Integer.toString(this.settings.port()));
		if (this.nodeSize != null) {
			properties.setProperty("node-size", this.nodeSize);
		}
		properties.setProperty("node-ram-gb", Integer.toString(this.settings.sizing().nodeRamGb()));
		properties.setProperty("buffer-mb", Integer.toString(this.settings.sizing().bufferMb()));
		properties.setProperty("max-connections", Integer.toString(this.settings.sizing().maxConnections()));
		properties.setProperty("storage-gb", Integer.toString(this.storageGb));
		properties.setProperty("trusted", joined(this.trusted));
		properties.setProperty("previous-trusted", joined(this.previousTrusted));
		properties.setProperty("completed-steps",
				this.completed.stream().sorted().map(Enum::name).collect(Collectors.joining(",")));
		if (this.interruptionOrder != null) {
			properties.setProperty("interruption-order", this.interruptionOrder);
			properties.setProperty("interruption-millis", Long.toString(this.interruptionMillis));
		}
		properties.setProperty("deleting", Boolean.toString(this.deleting));
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
		EnumSet<ProvisioningStep> completed = EnumSet.noneOf(ProvisioningStep.class);
		split(properties.getProperty("completed-steps", ""))
			.forEach((step) -> completed.add(ProvisioningStep.valueOf(step)));
		OrderId orderId = new OrderId(properties.getProperty("order-id"));
		String instanceId = properties.getProperty("instance-id");
		if (instanceId == null) {
			instanceId = InstanceIdRule.ofLegacyOrder(orderId.value());
		}
		return Optional.of(new LocalInstance(new InstanceLayout(directory), orderId, instanceId, engine,
				new ServerSettings(intOf(properties, "port"), sizing), properties.getProperty("node-size"),
				intOf(properties, "storage-gb"), networks(properties.getProperty("trusted", "")),
				networks(properties.getProperty("previous-trusted", "")), completed,
				properties.getProperty("interruption-order"),
				Long.parseLong(properties.getProperty("interruption-millis", "0").trim()),
				Boolean.parseBoolean(properties.getProperty("deleting", "false"))));
	}

	private static String joined(List<TrustedNetwork> networks) {
		return networks.stream().map(TrustedNetwork::toString).collect(Collectors.joining(","));
	}

	private static List<TrustedNetwork> networks(String text) {
		return split(text).stream().map(TrustedNetwork::parse).toList();
	}

	private static int intOf(Properties properties, String key) {
		return Integer.parseInt(properties.getProperty(key, "0").trim());
	}

	private static List<String> split(String text) {
		return Arrays.stream(text.split(",")).map(String::trim).filter((part) -> !part.isEmpty()).toList();
	}

}
