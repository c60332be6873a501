package dev.dbaas.pipeline.bench;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class StackJvmSearchTest {

	private static final long SELF = 77;

	private static final StackJvmSearch.Candidate LAUNCHER = new StackJvmSearch.Candidate(4324,
			"devstack/target/devstack.jar --data-dir=/tmp/bench-stack --durable=true");

	private static final StackJvmSearch.Candidate BENCH = new StackJvmSearch.Candidate(SELF,
			"bench/target/bench.jar --intake-url=http://localhost:8081");

	private static final StackJvmSearch.Candidate DEVSTACK_TESTS = new StackJvmSearch.Candidate(900,
			"/work/main/devstack/target/surefire/surefirebooter-2026.jar /work/main/devstack/target/surefire");

	@Test
	void choosesTheOneLocalLauncher() {
		StackJvmSearch.Choice choice = StackJvmSearch.choose(List.of(BENCH, LAUNCHER, DEVSTACK_TESTS), 0, SELF);

		assertThat(choice.jvm()).isEqualTo(LAUNCHER);
		assertThat(choice.how()).contains("the one local JVM named devstack");
	}

	@Test
	void saysWhyWhenNoLocalJvmIsALauncher() {
		StackJvmSearch.Choice choice = StackJvmSearch.choose(List.of(BENCH, DEVSTACK_TESTS), 0, SELF);

		assertThat(choice.jvm()).isNull();
		assertThat(choice.how()).contains("no local JVM").contains("--stack-pid=PID");
	}

	@Test
	void refusesToGuessBetweenSeveralLaunchers() {
		StackJvmSearch.Candidate another = new StackJvmSearch.Candidate(5000, "/opt/devstack.jar");

		StackJvmSearch.Choice choice = StackJvmSearch.choose(List.of(LAUNCHER, another), 0, SELF);

		assertThat(choice.jvm()).isNull();
		assertThat(choice.how()).contains("2 local JVMs").contains("4324, 5000").contains("--stack-pid=PID");
	}

	@Test
	void takesTheGivenPidEvenIfTheAttachApiDoesNotListIt() {
		assertThat(StackJvmSearch.choose(List.of(LAUNCHER), 4324, SELF).jvm()).isEqualTo(LAUNCHER);
		StackJvmSearch.Choice unlisted = StackJvmSearch.choose(List.of(LAUNCHER), 6000, SELF);
		assertThat(unlisted.jvm()).isEqualTo(new StackJvmSearch.Candidate(6000, ""));
		assertThat(unlisted.how()).isEqualTo("given with --stack-pid");
	}

	@ParameterizedTest(name = "{0}: {1}")
	@CsvSource(delimiter = ';', textBlock = """
			devstack/target/devstack.jar --data-dir=/tmp/x; true
			/work/wt/devstack/target/devstack.jar; true
			dev.dbaas.pipeline.devstack.DevStackMain --portal-port=0; true
			/work/main/devstack/target/surefire/surefirebooter.jar devstack; false
			bench/target/bench.jar --data-dir=/tmp/devstack; false
			'' ; false
			""")
	void knowsALauncherByItsCommandNotByItsArgumentsOrDirectories(String displayName, boolean launcher) {
		assertThat(StackJvmSearch.isLauncher((displayName != null) ? displayName : "")).isEqualTo(launcher);
	}

}
