package dev.strongroom.writeahead;

/** The audit actions of the write-ahead machinery itself. */
public enum WriteAheadAction {

    /** The start-up replay: which journal range it settled and how. */
    REPLAY("change.replay"),
    /** A rebuild of the catalog's changes from the journal. */
    REBUILD("change.rebuild");

    public final String action;

    WriteAheadAction(String action) {
        this.action = action;
    }
}
