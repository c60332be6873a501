package dev.dbaas.pipeline.status.query;

import dev.dbaas.pipeline.status.order.OrderStatus;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class ReaderTest {

	private static final OrderFilter PROCESSING = new OrderFilter(null, OrderStatus.PROCESSING, null, null);

	@Test
	void aCustomersReaderListsThatCustomerOnly() {
		OrderFilter narrowed = Reader.ofCustomer("c-1").narrow(PROCESSING);

		assertThat(narrowed).isEqualTo(new OrderFilter("c-1", OrderStatus.PROCESSING, null, null));
		assertThat(Reader.ofCustomer("c-1").narrow(narrowed)).isEqualTo(narrowed);
		assertThatIllegalArgumentException()
			.isThrownBy(() -> Reader.ofCustomer("c-1").narrow(new OrderFilter("c-2", null, null, null)));
	}

	@Test
	void aReaderOfEveryCustomerListsAsAsked() {
		assertThat(Reader.ANY_CUSTOMER.narrow(PROCESSING)).isEqualTo(PROCESSING);
	}

}
