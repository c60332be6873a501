package dev.dbaas.pipeline.devstack;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class TokenCommandTest {

	@TempDir
	Path dataDir;

	@Test
	void customerTokenPlacesAndReadsThatCustomersOrders() {
		TokenCommand command = TokenCommand.parse(List.of("--customer=c-1001", "--data-dir=" + this.dataDir));

		assertThat(command.customerId()).isEqualTo("c-1001");
		assertThat(command.clientId()).isEqualTo("c-1001");
		assertThat(command.scopes()).containsExactly("orders:write", "orders:read");
		assertThat(command.keyDirectory()).isEqualTo(this.dataDir.resolve("keys"));
	}

	@Test
	void serviceTokenWithScopesAndLifetime() {
		TokenCommand command = TokenCommand
			.parse(List.of("--scope=orders:ops", "--client=ops-cli", "--lifetime=30m", "--data-dir=" + this.dataDir));

		assertThat(command.customerId()).isNull();
		assertThat(command.clientId()).isEqualTo("ops-cli");
		assertThat(command.scopes()).containsExactly("orders:ops");
		assertThat(command.lifetime()).isEqualTo(Duration.ofMinutes(30));
	}

	@Test
	void refusesToPrintATokenBeforeTheStackMadeItsKey() {
		TokenCommand command = TokenCommand.parse(List.of("--customer=c-1", "--data-dir=" + this.dataDir));

		assertThatIllegalArgumentException().isThrownBy(command::token).withMessageContaining("start the stack first");
	}

	@ParameterizedTest
	@ValueSource(strings = { "--scope=orders:admin", "--scope=", "--lifetime=forever", "--lifetime=0s", "--customer=",
			"--unknown=1", "customer" })
	void rejects(String argument) {
		assertThatIllegalArgumentException().isThrownBy(() -> TokenCommand.parse(List.of(argument)));
	}

}
