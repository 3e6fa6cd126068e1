package dev.strongroom.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Slows password guessing. After a few failures for one user name, or more for one client address,
 * every further attempt must wait twice as long as the one before (1 s, 2 s, 4 s, ... up to
 * {@code maxDelay}), whether its password is right or not; a success for that user clears the user's
 * count. Counting per address too stops one client from spraying many user names.
 */
@ApplicationScoped
public class LoginThrottle {

    private final Cache<String, Failures> failures;
    private final int freePerUser;
    private final int freePerClient;
    private final Duration maxDelay;
    private final Clock clock;

    @Inject
    public LoginThrottle(SecurityConfig config) {
        this(config, Clock.systemUTC());
    }

    /** With a clock of the caller's, so that delays can be checked without waiting for them. */
    LoginThrottle(SecurityConfig config, Clock clock) {
        this.clock = clock;
        this.freePerUser = config.throttle().freeAttempts();
        this.freePerClient = config.throttle().freeAttemptsPerClient();
        this.maxDelay = config.throttle().maxDelay();
        this.failures = Caffeine.newBuilder().expireAfterWrite(config.throttle().forgetAfter()).maximumSize(100_000)
                .build();
    }

    /** How long the caller must still wait before trying again; zero when it may try now. */
    public Duration waitFor(String username, String client) {
        Instant now = clock.instant();
        Duration user = remaining("user:" + username, freePerUser, now);
        Duration address = client == null ? Duration.ZERO : remaining("client:" + client, freePerClient, now);
        return user.compareTo(address) >= 0 ? user : address;
    }

    public void failed(String username, String client) {
        Instant now = clock.instant();
        bump("user:" + username, now);
        if (client != null) {
            bump("client:" + client, now);
        }
    }

    public void succeeded(String username) {
        failures.invalidate("user:" + username);
    }

    private Duration remaining(String key, int free, Instant now) {
        Failures f = failures.getIfPresent(key);
        if (f == null || f.count() < free) {
            return Duration.ZERO;
        }
        Duration left = Duration.between(now, f.last().plus(delayAfter(f.count() - free)));
        return left.isNegative() ? Duration.ZERO : left;
    }

    private Duration delayAfter(int excess) {
        int doublings = Math.min(excess, 20);
        Duration delay = Duration.ofSeconds(1L << doublings);
        return delay.compareTo(maxDelay) > 0 ? maxDelay : delay;
    }

    private void bump(String key, Instant now) {
        failures.asMap().merge(key, new Failures(1, now), (old, one) -> new Failures(old.count() + 1, now));
    }

    private record Failures(int count, Instant last) {
    }
}
