package dev.dbaas.pipeline.security.web;

import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.ObjectProvider;

/**
 * Counts the requests the HTTP edge refused before a controller saw them, as
 * {@value #METRIC} tagged with the {@code stage} that refused (the {@code container}, the
 * security {@code firewall}, the {@code query} check, the {@code error-page}), the
 * {@code reason} ({@link EdgeRefusal#tag()}) and the problem {@code kind}; each refusal
 * is logged at debug level, without what the client sent. The registry is looked up on
 * the first refusal, so that the container can be set up before the meters. Thread-safe.
 */
final class EdgeRefusals {

	/** The counter of refused requests. */
	static final String METRIC = "http.edge.refusals";

	private static final Logger log = LoggerFactory.getLogger(EdgeRefusals.class);

	private final ObjectProvider<MeterRegistry> registry;

	EdgeRefusals(ObjectProvider<MeterRegistry> registry) {
		this.registry = registry;
	}

	/**
	 * Counts one refusal.
	 * @param stage who refused: {@code container}, {@code firewall}, {@code query} or
	 * {@code error-page}
	 * @param refusal why
	 * @param status the status answered
	 */
	void record(String stage, EdgeRefusal refusal, int status) {
		log.debug("Refused a request at the HTTP edge ({}): {} ({}, status {})", stage, refusal.tag(),
				refusal.kind().kind(), status);
		MeterRegistry meters = this.registry.getIfAvailable();
		if (meters != null) {
			meters.counter(METRIC, "stage", stage, "reason", refusal.tag(), "kind", refusal.kind().kind()).increment();
		}
	}

}
