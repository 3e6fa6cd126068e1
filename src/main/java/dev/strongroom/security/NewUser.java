package dev.strongroom.security;

import jakarta.validation.constraints.NotEmpty;
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
        @NotEmpty(message = "must name at least one of analyst, auditor, ops, admin")
        Set<@NotNull @Pattern(regexp = "analyst|auditor|ops|admin",
                message = "must be one of analyst, auditor, ops, admin") String> roles) {
}
