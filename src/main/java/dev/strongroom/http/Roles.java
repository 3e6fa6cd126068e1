package dev.strongroom.http;

import java.util.Set;

/** The four roles of ARCHITECTURE.md. */
public final class Roles {

    public static final String ANALYST = "analyst";
    public static final String AUDITOR = "auditor";
    public static final String OPS = "ops";
    public static final String ADMIN = "admin";

    public static final Set<String> ALL = Set.of(ANALYST, AUDITOR, OPS, ADMIN);

    private Roles() {
    }
}
