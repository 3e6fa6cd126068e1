package dev.strongroom.security;

/**
 * What asking for new roles did: applied them ({@code user} set), or, because they grant admin,
 * left them waiting for a second admin ({@code pending} set).
 */
public record RoleChangeResult(UserView user, RoleChangeView pending) {
}
