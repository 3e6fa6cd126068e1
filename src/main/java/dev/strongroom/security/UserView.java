package dev.strongroom.security;

import java.time.Instant;
import java.util.Set;

/** A user as the admin API shows it: never the password hash. */
public record UserView(String username, Set<String> roles, Instant createdAt, String createdBy, boolean disabled) {

    static UserView of(VaultUser user) {
        return new UserView(user.username, user.roleSet(), user.createdAt, user.createdBy, user.disabled);
    }
}
