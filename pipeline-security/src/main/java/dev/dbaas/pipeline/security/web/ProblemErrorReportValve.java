package dev.dbaas.pipeline.security.web;

import java.io.IOException;
import java.io.Writer;
import java.util.concurrent.atomic.AtomicBoolean;

import dev.dbaas.pipeline.contract.http.ProblemKind;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.catalina.Container;
import org.apache.catalina.Host;
import org.apache.catalina.Valve;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.valves.ErrorReportValve;
import org.apache.coyote.ActionCode;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.http.MediaType;

/**
 * Tomcat's error report as an RFC 9457 problem instead of an HTML page: what the
 * container refuses before the application sees the request (a request target that is not
 * a URI, a path that does not decode or normalize, an encoded {@code /}, a header that is
 * too large or malformed, a bad {@code Host}, a method that is not a token, an HTTP
 * version other than 1.x) and any error no error page answered. The answer is
 * {@code application/problem+json} of the shared vocabulary with a fixed detail
 * ({@link EdgeRefusal}); the container's refusals of a client's request are 4xx, also
 * where Tomcat would answer 501 or 505. Thread-safe.
 *
 * <p>
 * The services get it from {@link HttpEdgeAutoConfiguration}; a Tomcat that no Spring
 * application configures (the launcher's portal) puts it on its host with
 * {@link #installOn(Container)}.
 */
public final class ProblemErrorReportValve extends ErrorReportValve {

	private final EdgeRefusals refusals;

	ProblemErrorReportValve(EdgeRefusals refusals) {
		this.refusals = refusals;
		setShowReport(false);
		setShowServerInfo(false);
	}

	/**
	 * Puts the valve on a Tomcat host that no Spring application configures, in place of
	 * every other error report valve, before the host starts. Its refusals are logged at
	 * debug level as the services' are, and not counted: there is no meter registry.
	 * @param host the host, e.g. {@code Tomcat.getHost()}
	 */
	public static void installOn(Container host) {
		install(host, new ProblemErrorReportValve(
				new EdgeRefusals(new StaticListableBeanFactory().getBeanProvider(MeterRegistry.class))));
	}

	/**
	 * Puts this valve on the host in place of every other error report valve (Tomcat's
	 * default and the one Spring Boot adds), and names it the host's error report valve
	 * so that the host does not add its default again when it starts.
	 * @param host the context's parent
	 * @param valve the valve
	 */
	static void install(Container host, ProblemErrorReportValve valve) {
		for (Valve existing : host.getPipeline().getValves()) {
			if (existing instanceof ErrorReportValve) {
				host.getPipeline().removeValve(existing);
			}
		}
		if (host instanceof StandardHost standard) {
			standard.setErrorReportValveClass(ProblemErrorReportValve.class.getName());
		}
		if (host instanceof Host) {
			host.getPipeline().addValve(valve);
		}
	}

	@Override
	protected void report(Request request, Response response, @Nullable Throwable throwable) {
		int status = response.getStatus();
		if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
			return;
		}
		AtomicBoolean ioAllowed = new AtomicBoolean(true);
		response.getCoyoteResponse().action(ActionCode.IS_IO_ALLOWED, ioAllowed);
		if (!ioAllowed.get()) {
			return;
		}
		ProblemKind kind;
		String detail;
		if (status >= 500 && status != 501 && status != 505) {
			// Not a refusal of the request: a failure on our side the application did not
			// answer (or the server shutting down).
			kind = ProblemKind.forStatus(status);
			detail = (kind == ProblemKind.SERVICE_UNAVAILABLE)
					? "The service is not available right now; retry shortly." : "Something went wrong on our side.";
		}
		else {
			EdgeRefusal refusal = EdgeRefusal.ofContainer(status,
					(throwable != null) ? throwable.getMessage() : response.getMessage());
			kind = refusal.kind();
			detail = refusal.detail();
			if (status >= 500) {
				// 501 (a Transfer-Encoding it does not know), 505 (an HTTP version): the
				// client's request is at fault, and the vocabulary's 5xx kinds mean ours.
				status = kind.status();
			}
			this.refusals.record("container", refusal, status);
		}
		String body = Problems.json(status, kind, detail, request.getRequestURI());
		try {
			response.setStatus(status);
			response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
			response.setCharacterEncoding("UTF-8");
			response.setHeader("Cache-Control", "no-store");
			Writer writer = response.getReporter();
			if (writer != null) {
				writer.write(body);
				response.finishResponse();
			}
		}
		catch (IOException | IllegalStateException ex) {
			// The client went away, or the response cannot be written to any more.
		}
	}

}
