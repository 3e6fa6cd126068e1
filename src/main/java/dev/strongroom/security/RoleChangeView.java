package dev.strongroom.security;

import java.time.Instant;
import java.util.Set;

/** A role change waiting for a second admin, as the API shows it. */
public record RoleChangeView(String id, String username, Set<String> roles, String requestedBy, Instant requestedAt) {

    static RoleChangeView of(RoleChangeRequest r) {
        return new RoleChangeView(r.id, r.username, VaultUser.splitRoles(r.roles), r.requestedBy, r.requestedAt);
    }
}
