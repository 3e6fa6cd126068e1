package dev.strongroom.writeahead;

import java.util.Collection;
import java.util.Map;
import java.util.SortedMap;

/**
 * What a capability does for its kinds of change besides the catalog commit, and again when the
 * journal is replayed. One bean per capability.
 */
public interface ChangeHandler {

    /** The kinds this handler finishes and remakes. */
    Collection<? extends ChangeKind> kinds();

    /**
     * After the catalog commit, outside its transaction: the change's effect beyond the catalog (a
     * blob removed, a remembered password forgotten). Idempotent, since the start-up replay repeats
     * it for a change whose completion a crash cut off. Returns facts for the completion.
     */
    Map<String, String> finish(JournaledIntent intent);

    /**
     * Makes a completed change again in the catalog from what the journal holds, for the catalog
     * rebuild; runs inside a transaction. A change already in the catalog is left as it is.
     */
    void remake(JournaledIntent intent, SortedMap<String, String> completion);
}
