package dev.dbaas.pipeline.intake.order.application;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.dbaas.pipeline.intake.admission.Admission;
import dev.dbaas.pipeline.intake.admission.AdmissionProperties;
import dev.dbaas.pipeline.intake.catalog.Catalogs;
import dev.dbaas.pipeline.intake.idempotency.IdempotencyKeys;
import dev.dbaas.pipeline.intake.idempotency.RememberedOutcome;
import dev.dbaas.pipeline.intake.idempotency.ScopedKey;
import dev.dbaas.pipeline.intake.order.OrderDraft;
import dev.dbaas.pipeline.intake.order.OrderEvents;
import dev.dbaas.pipeline.intake.order.OrderPlaced;
import dev.dbaas.pipeline.intake.order.Violation;
import dev.dbaas.pipeline.security.Caller;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.transaction.support.TransactionTemplate;

import static dev.dbaas.pipeline.intake.order.OrderDrafts.aValidOrder;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The decisions taken before an order reaches the writers, in the order clients rely on.
 * None of these submissions may touch the store, so the store here refuses every call.
 */
class OrderIntakeTest {

	private static final Caller PORTAL = new Caller("portal", null, Set.of(Caller.WRITE));

	private static final Caller CUSTOMER_1001 = new Caller("c-1001-app", "c-1001", Set.of(Caller.WRITE));

	private static final Submission.Body UNREADABLE = new Submission.Body.Unreadable("The request body is empty.");

	private final OrderIntake intake = new OrderIntake(Catalogs.defaultCatalog(), (orders) -> refuse(),
			new RefusingEvents(), (creates) -> refuse(), new RefusingKeys(), new TransactionTemplate(),
			Clock.systemUTC(), new PlacementProperties(1, 8, 0, Duration.ofSeconds(5)), admission(0, 0),
			new SimpleMeterRegistry());

	@AfterEach
	void stopWriters() {
		this.intake.destroy();
	}

	@Test
	void answersAMissingKeyBeforeLookingAtTheBody() {
		assertThat(this.intake.place(new Submission(PORTAL, null, UNREADABLE)))
			.isEqualTo(new Placement.MissingIdempotencyKey());
	}

	@Test
	void answersAnInvalidKeyBeforeLookingAtTheBody() {
		assertThat(this.intake.place(new Submission(PORTAL, "with space", UNREADABLE)))
			.isEqualTo(new Placement.InvalidIdempotencyKey());
	}

	@Test
	void passesOnWhyTheBodyIsUnreadable() {
		assertThat(this.intake.place(new Submission(PORTAL, "k-1", UNREADABLE)))
			.isEqualTo(new Placement.UnreadableBody("The request body is empty."));
	}

	@Test
	void refusesAnOrderForAnotherCustomerBeforeReportingItsProblems() {
		Submission.Body body = new Submission.Body.Read(aValidOrder().withCustomerId("c-2002").build(),
				List.of(new Violation("/colour", "unknown field 'colour'")));

		assertThat(this.intake.place(new Submission(CUSTOMER_1001, "k-1", body)))
			.isEqualTo(new Placement.ForeignCustomer());
	}

	@Test
	void listsStructuralProblemsFirstAndRuleViolationsOnlyOfReadableFields() {
		OrderDraft draft = aValidOrder().withStorageGb(null).withRegion("NOWHERE").build();
		Violation wrongType = new Violation("/storageGb",
				"must be a whole number of GB as a JSON number, not " + "the string \"50\"");
		Submission.Body body = new Submission.Body.Read(draft, List.of(wrongType));

		Placement placement = this.intake.place(new Submission(CUSTOMER_1001, "k-1", body));

		assertThat(placement).isInstanceOfSatisfying(Placement.MalformedBody.class,
				(malformed) -> assertThat(malformed.problems()).extracting(Violation::pointer)
					.containsExactly("/storageGb", "/region"));
		assertThat(((Placement.MalformedBody) placement).problems().get(0)).isEqualTo(wrongType);
	}

	@Test
	void rejectsAnOrderThatBreaksCatalogRulesWithoutWritingIt() {
		Submission.Body body = new Submission.Body.Read(aValidOrder().withStorageGb(49).build(), List.of());

		Placement placement = this.intake.place(new Submission(PORTAL, "k-1", body));

		assertThat(placement).isInstanceOfSatisfying(Placement.Rejected.class,
				(rejected) -> assertThat(rejected.violations()).extracting(Violation::pointer)
					.containsExactly("/storageGb"));
	}

	@Test
	void reportsBrokenCatalogRulesEvenWhileRefusingNewOrders() {
		Admission full = admission(10, 10);
		full.start();
		OrderIntake refusing = new OrderIntake(Catalogs.defaultCatalog(), (orders) -> refuse(), new RefusingEvents(),
				(creates) -> refuse(), new RefusingKeys(), new TransactionTemplate(), Clock.systemUTC(),
				new PlacementProperties(1, 8, 0, Duration.ofSeconds(5)), full, new SimpleMeterRegistry());
		try {
			await().atMost(Duration.ofSeconds(5)).until(() -> full.inFlight() == 10);
			Submission.Body body = new Submission.Body.Read(aValidOrder().withStorageGb(49).build(), List.of());

			assertThat(refusing.place(new Submission(PORTAL, "k-1", body))).isInstanceOf(Placement.Rejected.class);
			assertThat(full.admit()).isPresent();
		}
		finally {
			full.stop();
			refusing.destroy();
		}
	}

	/**
	 * Admission control with a bound and a fixed count of orders in flight; {@code 0} for
	 * no bound (nothing is counted).
	 */
	private static Admission admission(long bound, long inFlight) {
		return new Admission(new AdmissionProperties(bound, Duration.ofMillis(50), Duration.ofSeconds(1)),
				(atMost) -> Math.min(inFlight, atMost), Clock.systemUTC(), new SimpleMeterRegistry());
	}

	private static <T> T refuse() {
		throw new AssertionError("this submission must not reach the store");
	}

	private static final class RefusingEvents implements OrderEvents {

		@Override
		public Prepared prepare(OrderPlaced event) {
			return refuse();
		}

		@Override
		public void record(List<Prepared> events) {
			refuse();
		}

	}

	private static final class RefusingKeys implements IdempotencyKeys {

		@Override
		public boolean[] tryLock(List<ScopedKey> keys) {
			return refuse();
		}

		@Override
		public Map<ScopedKey, RememberedOutcome> find(List<ScopedKey> keys) {
			return refuse();
		}

		@Override
		public void remember(Map<ScopedKey, RememberedOutcome> outcomes) {
			refuse();
		}

	}

}
