package dev.dbaas.pipeline.testkit;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * JUnit extension behind {@link RealInfrastructure}: prepares the class's environment
 * before all tests and injects it as a {@link PipelineEnvironment} parameter.
 */
public class RealInfrastructureExtension implements BeforeAllCallback, ParameterResolver {

	@Override
	public void beforeAll(ExtensionContext context) {
		Infrastructure.environmentFor(context.getRequiredTestClass());
	}

	@Override
	public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
		return parameterContext.getParameter().getType() == PipelineEnvironment.class;
	}

	@Override
	public Object resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
		return Infrastructure.environmentFor(extensionContext.getRequiredTestClass());
	}

}
