/**
 * The offer a portal renders its order form from: database types, node sizes, storage,
 * regions, trusted-source limits and the documents to accept.
 */
@NullMarked
package dev.dbaas.pipeline.intake.catalog;

import org.jspecify.annotations.NullMarked;
