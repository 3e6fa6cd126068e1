package dev.strongroom.security;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Login throttling and credential caching; read by {@link LoginThrottle} and {@link VaultIdentityProvider}. */
@ConfigMapping(prefix = "strongroom.security")
public interface SecurityConfig {

    Throttle throttle();

    /**
     * How long a verified user name and password pair is remembered, so HTTP Basic clients do not pay
     * a bcrypt verification on every request. Changing a user's password or roles forgets it at once.
     */
    @WithDefault("PT5M")
    Duration credentialCache();

    /** bcrypt cost factor for new password hashes. */
    @WithDefault("12")
    int bcryptCost();

    interface Throttle {
        /** Failed attempts allowed before delays start. */
        @WithDefault("5")
        int freeAttempts();

        /** The longest delay between attempts. */
        @WithDefault("PT15M")
        Duration maxDelay();

        /** Failures older than this are forgotten. */
        @WithDefault("PT1H")
        Duration forgetAfter();
    }
}
