package dev.strongroom.security;

import dev.strongroom.writeahead.ChangeKind;

/** The changes to users and their roles, each written ahead; the audit action names it in the trail. */
public enum UserChange implements ChangeKind {

    CREATE("user.create"),
    DISABLE("user.disable"),
    ENABLE("user.enable"),
    /** The new hash is never journaled: the journal is exported to auditors. */
    PASSWORD_RESET("user.password.reset"),
    /** New roles that do not grant admin, applied at once. */
    ROLES_CHANGE("user.roles.change"),
    /** New roles that grant admin, waiting for a second admin. */
    ROLES_REQUEST("user.roles.request"),
    /** A second admin approves a waiting role change, which applies it. */
    ROLES_APPROVE("user.roles.approve"),
    /** A second admin turns a waiting role change down. */
    ROLES_REJECT("user.roles.reject"),
    /** The requesting admin takes a waiting role change back. */
    ROLES_WITHDRAW("user.roles.withdraw");

    private final String action;

    UserChange(String action) {
        this.action = action;
    }

    @Override
    public String action() {
        return action;
    }
}
