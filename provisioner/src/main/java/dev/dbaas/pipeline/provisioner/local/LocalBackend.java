package dev.dbaas.pipeline.provisioner.local;

import java.io.IOException;
import java.io.Reader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

import dev.dbaas.pipeline.contract.credentials.AdminCredentials;
import dev.dbaas.pipeline.contract.instance.InstanceIdRule;
import dev.dbaas.pipeline.provisioner.local.InstanceJournal.Outcome;
import dev.dbaas.pipeline.provisioner.local.engine.DirectoryLock;
import dev.dbaas.pipeline.provisioner.local.engine.EngineArchives;
import dev.dbaas.pipeline.provisioner.local.engine.EngineBinaries;
import dev.dbaas.pipeline.provisioner.local.engine.EngineDriver;
import dev.dbaas.pipeline.provisioner.local.engine.EngineFailure;
import dev.dbaas.pipeline.provisioner.local.engine.InstanceLayout;
import dev.dbaas.pipeline.provisioner.local.engine.LocalFiles;
import dev.dbaas.pipeline.provisioner.local.engine.Observation;
import dev.dbaas.pipeline.provisioner.local.engine.ServerSettings;
import dev.dbaas.pipeline.provisioner.local.engine.ServerSizing;
import dev.dbaas.pipeline.provisioner.local.engine.TrustedNetwork;
import dev.dbaas.pipeline.provisioner.local.tls.CertificateAuthority;
import dev.dbaas.pipeline.provisioner.provisioning.DatabaseOrder;
import dev.dbaas.pipeline.provisioner.provisioning.EngineType;
import dev.dbaas.pipeline.provisioner.provisioning.Failure;
import dev.dbaas.pipeline.provisioner.provisioning.FailureCode;
import dev.dbaas.pipeline.provisioner.provisioning.InstanceFacts;
import dev.dbaas.pipeline.provisioner.provisioning.ObservedSettings;
import dev.dbaas.pipeline.provisioner.provisioning.OrderId;
import dev.dbaas.pipeline.provisioner.provisioning.ProvisioningBackend;
import dev.dbaas.pipeline.provisioner.provisioning.ProvisioningStep;
import dev.dbaas.pipeline.provisioner.provisioning.StepOutcome;
import dev.dbaas.pipeline.provisioner.provisioning.StepOutcome.Completed;
import dev.dbaas.pipeline.provisioner.provisioning.StepOutcome.Rejected;
import dev.dbaas.pipeline.provisioner.provisioning.StepOutcome.TransientError;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A provisioning backend that runs real PostgreSQL and MariaDB servers on this machine,
 * one per order, below a base directory. The steps do what their names say:
 * <ul>
 * <li>{@code ALLOCATE_NODE} takes a free port of the range and an instance directory, and
 * sizes the server from the node size (buffer pool = node RAM / the scale factor, at
 * least 8 MB), at most {@code maxInstances} at once ({@code REGION_CAPACITY_EXHAUSTED}
 * beyond);</li>
 * <li>{@code ATTACH_STORAGE} records the storage quota: locally it is a recorded limit,
 * not an enforced one; a disk with less than the configured free space is refused
 * ({@code LOCAL_DISK_FULL});</li>
 * <li>{@code CONFIGURE_FIREWALL} writes the access rules from the trusted sources
 * ({@code pg_hba.conf} or MariaDB host grants) and rejects everything else;</li>
 * <li>{@code INSTALL_ENGINE} unpacks the ordered version's binaries and creates the data
 * directory ({@code ENGINE_BINARIES_MISSING} if there are none);</li>
 * <li>{@code CREATE_ADMIN_CREDENTIALS} generates the admin password, keeps it only in the
 * instance's owner-only {@code admin.credentials}, creates the admin login, issues the
 * server certificate from the backend's CA and starts the server with TLS only;</li>
 * <li>{@code HEALTH_CHECK} logs in as admin over TLS verified against the CA, from an
 * address of a trusted source, and completes only if the running major is the ordered one
 * and the access rules the server reports equal the trusted sources.</li>
 * </ul>
 *
 * <p>
 * Change orders find their instance by its id ({@code instance-id} in
 * {@code instance.properties}; the directory keeps the create's order id):
 * <ul>
 * <li>{@code APPLY_TRUSTED_SOURCES} records the new networks (and the old ones), rewrites
 * the access rules and applies them without restart (PostgreSQL: SIGHUP reloads
 * {@code pg_hba.conf}; MariaDB: the accounts applied over an admin login), then waits
 * until the first new loopback source logs in; if it never does, the old rules are
 * written back and the step is refused with the instance still usable;</li>
 * <li>{@code APPLY_STORAGE} raises the recorded quota (no interruption; a shrink is
 * refused);</li>
 * <li>{@code APPLY_NODE_SIZE} records the new sizing, restarts the server with it and
 * records how long it refused connections (from the stop until it accepts them
 * again);</li>
 * <li>{@code VERIFY_SETTINGS} logs in from a trusted source and reads back the access
 * rules and the sizing the server runs with; a mismatch of the rules writes the old ones
 * back;</li>
 * <li>{@code STOP_SERVER} marks the instance deleting (it is not started again on open)
 * and stops it; {@code REMOVE_DATA} leaves a tombstone ({@code deleted/<instance>/}:
 * port, journal) and removes the directory, which frees the port and the instance slot;
 * {@code VERIFY_DELETED} checks that the port refuses connections.</li>
 * </ul>
 * {@link #release} does what {@code REMOVE_DATA} does for a cancelled create, and a
 * released instance is never allocated again. The backend is host-bound: its instances
 * live on this machine ({@link #hostBoundEngines()}).
 *
 * <p>
 * Idempotent by order and step and crash-safe: the instance's {@code instance.properties}
 * (written atomically) records what completed, every step checks the real state (data
 * directory, pid file of a live process) before it creates anything, and
 * {@code journal.log} records every call. Servers run in sessions of their own and
 * outlive the JVM; {@link #open()} adopts the ones that run and starts the provisioned
 * ones that do not; {@link #close()} stops them when so configured.
 *
 * <p>
 * Thread-safe: calls for one order are serialised by a lock file (also across backends
 * over the same base directory), allocations by another.
 */
public class LocalBackend implements ProvisioningBackend, AutoCloseable {

	/** No trusted source lies on this machine, so nobody could ever connect. */
	public static final FailureCode NO_LOCAL_TRUSTED_SOURCE = new FailureCode("NO_LOCAL_TRUSTED_SOURCE");

	/** Every port of the configured range is in use. */
	public static final FailureCode LOCAL_PORTS_EXHAUSTED = new FailureCode("LOCAL_PORTS_EXHAUSTED");

	private static final Logger log = LoggerFactory.getLogger(LocalBackend.class);

	private static final SecureRandom RANDOM = new SecureRandom();

	private final LocalSettings settings;

	private final EngineArchives archives;

	private final String caller;

	private final Clock clock;

	private final Set<OrderId> adopted = ConcurrentHashMap.newKeySet();

	/**
	 * Instance directories by instance id, checked against the directory on every use.
	 */
	private final Map<String, Path> directories = new ConcurrentHashMap<>();

	private volatile @Nullable CertificateAuthority authority;

	/**
	 * Creates the backend; {@link #open()} prepares the base directory.
	 * @param settings where and how instances run
	 * @param caller who calls, recorded in the journals (the worker id)
	 * @param clock the journals' clock
	 */
	public LocalBackend(LocalSettings settings, String caller, Clock clock) {
		this.settings = settings;
		this.caller = caller;
		this.clock = clock;
		this.archives = new EngineArchives(settings.binariesDirectory(), settings.archiveRepositories(),
				LocalBackend.class.getClassLoader());
	}

	/**
	 * Creates the base directory and the CA (once), rescans the instances, adopts the
	 * servers that run and starts the provisioned ones that do not (if configured).
	 * @throws IOException if the base directory cannot be prepared
	 * @throws InterruptedException if interrupted while starting servers
	 */
	public void open() throws IOException, InterruptedException {
		Files.createDirectories(instancesDirectory());
		try (DirectoryLock held = DirectoryLock.hold(locks().resolve("ca.lock"))) {
			this.authority = CertificateAuthority.openOrCreate(this.settings.baseDirectory().resolve("ca"), this.clock);
		}
		for (LocalInstance instance : instances()) {
			if (!instance.hasCompleted(ProvisioningStep.CREATE_ADMIN_CREDENTIALS) || instance.deleting()) {
				continue;
			}
			EngineDriver driver = driverOf(instance.engine().type());
			if (driver.running(instance.layout()).isPresent()) {
				this.adopted.add(instance.orderId());
				log.info("Adopted the running {} server of order {} on port {}", instance.engine(), instance.orderId(),
						instance.settings().port());
			}
			else if (this.settings.startOnOpen()) {
				try (DirectoryLock held = lockOf(instance.orderId())) {
					EngineBinaries binaries = this.archives.unpacked(instance.engine().type(),
							instance.engine().version());
					driver.start(binaries, instance.layout(), instance.settings());
					log.info("Started the {} server of order {} again on port {}", instance.engine(),
							instance.orderId(), instance.settings().port());
				}
				catch (EngineFailure ex) {
					log.warn("Could not start the {} server of order {}: {}", instance.engine(), instance.orderId(),
							ex.getMessage());
				}
			}
		}
	}

	/**
	 * Stops every server of the base directory if the settings say so; otherwise leaves
	 * them running for the next backend to adopt.
	 */
	@Override
	public void close() throws IOException, InterruptedException {
		if (!this.settings.stopOnClose()) {
			return;
		}
		// All at once: one after the other, a clean stop of the provisioner took one
		// fast shutdown per instance, and the servers it had not reached yet outlived a
		// JVM that was killed at the end of its shutdown grace (fault scenario 9).
		List<java.util.concurrent.CompletableFuture<Void>> stopping = new ArrayList<>();
		for (LocalInstance instance : instances()) {
			stopping.add(java.util.concurrent.CompletableFuture.runAsync(() -> stopQuietly(instance),
					(task) -> new Thread(task, "local-stop-" + instance.orderId().value()).start()));
		}
		for (java.util.concurrent.CompletableFuture<Void> stop : stopping) {
			stop.join();
		}
	}

	private void stopQuietly(LocalInstance instance) {
		try (DirectoryLock held = lockOf(instance.orderId())) {
			driverOf(instance.engine().type()).stop(instance.layout());
		}
		catch (IOException ex) {
			log.warn("Could not stop the {} server of order {}: {}", instance.engine(), instance.orderId(),
					ex.getMessage());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	/**
	 * Stops an order's server and removes its directory, data and credentials included.
	 * @param orderId the order
	 * @return whether there was such an instance
	 * @throws IOException if it cannot be removed
	 * @throws InterruptedException if interrupted while it stops
	 */
	public boolean delete(OrderId orderId) throws IOException, InterruptedException {
		try (DirectoryLock held = lockOf(orderId)) {
			Path directory = directoryOf(orderId);
			Optional<LocalInstance> instance = LocalInstance.readFrom(directory);
			if (instance.isEmpty()) {
				return false;
			}
			remove(instance.get());
			return true;
		}
	}

	/**
	 * The instances of the base directory, whatever backend created them.
	 * @return the instances
	 * @throws IOException if the directory cannot be read
	 */
	public List<LocalInstance> instances() throws IOException {
		if (!Files.isDirectory(instancesDirectory())) {
			return List.of();
		}
		List<LocalInstance> instances = new ArrayList<>();
		try (Stream<Path> directories = Files.list(instancesDirectory())) {
			for (Path directory : directories.filter((path) -> !path.getFileName().toString().startsWith("."))
				.toList()) {
				LocalInstance.readFrom(directory).ifPresent(instances::add);
			}
		}
		return instances;
	}

	/**
	 * The orders whose running servers {@link #open()} adopted.
	 * @return order ids
	 */
	public Set<OrderId> adopted() {
		return Set.copyOf(this.adopted);
	}

	/**
	 * The process of an order's running server.
	 * @param orderId the order
	 * @return its process id, empty if it does not run
	 * @throws IOException if the instance cannot be read
	 */
	public Optional<Long> serverPid(OrderId orderId) throws IOException {
		Optional<LocalInstance> instance = LocalInstance.readFrom(directoryOf(orderId));
		return instance.flatMap((found) -> driverOf(found.engine().type()).running(found.layout()))
			.map(ProcessHandle::pid);
	}

	@Override
	public Optional<AdminCredentials> adminCredentials(DatabaseOrder order) {
		return adminCredentials(order.orderId());
	}

	/**
	 * The admin credentials of an order's instance, for the pipeline to seal for the
	 * customer. Never log them.
	 * @param orderId the order
	 * @return the credentials, empty before {@code CREATE_ADMIN_CREDENTIALS}
	 */
	public Optional<AdminCredentials> adminCredentials(OrderId orderId) {
		try {
			return readCredentials(new InstanceLayout(directoryOf(orderId)));
		}
		catch (IOException ex) {
			return Optional.empty();
		}
	}

	/**
	 * Every call the backend received for an order, oldest first.
	 * @param orderId the order
	 * @return the journal, empty if the order has no instance
	 * @throws IOException if the journal cannot be read
	 */
	public List<InstanceJournal.Entry> journal(OrderId orderId) throws IOException {
		return InstanceJournal.read(directoryOf(orderId));
	}

	/**
	 * The CA certificate every instance's server certificate is signed by.
	 * @return PEM text
	 */
	public String caCertificatePem() {
		return authority().certificatePem();
	}

	@Override
	public StepOutcome perform(DatabaseOrder order, ProvisioningStep step, int attempt) throws InterruptedException {
		Optional<EngineDriver> driver = EngineDriver.of(order.engine().type());
		if (driver.isEmpty()) {
			return new Rejected(new Failure(step.failureCode(), "The local backend serves PostgreSQL and MariaDB, not "
					+ order.engine().type() + "; route " + order.engine().type() + " to the simulation."));
		}
		if (order.isChange()) {
			return performChange(order, step, attempt, driver.get());
		}
		long started = System.nanoTime();
		Done done;
		try (DirectoryLock held = lockOf(order.orderId())) {
			done = switch (step) {
				case ALLOCATE_NODE -> allocate(order);
				case ATTACH_STORAGE -> attachStorage(order);
				case CONFIGURE_FIREWALL -> configureFirewall(order, driver.get());
				case INSTALL_ENGINE -> installEngine(order, driver.get());
				case CREATE_ADMIN_CREDENTIALS -> createAdminCredentials(order, driver.get());
				case HEALTH_CHECK -> healthCheck(order, driver.get());
				default -> rejected(step.failureCode(), step + " is no step of a create");
			};
		}
		catch (EngineFailure ex) {
			done = ex.retryable() ? new Done(new TransientError(ex.getMessage()), Outcome.TRANSIENT_ERROR)
					: rejected(new FailureCode(ex.code()), ex.getMessage());
		}
		catch (IOException ex) {
			done = failureOf(step, ex);
		}
		long millis = (System.nanoTime() - started) / 1_000_000;
		Path directory = directoryOf(order.orderId());
		if (Files.isDirectory(directory)) {
			try {
				InstanceJournal.append(directory, this.clock, step, attempt, done.journal(), millis, this.caller,
						order.orderId().value());
			}
			catch (IOException ex) {
				log.warn("Could not journal {} of order {}: {}", step, order.orderId(), ex.getMessage());
			}
		}
		log.info("Local {} of order {} ({}): {} in {} ms", step, order.orderId(), order.engine(), done.journal(),
				millis);
		return done.outcome();
	}

	private Done allocate(DatabaseOrder order) throws IOException {
		Path directory = directoryOf(order.orderId());
		if (LocalInstance.readFrom(directory).isPresent()) {
			return replayed();
		}
		if (Files.isDirectory(tombstoneOf(order.instanceId()))) {
			return rejected(ProvisioningStep.ALLOCATE_NODE.failureCode(),
					"Instance " + order.instanceId() + " was deleted or released; it is not allocated again.");
		}
		ServerSizing sizing;
		try {
			sizing = ServerSizing.of(order.nodeSize(), this.settings.memoryScaleFactor());
		}
		catch (IllegalArgumentException ex) {
			return rejected(ProvisioningStep.ALLOCATE_NODE.failureCode(), ex.getMessage());
		}
		try (DirectoryLock held = DirectoryLock.hold(locks().resolve("allocation.lock"))) {
			List<LocalInstance> existing = instances();
			if (existing.size() >= this.settings.maxInstances()) {
				return rejected(FailureCode.REGION_CAPACITY_EXHAUSTED,
						"The local backend runs at most " + this.settings.maxInstances() + " instances and all "
								+ existing.size()
								+ " are allocated; delete one or raise provisioner.local.max-instances.");
			}
			Set<Integer> taken = new HashSet<>();
			existing.forEach((instance) -> taken.add(instance.settings().port()));
			Optional<Integer> port = Stream
				.iterate(this.settings.firstPort(), (p) -> p <= this.settings.lastPort(), (p) -> p + 1)
				.filter((p) -> !taken.contains(p) && portFree(p))
				.findFirst();
			if (port.isEmpty()) {
				return rejected(LOCAL_PORTS_EXHAUSTED, "Every port from " + this.settings.firstPort() + " to "
						+ this.settings.lastPort() + " of 127.0.0.1 is in use.");
			}
			Path partial = instancesDirectory().resolve("." + directory.getFileName() + ".partial");
			LocalFiles.deleteRecursively(partial);
			Files.createDirectories(partial);
			new LocalInstance(new InstanceLayout(directory), order.orderId(), order.instanceId(), order.engine(),
					new ServerSettings(port.get(), sizing), order.nodeSize(), 0, List.of(), List.of(),
					Set.of(ProvisioningStep.ALLOCATE_NODE), null, 0, false)
				.writeTo(partial);
			Files.move(partial, directory, StandardCopyOption.ATOMIC_MOVE);
			return executed(Completed.step());
		}
	}

	private Done attachStorage(DatabaseOrder order) throws IOException {
		Optional<LocalInstance> instance = allocated(order);
		if (instance.isEmpty()) {
			return notAllocated(order, ProvisioningStep.ATTACH_STORAGE);
		}
		if (instance.get().hasCompleted(ProvisioningStep.ATTACH_STORAGE)) {
			return replayed();
		}
		long freeMb = Files.getFileStore(instance.get().layout().root()).getUsableSpace() / (1024 * 1024);
		if (freeMb < this.settings.minFreeDiskMb()) {
			return rejected(new FailureCode(EngineFailure.DISK_FULL), "The disk of " + this.settings.baseDirectory()
					+ " has " + freeMb + " MB free, less than the " + this.settings.minFreeDiskMb() + " MB needed.");
		}
		save(instance.get().withStorage(order.storageGb()).completing(ProvisioningStep.ATTACH_STORAGE));
		return executed(Completed.step());
	}

	private Done configureFirewall(DatabaseOrder order, EngineDriver driver) throws IOException {
		Optional<LocalInstance> instance = allocated(order);
		if (instance.isEmpty()) {
			return notAllocated(order, ProvisioningStep.CONFIGURE_FIREWALL);
		}
		if (instance.get().hasCompleted(ProvisioningStep.CONFIGURE_FIREWALL)) {
			return replayed();
		}
		List<TrustedNetwork> trusted = new ArrayList<>();
		for (String source : order.trustedSources()) {
			try {
				trusted.add(TrustedNetwork.parse(source));
			}
			catch (IllegalArgumentException ex) {
				return rejected(ProvisioningStep.CONFIGURE_FIREWALL.failureCode(), ex.getMessage());
			}
		}
		if (trusted.stream().noneMatch(TrustedNetwork::isLoopback)) {
			return rejected(NO_LOCAL_TRUSTED_SOURCE,
					"The local backend runs servers on 127.0.0.1 only; none of the " + "trusted sources "
							+ order.trustedSources() + " lies in 127.0.0.0/8, so nobody could connect; "
							+ "order for 127.0.0.1/32 to connect from this machine");
		}
		driver.writeAccessRules(instance.get().layout(), trusted);
		save(instance.get().withTrusted(trusted).completing(ProvisioningStep.CONFIGURE_FIREWALL));
		return executed(Completed.step());
	}

	private Done installEngine(DatabaseOrder order, EngineDriver driver)
			throws IOException, EngineFailure, InterruptedException {
		Optional<LocalInstance> instance = allocated(order);
		if (instance.isEmpty()) {
			return notAllocated(order, ProvisioningStep.INSTALL_ENGINE);
		}
		EngineBinaries binaries = this.archives.unpacked(order.engine().type(), order.engine().version());
		boolean created = driver.install(binaries, instance.get().layout());
		if (!created && instance.get().hasCompleted(ProvisioningStep.INSTALL_ENGINE)) {
			return replayed();
		}
		save(instance.get().completing(ProvisioningStep.INSTALL_ENGINE));
		return executed(Completed.step());
	}

	private Done createAdminCredentials(DatabaseOrder order, EngineDriver driver)
			throws IOException, EngineFailure, InterruptedException {
		Optional<LocalInstance> instance = allocated(order);
		if (instance.isEmpty() || !instance.get().hasCompleted(ProvisioningStep.INSTALL_ENGINE)
				|| !instance.get().hasCompleted(ProvisioningStep.CONFIGURE_FIREWALL)) {
			return rejected(ProvisioningStep.CREATE_ADMIN_CREDENTIALS.failureCode(), "Order " + order.orderId()
					+ " has no installed engine with access rules to create admin credentials for.");
		}
		InstanceLayout layout = instance.get().layout();
		AdminCredentials credentials = readCredentials(layout).orElse(null);
		boolean changed = false;
		if (credentials == null) {
			credentials = new AdminCredentials(EngineDriver.ADMIN_USER, newPassword());
			writeCredentials(layout, credentials);
			changed = true;
		}
		authority().issueServerCertificate(layout.tls(), order.orderId().value());
		EngineBinaries binaries = this.archives.unpacked(order.engine().type(), order.engine().version());
		changed |= driver.createAdmin(binaries, layout, instance.get().settings(), credentials.password());
		changed |= driver.start(binaries, layout, instance.get().settings());
		if (!changed && instance.get().hasCompleted(ProvisioningStep.CREATE_ADMIN_CREDENTIALS)) {
			return replayed();
		}
		save(instance.get().completing(ProvisioningStep.CREATE_ADMIN_CREDENTIALS));
		return executed(Completed.step());
	}

	private Done healthCheck(DatabaseOrder order, EngineDriver driver) throws IOException, EngineFailure {
		Optional<LocalInstance> found = allocated(order);
		if (found.isEmpty() || found.get().completed().size() < ProvisioningStep.CREATE_STEPS.size() - 1) {
			return rejected(ProvisioningStep.HEALTH_CHECK.failureCode(),
					"Health check of order " + order.orderId() + " failed: not every earlier step completed.");
		}
		LocalInstance instance = found.get();
		if (driver.running(instance.layout()).isEmpty()) {
			throw EngineFailure.retryable(
					"The " + order.engine() + " server of order " + order.orderId() + " does not run (yet).", null);
		}
		AdminCredentials credentials = readCredentials(instance.layout())
			.orElseThrow(() -> new IOException("the admin credentials of order " + order.orderId() + " are missing"));
		String source = instance.trusted()
			.stream()
			.filter(TrustedNetwork::isLoopback)
			.findFirst()
			.map(TrustedNetwork::firstHost)
			.orElse("127.0.0.1");
		Observation observation = driver.observe(instance.layout(), instance.settings(), credentials.password(),
				source);
		if (!observation.runs(order.engine().version())) {
			return rejected(ProvisioningStep.HEALTH_CHECK.failureCode(), "The server of order " + order.orderId()
					+ " runs " + observation.serverVersion() + ", not the ordered " + order.engine() + ".");
		}
		if (!observation.violations().isEmpty()
				|| !Set.copyOf(observation.trusted()).equals(Set.copyOf(instance.trusted()))) {
			return rejected(ProvisioningStep.HEALTH_CHECK.failureCode(),
					"The access rules of order " + order.orderId() + " let in " + observation.trusted()
							+ " instead of exactly " + instance.trusted() + " " + observation.violations() + ".");
		}
		InstanceFacts facts = factsOf(instance);
		ObservedSettings observed = observedOf(order, instance, observation, null);
		if (instance.hasCompleted(ProvisioningStep.HEALTH_CHECK)) {
			return new Done(new Completed(facts, observed), Outcome.REPLAYED);
		}
		save(instance.completing(ProvisioningStep.HEALTH_CHECK));
		return new Done(new Completed(facts, observed), Outcome.EXECUTED);
	}

	/**
	 * A step of an UPDATE or DELETE: finds the instance by its id (a change order's id is
	 * not the create's), holds the instance's lock for the whole step and journals the
	 * call in the instance's journal (or, once the directory is gone, its tombstone's).
	 */
	private StepOutcome performChange(DatabaseOrder order, ProvisioningStep step, int attempt, EngineDriver driver)
			throws InterruptedException {
		long started = System.nanoTime();
		Done done;
		try {
			Optional<LocalInstance> located = instanceOf(order.instanceId());
			try (DirectoryLock held = DirectoryLock.hold(locks().resolve(lockNameOf(order.instanceId(), located)))) {
				Optional<LocalInstance> instance = instanceOf(order.instanceId());
				done = switch (step) {
					case APPLY_STORAGE -> applyStorage(order, instance);
					case APPLY_NODE_SIZE -> applyNodeSize(order, instance, driver);
					case APPLY_TRUSTED_SOURCES -> applyTrustedSources(order, instance, driver);
					case VERIFY_SETTINGS -> verifySettings(order, instance, driver);
					case STOP_SERVER -> stopServer(instance, driver);
					case REMOVE_DATA -> removeData(order, instance);
					case VERIFY_DELETED -> verifyDeleted(order, instance);
					default -> rejected(step.failureCode(), step + " is no step of a " + order.type());
				};
			}
		}
		catch (EngineFailure ex) {
			done = ex.retryable() ? new Done(new TransientError(ex.getMessage()), Outcome.TRANSIENT_ERROR)
					: rejected(new FailureCode(ex.code()), ex.getMessage());
		}
		catch (IOException ex) {
			done = failureOf(step, ex);
		}
		long millis = (System.nanoTime() - started) / 1_000_000;
		try {
			Optional<Path> journal = journalDirectoryOf(order.instanceId());
			if (journal.isPresent()) {
				InstanceJournal.append(journal.get(), this.clock, step, attempt, done.journal(), millis, this.caller,
						order.orderId().value());
			}
		}
		catch (IOException ex) {
			log.warn("Could not journal {} of order {}: {}", step, order.orderId(), ex.getMessage());
		}
		log.info("Local {} of order {} ({} of instance {}, {}): {} in {} ms", step, order.orderId(), order.type(),
				order.instanceId(), order.engine(), done.journal(), millis);
		return done.outcome();
	}

	private Done applyStorage(DatabaseOrder order, Optional<LocalInstance> found) throws IOException {
		if (found.isEmpty()) {
			return gone(order, ProvisioningStep.APPLY_STORAGE);
		}
		LocalInstance instance = found.get();
		if (instance.storageGb() == order.storageGb()) {
			return replayed();
		}
		if (order.storageGb() < instance.storageGb()) {
			return rejected(
					ProvisioningStep.APPLY_STORAGE.failureCode(), "Storage of instance " + order.instanceId()
							+ " cannot shrink from " + instance.storageGb() + " GB to " + order.storageGb() + " GB.",
					true);
		}
		long freeMb = Files.getFileStore(instance.layout().root()).getUsableSpace() / (1024 * 1024);
		if (freeMb < this.settings.minFreeDiskMb()) {
			return rejected(
					new FailureCode(EngineFailure.DISK_FULL), "The disk of " + this.settings.baseDirectory() + " has "
							+ freeMb + " MB free, less than the " + this.settings.minFreeDiskMb() + " MB needed.",
					true);
		}
		// Locally the quota is a recorded limit: growing it interrupts nothing.
		save(instance.withStorage(order.storageGb()));
		return executed(Completed.step());
	}

	private Done applyNodeSize(DatabaseOrder order, Optional<LocalInstance> found, EngineDriver driver)
			throws IOException, EngineFailure, InterruptedException {
		if (found.isEmpty()) {
			return gone(order, ProvisioningStep.APPLY_NODE_SIZE);
		}
		LocalInstance instance = found.get();
		ServerSizing sizing;
		try {
			sizing = ServerSizing.of(order.nodeSize(), this.settings.memoryScaleFactor());
		}
		catch (IllegalArgumentException ex) {
			return rejected(ProvisioningStep.APPLY_NODE_SIZE.failureCode(), ex.getMessage(), true);
		}
		InstanceLayout layout = instance.layout();
		AdminCredentials credentials = credentialsOf(instance);
		if (instance.settings().sizing().equals(sizing) && driver.running(layout).isPresent()
				&& driver.observe(layout, instance.settings(), credentials.password(), sourceOf(instance))
					.runsWith(sizing)) {
			return replayed();
		}
		// Recorded first: a repeat after a crash finds the new sizing and restarts with
		// it.
		LocalInstance resized = instance.withSizing(order.nodeSize(), sizing);
		save(resized);
		EngineBinaries binaries = this.archives.unpacked(order.engine().type(), order.engine().version());
		long stopping = System.nanoTime();
		driver.stop(layout);
		driver.start(binaries, layout, resized.settings());
		long interruption = (System.nanoTime() - stopping) / 1_000_000;
		save(resized.interruptedBy(order.orderId().value(), interruption));
		log.info("Restarted the {} server of instance {} with node size {} ({} MB buffers): {} ms without service",
				order.engine(), order.instanceId(), order.nodeSize(), sizing.bufferMb(), interruption);
		return executed(Completed.step());
	}

	private Done applyTrustedSources(DatabaseOrder order, Optional<LocalInstance> found, EngineDriver driver)
			throws IOException, EngineFailure, InterruptedException {
		if (found.isEmpty()) {
			return gone(order, ProvisioningStep.APPLY_TRUSTED_SOURCES);
		}
		List<TrustedNetwork> wanted = new ArrayList<>();
		for (String source : order.trustedSources()) {
			try {
				wanted.add(TrustedNetwork.parse(source));
			}
			catch (IllegalArgumentException ex) {
				return rejected(ProvisioningStep.APPLY_TRUSTED_SOURCES.failureCode(), ex.getMessage(), true);
			}
		}
		if (wanted.stream().noneMatch(TrustedNetwork::isLoopback)) {
			return rejected(NO_LOCAL_TRUSTED_SOURCE,
					"The local backend runs servers on 127.0.0.1 only; none of the trusted sources "
							+ order.trustedSources() + " lies in 127.0.0.0/8, so nobody could connect.",
					true);
		}
		LocalInstance instance = found.get();
		boolean changed = !Set.copyOf(instance.trusted()).equals(Set.copyOf(wanted));
		if (changed) {
			// Recorded first, with the rules to go back to.
			instance = instance.changingTrusted(wanted);
			save(instance);
		}
		AdminCredentials credentials = credentialsOf(instance);
		applyAccessRules(instance, driver, wanted, credentials);
		Optional<String> refused = awaitLogin(instance, driver, credentials, wanted);
		if (refused.isPresent()) {
			List<TrustedNetwork> previous = instance.previousTrusted();
			if (!previous.isEmpty()) {
				applyAccessRules(instance, driver, previous, credentials);
				save(instance.withTrusted(previous));
			}
			return rejected(ProvisioningStep.APPLY_TRUSTED_SOURCES.failureCode(),
					"The new access rules of instance " + order.instanceId() + " did not let "
							+ firstLoopbackHost(wanted) + " in (" + refused.get() + "); the rules for " + previous
							+ " were written back.",
					true);
		}
		return changed ? executed(Completed.step()) : replayed();
	}

	private Done verifySettings(DatabaseOrder order, Optional<LocalInstance> found, EngineDriver driver)
			throws IOException, EngineFailure, InterruptedException {
		if (found.isEmpty()) {
			return rejected(ProvisioningStep.VERIFY_SETTINGS.failureCode(),
					"Instance " + order.instanceId() + " has no local server to read its settings from.", false);
		}
		LocalInstance instance = found.get();
		if (driver.running(instance.layout()).isEmpty()) {
			throw EngineFailure.retryable(
					"The " + order.engine() + " server of instance " + order.instanceId() + " does not run (yet).",
					null);
		}
		AdminCredentials credentials = credentialsOf(instance);
		Observation observation = driver.observe(instance.layout(), instance.settings(), credentials.password(),
				sourceOf(instance));
		Set<TrustedNetwork> wanted = new java.util.HashSet<>();
		order.trustedSources().forEach((source) -> wanted.add(TrustedNetwork.parse(source)));
		ServerSizing sizing = ServerSizing.of(order.nodeSize(), this.settings.memoryScaleFactor());
		List<String> problems = new ArrayList<>(observation.violations());
		if (!observation.runs(order.engine().version())) {
			problems.add("runs " + observation.serverVersion() + ", not " + order.engine());
		}
		boolean rulesDiffer = !Set.copyOf(observation.trusted()).equals(wanted);
		if (rulesDiffer) {
			problems.add("lets in " + observation.trusted() + " instead of exactly " + wanted);
		}
		if (!observation.runsWith(sizing)) {
			problems.add("runs with " + observation.bufferMb() + " MB buffers and " + observation.maxConnections()
					+ " connections, not those of " + order.nodeSize() + " (" + sizing.bufferMb() + " MB, "
					+ sizing.maxConnections() + ")");
		}
		if (instance.storageGb() != order.storageGb()) {
			problems.add("has a quota of " + instance.storageGb() + " GB, not " + order.storageGb() + " GB");
		}
		if (!problems.isEmpty()) {
			String keptOld = "";
			if (rulesDiffer && !instance.previousTrusted().isEmpty()) {
				applyAccessRules(instance, driver, instance.previousTrusted(), credentials);
				save(instance.withTrusted(instance.previousTrusted()));
				keptOld = "; the access rules for " + instance.previousTrusted() + " were written back";
			}
			return rejected(ProvisioningStep.VERIFY_SETTINGS.failureCode(),
					"The server of instance " + order.instanceId() + " " + String.join("; ", problems) + keptOld + ".",
					true);
		}
		Long interruption = order.orderId().value().equals(instance.interruptionOrder()) ? instance.interruptionMillis()
				: null;
		Completed completed = new Completed(factsOf(instance), observedOf(order, instance, observation, interruption));
		boolean before = executedBefore(instance.layout().root(), order, ProvisioningStep.VERIFY_SETTINGS);
		return new Done(completed, before ? Outcome.REPLAYED : Outcome.EXECUTED);
	}

	private Done stopServer(Optional<LocalInstance> found, EngineDriver driver)
			throws IOException, InterruptedException {
		if (found.isEmpty()) {
			// Removed by an earlier call, or released when its create was cancelled.
			return replayed();
		}
		LocalInstance instance = found.get();
		boolean marked = instance.deleting();
		if (!marked) {
			// Recorded first: a restarted backend does not start it again.
			save(instance.markedDeleting());
		}
		boolean wasRunning = driver.running(instance.layout()).isPresent();
		driver.stop(instance.layout());
		return (wasRunning || !marked) ? executed(Completed.step()) : replayed();
	}

	private Done removeData(DatabaseOrder order, Optional<LocalInstance> found)
			throws IOException, InterruptedException {
		if (found.isPresent()) {
			remove(found.get());
			return executed(Completed.step());
		}
		Properties tombstone = readTombstone(order.instanceId());
		String directory = tombstone.getProperty("directory");
		if (directory != null) {
			LocalFiles.deleteRecursively(instancesDirectory().resolve("." + directory + ".deleted"));
		}
		return replayed();
	}

	private Done verifyDeleted(DatabaseOrder order, Optional<LocalInstance> found) throws IOException {
		if (found.isPresent()) {
			return rejected(ProvisioningStep.VERIFY_DELETED.failureCode(),
					"Instance " + order.instanceId() + " still has its directory " + found.get().layout().root() + ".",
					false);
		}
		String port = readTombstone(order.instanceId()).getProperty("port");
		if (port != null) {
			int number = Integer.parseInt(port);
			boolean reused = instances().stream().anyMatch((other) -> other.settings().port() == number);
			if (!reused && answers(number)) {
				return new Done(new TransientError("Port " + number + " of deleted instance " + order.instanceId()
						+ " still accepts connections."), Outcome.TRANSIENT_ERROR);
			}
		}
		Optional<Path> journal = journalDirectoryOf(order.instanceId());
		boolean before = journal.isPresent() && executedBefore(journal.get(), order, ProvisioningStep.VERIFY_DELETED);
		return before ? replayed() : executed(Completed.step());
	}

	@Override
	public StepOutcome release(DatabaseOrder create) throws InterruptedException {
		try (DirectoryLock held = lockOf(create.orderId())) {
			Optional<LocalInstance> instance = LocalInstance.readFrom(directoryOf(create.orderId()));
			if (instance.isPresent()) {
				remove(instance.get());
			}
			else {
				LocalFiles.deleteRecursively(
						instancesDirectory().resolve("." + directoryOf(create.orderId()).getFileName() + ".partial"));
				writeTombstone(create.instanceId(), create.orderId(), directoryName(create.orderId()), null);
			}
			log.info("Released instance {} of cancelled order {}: {}", create.instanceId(), create.orderId(),
					instance.isPresent()
							? "server stopped, directory removed, port " + instance.get().settings().port() + " freed"
							: "nothing was allocated");
			return Completed.step();
		}
		catch (IOException ex) {
			return new TransientError("local release of order " + create.orderId() + " failed: " + ex);
		}
	}

	@Override
	public Set<EngineType> hostBoundEngines() {
		return EngineRoutingBackend.LOCAL_ENGINES;
	}

	/**
	 * An instance by its id, whatever order created it.
	 * @param instanceId the instance
	 * @return what the backend recorded about it, empty if it has no directory (never
	 * allocated, deleted or released)
	 * @throws IOException if the instances cannot be read
	 */
	public Optional<LocalInstance> instanceOf(String instanceId) throws IOException {
		Path cached = this.directories.get(instanceId);
		if (cached != null) {
			Optional<LocalInstance> instance = LocalInstance.readFrom(cached);
			if (instance.isPresent() && instance.get().instanceId().equals(instanceId)) {
				return instance;
			}
			this.directories.remove(instanceId);
		}
		for (LocalInstance instance : instances()) {
			if (instance.instanceId().equals(instanceId)) {
				this.directories.put(instanceId, instance.layout().root());
				return Optional.of(instance);
			}
		}
		return Optional.empty();
	}

	/**
	 * Whether an instance was deleted or released: its tombstone exists.
	 * @param instanceId the instance
	 * @return {@code true} once a delete removed its data or a cancel released it
	 */
	public boolean isRemoved(String instanceId) {
		return Files.isRegularFile(tombstoneOf(instanceId).resolve("tombstone.properties"));
	}

	/**
	 * Every call the backend received for an instance, of its create and of its change
	 * orders, oldest first; after a delete, from its tombstone.
	 * @param instanceId the instance
	 * @return the journal, empty if the instance never had a directory
	 * @throws IOException if the journal cannot be read
	 */
	public List<InstanceJournal.Entry> journalOfInstance(String instanceId) throws IOException {
		Optional<Path> directory = journalDirectoryOf(instanceId);
		return directory.isPresent() ? InstanceJournal.read(directory.get()) : List.of();
	}

	/**
	 * Stops an instance's server, leaves a tombstone (port, journal) and removes its
	 * directory: the port is free and the instance no longer counts against the limit. A
	 * crash at any point leaves either the directory (removed again) or the tombstone.
	 */
	private void remove(LocalInstance instance) throws IOException, InterruptedException {
		driverOf(instance.engine().type()).stop(instance.layout());
		Path directory = instance.layout().root();
		writeTombstone(instance.instanceId(), instance.orderId(), directory.getFileName().toString(),
				instance.settings().port());
		Path journal = directory.resolve("journal.log");
		if (Files.isRegularFile(journal)) {
			Files.copy(journal, tombstoneOf(instance.instanceId()).resolve("journal.log"),
					StandardCopyOption.REPLACE_EXISTING);
		}
		Path doomed = instancesDirectory().resolve("." + directory.getFileName() + ".deleted");
		LocalFiles.deleteRecursively(doomed);
		Files.move(directory, doomed, StandardCopyOption.ATOMIC_MOVE);
		LocalFiles.deleteRecursively(doomed);
		this.directories.remove(instance.instanceId());
		this.adopted.remove(instance.orderId());
	}

	private void writeTombstone(String instanceId, OrderId createOrder, String directory, @Nullable Integer port)
			throws IOException {
		Path tombstone = tombstoneOf(instanceId);
		Files.createDirectories(tombstone);
		Properties properties = new Properties();
		properties.setProperty("instance-id", instanceId);
		properties.setProperty("order-id", createOrder.value());
		properties.setProperty("directory", directory);
		if (port != null) {
			properties.setProperty("port", Integer.toString(port));
		}
		properties.setProperty("removed-at", this.clock.instant().toString());
		StringWriter text = new StringWriter();
		properties.store(text, "local provisioning backend: a deleted or released instance");
		LocalFiles.writeAtomically(tombstone.resolve("tombstone.properties"), text.toString(), false);
	}

	private Properties readTombstone(String instanceId) throws IOException {
		Properties properties = new Properties();
		Path file = tombstoneOf(instanceId).resolve("tombstone.properties");
		if (Files.isRegularFile(file)) {
			try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
				properties.load(reader);
			}
		}
		return properties;
	}

	private Path tombstoneOf(String instanceId) {
		return this.settings.baseDirectory().resolve("deleted").resolve(InstanceIdRule.requireValid(instanceId));
	}

	private Optional<Path> journalDirectoryOf(String instanceId) throws IOException {
		Optional<LocalInstance> instance = instanceOf(instanceId);
		if (instance.isPresent()) {
			return Optional.of(instance.get().layout().root());
		}
		Path tombstone = tombstoneOf(instanceId);
		return Files.isDirectory(tombstone) ? Optional.of(tombstone) : Optional.empty();
	}

	/**
	 * The lock of an instance: its create's order lock, also once only its tombstone is
	 * left.
	 */
	private String lockNameOf(String instanceId, Optional<LocalInstance> instance) throws IOException {
		if (instance.isPresent()) {
			return instance.get().layout().root().getFileName() + ".lock";
		}
		String directory = readTombstone(instanceId).getProperty("directory");
		return (directory != null) ? directory + ".lock" : "instance-" + instanceId + ".lock";
	}

	private void applyAccessRules(LocalInstance instance, EngineDriver driver, List<TrustedNetwork> rules,
			AdminCredentials credentials) throws IOException, EngineFailure, InterruptedException {
		InstanceLayout layout = instance.layout();
		driver.writeAccessRules(layout, rules);
		EngineBinaries binaries = this.archives.unpacked(instance.engine().type(), instance.engine().version());
		// MariaDB: the init file follows the grant hosts, so that a restart keeps the
		// rules.
		driver.createAdmin(binaries, layout, instance.settings(), credentials.password());
		List<String> sources = new ArrayList<>();
		for (List<TrustedNetwork> networks : List.of(instance.previousTrusted(), instance.trusted(), rules)) {
			networks.stream()
				.filter(TrustedNetwork::isLoopback)
				.map(TrustedNetwork::firstHost)
				.filter((host) -> !sources.contains(host))
				.forEach(sources::add);
		}
		driver.reloadAccessRules(layout, instance.settings(), credentials.password(), sources);
	}

	/**
	 * Waits until an admin login from the first loopback host of the new rules succeeds
	 * (a reload is asynchronous); empty when it did, else the last refusal.
	 */
	private Optional<String> awaitLogin(LocalInstance instance, EngineDriver driver, AdminCredentials credentials,
			List<TrustedNetwork> rules) throws InterruptedException {
		String source = firstLoopbackHost(rules);
		long deadline = System.nanoTime() + java.time.Duration.ofSeconds(10).toNanos();
		String last = "no login tried";
		while (System.nanoTime() < deadline) {
			try {
				driver.observe(instance.layout(), instance.settings(), credentials.password(), source);
				return Optional.empty();
			}
			catch (EngineFailure ex) {
				last = ex.getMessage();
				Thread.sleep(100);
			}
		}
		return Optional.of(last);
	}

	private static String firstLoopbackHost(List<TrustedNetwork> rules) {
		return rules.stream()
			.filter(TrustedNetwork::isLoopback)
			.findFirst()
			.map(TrustedNetwork::firstHost)
			.orElse("127.0.0.1");
	}

	private static String sourceOf(LocalInstance instance) {
		return firstLoopbackHost(instance.trusted());
	}

	private AdminCredentials credentialsOf(LocalInstance instance) throws IOException {
		return readCredentials(instance.layout()).orElseThrow(
				() -> new IOException("the admin credentials of instance " + instance.instanceId() + " are missing"));
	}

	private InstanceFacts factsOf(LocalInstance instance) {
		return new InstanceFacts("127.0.0.1", instance.settings().port(), instance.engine(), "verify-full",
				authority().certificatePem());
	}

	/**
	 * The settings read back: trusted sources and sizing from the running server, the
	 * node size whose sizing it runs with, the recorded storage quota.
	 */
	private ObservedSettings observedOf(DatabaseOrder order, LocalInstance instance, Observation observation,
			@Nullable Long interruptionMillis) {
		String nodeSize = (instance.nodeSize() != null) ? instance.nodeSize() : order.nodeSize();
		try {
			if (observation.runsWith(ServerSizing.of(order.nodeSize(), this.settings.memoryScaleFactor()))) {
				nodeSize = order.nodeSize();
			}
		}
		catch (IllegalArgumentException ex) {
			// The recorded node size stands.
		}
		return new ObservedSettings(nodeSize, Math.max(1, instance.storageGb()),
				observation.trusted().stream().map(TrustedNetwork::toString).toList(), interruptionMillis);
	}

	private static boolean executedBefore(Path journalDirectory, DatabaseOrder order, ProvisioningStep step)
			throws IOException {
		return InstanceJournal.read(journalDirectory)
			.stream()
			.anyMatch((entry) -> entry.step() == step && entry.outcome() == Outcome.EXECUTED
					&& order.orderId().value().equals(entry.orderId()));
	}

	private static boolean answers(int port) {
		try (java.net.Socket socket = new java.net.Socket()) {
			socket.connect(new java.net.InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), port), 500);
			return true;
		}
		catch (IOException refused) {
			return false;
		}
	}

	private static Done gone(DatabaseOrder order, ProvisioningStep step) {
		return rejected(step.failureCode(),
				"Instance " + order.instanceId() + " of order " + order.orderId() + " has no local server.", false);
	}

	private Optional<LocalInstance> allocated(DatabaseOrder order) throws IOException {
		return LocalInstance.readFrom(directoryOf(order.orderId()));
	}

	private static Done notAllocated(DatabaseOrder order, ProvisioningStep step) {
		return rejected(step.failureCode(), "Order " + order.orderId() + " has no allocated local instance.");
	}

	private void save(LocalInstance instance) throws IOException {
		instance.writeTo(instance.layout().root());
	}

	private static Optional<AdminCredentials> readCredentials(InstanceLayout layout) throws IOException {
		if (!Files.isRegularFile(layout.credentials())) {
			return Optional.empty();
		}
		Properties properties = new Properties();
		try (Reader reader = Files.newBufferedReader(layout.credentials(), StandardCharsets.UTF_8)) {
			properties.load(reader);
		}
		String username = properties.getProperty("username");
		String password = properties.getProperty("password");
		if (username == null || password == null) {
			return Optional.empty();
		}
		return Optional.of(new AdminCredentials(username, password));
	}

	private static void writeCredentials(InstanceLayout layout, AdminCredentials credentials) throws IOException {
		Properties properties = new Properties();
		properties.setProperty("username", credentials.username());
		properties.setProperty("password", credentials.password());
		StringWriter text = new StringWriter();
		properties.store(text, "admin login of this instance; readable by its owner only");
		LocalFiles.writeAtomically(layout.credentials(), text.toString(), true);
	}

	private static String newPassword() {
		byte[] bytes = new byte[24];
		RANDOM.nextBytes(bytes);
		return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
	}

	private static boolean portFree(int port) {
		try (java.net.ServerSocket socket = new java.net.ServerSocket()) {
			socket.setReuseAddress(false);
			socket.bind(new java.net.InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), port));
			return true;
		}
		catch (IOException ex) {
			return false;
		}
	}

	private Done failureOf(ProvisioningStep step, IOException ex) {
		String message = String.valueOf(ex.getMessage());
		if (message.contains("No space left on device")) {
			return rejected(new FailureCode(EngineFailure.DISK_FULL),
					"The disk of " + this.settings.baseDirectory() + " is full: " + message);
		}
		return new Done(new TransientError("local " + step + " failed: " + ex), Outcome.TRANSIENT_ERROR);
	}

	private CertificateAuthority authority() {
		CertificateAuthority current = this.authority;
		if (current == null) {
			throw new IllegalStateException("the local backend was not opened");
		}
		return current;
	}

	private static EngineDriver driverOf(EngineType type) {
		return EngineDriver.of(type).orElseThrow(() -> new IllegalStateException("no local driver for " + type));
	}

	private DirectoryLock lockOf(OrderId orderId) throws IOException {
		return DirectoryLock.hold(locks().resolve(directoryOf(orderId).getFileName() + ".lock"));
	}

	private Path locks() {
		return this.settings.baseDirectory().resolve("locks");
	}

	private Path instancesDirectory() {
		return this.settings.baseDirectory().resolve("instances");
	}

	private Path directoryOf(OrderId orderId) {
		return instancesDirectory().resolve(directoryName(orderId));
	}

	/**
	 * A directory name for an order: the id itself when it is short and harmless, its
	 * hash otherwise (socket paths must stay short).
	 */
	static String directoryName(OrderId orderId) {
		String id = orderId.value();
		if (id.matches("[A-Za-z0-9][A-Za-z0-9_-]{0,39}")) {
			return id.toLowerCase(Locale.ROOT).equals(id) ? id : id + "-" + Integer.toHexString(id.hashCode());
		}
		try {
			byte[] hash = java.security.MessageDigest.getInstance("SHA-256")
				.digest(id.getBytes(StandardCharsets.UTF_8));
			return "order-" + HexFormat.of().formatHex(hash, 0, 10);
		}
		catch (java.security.NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static Done executed(StepOutcome outcome) {
		return new Done(outcome, Outcome.EXECUTED);
	}

	private static Done replayed() {
		return new Done(Completed.step(), Outcome.REPLAYED);
	}

	private static Done rejected(FailureCode code, String message) {
		return new Done(new Rejected(new Failure(code, message)), Outcome.REJECTED);
	}

	private static Done rejected(FailureCode code, String message, boolean instanceUsable) {
		return new Done(new Rejected(new Failure(code, message), instanceUsable), Outcome.REJECTED);
	}

	/** The outcome of one call and what the journal says about it. */
	private record Done(StepOutcome outcome, Outcome journal) {
	}

}
