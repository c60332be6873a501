package dev.dbaas.pipeline.security.test;

import java.util.LinkedHashMap;
import java.util.List;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;
import org.springframework.test.context.ContextConfigurationAttributes;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.ContextCustomizerFactory;
import org.springframework.test.context.MergedContextConfiguration;

/**
 * Makes every Spring test context of a module that has this test jar trust
 * {@link TestTokens}: the issuer's {@code spring.security.oauth2.resourceserver.jwt.*} go
 * in as the lowest-priority property source, so a test may still override them.
 * Registered in {@code META-INF/spring.factories}.
 */
public final class TrustTestTokensContextCustomizerFactory implements ContextCustomizerFactory {

	@Override
	public ContextCustomizer createContextCustomizer(Class<?> testClass,
			List<ContextConfigurationAttributes> configAttributes) {
		return new TrustTestTokens();
	}

	private static final class TrustTestTokens implements ContextCustomizer {

		@Override
		public void customizeContext(ConfigurableApplicationContext context, MergedContextConfiguration config) {
			context.getEnvironment()
				.getPropertySources()
				.addLast(new MapPropertySource("testTokens",
						new LinkedHashMap<>(TestTokens.issuer().serviceProperties())));
		}

		@Override
		public boolean equals(Object other) {
			return other instanceof TrustTestTokens;
		}

		@Override
		public int hashCode() {
			return TrustTestTokens.class.hashCode();
		}

	}

}
