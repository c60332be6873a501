/**
 * Lists the records of a dead-letter topic with why and where from they came, and
 * re-drives chosen ones to their source topic after a fix.
 */
@NullMarked
package dev.dbaas.pipeline.tail.deadletters;

import org.jspecify.annotations.NullMarked;
