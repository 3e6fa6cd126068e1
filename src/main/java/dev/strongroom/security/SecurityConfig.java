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
        /** Failed attempts for one user name before delays start. */
        @WithDefault("5")
        int freeAttempts();

        /**
         * Failed attempts from one client address before delays start: higher, because several people
         * may sign in from behind one proxy or NAT address.
         */
        @WithDefault("20")
        int freeAttemptsPerClient();

        /** The longest delay between attempts. */
        @WithDefault("PT15M")
        Duration maxDelay();

        /** Failures older than this are forgotten. */
        @WithDefault("PT1H")
        Duration forgetAfter();
    }
}
