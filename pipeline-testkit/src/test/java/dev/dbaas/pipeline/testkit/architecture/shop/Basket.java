package dev.dbaas.pipeline.testkit.architecture.shop;

/** A domain class that keeps to the JDK. */
public record Basket(String id) {
}
