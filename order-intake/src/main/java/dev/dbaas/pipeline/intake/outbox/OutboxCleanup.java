package dev.dbaas.pipeline.intake.outbox;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Deletes published outbox rows once they are older than
 * {@code intake.outbox.published-retention}, in batches. Old rows sit at the low end of
 * the primary key, so walking it in order finds them without an index on
 * {@code published_at}.
 */
@Component
class OutboxCleanup {

	private static final Logger log = LoggerFactory.getLogger(OutboxCleanup.class);

	private static final int BATCH = 10_000;

	private final JdbcClient jdbc;

	private final OutboxProperties properties;

	OutboxCleanup(JdbcClient jdbc, OutboxProperties properties) {
		this.jdbc = jdbc;
		this.properties = properties;
	}

	@Scheduled(fixedDelayString = "${intake.outbox.cleanup-interval}",
			initialDelayString = "${intake.outbox.cleanup-interval}")
	int deletePublished() {
		int total = 0;
		int deleted;
		do {
			deleted = this.jdbc.sql("""
					DELETE FROM outbox WHERE id IN (
					    SELECT id FROM outbox
					    WHERE published_at < now() - make_interval(secs => :retentionSeconds)
					    ORDER BY id
					    LIMIT :batch)
					""")
				.param("retentionSeconds", (double) this.properties.publishedRetention().toSeconds())
				.param("batch", BATCH)
				.update();
			total += deleted;
		}
		while (deleted == BATCH);
		if (total > 0) {
			log.debug("Deleted {} published outbox rows", total);
		}
		return total;
	}

}
