package dev.dbaas.pipeline.intake.web;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Answers 413 for request bodies over {@code intake.max-request-bytes} (64 KB), before
 * any parsing: by {@code Content-Length} when sent, otherwise by reading at most one byte
 * more than the limit of a chunked body.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 20)
class RequestBodyLimitFilter extends OncePerRequestFilter {

	private final int maxBytes;

	RequestBodyLimitFilter(@Value("${intake.max-request-bytes}") int maxBytes) {
		this.maxBytes = maxBytes;
	}

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		return !request.getRequestURI().startsWith("/v1/");
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		long declared = request.getContentLengthLong();
		if (declared > this.maxBytes) {
			reject(request, response);
			return;
		}
		if (declared < 0 && hasChunkedBody(request)) {
			byte[] body = request.getInputStream().readNBytes(this.maxBytes + 1);
			if (body.length > this.maxBytes) {
				reject(request, response);
				return;
			}
			chain.doFilter(new BufferedBodyRequest(request, body), response);
			return;
		}
		chain.doFilter(request, response);
	}

	private static boolean hasChunkedBody(HttpServletRequest request) {
		String encoding = request.getHeader("Transfer-Encoding");
		return encoding != null && !encoding.isEmpty();
	}

	private void reject(HttpServletRequest request, HttpServletResponse response) throws IOException {
		Rejections.mark(request, ProblemType.PAYLOAD_TOO_LARGE);
		ProblemType type = ProblemType.PAYLOAD_TOO_LARGE;
		String json = "{\"type\":\"" + type.uri() + "\",\"title\":\"" + type.title() + "\",\"status\":"
				+ type.status().value() + ",\"detail\":\"The request body is larger than " + this.maxBytes
				+ " bytes; an order is far smaller, so check what is being sent.\",\"instance\":\""
				+ request.getRequestURI().replaceAll("[^A-Za-z0-9/_.-]", "") + "\"}";
		response.setStatus(type.status().value());
		response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
		response.setHeader("Connection", "close");
		response.getOutputStream().write(json.getBytes(StandardCharsets.UTF_8));
	}

	private static final class BufferedBodyRequest extends HttpServletRequestWrapper {

		private final byte[] body;

		BufferedBodyRequest(HttpServletRequest request, byte[] body) {
			super(request);
			this.body = body;
		}

		@Override
		public int getContentLength() {
			return this.body.length;
		}

		@Override
		public long getContentLengthLong() {
			return this.body.length;
		}

		@Override
		public ServletInputStream getInputStream() {
			InputStream in = new ByteArrayInputStream(this.body);
			return new ServletInputStream() {

				@Override
				public int read() throws IOException {
					return in.read();
				}

				@Override
				public int read(byte[] buffer, int offset, int length) throws IOException {
					return in.read(buffer, offset, length);
				}

				@Override
				public boolean isFinished() {
					return false;
				}

				@Override
				public boolean isReady() {
					return true;
				}

				@Override
				public void setReadListener(ReadListener listener) {
					throw new UnsupportedOperationException("synchronous body only");
				}

			};
		}

	}

}
