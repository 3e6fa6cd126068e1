/**
 * Who may do what. A <em>user</em> has a bcrypt password hash and one or more roles
 * ({@link dev.strongroom.http.Roles}); the <em>login throttle</em> slows guessing per user and
 * per client address. The vault's signing key is {@code keys}'s.
 */
package dev.strongroom.security;
