package dev.dbaas.pipeline.intake.web;

import jakarta.servlet.http.HttpServletRequest;

/**
 * Tells the metrics edge why a request was rejected, through a request attribute set by
 * whoever writes the problem response.
 */
public final class Rejections {

	/** Request attribute holding the {@link ProblemType} of a rejection. */
	public static final String ATTRIBUTE = Rejections.class.getName() + ".type";

	private Rejections() {
	}

	public static void mark(HttpServletRequest request, ProblemType type) {
		request.setAttribute(ATTRIBUTE, type);
	}

}
