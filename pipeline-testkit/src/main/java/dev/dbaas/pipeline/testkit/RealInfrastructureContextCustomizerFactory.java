package dev.dbaas.pipeline.testkit;

import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.annotation.MergedAnnotations;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.MutablePropertySources;
import org.springframework.test.context.ContextConfigurationAttributes;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.ContextCustomizerFactory;
import org.springframework.test.context.MergedContextConfiguration;

/**
 * Points the application context of a {@link RealInfrastructure} test class at that
 * class's environment. The customizer is keyed by test class, so two classes never share
 * a cached context (and therefore never share a database or topics).
 */
public class RealInfrastructureContextCustomizerFactory implements ContextCustomizerFactory {

	@Override
	public @Nullable ContextCustomizer createContextCustomizer(Class<?> testClass,
			List<ContextConfigurationAttributes> configAttributes) {
		if (!MergedAnnotations.from(testClass, MergedAnnotations.SearchStrategy.TYPE_HIERARCHY)
			.isPresent(RealInfrastructure.class)) {
			return null;
		}
		return new EnvironmentCustomizer(testClass);
	}

	private record EnvironmentCustomizer(Class<?> testClass) implements ContextCustomizer {

		private static final String INLINED_PROPERTIES = "Inlined Test Properties";

		@Override
		public void customizeContext(ConfigurableApplicationContext context, MergedContextConfiguration config) {
			Map<String, String> properties = Infrastructure.environmentFor(this.testClass).springProperties();
			MutablePropertySources sources = context.getEnvironment().getPropertySources();
			MapPropertySource infrastructure = new MapPropertySource("pipelineTestInfrastructure",
					Map.copyOf(properties));
			// Properties inlined in the test (@SpringBootTest(properties = ...)) still
			// win.
			if (sources.contains(INLINED_PROPERTIES)) {
				sources.addAfter(INLINED_PROPERTIES, infrastructure);
			}
			else {
				sources.addFirst(infrastructure);
			}
		}

	}

}
