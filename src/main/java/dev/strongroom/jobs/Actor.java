package dev.strongroom.jobs;

import io.quarkus.security.identity.SecurityIdentity;
import java.util.TreeSet;

/**
 * Who started a job. Its work runs on a worker thread with no request, where the Auditor would write
 * "system"; carrying the person along keeps its events attributed to them.
 */
public record Actor(String name, String role) {

    public static final Actor SYSTEM = new Actor("system", "system");

    public static Actor of(SecurityIdentity identity) {
        return new Actor(identity.getPrincipal().getName(), String.join(",", new TreeSet<>(identity.getRoles())));
    }
}
