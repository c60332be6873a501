package dev.dbaas.pipeline.contract.config;

import dev.dbaas.pipeline.contract.kafka.PipelineTopics;
import dev.dbaas.pipeline.contract.tracing.OrderTraces;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Binds {@code pipeline.topics.*} to {@link PipelineTopics} and, where Micrometer Tracing
 * is on the class path, provides {@link OrderTraces} (a no-op apart from the MDC when no
 * tracer is configured). Every service that depends on the contract gets both.
 */
@AutoConfiguration
@EnableConfigurationProperties(PipelineTopics.class)
public class PipelineContractAutoConfiguration {

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(Tracer.class)
	static class TracingConfiguration {

		@Bean
		@ConditionalOnMissingBean
		OrderTraces orderTraces(ObjectProvider<Tracer> tracer, ObjectProvider<Propagator> propagator) {
			return new OrderTraces(tracer.getIfAvailable(), propagator.getIfAvailable());
		}

	}

}
