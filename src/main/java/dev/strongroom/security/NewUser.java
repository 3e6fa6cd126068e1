package dev.strongroom.security;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.Set;

/** The admin API's request to create a user. */
public record NewUser(
        @NotNull(message = "is required")
        @Pattern(regexp = "[a-z0-9][a-z0-9._-]{2,63}",
                message = "must be 3 to 64 characters of a-z, 0-9, dot, underscore or hyphen, starting with a letter or digit")
        String username,
        @NotNull(message = "is required")
        @Size(min = 12, max = 256, message = "must be 12 to 256 characters")
        String password,
        @NotNull(message = "must name at least one of analyst, auditor, ops, admin")
        @KnownRoles
        Set<String> roles) {
}
