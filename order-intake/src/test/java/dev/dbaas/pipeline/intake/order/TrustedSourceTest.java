package dev.dbaas.pipeline.intake.order;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class TrustedSourceTest {

	@Test
	void refusesHostBitsInItsCanonicalForm() {
		assertThatIllegalArgumentException().isThrownBy(() -> new TrustedSource(0xDEDEDE82, 28));
	}

	@Test
	void coversAddressesInsideItsNetworkOnly() {
		TrustedSource network = new TrustedSource(0xDEDEDE80, 28);

		assertThat(network.covers(new TrustedSource(0xDEDEDE82, 32))).isTrue();
		assertThat(network.covers(new TrustedSource(0xDEDEDE90, 32))).isFalse();
		assertThat(network.covers(new TrustedSource(0xDEDEDE00, 24))).isFalse();
		assertThat(network.cidr()).isEqualTo("222.222.222.128/28");
	}

}
