package dev.dbaas.pipeline.provisioner.support;

import dev.dbaas.pipeline.testkit.PipelineEnvironment;
import org.flywaydb.core.Flyway;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The provisioner's schema in a test class's database, for tests that read or write the
 * tables without starting the application.
 */
public final class ProvisionerDatabase {

	private ProvisionerDatabase() {
	}

	/**
	 * Applies the provisioner's Flyway migrations to the environment's database.
	 * @param env the environment
	 * @return a client of the migrated database
	 */
	public static JdbcClient migrated(PipelineEnvironment env) {
		Flyway.configure()
			.dataSource(env.dataSource())
			.locations("classpath:db/migration/provisioner")
			.load()
			.migrate();
		return JdbcClient.create(env.dataSource());
	}

}
