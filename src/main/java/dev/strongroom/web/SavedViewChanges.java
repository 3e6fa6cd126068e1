package dev.strongroom.web;

import dev.strongroom.writeahead.ChangeHandler;
import dev.strongroom.writeahead.JournaledIntent;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;

/**
 * What saving and deleting a view do to the catalog, made from their journaled intents (the live change and its
 * remaking from the journal are the same code). A view has no effect beyond its row.
 */
@ApplicationScoped
public class SavedViewChanges implements ChangeHandler {

    static final String OWNER = "owner";
    static final String NAME = "name";
    static final String QUERY = "query";
    static final String CREATED_AT = "createdAt";

    @Override
    public List<ViewChange> kinds() {
        return List.of(ViewChange.values());
    }

    @Override
    public Map<String, String> finish(JournaledIntent intent) {
        return Map.of();
    }

    @Override
    public void remake(JournaledIntent intent, SortedMap<String, String> completion) {
        String id = intent.subjectId();
        switch ((ViewChange) intent.kind()) {
            case SAVE -> {
                // A later view of the same name stands when this one was deleted after it was saved.
                if (SavedView.findById(id) == null
                        && SavedView.count("owner = ?1 and name = ?2", intent.fact(OWNER), intent.fact(NAME)) == 0) {
                    view(intent).persist();
                }
            }
            case DELETE -> SavedView.deleteById(id);
        }
    }

    /** The view a {@link ViewChange#SAVE} intent describes. */
    static SavedView view(JournaledIntent intent) {
        SavedView view = new SavedView();
        view.id = intent.subjectId();
        view.owner = intent.fact(OWNER);
        view.name = intent.fact(NAME);
        view.query = intent.fact(QUERY);
        view.createdAt = Instant.parse(intent.fact(CREATED_AT));
        return view;
    }
}
