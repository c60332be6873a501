package dev.dbaas.pipeline.status.query.web;

import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LongPollLimitTest {

	private final LongPollLimit limit = new LongPollLimit(2);

	@Test
	void refusesAClientsPollBeyondItsCapAndKeepsOtherClientsApart() {
		CompletableFuture<String> first = this.limit.open("a", CompletableFuture::new);
		this.limit.open("a", CompletableFuture::new);

		assertThatThrownBy(() -> this.limit.open("a", CompletableFuture::new))
			.isInstanceOf(TooManyLongPollsException.class);
		assertThat(this.limit.open("b", CompletableFuture::new)).isNotNull();
		assertThat(this.limit.openBy("a")).isEqualTo(2);

		first.complete("done");

		assertThat(this.limit.openBy("a")).isEqualTo(1);
		assertThat(this.limit.open("a", CompletableFuture::new)).isNotNull();
	}

	@Test
	void forgetsAClientWhenItsLastPollEnds() {
		CompletableFuture<String> poll = this.limit.open("a", CompletableFuture::new);
		CompletableFuture<String> failing = this.limit.open("b", CompletableFuture::new);

		poll.complete("done");
		failing.completeExceptionally(new IllegalStateException("database down"));

		assertThat(this.limit.clients()).isZero();
	}

	@Test
	void freesTheSlotWhenAPollCannotStart() {
		assertThatThrownBy(() -> this.limit.open("a", () -> {
			throw new IllegalStateException("database down");
		})).isInstanceOf(IllegalStateException.class);

		assertThat(this.limit.clients()).isZero();
	}

}
