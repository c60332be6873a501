package dev.dbaas.pipeline.provisioner.local;

import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

import dev.dbaas.pipeline.contract.credentials.AdminCredentials;
import dev.dbaas.pipeline.provisioner.provisioning.DatabaseOrder;
import dev.dbaas.pipeline.provisioner.provisioning.EngineType;
import dev.dbaas.pipeline.provisioner.provisioning.ProvisioningBackend;
import dev.dbaas.pipeline.provisioner.provisioning.ProvisioningStep;
import dev.dbaas.pipeline.provisioner.provisioning.StepOutcome;

/**
 * Sends each order to the backend that serves its engine: PostgreSQL and MariaDB to the
 * local backend (real servers on this machine), MySQL and CouchDB (no Maven-served server
 * binaries) to the simulation. Thread-safe if both backends are.
 */
public class EngineRoutingBackend implements ProvisioningBackend {

	/** The engines the local backend serves. */
	public static final Set<EngineType> LOCAL_ENGINES = Set
		.copyOf(EnumSet.of(EngineType.POSTGRESQL, EngineType.MARIADB));

	private final ProvisioningBackend local;

	private final ProvisioningBackend others;

	/**
	 * Creates the router.
	 * @param local serves {@link #LOCAL_ENGINES}
	 * @param others serves every other engine
	 */
	public EngineRoutingBackend(ProvisioningBackend local, ProvisioningBackend others) {
		this.local = local;
		this.others = others;
	}

	@Override
	public StepOutcome perform(DatabaseOrder order, ProvisioningStep step, int attempt) throws InterruptedException {
		return backendOf(order).perform(order, step, attempt);
	}

	@Override
	public StepOutcome release(DatabaseOrder create) throws InterruptedException {
		return backendOf(create).release(create);
	}

	/**
	 * The local backend's engines: their instances live on the host that created them;
	 * the simulated ones do not.
	 */
	@Override
	public Set<EngineType> hostBoundEngines() {
		return this.local.hostBoundEngines();
	}

	@Override
	public Optional<AdminCredentials> adminCredentials(DatabaseOrder order) {
		return backendOf(order).adminCredentials(order);
	}

	private ProvisioningBackend backendOf(DatabaseOrder order) {
		return LOCAL_ENGINES.contains(order.engine().type()) ? this.local : this.others;
	}

}
