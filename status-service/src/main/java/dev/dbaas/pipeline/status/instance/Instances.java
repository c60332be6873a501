package dev.dbaas.pipeline.status.instance;

import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

import dev.dbaas.pipeline.status.order.InstanceId;
import dev.dbaas.pipeline.status.order.OrderView;
import dev.dbaas.pipeline.status.order.SealedCredentials;
import org.jspecify.annotations.Nullable;

/**
 * What readers can ask about instances, and the reveal of their credentials. An instance
 * the reader may not see is answered exactly like an unknown one. Thread-safe.
 */
public class Instances {

	private final InstanceStore store;

	private final CredentialOpening opening;

	private final Clock clock;

	private final Consumer<RevealOutcome> outcomes;

	/**
	 * @param store where instances are read and reveals kept
	 * @param opening opens sealed credentials
	 * @param clock the time of a reveal
	 * @param outcomes told the outcome of every reveal attempt, e.g. to count it
	 */
	public Instances(InstanceStore store, CredentialOpening opening, Clock clock, Consumer<RevealOutcome> outcomes) {
		this.store = store;
		this.opening = opening;
		this.clock = clock;
		this.outcomes = outcomes;
	}

	/**
	 * An instance, if the reader may see it.
	 * @param instanceId the instance
	 * @param reader who asks
	 * @return the instance; empty if unknown or another customer's (never told apart)
	 */
	public Optional<InstanceView> find(InstanceId instanceId, InstanceReader reader) {
		List<OrderView> orders = this.store.ordersOf(instanceId);
		if (orders.isEmpty()) {
			return Optional.empty();
		}
		return Optional.of(InstanceView.of(instanceId, orders)).filter(reader::sees);
	}

	/**
	 * One page of the instances the reader may see, newest first.
	 * @param reader who asks
	 * @param customerId only this customer's; must be the reader's own customer (or
	 * {@code null}) for a reader of one customer
	 * @param limit page size, 1 to 200
	 * @param after the cursor of the previous page, or {@code null}
	 * @return the page
	 * @throws IllegalArgumentException if a reader of one customer names another (the web
	 * edge refuses that first)
	 */
	public InstancePage list(InstanceReader reader, @Nullable String customerId, int limit,
			@Nullable InstanceCursor after) {
		String customer = customerId;
		if (reader.customerId() != null) {
			if (customerId != null && !customerId.equals(reader.customerId())) {
				throw new IllegalArgumentException("a reader of one customer lists no other customer's instances");
			}
			customer = reader.customerId();
		}
		return this.store.page(customer, limit, after);
	}

	/**
	 * The transitions of an instance's orders and the reveals of its credentials, oldest
	 * first, if the reader may see it.
	 * @param instanceId the instance
	 * @param reader who asks
	 * @return the history; empty if unknown or another customer's
	 */
	public Optional<InstanceHistory> history(InstanceId instanceId, InstanceReader reader) {
		return find(instanceId, reader).map((instance) -> InstanceHistory.of(instance,
				this.store.historiesOf(instance.orders()), this.store.revealsOf(instanceId)));
	}

	/**
	 * Opens a running instance's admin credentials for a requester and writes the reveal
	 * (who and when, never the secret) to the instance's history. Repeatable: see
	 * docs/decisions/0032-sealed-admin-credentials.md.
	 * @param instanceId the instance
	 * @param requester who asks
	 * @return the instance and its login; empty if unknown or another customer's
	 * @throws RevealRefusedException for an ops token or a service token without the
	 * credentials scope
	 * @throws InstanceNotRunningException if the instance does not serve (RUNNING or
	 * UPDATING)
	 * @throws CredentialsUnavailableException if none were sealed, no key is configured,
	 * or they do not open
	 */
	public Optional<Revealed> reveal(InstanceId instanceId, Requester requester) {
		try {
			Optional<Revealed> revealed = open(instanceId, requester);
			this.outcomes.accept(revealed.isPresent() ? RevealOutcome.REVEALED : RevealOutcome.NOT_FOUND);
			return revealed;
		}
		catch (RevealRefusedException ex) {
			this.outcomes.accept(RevealOutcome.REFUSED);
			throw ex;
		}
		catch (InstanceNotRunningException ex) {
			this.outcomes.accept(RevealOutcome.NOT_RUNNING);
			throw ex;
		}
		catch (CredentialsUnavailableException ex) {
			this.outcomes.accept(RevealOutcome.UNAVAILABLE);
			throw ex;
		}
	}

	private Optional<Revealed> open(InstanceId instanceId, Requester requester) {
		switch (requester.right()) {
			case OPS -> throw new RevealRefusedException(
					"An ops token never reveals credentials; use a customer token, or a service token with scope "
							+ CREDENTIALS_SCOPE + ".");
			case NONE -> throw new RevealRefusedException(
					"Revealing credentials with a service token needs scope " + CREDENTIALS_SCOPE + ".");
			case OWN_INSTANCES, ANY_INSTANCE -> {
				// allowed, for the instances the requester may see
			}
		}
		Optional<InstanceView> found = find(instanceId, requester.reader());
		if (found.isEmpty()) {
			return Optional.empty();
		}
		InstanceView instance = found.get();
		if (!instance.state().serves()) {
			throw new InstanceNotRunningException(instanceId, instance.state());
		}
		SealedCredentials sealed = instance.credentials();
		if (sealed == null) {
			throw new CredentialsUnavailableException(instanceId, "No credentials were sealed for instance "
					+ instanceId + ": its provisioner runs without a public key (provisioner.credentials.public-key).");
		}
		AdminLogin login = this.opening.open(instanceId, sealed);
		this.store.recordReveal(
				new CredentialReveal(instanceId, this.clock.instant(), requester.clientId(), requester.customerId()));
		return Optional.of(new Revealed(instance, login));
	}

	/** The scope a service token needs to reveal credentials. */
	public static final String CREDENTIALS_SCOPE = "instances:credentials";

	/**
	 * A revealed login with the instance it opens.
	 *
	 * @param instance the instance, RUNNING or UPDATING
	 * @param login its admin login
	 */
	public record Revealed(InstanceView instance, AdminLogin login) {

	}

	/** How a reveal attempt ended, for the reveal counter. */
	public enum RevealOutcome {

		/** The login was revealed and the reveal written to the history. */
		REVEALED,

		/** Unknown instance, or another customer's. */
		NOT_FOUND,

		/** An ops token, or a service token without the scope. */
		REFUSED,

		/** The instance does not run. */
		NOT_RUNNING,

		/** No sealed value, no key, or a value that does not open. */
		UNAVAILABLE

	}

}
