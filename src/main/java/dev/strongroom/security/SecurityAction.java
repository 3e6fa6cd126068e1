package dev.strongroom.security;

import dev.strongroom.audit.AuditAction;

/** The audit actions of sign-in, sessions and refused requests. */
public enum SecurityAction implements AuditAction {

    LOGIN_SUCCESS("login.success"),
    LOGIN_FAILURE("login.failure"),
    LOGIN_THROTTLED("login.throttled"),
    LOGOUT("logout"),
    SESSION_REFUSED("session.refused"),
    ACCESS_DENIED("access.denied"),
    ACCESS_UNAUTHENTICATED("access.unauthenticated"),
    REQUEST_REJECTED("request.rejected"),
    CSRF_REJECTED("csrf.rejected"),
    USER_LIST("user.list");

    private final String action;

    SecurityAction(String action) {
        this.action = action;
    }

    @Override
    public String action() {
        return action;
    }
}
