/**
 * Rebuild: empties the view and replays both topics from the beginning, through the
 * actuator endpoint {@code POST /actuator/rebuild}.
 */
@NullMarked
package dev.dbaas.pipeline.status.rebuild;

import org.jspecify.annotations.NullMarked;
