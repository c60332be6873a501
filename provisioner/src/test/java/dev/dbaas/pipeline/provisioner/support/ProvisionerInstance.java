package dev.dbaas.pipeline.provisioner.support;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.zaxxer.hikari.HikariDataSource;
import dev.dbaas.pipeline.provisioner.ProvisionerApplication;
import dev.dbaas.pipeline.security.test.TestTokens;
import dev.dbaas.pipeline.testkit.PipelineEnvironment;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A provisioner instance of a fleet, started in this JVM against a test class's
 * environment, as a separate application context with its own worker id.
 */
public final class ProvisionerInstance implements AutoCloseable {

	private final ConfigurableApplicationContext context;

	private ProvisionerInstance(ConfigurableApplicationContext context) {
		this.context = context;
	}

	/**
	 * Starts an instance.
	 * @param env the environment (broker, database, topics)
	 * @param workerId the instance's worker id
	 * @param properties further properties, e.g. simulation knobs
	 * @return the running instance
	 */
	public static ProvisionerInstance start(PipelineEnvironment env, String workerId, Map<String, String> properties) {
		Map<String, String> all = new LinkedHashMap<>(env.springProperties());
		all.put("server.port", "0");
		all.put("spring.main.banner-mode", "off");
		all.put("provisioner.workers.id", workerId);
		// its actuator trusts the test issuer, as a deployed provisioner trusts the real
		// one
		all.putAll(TestTokens.issuer().serviceProperties());
		all.putAll(properties);
		List<String> args = new ArrayList<>();
		all.forEach((key, value) -> args.add("--" + key + "=" + value));
		return new ProvisionerInstance(
				new SpringApplicationBuilder(ProvisionerApplication.class).run(args.toArray(String[]::new)));
	}

	/**
	 * Simulates a crash: the instance loses its database at once, so it can neither
	 * finish a step nor hand its jobs back, then it stops. Its leases stay until they
	 * expire.
	 */
	public void crash() {
		this.context.getBean(HikariDataSource.class).close();
		this.context.close();
	}

	@Override
	public void close() {
		this.context.close();
	}

}
