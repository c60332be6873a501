/**
 * Places change orders of instances (idempotency, the instance row, the order and its
 * event in one transaction) and settles instances on terminal statuses.
 */
@NullMarked
package dev.dbaas.pipeline.intake.instance.application;

import org.jspecify.annotations.NullMarked;
