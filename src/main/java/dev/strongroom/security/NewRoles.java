package dev.strongroom.security;

import jakarta.validation.constraints.NotNull;
import java.util.Set;

/** The admin API's request to give a user new roles. */
public record NewRoles(
        @NotNull(message = "must name at least one of analyst, auditor, ops, admin")
        @KnownRoles
        Set<String> roles) {
}
