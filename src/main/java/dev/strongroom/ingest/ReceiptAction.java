package dev.strongroom.ingest;

import dev.strongroom.audit.AuditAction;

/** The audit actions on upload receipts. */
public enum ReceiptAction implements AuditAction {

    VIEW("receipt.view"),
    VERIFY("receipt.verify");

    private final String action;

    ReceiptAction(String action) {
        this.action = action;
    }

    @Override
    public String action() {
        return action;
    }
}
