package dev.strongroom.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.strongroom.support.MutableClock;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Password guessing is slowed per user name and per client address: one address spraying many user
 * names is held back although no single name failed often, while other addresses go on unhindered.
 */
class LoginThrottleTest {

    private final MutableClock clock = new MutableClock();
    private final LoginThrottle throttle = new LoginThrottle(config(5, 20, Duration.ofMinutes(15)), clock);

    @Test
    void oneAddressTryingManyUserNamesIsHeldBackAfterItsFreeAttempts() {
        for (int i = 0; i < 20; i++) {
            assertEquals(Duration.ZERO, throttle.waitFor("user-" + i, "203.0.113.7"), "attempt " + (i + 1) + " is free");
            throttle.failed("user-" + i, "203.0.113.7");
        }
        for (int i = 20; i < 25; i++) {
            throttle.failed("user-" + i, "203.0.113.7");
        }

        assertEquals(Duration.ofSeconds(32), throttle.waitFor("someone-new", "203.0.113.7"),
                "25 failures from one address, 5 over its allowance");
        assertEquals(Duration.ZERO, throttle.waitFor("someone-new", "198.51.100.9"), "another address is not held");
        clock.advance(Duration.ofSeconds(31));
        assertEquals(Duration.ofSeconds(1), throttle.waitFor("someone-new", "203.0.113.7"));
        clock.advance(Duration.ofSeconds(2));
        assertEquals(Duration.ZERO, throttle.waitFor("someone-new", "203.0.113.7"), "the delay is over");
    }

    @Test
    void oneUserNameIsHeldBackAfterItsFreeAttemptsFromAnyAddress() {
        for (int i = 0; i < 5; i++) {
            assertEquals(Duration.ZERO, throttle.waitFor("alice", "10.0.0." + i));
            throttle.failed("alice", "10.0.0." + i);
        }
        assertEquals(Duration.ofSeconds(1), throttle.waitFor("alice", "10.9.9.9"));
        throttle.failed("alice", "10.0.0.9");
        assertEquals(Duration.ofSeconds(2), throttle.waitFor("alice", "10.9.9.9"));
        throttle.failed("alice", "10.0.0.9");
        assertEquals(Duration.ofSeconds(4), throttle.waitFor("alice", "10.9.9.9"), "the delay doubles with every failure");
        assertEquals(Duration.ZERO, throttle.waitFor("bob", "10.9.9.9"));
    }

    @Test
    void theDelayNeverExceedsTheConfiguredMaximum() {
        LoginThrottle capped = new LoginThrottle(config(1, 100, Duration.ofSeconds(90)), clock);
        for (int i = 0; i < 7; i++) {
            capped.failed("carol", null);
        }
        assertEquals(Duration.ofSeconds(64), capped.waitFor("carol", null));
        capped.failed("carol", null);
        assertEquals(Duration.ofSeconds(90), capped.waitFor("carol", null));
        for (int i = 0; i < 40; i++) {
            capped.failed("carol", null);
        }
        assertEquals(Duration.ofSeconds(90), capped.waitFor("carol", null), "many doublings later, still the cap");
    }

    @Test
    void aSuccessClearsTheUserNameButNotTheAddress() {
        for (int i = 0; i < 30; i++) {
            throttle.failed("dave", "192.0.2.1");
        }

        throttle.succeeded("dave");

        assertEquals(Duration.ZERO, throttle.waitFor("dave", "192.0.2.50"));
        assertTrue(throttle.waitFor("dave", "192.0.2.1").compareTo(Duration.ZERO) > 0);
    }

    static SecurityConfig config(int freePerUser, int freePerClient, Duration maxDelay) {
        return new SecurityConfig() {
            @Override
            public Throttle throttle() {
                return new Throttle() {
                    @Override
                    public int freeAttempts() {
                        return freePerUser;
                    }

                    @Override
                    public int freeAttemptsPerClient() {
                        return freePerClient;
                    }

                    @Override
                    public Duration maxDelay() {
                        return maxDelay;
                    }

                    @Override
                    public Duration forgetAfter() {
                        return Duration.ofHours(1);
                    }
                };
            }

            @Override
            public Duration credentialCache() {
                return Duration.ofMinutes(5);
            }

            @Override
            public int bcryptCost() {
                return 4;
            }
        };
    }
}
