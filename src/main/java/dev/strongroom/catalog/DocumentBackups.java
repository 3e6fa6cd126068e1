package dev.strongroom.catalog;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.panache.common.Parameters;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
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
    /** Rows a spot-check pick reads from its random point for a confirmed document before it gives up the draw. */
    private static final int SAMPLE_SLICE = 16;
    /** Draws per wanted pick: two draws may land on one document, and a draw among pending ones finds none. */
    private static final int SAMPLE_DRAWS_PER_PICK = 3;

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
                Document.<Document>find("backupState in :unconfirmed and (storedOn = :host or storedOn is null) "
                        + "order by uploadedAt", Parameters.with("unconfirmed", BackupState.unconfirmed())
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
     * Up to {@code wanted} distinct confirmed documents with a version, each the first confirmed one at or after a
     * random point of the id space, wrapping past the last id. Ids are random UUIDs, so each document is about as
     * likely as any other; each pick reads at most {@value #SAMPLE_SLICE} rows of the primary key, so a sample
     * costs the same in a vault of any size (an offset into the sorted ids read every row before it).
     */
    public List<Copy> sample(int wanted, RandomGenerator random) {
        return QuarkusTransaction.requiringNew().call(() -> {
            Map<String, Copy> picked = new LinkedHashMap<>();
            for (int draw = 0; draw < SAMPLE_DRAWS_PER_PICK * wanted && picked.size() < wanted; draw++) {
                firstConfirmedFrom(new UUID(random.nextLong(), random.nextLong()).toString())
                        .ifPresent(copy -> picked.putIfAbsent(copy.id(), copy));
            }
            return List.copyOf(picked.values());
        });
    }

    private Optional<Copy> firstConfirmedFrom(String from) {
        List<Object[]> rows = Document.getEntityManager().createQuery("select d.id, d.backupVersionId, d.sha256, "
                + "d.sizeBytes, d.uploadedAt, d.backupState from Document d where d.id >= :from order by d.id",
                Object[].class).setParameter("from", from).setMaxResults(SAMPLE_SLICE).getResultList();
        for (Object[] r : rows) {
            if (r[5] == BackupState.BACKED_UP && r[1] != null) {
                return Optional.of(new Copy((String) r[0], (String) r[1], (String) r[2], ((Number) r[3]).longValue(),
                        (Instant) r[4]));
            }
        }
        boolean pastTheLastId = rows.size() < SAMPLE_SLICE && !from.isEmpty();
        return pastTheLastId ? firstConfirmedFrom("") : Optional.empty();
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
                .createQuery("select min(d.uploadedAt), count(d) from Document d where d.backupState in :unconfirmed "
                        + "and " + HeldHere.MINE_OR_UNRECORDED, Object[].class)
                .setParameter("unconfirmed", BackupState.unconfirmed()).setParameter("host", heldHere.host())
                .getSingleResult());
        return new Lag((Instant) row[0], ((Number) row[1]).longValue());
    }

    private static Copy copyOf(Document d) {
        return new Copy(d.id, d.backupVersionId, d.sha256, d.sizeBytes, d.uploadedAt);
    }
}
