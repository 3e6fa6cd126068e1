package dev.strongroom.web;

import dev.strongroom.writeahead.ChangeKind;

/** The changes to saved views of the document list, each written ahead; the audit action names it in the trail. */
public enum ViewChange implements ChangeKind {

    SAVE("view.save"),
    DELETE("view.delete");

    private final String action;

    ViewChange(String action) {
        this.action = action;
    }

    @Override
    public String action() {
        return action;
    }
}
