package dev.strongroom.web;

import dev.strongroom.audit.Auditor;
import dev.strongroom.audit.Outcome;
import dev.strongroom.http.ProblemException;
import dev.strongroom.http.ProblemType;
import dev.strongroom.http.Problems;
import dev.strongroom.writeahead.Intent;
import dev.strongroom.writeahead.RowLock;
import dev.strongroom.writeahead.WriteAhead;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Each user's saved document-list views: save the filters in force under a name, list them, delete
 * one. A view belongs to the user who saved it and nobody else sees it. Saving and deleting are
 * written ahead ({@link WriteAhead}, {@link SavedViewChanges}), so the trail and the catalog agree
 * across a kill and a catalog that lost its newest commits gets the view back from the journal.
 */
@ApplicationScoped
public class SavedViews {

    static final int MAX_NAME = 80;
    static final int MAX_QUERY = 2000;
    static final int MAX_PER_USER = 50;
    private static final Pattern ID = Pattern.compile("[0-9a-f]{8}(-[0-9a-f]{4}){3}-[0-9a-f]{12}");

    private final Auditor auditor;
    private final WriteAhead changes;

    public SavedViews(Auditor auditor, WriteAhead changes) {
        this.auditor = auditor;
        this.changes = changes;
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
        String subject = subject(UUID.randomUUID().toString());
        return changes.run(subject, () -> {
            Optional<ProblemException> refused = QuarkusTransaction.requiringNew().call(() -> refusal(owner, name));
            if (refused.isPresent()) {
                auditor.record(ViewChange.SAVE, subject, Outcome.REJECTED,
                        Map.of(SavedViewChanges.NAME, name, "reason", refused.get().slug()));
                throw refused.get();
            }
            return new Intent(ViewChange.SAVE, subject, Map.of(SavedViewChanges.OWNER, owner, SavedViewChanges.NAME,
                    name, SavedViewChanges.QUERY, kept, SavedViewChanges.CREATED_AT, Instant.now()));
        }, intent -> {
            // One owner's saves on any host wait for each other here, so none passes the limit.
            RowLock.lock("vault_user", "username", owner);
            Optional<ProblemException> refused = refusal(owner, name);
            if (refused.isPresent()) {
                throw refused.get();
            }
            SavedView view = SavedViewChanges.view(intent);
            view.persist();
            return view;
        });
    }

    public void delete(String owner, String id) {
        if (!ID.matcher(id).matches()) {
            throw notFound(id);
        }
        String subject = subject(id);
        changes.run(subject, () -> {
            SavedView view = QuarkusTransaction.requiringNew().call(() -> SavedView.<SavedView>find(
                    "id = ?1 and owner = ?2", id, owner).firstResultOptional().orElse(null));
            if (view == null) {
                auditor.record(ViewChange.DELETE, subject, Outcome.REJECTED, Map.of("reason", "not found"));
                throw notFound(id);
            }
            return new Intent(ViewChange.DELETE, subject,
                    Map.of(SavedViewChanges.OWNER, owner, SavedViewChanges.NAME, view.name));
        }, intent -> {
            if (SavedView.delete("id = ?1 and owner = ?2", id, owner) == 0) {
                throw notFound(id);
            }
            return null;
        });
    }

    /** Runs in a transaction: why {@code owner} cannot save a view named {@code name} now, if they cannot. */
    private static Optional<ProblemException> refusal(String owner, String name) {
        if (SavedView.count("owner = ?1 and name = ?2", owner, name) > 0) {
            return Optional.of(ProblemException.conflict(ProblemType.VIEW_EXISTS,
                    "You already have a view named '" + name + "'", Map.of()));
        }
        if (SavedView.count("owner", owner) >= MAX_PER_USER) {
            return Optional.of(ProblemException.conflict(ProblemType.TOO_MANY_VIEWS,
                    "You have " + MAX_PER_USER + " saved views; delete one first", Map.of()));
        }
        return Optional.empty();
    }

    private static ProblemException notFound(String id) {
        return ProblemException.notFound("You have no saved view " + Problems.clip(id));
    }

    private static String subject(String id) {
        return "view/" + id;
    }
}
