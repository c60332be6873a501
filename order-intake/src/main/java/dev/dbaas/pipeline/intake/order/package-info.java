/**
 * The order domain: drafts as received, the rules that validate them, and the orders they
 * become.
 */
@NullMarked
package dev.dbaas.pipeline.intake.order;

import org.jspecify.annotations.NullMarked;
