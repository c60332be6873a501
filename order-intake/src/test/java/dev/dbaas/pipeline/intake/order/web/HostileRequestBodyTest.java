package dev.dbaas.pipeline.intake.order.web;

import java.nio.charset.StandardCharsets;
import java.util.Random;

import dev.dbaas.pipeline.intake.catalog.Catalogs;
import dev.dbaas.pipeline.intake.order.OrderValidator;
import dev.dbaas.pipeline.testkit.fixtures.Orders;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThatCode;

/**
 * No input may produce a 5xx: mutated and random bodies either read into a draft that the
 * validator then judges, or are rejected as unreadable; nothing else is thrown.
 */
class HostileRequestBodyTest {

	private static final String[] FRAGMENTS = { "{", "}", "[", "]", ",", ":", "\"", "null", "true", "-1", "1e999",
			"0.5", "\"\\u0000\"", "\"\\ud800\"", "\"x\"", "{\"new\":{}}", "[[[[", "\"storageGb\"", "\"trustedSources\"",
			"\"::ffff:1.2.3.4\"", "\"٨.٨.٨.٨\"", "\"0.0.0.0/0\"", "9".repeat(30), "\"invoiceProfile\"" };

	private final OrderRequestReader reader = new OrderRequestReader();

	private final OrderValidator validator = new OrderValidator(Catalogs.defaultCatalog());

	@Test
	void neitherMutatedNorRandomBodiesThrowAnythingButUnreadable() {
		Random random = new Random(20251125);
		String valid = Orders.aValidOrder()
			.with("invoiceProfile", java.util.Map.of("new", java.util.Map.of("email", "a@b.de")))
			.toJson();
		for (int i = 0; i < 3_000; i++) {
			byte[] body = (i % 3 == 0) ? randomBytes(random) : mutate(valid, random).getBytes(StandardCharsets.UTF_8);
			assertThatCode(() -> judge(body)).as("body %s", new String(body, StandardCharsets.UTF_8))
				.doesNotThrowAnyException();
		}
	}

	private void judge(byte[] body) {
		try {
			this.validator.validate(this.reader.read(body).draft());
		}
		catch (OrderRequestReader.UnreadableBodyException ex) {
			// A 400, as intended.
		}
	}

	private static byte[] randomBytes(Random random) {
		byte[] bytes = new byte[random.nextInt(200)];
		random.nextBytes(bytes);
		return bytes;
	}

	private static String mutate(String json, Random random) {
		StringBuilder out = new StringBuilder(json);
		int edits = 1 + random.nextInt(4);
		for (int e = 0; e < edits && out.length() > 0; e++) {
			int at = random.nextInt(out.length());
			switch (random.nextInt(3)) {
				case 0 -> out.deleteCharAt(at);
				case 1 -> out.insert(at, FRAGMENTS[random.nextInt(FRAGMENTS.length)]);
				default -> {
					int end = Math.min(out.length(), at + random.nextInt(20));
					out.replace(at, end, FRAGMENTS[random.nextInt(FRAGMENTS.length)]);
				}
			}
		}
		return out.toString();
	}

}
