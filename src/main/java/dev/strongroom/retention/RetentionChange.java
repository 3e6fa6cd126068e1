package dev.strongroom.retention;

import dev.strongroom.writeahead.ChangeKind;

/** The changes of retention state, each written ahead; the audit action names it in the trail. */
public enum RetentionChange implements ChangeKind {

    LEGAL_HOLD_SET("document.legal-hold.set"),
    LEGAL_HOLD_CLEAR("document.legal-hold.clear"),
    /** A first admin asks to dispose of a document past retention. */
    DISPOSAL_REQUEST("document.dispose.request"),
    /** A second admin approves: the document goes, a tombstone stays, the blob goes if no document shares it. */
    DISPOSAL_APPROVE("document.dispose.approve"),
    /** A second admin turns the request down. */
    DISPOSAL_REJECT("document.dispose.reject"),
    /** The requesting admin takes the request back. */
    DISPOSAL_WITHDRAW("document.dispose.withdraw");

    private final String action;

    RetentionChange(String action) {
        this.action = action;
    }

    @Override
    public String action() {
        return action;
    }

    static RetentionChange hold(boolean hold) {
        return hold ? LEGAL_HOLD_SET : LEGAL_HOLD_CLEAR;
    }
}
