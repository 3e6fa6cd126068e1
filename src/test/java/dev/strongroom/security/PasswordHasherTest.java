package dev.strongroom.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** bcrypt at the configured cost; an unknown user is checked against a decoy and never matches. */
class PasswordHasherTest {

    private final PasswordHasher hasher = new PasswordHasher(LoginThrottleTest.config(5, 20, Duration.ofMinutes(15)));

    @Test
    void theRightPasswordMatchesItsHashAndNoOtherDoes() {
        String hash = hasher.hash("correct-horse-battery");

        assertTrue(hash.startsWith("$2a$04$"), "bcrypt at the configured cost 4: " + hash);
        assertTrue(hasher.matches("correct-horse-battery", hash));
        assertFalse(hasher.matches("correct-horse-batterY", hash));
        assertFalse(hasher.matches("", hash));
    }

    @Test
    void theSamePasswordHashesDifferentlyEachTime() {
        assertNotEquals(hasher.hash("same"), hasher.hash("same"), "a fresh salt per hash");
    }

    @Test
    void anUnknownUserNeverMatchesEvenWithTheDecoysOwnPassword() {
        assertFalse(hasher.matches("anything", null));
        assertFalse(hasher.matches("", null));
    }

    @Test
    void anUnreadableStoredHashIsAnErrorNotAMatch() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> hasher.matches("x", "$9$nonsense"));

        assertEquals("stored password hash is unreadable", e.getMessage());
    }
}
