package dev.dbaas.pipeline.devstack.portal;

import dev.dbaas.pipeline.devstack.portal.PortalServlet.Route;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class PortalRouteTest {

	@ParameterizedTest(name = "{0} {1} -> {2}")
	@CsvSource({ "GET, /v1/catalog, INTAKE", "POST, /v1/catalog, METHOD_NOT_ALLOWED", "POST, /v1/orders, INTAKE",
			"GET, /v1/orders, STATUS", "HEAD, /v1/orders, STATUS", "PUT, /v1/orders, METHOD_NOT_ALLOWED",
			"GET, /v1/orders/o-1, STATUS", "GET, /v1/orders/o-1/history, STATUS",
			"POST, /v1/orders/o-1, METHOD_NOT_ALLOWED", "DELETE, /v1/orders/o-1, METHOD_NOT_ALLOWED",
			"GET, /v1/instances, STATUS", "POST, /v1/instances, METHOD_NOT_ALLOWED",
			"GET, /v1/instances/db-0123456789abcdef, STATUS", "GET, /v1/instances/db-0123456789abcdef/history, STATUS",
			"POST, /v1/instances/db-0123456789abcdef/orders, INTAKE",
			"GET, /v1/instances/db-0123456789abcdef/orders, METHOD_NOT_ALLOWED",
			"POST, /v1/instances/db-0123456789abcdef/credentials, STATUS",
			"GET, /v1/instances/db-0123456789abcdef/credentials, METHOD_NOT_ALLOWED",
			"POST, /v1/instances/db-0123456789abcdef, METHOD_NOT_ALLOWED",
			"DELETE, /v1/instances/db-0123456789abcdef, METHOD_NOT_ALLOWED",
			"POST, /v1/instances//orders, METHOD_NOT_ALLOWED", "GET, /v1/other, NOT_FOUND",
			"GET, /v1/ordersx, NOT_FOUND", "POST, /v1/session, NOT_FOUND" })
	void sendsEachApiCallToTheServiceThatAnswersIt(String method, String path, Route route) {
		assertThat(PortalServlet.route(path, method)).isEqualTo(route);
	}

}
