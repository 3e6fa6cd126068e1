package dev.strongroom.security;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** The admin API's request to give a user a new password. */
public record PasswordReset(
        @NotNull(message = "is required")
        @Size(min = 12, max = 256, message = "must be 12 to 256 characters")
        String password) {
}
