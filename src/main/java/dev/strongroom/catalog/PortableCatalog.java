package dev.strongroom.catalog;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;

/**
 * The catalog's documents as whole rows that leave it and come back: the backup's catalog export,
 * the import after an S3 restore, and a snapshot's catch-up with that export. Methods marked
 * {@link Transactional.TxType#MANDATORY} join the caller's transaction, so an export or an import
 * is one picture of, or one change to, the catalog together with the caller's other tables.
 */
@ApplicationScoped
public class PortableCatalog {

    private final HeldHere heldHere;

    public PortableCatalog(HeldHere heldHere) {
        this.heldHere = heldHere;
    }

    /** Documents read at a time by {@link #forEachInIdOrder}. */
    static final int PAGE = 500;

    /** What a catch-up compares an export's row with. */
    public record Held(String id, String sha256, BackupState backupState, boolean legalHold) {
    }

    /**
     * Every document in id order, read a page at a time; after each page the persistence context is
     * cleared, so memory stays bounded however large the catalog. Each page starts after the last id of
     * the one before, not at an offset: an offset makes the database step over every row before it again
     * (the rows stepped over grow with the square of the catalog), and a document uploaded or disposed of between two
     * pages shifted the next one, so that another document was read twice or not at all.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void forEachInIdOrder(Consumer<PortableDocument> each) {
        EntityManager em = Document.getEntityManager();
        String after = null;
        while (true) {
            List<Document> batch = (after == null ? Document.<Document>findAll(Sort.by("id"))
                    : Document.<Document>find("id > ?1", Sort.by("id"), after)).page(0, PAGE).list();
            for (Document d : batch) {
                each.accept(portable(d));
            }
            em.clear();
            if (batch.size() < PAGE) {
                return;
            }
            after = batch.get(batch.size() - 1).id;
        }
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public boolean holds(String id) {
        return Document.findById(id) != null;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public long documentCount() {
        return Document.count();
    }

    /**
     * Adds a document from a backup. A confirmed document that names no manifest run is listed in
     * {@code manifestRun}, the run restored from (or an earlier one).
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void add(PortableDocument row, String manifestRun) {
        Document d = new Document();
        d.id = row.id();
        d.owner = row.owner();
        d.fileName = row.fileName();
        d.originalFileName = row.originalFileName();
        d.contentType = row.contentType();
        d.sizeBytes = row.sizeBytes();
        d.sha256 = row.sha256();
        d.retentionClass = row.retentionClass();
        d.retainUntil = row.retainUntil();
        d.legalHold = row.legalHold();
        d.description = row.description();
        d.uploadedAt = row.uploadedAt();
        d.backupState = row.backupState();
        d.backupVersionId = row.backupVersionId();
        d.backedUpAt = row.backedUpAt();
        d.backupManifestRun = row.backupState() == BackupState.BACKED_UP && row.backupManifestRun() == null
                ? manifestRun : row.backupManifestRun();
        d.metadataState = row.metadataState();
        d.metadataJson = row.metadataJson();
        d.tags = new TreeSet<>(row.tags());
        d.persist();
        SearchMarks.markForEveryHost(d.id);
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void forEachHeld(Consumer<Held> each) {
        Document.getEntityManager().createQuery("select d.id, d.sha256, d.backupState, d.legalHold from Document d",
                Object[].class).getResultStream()
                .forEach(r -> each.accept(new Held((String) r[0], (String) r[1], (BackupState) r[2], (Boolean) r[3])));
    }

    /** Takes the backup version S3 confirmed after the snapshot was taken. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void adoptBackup(String id, BackupState state, String versionId, Instant backedUpAt, String manifestRun) {
        Document.update("backupState = ?1, backupVersionId = ?2, backedUpAt = ?3, backupManifestRun = ?4 where id = ?5",
                state, versionId, backedUpAt, manifestRun, id);
    }

    /** Sets a legal hold set since the snapshot; releasing one is a person's decision, never made here. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void placeLegalHolds(List<String> ids) {
        if (!ids.isEmpty()) {
            Document.update("legalHold = true where id in ?1", ids);
        }
    }

    /** Removes a document a tombstone says was disposed of; returns the SHA-256 of its blob, if it was there. */
    @Transactional(Transactional.TxType.MANDATORY)
    public Optional<String> removeDisposed(String id) {
        Document gone = Document.findById(id);
        if (gone == null) {
            return Optional.empty();
        }
        gone.delete();
        SearchMarks.markForEveryHost(id);
        return Optional.of(gone.sha256);
    }

    /** Of these blobs, those no document names any more (removals of this transaction included). */
    @Transactional(Transactional.TxType.MANDATORY)
    public Set<String> unused(Set<String> sha256s) {
        Document.getEntityManager().flush();
        Set<String> unused = new HashSet<>(sha256s);
        unused.removeIf(sha -> Document.count("sha256", sha) > 0);
        return unused;
    }

    /**
     * The blob of every document this host holds ({@link HeldHere}), read in one transaction of its own: the
     * others are on other hosts' volumes, neither missing from this one nor to be fetched into it.
     */
    public List<DocumentBlob> blobs() {
        HeldHere.Scope scope = heldHere.scope();
        return QuarkusTransaction.requiringNew().call(() -> Document.getEntityManager()
                .createQuery("select d.id, d.fileName, d.owner, d.sha256, d.sizeBytes, d.uploadedAt, d.backupState, "
                        + "d.backupVersionId, d.storedOn from Document d where " + HeldHere.MINE_OR_UNRECORDED,
                        Object[].class)
                .setParameter("host", scope.host())
                .getResultList().stream().filter(r -> heldHere.holds(scope, (String) r[8], (String) r[3]))
                .map(r -> new DocumentBlob((String) r[0], (String) r[1], (String) r[2],
                        (String) r[3], ((Number) r[4]).longValue(), (Instant) r[5], (BackupState) r[6],
                        (String) r[7]))
                .toList());
    }

    private static PortableDocument portable(Document d) {
        return new PortableDocument(d.id, d.owner, d.fileName, d.originalFileName, d.contentType, d.sizeBytes, d.sha256,
                d.retentionClass, d.retainUntil, d.legalHold, d.description, d.uploadedAt, d.backupState,
                d.backupVersionId, d.backedUpAt, d.backupManifestRun, d.metadataState, d.metadataJson,
                List.copyOf(d.tags));
    }
}
