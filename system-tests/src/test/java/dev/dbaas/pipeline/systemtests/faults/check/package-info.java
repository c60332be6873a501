/**
 * What must hold after every scenario, checked against the services' databases and the
 * topics: nothing accepted is lost, nothing is duplicated, sequences only grow; and the
 * reliability report the suite writes.
 */
@NullMarked
package dev.dbaas.pipeline.systemtests.faults.check;

import org.jspecify.annotations.NullMarked;
