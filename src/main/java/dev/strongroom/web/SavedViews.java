package dev.strongroom.web;

import dev.strongroom.audit.Auditor;
import dev.strongroom.audit.Outcome;
import dev.strongroom.http.ProblemException;
import dev.strongroom.http.ProblemType;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Each user's saved document-list views: save the filters in force under a name, list them, delete
 * one. A view belongs to the user who saved it and nobody else sees it. Saving and deleting are
 * audited.
 */
@ApplicationScoped
public class SavedViews {

    static final int MAX_NAME = 80;
    static final int MAX_QUERY = 2000;
    static final int MAX_PER_USER = 50;

    private final Auditor auditor;

    public SavedViews(Auditor auditor) {
        this.auditor = auditor;
    }

    public List<SavedView> of(String owner) {
        return QuarkusTransaction.requiringNew()
                .call(() -> SavedView.<SavedView>list("owner = ?1 order by name", owner));
    }

    public SavedView save(String owner, String rawName, String query) {
        String name = rawName == null ? "" : rawName.strip();
        if (name.isEmpty() || name.length() > MAX_NAME || name.codePoints().anyMatch(Character::isISOControl)) {
            throw ProblemException.badRequest(ProblemType.INVALID_VIEW_NAME,
                    "A view needs a name of 1 to " + MAX_NAME + " characters without control characters");
        }
        String kept = query == null ? "" : query;
        if (kept.length() > MAX_QUERY) {
            throw ProblemException.badRequest(ProblemType.VIEW_TOO_LONG, "These filters are too long to save as a view");
        }
        SavedView saved = QuarkusTransaction.requiringNew().call(() -> {
            if (SavedView.count("owner = ?1 and name = ?2", owner, name) > 0) {
                return null;
            }
            if (SavedView.count("owner", owner) >= MAX_PER_USER) {
                throw ProblemException.conflict(ProblemType.TOO_MANY_VIEWS,
                        "You have " + MAX_PER_USER + " saved views; delete one first", Map.of());
            }
            SavedView view = new SavedView();
            view.id = UUID.randomUUID().toString();
            view.owner = owner;
            view.name = name;
            view.query = kept;
            view.createdAt = Instant.now();
            view.persist();
            return view;
        });
        if (saved == null) {
            throw ProblemException.conflict(ProblemType.VIEW_EXISTS, "You already have a view named '" + name + "'", Map.of());
        }
        auditor.record(ViewAction.SAVE, "view/" + saved.id, Outcome.SUCCESS, Map.of("name", name, "query", kept));
        return saved;
    }

    public void delete(String owner, String id) {
        long deleted = QuarkusTransaction.requiringNew().call(() -> SavedView.delete("id = ?1 and owner = ?2", id, owner));
        if (deleted == 0) {
            throw ProblemException.notFound("You have no saved view " + dev.strongroom.http.Problems.clip(id));
        }
        auditor.record(ViewAction.DELETE, "view/" + id, Outcome.SUCCESS, Map.of());
    }
}
