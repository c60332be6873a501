package dev.dbaas.pipeline.testkit;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import dev.dbaas.pipeline.schemas.TopicSpec;
import dev.dbaas.pipeline.schemas.Topics;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * What one test class gets: a database of its own and its own copy of every pipeline
 * topic, on the shared servers.
 *
 * @param servers the shared servers
 * @param id unique id of the test class, used in database and topic names
 * @param database the class's database
 * @param orderPlaced the class's copy of {@link Topics#ORDER_PLACED}
 * @param orderStatus the class's copy of {@link Topics#ORDER_STATUS}
 * @param orderPlacedDlt the class's copy of {@link Topics#ORDER_PLACED_DLT}
 * @param orderStatusDlt the class's copy of {@link Topics#ORDER_STATUS_DLT}
 */
public record PipelineEnvironment(Servers servers, String id, String database, TopicSpec orderPlaced,
		TopicSpec orderStatus, TopicSpec orderPlacedDlt, TopicSpec orderStatusDlt) {

	static PipelineEnvironment create(Servers servers, String id) {
		String suffix = "." + id;
		PipelineEnvironment environment = new PipelineEnvironment(servers, id, id,
				Topics.ORDER_PLACED.withSuffix(suffix), Topics.ORDER_STATUS.withSuffix(suffix),
				Topics.ORDER_PLACED_DLT.withSuffix(suffix), Topics.ORDER_STATUS_DLT.withSuffix(suffix));
		servers.createDatabase(environment.database());
		servers.createTopics(environment.topics());
		return environment;
	}

	/**
	 * The class's topics.
	 * @return every topic
	 */
	public List<TopicSpec> topics() {
		return List.of(this.orderPlaced, this.orderStatus, this.orderPlacedDlt, this.orderStatusDlt);
	}

	/**
	 * Kafka's bootstrap address.
	 * @return {@code host:port}
	 */
	public String bootstrapServers() {
		return this.servers.kafkaBootstrapServers();
	}

	/**
	 * JDBC URL of the class's database.
	 * @return the URL
	 */
	public String jdbcUrl() {
		return this.servers.jdbcUrl(this.database);
	}

	/**
	 * A non-pooling data source for the class's database.
	 * @return the data source
	 */
	public DataSource dataSource() {
		PGSimpleDataSource dataSource = new PGSimpleDataSource();
		dataSource.setURL(jdbcUrl());
		dataSource.setUser(this.servers.username());
		dataSource.setPassword(this.servers.password());
		return dataSource;
	}

	/**
	 * The Spring properties that point a pipeline service at this environment: Kafka,
	 * datasource and the {@code pipeline.topics.*} names.
	 * @return property names and values
	 */
	public Map<String, String> springProperties() {
		Map<String, String> properties = new LinkedHashMap<>();
		properties.put("spring.kafka.bootstrap-servers", bootstrapServers());
		properties.put("spring.datasource.url", jdbcUrl());
		properties.put("spring.datasource.username", this.servers.username());
		properties.put("spring.datasource.password", this.servers.password());
		properties.put("pipeline.topics.order-placed", this.orderPlaced.name());
		properties.put("pipeline.topics.order-status", this.orderStatus.name());
		properties.put("pipeline.topics.order-placed-dlt", this.orderPlacedDlt.name());
		properties.put("pipeline.topics.order-status-dlt", this.orderStatusDlt.name());
		return properties;
	}

}
