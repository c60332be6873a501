package dev.dbaas.pipeline.status.query.web;

/**
 * The client already has as many long polls open as it may.
 */
class TooManyLongPollsException extends RuntimeException {

	private final int maxPerClient;

	TooManyLongPollsException(int maxPerClient) {
		super("More than " + maxPerClient + " open long polls");
		this.maxPerClient = maxPerClient;
	}

	int maxPerClient() {
		return this.maxPerClient;
	}

}
