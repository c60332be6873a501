package dev.dbaas.pipeline.systemtests.faults.load;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.dbaas.pipeline.localinfra.sample.ValidOrder;
import dev.dbaas.pipeline.testkit.fixtures.Orders;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Places orders at order-intake at a steady rate from a few client threads, the way a
 * portal backend would: every order has its own Idempotency-Key, and an order without a
 * definite answer (503, another 5xx, no connection) is sent again with the same key after
 * {@code Retry-After} (or half a second), until it is answered or the client gives up.
 *
 * <p>
 * Start with {@link #start}, end with {@link #stop()}, which waits for the orders in
 * flight.
 */
public final class OrderLoad implements AutoCloseable {

	private static final Logger log = LoggerFactory.getLogger(OrderLoad.class);

	private static final Pattern ORDER_ID = Pattern.compile("\"orderId\"\\s*:\\s*\"([^\"]+)\"");

	/** How long a client keeps retrying one order. */
	private static final Duration GIVE_UP_AFTER = Duration.ofSeconds(180);

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

	private final String intakeUrl;

	private final String customerId;

	private final String bearerToken;

	private final long intervalNanos;

	private final LoadStats stats;

	private final UnaryOperator<ValidOrder> shape;

	private final AtomicLong tickets = new AtomicLong();

	private final List<Thread> clients = new ArrayList<>();

	private volatile boolean running;

	private long startedNanos;

	private OrderLoad(String intakeUrl, String bearerToken, String customerId, double ordersPerSecond, LoadStats stats,
			UnaryOperator<ValidOrder> shape) {
		this.intakeUrl = intakeUrl;
		this.bearerToken = bearerToken;
		this.stats = stats;
		this.shape = shape;
		this.customerId = customerId;
		this.intervalNanos = (long) (TimeUnit.SECONDS.toNanos(1) / ordersPerSecond);
	}

	/**
	 * Starts placing orders.
	 * @param intakeUrl order-intake's base URL
	 * @param bearerToken the client's token
	 * @param customerId the customer of every order
	 * @param ordersPerSecond the arrival rate while intake answers promptly
	 * @param clients client threads; an order waiting for its answer holds one
	 * @return the running load
	 */
	public static OrderLoad start(String intakeUrl, String bearerToken, String customerId, double ordersPerSecond,
			int clients) {
		return start(intakeUrl, bearerToken, customerId, ordersPerSecond, clients, UnaryOperator.identity());
	}

	/**
	 * Starts placing orders of a given shape.
	 * @param intakeUrl order-intake's base URL
	 * @param bearerToken the client's token
	 * @param customerId the customer of every order
	 * @param ordersPerSecond the arrival rate while intake answers promptly
	 * @param clients client threads; an order waiting for its answer holds one
	 * @param shape turns the valid default order into the one to place (e.g. another
	 * engine)
	 * @return the running load
	 */
	public static OrderLoad start(String intakeUrl, String bearerToken, String customerId, double ordersPerSecond,
			int clients, UnaryOperator<ValidOrder> shape) {
		OrderLoad load = new OrderLoad(intakeUrl, bearerToken, customerId, ordersPerSecond, new LoadStats(), shape);
		load.running = true;
		load.startedNanos = System.nanoTime();
		for (int i = 0; i < clients; i++) {
			Thread client = new Thread(load::placeUntilStopped, "order-load-" + customerId + "-" + i);
			client.setDaemon(true);
			load.clients.add(client);
			client.start();
		}
		return load;
	}

	/**
	 * Places a fixed number of orders as fast as one client thread can, each until it is
	 * answered.
	 * @param intakeUrl order-intake's base URL
	 * @param bearerToken the client's token
	 * @param customerId the customer of every order
	 * @param orders how many
	 * @param stats where to count what the client saw
	 */
	public static void placeNow(String intakeUrl, String bearerToken, String customerId, int orders, LoadStats stats) {
		placeNow(intakeUrl, bearerToken, customerId, orders, stats, UnaryOperator.identity());
	}

	/**
	 * Places a fixed number of orders of a given shape as fast as one client thread can,
	 * each until it is answered.
	 * @param intakeUrl order-intake's base URL
	 * @param bearerToken the client's token
	 * @param customerId the customer of every order
	 * @param orders how many
	 * @param stats where to count what the client saw
	 * @param shape turns the valid default order into the one to place
	 */
	public static void placeNow(String intakeUrl, String bearerToken, String customerId, int orders, LoadStats stats,
			UnaryOperator<ValidOrder> shape) {
		OrderLoad load = new OrderLoad(intakeUrl, bearerToken, customerId, 1, stats, shape);
		for (int i = 0; i < orders; i++) {
			load.placeOne();
		}
	}

	/**
	 * Stops starting orders and waits until every order in flight is answered or given
	 * up.
	 * @return what the clients saw
	 */
	public LoadStats stop() {
		this.running = false;
		for (Thread client : this.clients) {
			try {
				client.join(GIVE_UP_AFTER.plusSeconds(30).toMillis());
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				break;
			}
		}
		return this.stats;
	}

	@Override
	public void close() {
		stop();
	}

	/**
	 * What the clients saw so far.
	 * @return the live statistics
	 */
	public LoadStats stats() {
		return this.stats;
	}

	private void placeUntilStopped() {
		while (this.running) {
			long due = this.startedNanos + this.tickets.getAndIncrement() * this.intervalNanos;
			long wait = due - System.nanoTime();
			if (wait > 0) {
				if (!sleep(Duration.ofNanos(wait))) {
					return;
				}
			}
			if (!this.running) {
				return;
			}
			placeOne();
		}
	}

	private void placeOne() {
		this.stats.orderSent();
		String key = UUID.randomUUID().toString();
		HttpRequest request = HttpRequest.newBuilder(URI.create(this.intakeUrl + "/v1/orders"))
			.header("Content-Type", "application/json")
			.header("Idempotency-Key", key)
			.header("Authorization", "Bearer " + this.bearerToken)
			.timeout(Duration.ofSeconds(15))
			.POST(HttpRequest.BodyPublishers
				.ofString(this.shape.apply(Orders.aValidOrder().withCustomerId(this.customerId)).toJson()))
			.build();
		long giveUp = System.nanoTime() + GIVE_UP_AFTER.toNanos();
		while (System.nanoTime() < giveUp) {
			Duration retryIn = Duration.ofMillis(500);
			try {
				HttpResponse<String> response = this.http.send(request, HttpResponse.BodyHandlers.ofString());
				int status = response.statusCode();
				if (status == 202 || status == 200) {
					Matcher id = ORDER_ID.matcher(response.body());
					if (!id.find()) {
						throw new IllegalStateException("202 without orderId: " + response.body());
					}
					this.stats.accepted(id.group(1));
					return;
				}
				if (status == 429) {
					this.stats.throttledOnce();
					retryIn = response.headers().firstValue("Retry-After").map(OrderLoad::seconds).orElse(retryIn);
				}
				else if (status < 500) {
					this.stats.rejected(status, response.body());
					return;
				}
				else {
					Optional<String> retryAfter = response.headers().firstValue("Retry-After");
					this.stats.serverError(status, retryAfter.isPresent(), response.body());
					retryIn = retryAfter.map(OrderLoad::seconds).orElse(retryIn);
				}
			}
			catch (IOException ex) {
				this.stats.connectionError();
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				this.stats.gaveUp();
				return;
			}
			if (!sleep(retryIn)) {
				this.stats.gaveUp();
				return;
			}
		}
		log.warn("Gave up on an order of {} after {}", this.customerId, GIVE_UP_AFTER);
		this.stats.gaveUp();
	}

	private static Duration seconds(String retryAfter) {
		try {
			return Duration.ofSeconds(Math.min(5, Long.parseLong(retryAfter.trim())));
		}
		catch (NumberFormatException ex) {
			return Duration.ofSeconds(1);
		}
	}

	private static boolean sleep(Duration duration) {
		try {
			Thread.sleep(Math.max(1, duration.toMillis()));
			return true;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
	}

}
