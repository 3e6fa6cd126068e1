package dev.strongroom.review;

import dev.strongroom.audit.Auditor;
import dev.strongroom.audit.Outcome;
import dev.strongroom.catalog.ReceiptCorrections;
import dev.strongroom.catalog.Viewer;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The documents with an unsure receipt field that no person has corrected or confirmed yet, oldest
 * upload first: an analyst's own, every one for an auditor.
 */
@ApplicationScoped
public class ReviewQueue {

    /** One document waiting for review, with the fields to check. */
    public record Item(String id, String fileName, String owner, Instant uploadedAt, String vendor, LocalDate date,
            BigDecimal total, String currency, List<String> unsureFields) {
    }

    /** One page of the queue. */
    public record Page(List<Item> items, int page, int size, long total) {
    }

    private final Auditor auditor;
    private final ReceiptCorrections receipts;

    public ReviewQueue(Auditor auditor, ReceiptCorrections receipts) {
        this.auditor = auditor;
        this.receipts = receipts;
    }

    public Page list(Viewer viewer, int page, int size) {
        boolean all = viewer.readsAllContent();
        Page result = QuarkusTransaction.requiringNew().call(() -> {
            String owner = all ? null : viewer.name();
            List<ReceiptCorrections.Entry> docs = receipts.needingReview(owner, page, size);
            long total = receipts.countNeedingReview(owner);
            List<Item> items = new ArrayList<>();
            for (ReceiptCorrections.Entry d : docs) {
                items.add(new Item(d.id(), d.originalFileName(), d.owner(), d.uploadedAt(), d.vendor(), d.date(),
                        d.total(), d.currency(), unsure(d)));
            }
            return new Page(items, page, size, total);
        });
        auditor.record(ReviewAction.LIST, "documents", Outcome.SUCCESS, Map.of("page", page));
        return result;
    }

    /** The unsure fields not yet corrected or confirmed; runs in the caller's transaction. */
    static List<String> unsure(ReceiptCorrections.Entry d) {
        var receipt = CorrectionApplier.receipt(d.metadataJson());
        if (receipt == null || receipt.review() == null) {
            return List.of();
        }
        Set<String> corrected = FieldCorrection.correctedFields(d.id());
        return receipt.review().stream().filter(f -> !corrected.contains(f)).toList();
    }
}
