package dev.dbaas.pipeline.testkit;

import java.util.Collection;

import dev.dbaas.pipeline.localinfra.KraftBroker;
import dev.dbaas.pipeline.localinfra.PostgresServer;
import dev.dbaas.pipeline.schemas.TopicSpec;

/**
 * A running Kafka broker and PostgreSQL server, shared by every test class of a JVM.
 */
public interface Servers {

	/**
	 * How the servers were started.
	 * @return the mode
	 */
	InfrastructureMode mode();

	/**
	 * Kafka's bootstrap address.
	 * @return {@code host:port[,host:port]}
	 */
	String kafkaBootstrapServers();

	/**
	 * Creates topics that do not exist yet.
	 * @param topics the topics
	 */
	void createTopics(Collection<TopicSpec> topics);

	/**
	 * JDBC URL of a database.
	 * @param database database name
	 * @return the URL
	 */
	String jdbcUrl(String database);

	/**
	 * Database user with the right to create databases.
	 * @return user name
	 */
	String username();

	/**
	 * Password of {@link #username()}.
	 * @return password
	 */
	String password();

	/**
	 * Creates a database unless it exists.
	 * @param name lower-case identifier
	 */
	void createDatabase(String name);

	/**
	 * The embedded broker, for tests that stop and restart it.
	 * @return the broker
	 * @throws UnsupportedOperationException in container mode
	 */
	KraftBroker embeddedBroker();

	/**
	 * The embedded PostgreSQL, for tests that stop and restart it.
	 * @return the server
	 * @throws UnsupportedOperationException in container mode
	 */
	PostgresServer embeddedPostgres();

}
