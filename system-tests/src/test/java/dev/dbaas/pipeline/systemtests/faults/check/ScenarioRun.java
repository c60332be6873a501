package dev.dbaas.pipeline.systemtests.faults.check;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import dev.dbaas.pipeline.systemtests.faults.load.LoadStats;
import dev.dbaas.pipeline.systemtests.faults.stack.PipelineUnderTest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One scenario from the end of its fault to its row in the report: waits for recovery,
 * checks the invariants, writes the row, and only then fails the test if an invariant is
 * broken, so that a failing scenario still shows in the report.
 */
public final class ScenarioRun {

	private static final Logger log = LoggerFactory.getLogger(ScenarioRun.class);

	/** How long a scenario may take to recover before its orders count as lost. */
	public static final Duration RECOVERY_TIMEOUT = Duration.ofSeconds(180);

	private final int number;

	private final String scenario;

	private final String customerId;

	private final PipelineUnderTest stack;

	private final List<String> notes = new ArrayList<>();

	private final List<String> extraProblems = new ArrayList<>();

	private Optional<Duration> recovery = Optional.empty();

	/**
	 * Starts a scenario.
	 * @param number its number in issue 8
	 * @param scenario what is broken, for the report
	 * @param stack the stack
	 */
	public ScenarioRun(int number, String scenario, PipelineUnderTest stack) {
		this.number = number;
		this.scenario = scenario;
		this.customerId = "fault-s" + number;
		this.stack = stack;
	}

	/**
	 * The customer of the scenario's orders, unique per scenario.
	 * @return e.g. {@code fault-s3}
	 */
	public String customerId() {
		return this.customerId;
	}

	/**
	 * Adds a note to the scenario's row.
	 * @param note what was injected or seen
	 * @return this run
	 */
	public ScenarioRun note(String note) {
		this.notes.add(note);
		return this;
	}

	/**
	 * Records a scenario-specific check; a failed one fails the scenario after its row is
	 * written.
	 * @param holds whether it holds
	 * @param problem what is wrong if it does not
	 * @return this run
	 */
	public ScenarioRun check(boolean holds, String problem) {
		if (!holds) {
			this.extraProblems.add(problem);
		}
		return this;
	}

	/**
	 * Waits until every accepted order is terminal in the view, the outboxes are
	 * published and the consumer lag is 0.
	 * @param load what the clients saw; its orders must all be answered
	 * @param faultEndedNanos {@link System#nanoTime()} when the fault ended
	 * @return the recovery time, or empty if the pipeline did not recover in time
	 */
	public Optional<Duration> awaitRecovery(LoadStats load, long faultEndedNanos) {
		this.recovery = new PipelineCheck(this.stack).awaitRecovery(this.customerId, load.accepted(), faultEndedNanos,
				RECOVERY_TIMEOUT);
		return this.recovery;
	}

	/**
	 * Checks the invariants, writes the row and asserts; call after
	 * {@link #awaitRecovery}.
	 * @param load what the clients saw
	 */
	public void finish(LoadStats load) {
		PipelineCheck check = new PipelineCheck(this.stack);
		Set<String> accepted = load.accepted();
		Optional<Duration> recovery = this.recovery;
		Verdict verdict = check.verify(this.customerId, accepted);
		List<String> problems = new ArrayList<>(verdict.problems());
		problems.addAll(this.extraProblems);
		if (recovery.isEmpty()) {
			problems.add("did not recover within " + RECOVERY_TIMEOUT);
		}
		if (load.undocumented5xx() > 0 || load.rejected() > 0) {
			problems.add(load.undocumented5xx() + " undocumented 5xx and " + load.rejected() + " 4xx answers to valid "
					+ "orders: " + load.unexpectedAnswers());
		}
		if (load.unresolved() > 0) {
			problems.add(load.unresolved() + " orders got no definite answer");
		}
		List<String> rowNotes = new ArrayList<>(this.notes);
		if (verdict.redeliveredEvents() > 0) {
			rowNotes.add(verdict.redeliveredEvents() + " status events redelivered, absorbed");
		}
		if (verdict.backendReplays() > 0) {
			rowNotes.add(verdict.backendReplays() + " backend calls replayed, none executed twice");
		}
		if (load.throttled() > 0) {
			rowNotes.add(load.throttled() + " answers 429, retried after Retry-After");
		}
		if (load.connectionErrors() > 0) {
			rowNotes.add(load.connectionErrors() + " requests without answer, retried with the same key");
		}
		if (!problems.isEmpty()) {
			rowNotes.add("FAILED: " + String.join("; ", problems));
		}
		ReliabilityReport.add(this.stack.output(),
				new ReliabilityReport.Row(this.number, this.scenario, load.sent(), accepted.size(),
						verdict.lost().size(), verdict.duplicates().size(), load.documented503(),
						load.undocumented5xx(), recovery, problems.isEmpty(), String.join("; ", rowNotes)));
		log.info("Scenario {} ({}) finished: {}", this.number, this.scenario,
				problems.isEmpty() ? "all invariants hold" : problems);
		assertThat(problems).as("scenario %d (%s)", this.number, this.scenario).isEmpty();
	}

}
