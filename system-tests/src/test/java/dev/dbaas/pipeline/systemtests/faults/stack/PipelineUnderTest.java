package dev.dbaas.pipeline.systemtests.faults.stack;

import java.nio.file.Path;

import javax.sql.DataSource;

/**
 * Where the checks find a running pipeline: its broker and its services' databases.
 */
public interface PipelineUnderTest {

	/**
	 * Kafka's bootstrap address.
	 * @return {@code host:port}
	 */
	String bootstrapServers();

	/**
	 * A non-pooling data source on a service's database.
	 * @param service the service
	 * @return the data source
	 */
	DataSource database(Service service);

	/**
	 * A bearer token that may place and read orders of any customer, as the portal
	 * backend's.
	 * @return the compact JWT
	 */
	String bearerToken();

	/**
	 * Where the suite writes its files.
	 * @return the output directory
	 */
	Path output();

}
