package dev.dbaas.pipeline.security.web;

import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.tomcat.ConfigurableTomcatWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.boot.webmvc.autoconfigure.error.ErrorMvcAutoConfiguration;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.security.web.firewall.HttpFirewall;
import org.springframework.security.web.firewall.RequestRejectedHandler;

/**
 * The HTTP edge answers like the API: every refusal made before a controller runs is an
 * RFC 9457 problem of the shared vocabulary ({@code application/problem+json}, a 4xx with
 * a fixed detail), never the container's HTML page, Spring Boot's error JSON or a 500.
 * Three places refuse, and each gets its answer here:
 * <ul>
 * <li>Tomcat itself, before the application sees the request (request line, path decoding
 * and normalization, headers, {@code Host}, version): {@link ProblemErrorReportValve} on
 * the host;</li>
 * <li>Spring Security's firewall ({@link HeaderCharacters#firewall()}, its header checks
 * without regular expressions): {@link FirewallProblems};</li>
 * <li>the servlet error page ({@code /error}): {@link ProblemErrorController}, in place
 * of Spring Boot's {@code BasicErrorController};</li>
 * </ul>
 * and a query string that does not decode is refused up front
 * ({@link QueryDecodingFilter}) instead of failing in a controller. Every refusal counts
 * in {@value EdgeRefusals#METRIC}. Every service with this module on its class path, and
 * each service the launcher starts, gets the same edge.
 */
@AutoConfiguration(before = ErrorMvcAutoConfiguration.class)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
public class HttpEdgeAutoConfiguration {

	/**
	 * Before Spring Security's chain, after the character encoding and the observation.
	 */
	static final int QUERY_FILTER_ORDER = Ordered.HIGHEST_PRECEDENCE + 15;

	@Bean
	EdgeRefusals pipelineEdgeRefusals(ObjectProvider<MeterRegistry> registry) {
		return new EdgeRefusals(registry);
	}

	@Bean
	@ConditionalOnMissingBean(ErrorController.class)
	ProblemErrorController pipelineProblemErrorController(EdgeRefusals refusals) {
		return new ProblemErrorController(refusals);
	}

	@Bean
	@ConditionalOnMissingBean(RequestRejectedHandler.class)
	RequestRejectedHandler pipelineFirewallProblems(EdgeRefusals refusals) {
		return new FirewallProblems(refusals);
	}

	@Bean
	@ConditionalOnMissingBean(HttpFirewall.class)
	HttpFirewall pipelineHttpFirewall() {
		return HeaderCharacters.firewall();
	}

	@Bean
	FilterRegistrationBean<QueryDecodingFilter> pipelineQueryDecodingFilter(EdgeRefusals refusals) {
		FilterRegistrationBean<QueryDecodingFilter> registration = new FilterRegistrationBean<>(
				new QueryDecodingFilter(refusals));
		registration.setOrder(QUERY_FILTER_ORDER);
		return registration;
	}

	/** Tomcat's own error reports. */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(name = "org.apache.catalina.startup.Tomcat")
	static class TomcatErrorReports {

		@Bean
		WebServerFactoryCustomizer<ConfigurableTomcatWebServerFactory> pipelineProblemErrorReports(
				EdgeRefusals refusals) {
			return new ProblemErrorReportsCustomizer(refusals);
		}

	}

	/**
	 * Installs {@link ProblemErrorReportValve} after Spring Boot's own customizer, which
	 * adds an HTML error report valve of its own.
	 */
	static final class ProblemErrorReportsCustomizer
			implements WebServerFactoryCustomizer<ConfigurableTomcatWebServerFactory>, Ordered {

		private final EdgeRefusals refusals;

		ProblemErrorReportsCustomizer(EdgeRefusals refusals) {
			this.refusals = refusals;
		}

		@Override
		public void customize(ConfigurableTomcatWebServerFactory factory) {
			factory.addContextCustomizers((context) -> ProblemErrorReportValve.install(context.getParent(),
					new ProblemErrorReportValve(this.refusals)));
		}

		@Override
		public int getOrder() {
			return Ordered.LOWEST_PRECEDENCE;
		}

	}

}
