package dev.dbaas.pipeline.status.order;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;

import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class OrderValuesTest {

	static List<Arguments> hostileValues() {
		return List.of(Arguments.of("blank order id", (ThrowingCallable) () -> OrderId.of(" ")),
				Arguments.of("order id with a NUL", (ThrowingCallable) () -> OrderId.of("o\u00001")),
				Arguments.of("order id too long", (ThrowingCallable) () -> OrderId.of("o".repeat(101))),
				Arguments.of("event id not a UUID", (ThrowingCallable) () -> EventId.parse("42")),
				Arguments.of("port 0", (ThrowingCallable) () -> new Instance("db", 0)),
				Arguments.of("port above 65535", (ThrowingCallable) () -> new Instance("db", 65_536)),
				Arguments.of("no storage",
						(ThrowingCallable) () -> new OrderDetails("MARIADB", "10.11", "b2-4", 0, "DE", List.of())),
				Arguments.of("trusted source with a space",
						(ThrowingCallable) () -> new OrderDetails("MARIADB", "10.11", "b2-4", 50, "DE",
								List.of("1.2.3.4/32 5.6.7.8/32"))),
				Arguments.of("negative sequence",
						(ThrowingCallable) () -> OrderEvents.aStatusChange("o-1", OrderStatus.PROCESSING, -1).build()),
				Arguments.of("blank step",
						(ThrowingCallable) () -> OrderEvents.aStatusChange("o-1", OrderStatus.PROCESSING, 1)
							.step("")
							.build()));
	}

	@ParameterizedTest(name = "rejects {0}")
	@MethodSource("hostileValues")
	void rejectsValuesTheViewCannotHold(String reason, ThrowingCallable creation) {
		assertThatThrownBy(creation).isInstanceOf(InvalidOrderEventException.class);
	}

	@Test
	void eventIdsOrderLikeTheirLowerCaseTextWhichIsPostgresUuidOrder() {
		Random random = new Random(7);
		List<EventId> ids = new ArrayList<>(List.of(EventId.parse("7fffffff-ffff-ffff-ffff-ffffffffffff"),
				EventId.parse("80000000-0000-0000-0000-000000000000"),
				EventId.parse("00000000-0000-0000-8000-000000000000"),
				EventId.parse("00000000-0000-0000-7fff-ffffffffffff")));
		for (int i = 0; i < 1000; i++) {
			ids.add(new EventId(new UUID(random.nextLong(), random.nextLong())));
		}
		for (EventId a : ids) {
			for (EventId b : ids.subList(0, 50)) {
				assertThat(Integer.signum(a.compareTo(b))).as("%s vs %s", a, b)
					.isEqualTo(Integer.signum(a.toString().compareTo(b.toString())));
			}
		}
	}

}
