package dev.dbaas.pipeline.status.rebuild.web;

import dev.dbaas.pipeline.status.rebuild.ViewRebuild;

import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.WriteOperation;
import org.springframework.stereotype.Component;

/**
 * {@code POST /actuator/rebuild}: empties the view and replays both topics from the
 * beginning. Expose it only on an operator-reachable port.
 */
@Component
@Endpoint(id = "rebuild")
class RebuildEndpoint {

	private final ViewRebuild rebuild;

	RebuildEndpoint(ViewRebuild rebuild) {
		this.rebuild = rebuild;
	}

	@WriteOperation
	ViewRebuild.Rebuilt rebuild() {
		return this.rebuild.rebuild();
	}

}
