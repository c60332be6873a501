package dev.dbaas.pipeline.devstack;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Supplier;

import dev.dbaas.pipeline.security.Caller;
import dev.dbaas.pipeline.security.local.LocalTokenIssuer;

/**
 * The portal backend's service token ({@code orders:write orders:read} for any customer),
 * valid for an hour and renewed ten minutes before it expires. Thread-safe.
 */
final class RenewingToken implements Supplier<String> {

	private static final Duration LIFETIME = Duration.ofHours(1);

	private static final Duration RENEW_BEFORE = Duration.ofMinutes(10);

	private final LocalTokenIssuer issuer;

	private final Clock clock = Clock.systemUTC();

	private String token = "";

	private Instant renewAt = Instant.MIN;

	RenewingToken(LocalTokenIssuer issuer) {
		this.issuer = issuer;
	}

	@Override
	public synchronized String get() {
		Instant now = this.clock.instant();
		if (!now.isBefore(this.renewAt)) {
			this.token = this.issuer.serviceToken("portal",
					java.util.List.of(Caller.WRITE, Caller.READ, "instances:credentials"), LIFETIME);
			this.renewAt = now.plus(LIFETIME).minus(RENEW_BEFORE);
		}
		return this.token;
	}

}
