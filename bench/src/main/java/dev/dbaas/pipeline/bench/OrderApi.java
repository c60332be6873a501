package dev.dbaas.pipeline.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiConsumer;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * The bench's HTTP client of the two order APIs: places orders with order-intake, long
 * polls an order in status-service ({@code Prefer: wait}, {@code If-None-Match}) and
 * reads the summary. Open requests are bounded per kind ({@link RequestGate}); those over
 * the bound wait in the client.
 *
 * <p>
 * Thread-safe. Callbacks run on a small pool of daemon threads, which {@link #close()}
 * stops.
 */
final class OrderApi implements AutoCloseable {

	/** How long status-service may hold a long poll. */
	static final int LONG_POLL_SECONDS = 10;

	private static final Pattern ORDER_ID = Pattern.compile("\"orderId\"\\s*:\\s*\"([^\"]+)\"");

	private static final Pattern STATUS = Pattern.compile("\"status\"\\s*:\\s*\"([A-Z_]+)\"");

	private static final Pattern PROBLEM_TYPE = Pattern.compile("\"type\"\\s*:\\s*\"([^\"]*)\"");

	/** How long a POST may wait for its answer before it counts as timed out. */
	static final Duration POST_TIMEOUT = Duration.ofSeconds(30);

	private final ExecutorService callbacks = Executors.newFixedThreadPool(4, DaemonThreads.named("bench-http"));

	private final HttpClient http = HttpClient.newBuilder()
		.version(HttpClient.Version.HTTP_1_1)
		.executor(this.callbacks)
		.connectTimeout(Duration.ofSeconds(5))
		.build();

	/**
	 * Open POSTs at most; more wait in the client (their latency still counts from the
	 * intended send).
	 */
	private final RequestGate posts = new RequestGate(1_000);

	/** Open status reads (long polls) at most. */
	private final RequestGate polls = new RequestGate(2_000);

	/** HTTP requests sent, of every kind: the denominator of the client's own CPU. */
	private final AtomicLong requests = new AtomicLong();

	private final URI orders;

	private final URI catalog;

	private final String statusBase;

	private final String authorization;

	/**
	 * @param intakeUrl base URL of order-intake
	 * @param statusUrl base URL of status-service
	 * @param bearerToken a token with {@code orders:write}, {@code orders:read} and
	 * {@code orders:ops} (the summary), or empty to send none
	 */
	OrderApi(String intakeUrl, String statusUrl, String bearerToken) {
		this.authorization = bearerToken.isEmpty() ? "" : "Bearer " + bearerToken;
		this.orders = URI.create(intakeUrl + "/v1/orders");
		this.catalog = URI.create(intakeUrl + "/v1/catalog");
		this.statusBase = statusUrl + "/v1/orders/";
	}

	/**
	 * Places order {@code n} of {@link SampleOrders} and waits for the answer.
	 * @param n which sample order
	 * @return the answer
	 * @throws IOException if no answer came
	 */
	HttpResponse<String> place(long n) throws IOException, InterruptedException {
		this.requests.incrementAndGet();
		return this.http.send(post(n), HttpResponse.BodyHandlers.ofString());
	}

	/**
	 * Places order {@code n} of {@link SampleOrders} once fewer than the bound of POSTs
	 * are open.
	 * @param n which sample order
	 * @param stillWanted asked when the POST may go out; {@code false} drops it unsent
	 * @param answered called with the answer or the error, unless dropped
	 */
	void placeAsync(long n, BooleanSupplier stillWanted,
			BiConsumer<@Nullable HttpResponse<String>, @Nullable Throwable> answered) {
		this.posts.submit(() -> {
			if (!stillWanted.getAsBoolean()) {
				this.posts.finished();
				return;
			}
			this.requests.incrementAndGet();
			this.http.sendAsync(post(n), HttpResponse.BodyHandlers.ofString()).whenComplete((response, error) -> {
				this.posts.finished();
				answered.accept(response, error);
			});
		});
	}

	/**
	 * Long polls an order once fewer than the bound of reads are open.
	 * @param orderId the order
	 * @param etag the last ETag seen, or {@code null}
	 * @param answered called with the answer or the error
	 */
	void pollAsync(String orderId, @Nullable String etag,
			BiConsumer<@Nullable HttpResponse<String>, @Nullable Throwable> answered) {
		HttpRequest.Builder request = authorized(HttpRequest.newBuilder(URI.create(this.statusBase + orderId)))
			.timeout(Duration.ofSeconds(LONG_POLL_SECONDS + 20))
			.header("Prefer", "wait=" + LONG_POLL_SECONDS)
			.GET();
		if (etag != null) {
			request.header("If-None-Match", etag);
		}
		this.polls.submit(() -> {
			this.requests.incrementAndGet();
			this.http.sendAsync(request.build(), HttpResponse.BodyHandlers.ofString())
				.whenComplete((response, error) -> {
					this.polls.finished();
					answered.accept(response, error);
				});
		});
	}

	/**
	 * Reads order-intake's catalog ({@code GET /v1/catalog}, authenticated) and waits for
	 * the answer: the cheapest authenticated request of order-intake.
	 * @return the answer's status
	 * @throws IOException if no answer came
	 */
	int readCatalog() throws IOException, InterruptedException {
		return read(this.catalog).statusCode();
	}

	/**
	 * Reads an order once ({@code GET /v1/orders/{id}}, no long poll) and waits for the
	 * answer.
	 * @param orderId the order
	 * @return the answer
	 * @throws IOException if no answer came
	 */
	HttpResponse<String> readOrder(String orderId) throws IOException, InterruptedException {
		return read(URI.create(this.statusBase + orderId));
	}

	private HttpResponse<String> read(URI uri) throws IOException, InterruptedException {
		this.requests.incrementAndGet();
		return this.http.send(authorized(HttpRequest.newBuilder(uri)).timeout(Duration.ofSeconds(10)).GET().build(),
				HttpResponse.BodyHandlers.ofString());
	}

	/**
	 * Orders the status view shows as NEW or PROCESSING, from {@code GET
	 * /v1/orders/summary}: work still in the stack, e.g. left over from an earlier phase.
	 * @return the count, or {@code -1} if the summary could not be read
	 */
	long unfinishedInView() throws InterruptedException {
		String summary = summary();
		return (summary != null) ? StatusSummary.unfinished(summary) : -1;
	}

	/**
	 * Orders the status view shows as DONE, from {@code GET /v1/orders/summary}.
	 * @return the count, or {@code -1} if the summary could not be read
	 */
	long doneInView() throws InterruptedException {
		String summary = summary();
		return (summary != null) ? StatusSummary.done(summary) : -1;
	}

	private @Nullable String summary() throws InterruptedException {
		HttpRequest request = authorized(HttpRequest.newBuilder(URI.create(this.statusBase + "summary")))
			.timeout(Duration.ofSeconds(10))
			.GET()
			.build();
		try {
			this.requests.incrementAndGet();
			HttpResponse<String> response = this.http.send(request, HttpResponse.BodyHandlers.ofString());
			return (response.statusCode() != 200) ? null : response.body();
		}
		catch (IOException ex) {
			return null;
		}
	}

	/**
	 * Requests that waited in the client because too many were open (see
	 * {@link RequestGate}).
	 * @return the count since this client was made
	 */
	long queuedRequests() {
		return this.posts.waited() + this.polls.waited();
	}

	/**
	 * HTTP requests this client sent.
	 * @return the count since this client was made
	 */
	long requests() {
		return this.requests.get();
	}

	/**
	 * Whether an answer is a refusal: the stack cannot take the order now ({@code 429}
	 * too many requests, {@code 503} unavailable) and says so, as opposed to an error.
	 * @param status the HTTP status
	 * @return {@code true} for 429 and 503
	 */
	static boolean isRefusal(int status) {
		return status == 429 || status == 503;
	}

	/**
	 * What a refusal is called in the report: its status and the last segment of its RFC
	 * 9457 problem type, e.g. {@code 503 overloaded}.
	 * @param status the HTTP status
	 * @param body the answer's body, a problem or anything else
	 * @return the reason
	 */
	static String refusalReason(int status, String body) {
		Matcher type = PROBLEM_TYPE.matcher(body);
		if (!type.find() || type.group(1).isBlank()) {
			return String.valueOf(status);
		}
		String uri = type.group(1);
		String tail = uri.substring(uri.lastIndexOf('/') + 1);
		return status + " " + (tail.isEmpty() ? uri : tail);
	}

	/**
	 * The order id in a 202's body.
	 * @param body the body of {@code POST /v1/orders}
	 * @return the id, or empty if there is none
	 */
	static Optional<String> orderId(String body) {
		Matcher id = ORDER_ID.matcher(body);
		return id.find() ? Optional.of(id.group(1)) : Optional.empty();
	}

	/**
	 * The status in an order's body.
	 * @param body the body of {@code GET /v1/orders/{id}}
	 * @return the status, or {@code UNKNOWN} if there is none
	 */
	static String status(String body) {
		Matcher status = STATUS.matcher(body);
		return status.find() ? status.group(1) : "UNKNOWN";
	}

	/**
	 * The simple name of the innermost cause of a failed request.
	 * @param error what the client reported
	 * @return e.g. {@code ConnectException}
	 */
	static String rootCause(Throwable error) {
		Throwable cause = error;
		while (cause.getCause() != null) {
			cause = cause.getCause();
		}
		return cause.getClass().getSimpleName();
	}

	private HttpRequest.Builder authorized(HttpRequest.Builder request) {
		return this.authorization.isEmpty() ? request : request.header("Authorization", this.authorization);
	}

	private HttpRequest post(long n) {
		return authorized(HttpRequest.newBuilder(this.orders)).timeout(POST_TIMEOUT)
			.header("Content-Type", "application/json")
			.header("Idempotency-Key", UUID.randomUUID().toString())
			.POST(HttpRequest.BodyPublishers.ofString(SampleOrders.body(n)))
			.build();
	}

	@Override
	public void close() {
		this.callbacks.shutdownNow();
	}

}
