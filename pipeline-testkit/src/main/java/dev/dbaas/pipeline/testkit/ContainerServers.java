package dev.dbaas.pipeline.testkit;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Collection;

import dev.dbaas.pipeline.localinfra.KraftBroker;
import dev.dbaas.pipeline.localinfra.PostgresServer;
import dev.dbaas.pipeline.schemas.TopicSpec;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.postgresql.PostgreSQLContainer;

/**
 * Testcontainers' Kafka (KRaft, official apache/kafka image) and PostgreSQL containers,
 * for machines with a Docker engine. CI has none and uses {@link EmbeddedServers}.
 */
final class ContainerServers implements Servers {

	static final String KAFKA_IMAGE = "apache/kafka:4.1.2";

	static final String POSTGRES_IMAGE = "postgres:17-alpine";

	private final KafkaContainer kafka;

	private final PostgreSQLContainer postgres;

	private ContainerServers(KafkaContainer kafka, PostgreSQLContainer postgres) {
		this.kafka = kafka;
		this.postgres = postgres;
	}

	static boolean dockerAvailable() {
		return DockerClientFactory.instance().isDockerAvailable();
	}

	@SuppressWarnings("resource")
	static ContainerServers start() {
		KafkaContainer kafka = new KafkaContainer(KAFKA_IMAGE);
		PostgreSQLContainer postgres = new PostgreSQLContainer(POSTGRES_IMAGE);
		kafka.start();
		postgres.start();
		return new ContainerServers(kafka, postgres);
	}

	@Override
	public InfrastructureMode mode() {
		return InfrastructureMode.CONTAINERS;
	}

	@Override
	public String kafkaBootstrapServers() {
		return this.kafka.getBootstrapServers();
	}

	@Override
	public void createTopics(Collection<TopicSpec> topics) {
		KraftBroker.createTopics(kafkaBootstrapServers(), topics);
	}

	@Override
	public String jdbcUrl(String database) {
		return "jdbc:postgresql://" + this.postgres.getHost() + ":" + this.postgres.getMappedPort(5432) + "/"
				+ database;
	}

	@Override
	public String username() {
		return this.postgres.getUsername();
	}

	@Override
	public String password() {
		return this.postgres.getPassword();
	}

	@Override
	public void createDatabase(String name) {
		try (Connection connection = DriverManager.getConnection(this.postgres.getJdbcUrl(), username(), password());
				Statement statement = connection.createStatement()) {
			try (ResultSet rs = statement.executeQuery("SELECT 1 FROM pg_database WHERE datname = '" + name + "'")) {
				if (rs.next()) {
					return;
				}
			}
			statement.execute("CREATE DATABASE " + name);
		}
		catch (SQLException ex) {
			throw new IllegalStateException("Cannot create database " + name, ex);
		}
	}

	@Override
	public KraftBroker embeddedBroker() {
		throw new UnsupportedOperationException(
				"Broker restarts need the embedded mode (" + InfrastructureMode.PROPERTY + "=embedded)");
	}

	@Override
	public PostgresServer embeddedPostgres() {
		throw new UnsupportedOperationException(
				"PostgreSQL restarts need the embedded mode (" + InfrastructureMode.PROPERTY + "=embedded)");
	}

}
