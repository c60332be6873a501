package dev.dbaas.pipeline.security.web;

import dev.dbaas.pipeline.security.Caller;
import org.jspecify.annotations.Nullable;

import org.springframework.core.MethodParameter;
import org.springframework.security.authentication.AuthenticationCredentialsNotFoundException;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;

/**
 * Gives a controller method its request's {@link Caller} as a parameter.
 */
final class CallerArgumentResolver implements HandlerMethodArgumentResolver {

	private final Callers callers;

	CallerArgumentResolver(Callers callers) {
		this.callers = callers;
	}

	@Override
	public boolean supportsParameter(MethodParameter parameter) {
		return parameter.getParameterType() == Caller.class;
	}

	@Override
	public Object resolveArgument(MethodParameter parameter, @Nullable ModelAndViewContainer mavContainer,
			NativeWebRequest webRequest, @Nullable WebDataBinderFactory binderFactory) {
		return this.callers.current()
			.orElseThrow(() -> new AuthenticationCredentialsNotFoundException("no authenticated caller"));
	}

}
