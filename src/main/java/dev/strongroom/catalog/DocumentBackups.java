package dev.strongroom.catalog;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.panache.common.Parameters;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.random.RandomGenerator;
import java.util.stream.Stream;

/**
 * The catalog's record of which documents S3 holds: what waits for a backup, the version each
 * confirmed document has, which manifest lists it, and the figures backup, spot checks, drills and
 * compliance reports read from it. Methods marked {@link Transactional.TxType#MANDATORY} join the
 * caller's transaction, so a caller can commit them together with its own rows (a run's counts,
 * composite checksums); the others run in a transaction of their own.
 */
@ApplicationScoped
public class DocumentBackups {

    /** Slices of an id list per update: an {@code in} list stays well below every database's limit. */
    private static final int LISTED_SLICE = 500;

    /**
     * @param inCatalog every document in the catalog, counted in the same transaction as the list
     * @param documents those S3 has not confirmed, oldest upload first
     */
    public record Unconfirmed(long inCatalog, List<DocumentToBackUp> documents) {
    }

    /** A confirmed document's copy in S3. */
    public record Copy(String id, String versionId, String sha256, long sizeBytes, Instant uploadedAt) {
    }

    /** A document's backup as a coverage report sees it. */
    public record Coverage(String id, String fileName, Instant uploadedAt, BackupState state, String versionId,
            String sha256, long sizeBytes, Instant backedUpAt) {
    }

    /** When a document was uploaded and when S3 confirmed it (null while it has not). */
    public record Timing(String id, Instant uploadedAt, Instant backedUpAt) {
    }

    /** @param oldestUpload the upload time of the oldest unconfirmed document, null when none waits */
    public record Lag(Instant oldestUpload, long unconfirmed) {
    }

    private final HeldHere heldHere;

    public DocumentBackups(HeldHere heldHere) {
        this.heldHere = heldHere;
    }

    /**
     * The documents this host holds ({@link HeldHere}) that S3 has not confirmed: another host's documents are
     * that host's to upload, since their bytes are on its volume only.
     */
    public Unconfirmed unconfirmed() {
        HeldHere.Scope scope = heldHere.scope();
        return QuarkusTransaction.requiringNew().call(() -> new Unconfirmed(Document.count(),
                Document.<Document>find("backupState <> :backedUp and (storedOn = :host or storedOn is null) "
                        + "order by uploadedAt", Parameters.with("backedUp", BackupState.BACKED_UP)
                                .and("host", scope.host())).stream()
                        .filter(d -> heldHere.holds(scope, d.storedOn, d.sha256))
                        .map(DocumentToBackUp::of).toList()));
    }

    /** The document as a backup needs it, while S3 has not confirmed it; empty once confirmed or gone. */
    public Optional<DocumentToBackUp> unconfirmed(String id) {
        return QuarkusTransaction.requiringNew().call(() -> Document.<Document>findByIdOptional(id)
                .filter(d -> d.backupState != BackupState.BACKED_UP).map(DocumentToBackUp::of));
    }

    /**
     * Marks the document backed up in that version, unless it changed since the run read it (its
     * SHA-256 is no longer {@code sha256}) or is gone. Returns whether it was marked.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public boolean recordBackedUp(String id, String sha256, String versionId, Instant at) {
        return Document.update("backupState = ?1, backupVersionId = ?2, backedUpAt = ?3 where id = ?4 and sha256 = ?5",
                BackupState.BACKED_UP, versionId, at, id, sha256) == 1;
    }

    /**
     * This host's confirmed documents ({@link HeldHere}) for its manifest, oldest upload first: all of them, or with
     * {@code unlistedOnly} those no manifest lists yet. Another host's documents (confirmed by its copy through to
     * the bucket, or by its runs) belong in that host's chain, which a restore of that host walks.
     */
    public List<Copy> forManifest(boolean unlistedOnly) {
        HeldHere.Scope scope = heldHere.scope();
        return QuarkusTransaction.requiringNew().call(() -> Document.<Document>find("backupState = :backedUp"
                + (unlistedOnly ? " and backupManifestRun is null" : "")
                + " and (storedOn = :host or storedOn is null) order by uploadedAt",
                Parameters.with("backedUp", BackupState.BACKED_UP).and("host", scope.host())).stream()
                .filter(d -> heldHere.holds(scope, d.storedOn, d.sha256)).map(DocumentBackups::copyOf).toList());
    }

    /** Records that run's manifest lists these documents; a transaction per slice, so none grows with the vault. */
    public void recordListedIn(String runId, List<String> ids) {
        for (int i = 0; i < ids.size(); i += LISTED_SLICE) {
            List<String> slice = ids.subList(i, Math.min(ids.size(), i + LISTED_SLICE));
            QuarkusTransaction.requiringNew().run(() -> Document.update("backupManifestRun = ?1 where id in ?2", runId,
                    slice));
        }
    }

    /** Every confirmed document's copy, in id order, streamed. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void forEachBackedUp(Consumer<Copy> each) {
        try (Stream<Object[]> rows = Document.getEntityManager()
                .createQuery("select d.id, d.backupVersionId, d.sha256, d.sizeBytes, d.uploadedAt from Document d "
                        + "where d.backupState = :s order by d.id", Object[].class)
                .setParameter("s", BackupState.BACKED_UP).getResultStream()) {
            rows.forEach(r -> each.accept(new Copy((String) r[0], (String) r[1], (String) r[2],
                    ((Number) r[3]).longValue(), (Instant) r[4])));
        }
    }

    /** Puts these documents back to pending, if still confirmed: S3 no longer holds their recorded version. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void resetToPending(List<String> ids) {
        Document.update("backupState = ?1, backupVersionId = null, backedUpAt = null, backupManifestRun = null "
                + "where id in ?2 and backupState = ?3", BackupState.PENDING, ids, BackupState.BACKED_UP);
    }

    /**
     * Up to {@code wanted} confirmed documents with a version, picked at random offsets of the id
     * order: one row read per pick, so a sample costs the same in a vault of any size.
     */
    public List<Copy> sample(int wanted, RandomGenerator random) {
        return QuarkusTransaction.requiringNew().call(() -> {
            long count = Document.count("backupState = ?1 and backupVersionId is not null", BackupState.BACKED_UP);
            Set<Long> offsets = new HashSet<>();
            int picks = (int) Math.min(count, Math.max(0, wanted));
            while (offsets.size() < picks) {
                offsets.add((long) (random.nextDouble() * count));
            }
            List<Copy> picked = new ArrayList<>();
            for (long offset : offsets) {
                Document.getEntityManager().createQuery("select d.id, d.backupVersionId, d.sha256, d.sizeBytes, "
                        + "d.uploadedAt from Document d "
                        + "where d.backupState = :s and d.backupVersionId is not null order by d.id", Object[].class)
                        .setParameter("s", BackupState.BACKED_UP).setFirstResult((int) offset).setMaxResults(1)
                        .getResultStream().findFirst()
                        .ifPresent(r -> picked.add(new Copy((String) r[0], (String) r[1], (String) r[2],
                                ((Number) r[3]).longValue(), (Instant) r[4])));
            }
            return picked;
        });
    }

    /** Ids of the confirmed documents with a version, oldest upload first. */
    public List<String> backedUpIds() {
        return QuarkusTransaction.requiringNew().call(() -> Document.getEntityManager()
                .createQuery("select d.id from Document d where d.backupState = :s and d.backupVersionId is not null "
                        + "order by d.uploadedAt, d.id", String.class)
                .setParameter("s", BackupState.BACKED_UP).getResultList());
    }

    /** The copies of these documents, in no particular order; the caller keeps the list short. */
    public List<Copy> copiesOf(List<String> ids) {
        return QuarkusTransaction.requiringNew().call(() -> Document.<Document>find("id in ?1", ids).stream()
                .map(DocumentBackups::copyOf).toList());
    }

    /** Every document's backup, oldest upload first. */
    public List<Coverage> coverage() {
        return QuarkusTransaction.requiringNew().call(() -> Document.getEntityManager()
                .createQuery("select d.id, d.fileName, d.uploadedAt, d.backupState, d.backupVersionId, d.sha256, "
                        + "d.sizeBytes, d.backedUpAt from Document d order by d.uploadedAt, d.id", Object[].class)
                .getResultList().stream().map(r -> new Coverage((String) r[0], (String) r[1], (Instant) r[2],
                        (BackupState) r[3], (String) r[4], (String) r[5], ((Number) r[6]).longValue(), (Instant) r[7]))
                .toList());
    }

    /** Documents uploaded before {@code to} that were still unconfirmed at {@code from} or later. */
    public List<Timing> waitingDuring(Instant from, Instant to) {
        return QuarkusTransaction.requiringNew().call(() -> Document.getEntityManager()
                .createQuery("select d.id, d.uploadedAt, d.backedUpAt from Document d where d.uploadedAt < :to "
                        + "and (d.backedUpAt is null or d.backedUpAt >= :from)", Object[].class)
                .setParameter("from", from).setParameter("to", to).getResultList().stream()
                .map(r -> new Timing((String) r[0], (Instant) r[1], (Instant) r[2])).toList());
    }

    /** This host's lag: another host's unconfirmed documents wait for that host's runs, not this one's. */
    public Lag lag() {
        Object[] row = QuarkusTransaction.requiringNew().call(() -> Document.getEntityManager()
                .createQuery("select min(d.uploadedAt), count(d) from Document d where d.backupState <> :s and "
                        + HeldHere.MINE_OR_UNRECORDED, Object[].class)
                .setParameter("s", BackupState.BACKED_UP).setParameter("host", heldHere.host()).getSingleResult());
        return new Lag((Instant) row[0], ((Number) row[1]).longValue());
    }

    private static Copy copyOf(Document d) {
        return new Copy(d.id, d.backupVersionId, d.sha256, d.sizeBytes, d.uploadedAt);
    }
}
