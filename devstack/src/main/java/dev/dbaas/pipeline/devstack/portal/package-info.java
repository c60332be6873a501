/**
 * The reference portal: static pages served by the launcher, with the API calls forwarded
 * to order-intake and status-service so that the pages stay same-origin.
 */
@NullMarked
package dev.dbaas.pipeline.devstack.portal;

import org.jspecify.annotations.NullMarked;
