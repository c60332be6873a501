package dev.dbaas.pipeline.security;

import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class CallerTest {

	@Test
	void customerTokenActsForItsOwnCustomerOnly() {
		Caller customer = new Caller("c-1", "c-1", Set.of(Caller.WRITE, Caller.READ));

		assertThat(customer.mayActFor("c-1")).isTrue();
		assertThat(customer.mayActFor("c-2")).isFalse();
		assertThat(customer.limitKey()).isEqualTo("c-1/c-1");
	}

	@Test
	void customerTokenIsNeverOpsWhateverItsScopes() {
		assertThat(new Caller("c-1", "c-1", Set.of(Caller.OPS)).isOps()).isFalse();
	}

	@Test
	void serviceTokenActsForAnyCustomerWithinItsScopes() {
		Caller portal = new Caller("portal", null, Set.of(Caller.WRITE));

		assertThat(portal.mayActFor("c-2")).isTrue();
		assertThat(portal.mayPlaceOrders()).isTrue();
		assertThat(portal.mayReadOrders()).isFalse();
	}

	@Test
	void opsReadsEverything() {
		Caller ops = new Caller("ops", null, Set.of(Caller.OPS));

		assertThat(ops.isOps()).isTrue();
		assertThat(ops.mayReadOrders()).isTrue();
		assertThat(ops.mayPlaceOrders()).isFalse();
	}

	@Test
	void readsScopesAsStringOrList() {
		assertThat(Caller.scopesOf(" orders:read  orders:write ")).containsExactly("orders:read", "orders:write");
		assertThat(Caller.scopesOf(List.of("orders:ops"))).containsExactly("orders:ops");
		assertThat(Caller.scopesOf(null)).isEmpty();
	}

}
