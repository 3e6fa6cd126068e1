package dev.strongroom.security;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A role list names one to four of the known roles; anything else is refused as a whole. */
class KnownRolesTest {

    private final KnownRoles.Check check = new KnownRoles.Check();

    @Test
    void oneToFourKnownRolesAreValid() {
        assertTrue(check.isValid(List.of("analyst"), null));
        assertTrue(check.isValid(List.of("analyst", "auditor", "ops", "admin"), null));
        assertTrue(check.isValid(null, null), "null is left to @NotNull");
    }

    @Test
    void anEmptyListAnUnknownRoleANullRoleOrTooManyRolesAreNot() {
        assertFalse(check.isValid(List.of(), null));
        assertFalse(check.isValid(List.of("analyst", "root"), null));
        assertFalse(check.isValid(Arrays.asList("analyst", null), null));
        assertFalse(check.isValid(List.of("analyst", "auditor", "ops", "admin", "analyst"), null));
        List<String> many = new ArrayList<>();
        for (int i = 0; i < 100_000; i++) {
            many.add("role-" + i);
        }
        assertFalse(check.isValid(many, null));
    }
}
