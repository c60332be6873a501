package dev.dbaas.pipeline.devstack;

import java.time.Duration;

/**
 * What the launcher prints when the stack is up: the URLs of the portal with its sign-in
 * password, the services, Kafka and PostgreSQL, the address the HTTP ports listen on, the
 * data directory, and the {@link ExampleOrder} as a ready-to-paste curl command with a
 * customer token (c-1001, 12 hours).
 */
final class Banner {

	private Banner() {
	}

	/**
	 * The banner of a running stack.
	 * @param stack the stack
	 * @return the text, with a trailing line break
	 */
	static String of(DevStack stack) {
		DevStackOptions options = stack.options();
		String intake = "http://localhost:" + options.intakePort();
		String status = "http://localhost:" + options.statusPort();
		String portal = stack.portalUrl().toString();
		boolean temporary = stack.dataIsTemporary();
		return """

				================================================================================
				 DBaaS order pipeline is up (%d ms)
				================================================================================
				 Portal          %s  (order wizard; my orders: %sstatus.html;
				                 my databases: %sinstances.html)
				 Portal sign-in  any customer id, e.g. c-1001, with the portal password %s
				 Listening on    %s
				 order-intake    %s      (catalog: %s/v1/catalog, API docs: %s/swagger-ui.html)
				 provisioner     http://localhost:%d/actuator/health
				 status-service  %s      (API docs: %s/swagger-ui.html)
				 Kafka           %s
				 PostgreSQL      %s  (databases intake, provisioner, status; user postgres)
				 Backends        %s
				 Data            %s%s

				 Place an example order (the token is customer c-1001's for 12 hours; more with
				 java -jar devstack/target/devstack.jar token --customer=ID%s):

				 TOKEN=%s
				 curl -si %s/v1/orders \\
				   -H "Authorization: Bearer $TOKEN" \\
				   -H 'Content-Type: application/json' \\
				   -H "Idempotency-Key: $(uuidgen 2>/dev/null || date +%%s%%N)" \\
				   -d '%s'

				 Then follow it: curl -s -H "Authorization: Bearer $TOKEN" %s/v1/orders/<orderId>
				 (Ctrl-C stops everything)
				================================================================================
				""".formatted(stack.startup().toMillis(), portal, portal, portal, stack.portalPassword().reveal(),
				options.loopbackOnly()
						? options.bindAddress() + " only (this machine; --bind=0.0.0.0 opens every interface)"
						: options.bindAddress() + " (plain HTTP: reachable from the network)",
				intake, intake, intake, options.provisionerPort(), status, status, stack.kafka().bootstrapServers(),
				stack.postgres().jdbcUrl(""), LocalDataPlane.describe(stack.backend(), stack.dataDir()),
				stack.dataDir(), temporary ? " (temporary, removed on exit)" : "",
				temporary ? "" : " --data-dir=" + stack.dataDir(),
				stack.tokens().customerToken("c-1001", Duration.ofHours(12)), intake,
				LocalDataPlane.LOCAL.equals(stack.backend()) ? ExampleOrder.LOCAL_JSON : ExampleOrder.JSON, status);
	}

}
