/**
 * Who may do what. A <em>user</em> has a bcrypt password hash and one or more roles
 * ({@link dev.strongroom.http.Roles}); the <em>login throttle</em> slows guessing per user and
 * per client address; the <em>vault key</em> is the Ed25519 key pair, kept on the data volume,
 * that signs deposit receipts.
 */
package dev.strongroom.security;

import dev.strongroom.http.Roles;
