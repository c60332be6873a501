package dev.dbaas.pipeline.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Map;

import dev.dbaas.pipeline.localinfra.FileTree;
import dev.dbaas.pipeline.localinfra.KraftBroker;
import dev.dbaas.pipeline.localinfra.PostgresServer;
import dev.dbaas.pipeline.schemas.TopicSpec;

/**
 * In-JVM KRaft broker plus embedded PostgreSQL. Durability is off unless the system
 * property {@value #DURABLE_PROPERTY} is {@code true}.
 */
final class EmbeddedServers implements Servers {

	static final String DURABLE_PROPERTY = "pipeline.testkit.postgres.durable";

	private final KraftBroker broker;

	private final PostgresServer postgres;

	private EmbeddedServers(KraftBroker broker, PostgresServer postgres) {
		this.broker = broker;
		this.postgres = postgres;
	}

	static EmbeddedServers start() {
		Path kafkaDir;
		try {
			kafkaDir = Files.createTempDirectory("testkit-kafka-");
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		boolean durable = Boolean.getBoolean(DURABLE_PROPERTY);
		PostgresServer postgres = PostgresServer.create(null, 0, durable);
		KraftBroker broker = KraftBroker.create(kafkaDir, 0, Map.of());
		Thread pg = new Thread(postgres::start, "testkit-postgres-start");
		pg.start();
		broker.start();
		try {
			pg.join();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		postgres.start();
		Runtime.getRuntime().addShutdownHook(new Thread(() -> {
			broker.stop();
			postgres.stop();
			FileTree.deleteQuietly(kafkaDir);
		}, "testkit-shutdown"));
		return new EmbeddedServers(broker, postgres);
	}

	@Override
	public InfrastructureMode mode() {
		return InfrastructureMode.EMBEDDED;
	}

	@Override
	public String kafkaBootstrapServers() {
		return this.broker.bootstrapServers();
	}

	@Override
	public void createTopics(Collection<TopicSpec> topics) {
		this.broker.createTopics(topics);
	}

	@Override
	public String jdbcUrl(String database) {
		return this.postgres.jdbcUrl(database);
	}

	@Override
	public String username() {
		return PostgresServer.USER;
	}

	@Override
	public String password() {
		return PostgresServer.PASSWORD;
	}

	@Override
	public void createDatabase(String name) {
		this.postgres.createDatabase(name);
	}

	@Override
	public KraftBroker embeddedBroker() {
		return this.broker;
	}

	@Override
	public PostgresServer embeddedPostgres() {
		return this.postgres;
	}

}
