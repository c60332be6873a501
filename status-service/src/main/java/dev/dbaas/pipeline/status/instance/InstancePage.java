package dev.dbaas.pipeline.status.instance;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * One page of instances, newest first.
 *
 * @param items the instances
 * @param next where the next page starts, or {@code null} on the last page
 */
public record InstancePage(List<InstanceView> items, @Nullable InstanceCursor next) {

	public InstancePage {
		items = List.copyOf(items);
	}

}
