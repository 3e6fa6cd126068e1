package dev.strongroom.catalog;

import dev.strongroom.http.Roles;
import io.quarkus.security.identity.SecurityIdentity;

/**
 * Who is looking, and so what they may see: analysts only their own documents; auditors, ops and
 * admins every document's catalog entry; only analysts (their own) and auditors the contents.
 */
public record Viewer(String name, boolean seesAll, boolean readsAllContent) {

    public static Viewer of(SecurityIdentity identity) {
        boolean auditor = identity.hasRole(Roles.AUDITOR);
        boolean seesAll = auditor || identity.hasRole(Roles.OPS) || identity.hasRole(Roles.ADMIN);
        return new Viewer(identity.getPrincipal().getName(), seesAll, auditor);
    }

    boolean sees(Document d) {
        return seesAll || d.owner.equals(name);
    }

    boolean readsContentOf(Document d) {
        return readsAllContent || d.owner.equals(name);
    }
}
