package dev.dbaas.pipeline.testkit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Gives a test class a real Kafka broker and a real PostgreSQL server, shared by the JVM,
 * with a database and topics of its own.
 *
 * <ul>
 * <li>Plain JUnit tests declare a {@link PipelineEnvironment} parameter (constructor,
 * lifecycle or test method).</li>
 * <li>Spring tests get {@code spring.kafka.bootstrap-servers},
 * {@code spring.datasource.*} and {@code pipeline.topics.*} set for them.</li>
 * </ul>
 * Embedded servers by default; containers when Docker runs (see
 * {@link InfrastructureMode}).
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ExtendWith(RealInfrastructureExtension.class)
public @interface RealInfrastructure {

}
