package dev.dbaas.pipeline.status.query.web;

import java.time.Instant;
import java.util.List;

import dev.dbaas.pipeline.status.order.OrderId;
import dev.dbaas.pipeline.status.order.OrderStatus;
import dev.dbaas.pipeline.status.query.Cursor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class ListParametersTest {

	@Test
	void defaultsToFiftyNewestFirstWithoutFilters() {
		ListParameters parameters = ListParameters.parse(null, null, null, null, null, null);

		assertThat(parameters.limit()).isEqualTo(50);
		assertThat(parameters.cursor()).isNull();
		assertThat(parameters.filter().status()).isNull();
	}

	@Test
	void capsTheLimitAtTwoHundred() {
		assertThat(ListParameters.parse(null, null, null, null, "5000", null).limit()).isEqualTo(200);
	}

	@Test
	void readsEveryFilter() {
		Cursor cursor = new Cursor(Instant.parse("2026-01-01T00:00:00Z"), OrderId.of("o-9"));

		ListParameters parameters = ListParameters.parse("c-1", "FAILED", "DE-WEST-1", "2026-01-31T12:00:00+01:00",
				"10", cursor.encode());

		assertThat(parameters.filter().customerId()).isEqualTo("c-1");
		assertThat(parameters.filter().status()).isEqualTo(OrderStatus.FAILED);
		assertThat(parameters.filter().region()).isEqualTo("DE-WEST-1");
		assertThat(parameters.filter().placedAfter()).isEqualTo(Instant.parse("2026-01-31T11:00:00Z"));
		assertThat(parameters.cursor()).isEqualTo(cursor);
	}

	@ParameterizedTest(name = "{0}={1} is rejected")
	@CsvSource(delimiter = '|', textBlock = """
			status      | done
			status      | UNKNOWN
			limit       | 0
			limit       | -5
			limit       | ten
			limit       | 99999999999999
			placedAfter | yesterday
			placedAfter | 2026-01-31
			cursor      | not-a-cursor
			cursor      | djEKbm90LWEtdGltZQpvLTE
			customerId  | '   '
			""")
	void rejectsMalformedParameters(String parameter, String value) {
		InvalidParametersException ex = catchThrowableOfType(InvalidParametersException.class,
				() -> ListParameters.parse(parameter.equals("customerId") ? value : null,
						parameter.equals("status") ? value : null, null, parameter.equals("placedAfter") ? value : null,
						parameter.equals("limit") ? value : null, parameter.equals("cursor") ? value : null));

		assertThat(ex.violations()).extracting(InvalidParametersException.Violation::parameter)
			.containsExactly(parameter);
	}

	@Test
	void reportsEveryMalformedParameterAtOnce() {
		InvalidParametersException ex = catchThrowableOfType(InvalidParametersException.class,
				() -> ListParameters.parse(null, "nope", null, "nope", "nope", "nope"));

		assertThat(ex.violations()).extracting(InvalidParametersException.Violation::parameter)
			.isEqualTo(List.of("status", "placedAfter", "limit", "cursor"));
	}

}
