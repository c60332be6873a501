package dev.dbaas.pipeline.status.query;

import java.time.Instant;

import dev.dbaas.pipeline.status.order.OrderId;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CursorTest {

	@Test
	void survivesItsTextFormExactly() {
		Cursor cursor = new Cursor(Instant.parse("2026-11-25T10:00:00.123456Z"), OrderId.of("order/with:odd chars"));

		assertThat(Cursor.decode(cursor.encode())).isEqualTo(cursor);
		assertThat(cursor.encode()).matches("[A-Za-z0-9_-]+");
	}

	@Test
	void rejectsTextThatIsNotACursor() {
		assertThatThrownBy(() -> Cursor.decode("%%%")).isInstanceOf(Cursor.InvalidCursorException.class);
		assertThatThrownBy(() -> Cursor.decode("")).isInstanceOf(Cursor.InvalidCursorException.class);
	}

}
