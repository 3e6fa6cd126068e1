package dev.strongroom.snapshots;

import io.quarkus.security.identity.SecurityIdentity;
import java.util.TreeSet;

/**
 * Who started a restore or reconcile. Their steps run on a worker thread with no request, where the
 * Auditor would write "system"; carrying the person along keeps every step attributed to them.
 */
public record OpsActor(String name, String role) {

    static final OpsActor SYSTEM = new OpsActor("system", "system");

    public static OpsActor of(SecurityIdentity identity) {
        return new OpsActor(identity.getPrincipal().getName(), String.join(",", new TreeSet<>(identity.getRoles())));
    }
}
