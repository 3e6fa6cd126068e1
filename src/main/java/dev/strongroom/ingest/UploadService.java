package dev.strongroom.ingest;

import dev.strongroom.KeyedLocks;
import dev.strongroom.audit.Auditor;
import dev.strongroom.audit.GatedWrite;
import dev.strongroom.audit.Outcome;
import dev.strongroom.audit.WriteGate;
import dev.strongroom.catalog.AcceptedUpload;
import dev.strongroom.catalog.DocumentAction;
import dev.strongroom.catalog.DocumentFields;
import dev.strongroom.catalog.DocumentView;
import dev.strongroom.catalog.DocumentStored;
import dev.strongroom.catalog.UploadLedger;
import dev.strongroom.http.ProblemException;
import dev.strongroom.http.ProblemType;
import dev.strongroom.retention.RetentionPolicy;
import dev.strongroom.store.BlobStore;
import dev.strongroom.store.PendingBlob;
import dev.strongroom.store.StoredBlob;
import dev.strongroom.store.UploadActivity;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Takes an upload from the wire to a durable document: stream and hash into a pending blob, check
 * type, size and the client's digest, commit the blob (fsync, rename, fsync), write the audit event
 * (fsync) and then the catalog row. The audit event comes first because it is the durable record
 * the catalog can be rebuilt from; see {@link UploadLedger}. Then it tells other capabilities
 * ({@link DocumentStored}; metadata extraction starts from it), and the client gets its 201.
 * <p>
 * The body is either the file itself, with its name and fields in the query ({@link RawBodyReader}),
 * or a multipart form ({@link MultipartUploadReader}); from the pending blob on both are one path.
 */
@ApplicationScoped
public class UploadService {

    private final BlobStore store;
    private final RawBodyReader raw;
    private final MultipartUploadReader multipart;
    private final UploadConfig config;
    private final RetentionPolicy retention;
    private final UploadLedger ledger;
    private final ReceiptSigner receipts;
    private final Auditor auditor;
    private final MeterRegistry registry;
    private final Counter bytes;
    private final Event<DocumentStored> stored;
    private final UploadActivity activity;
    private final WriteGate gate;

    public UploadService(BlobStore store, ContentTypeDetector detector, UploadConfig config, RetentionPolicy retention,
            UploadLedger ledger, ReceiptSigner receipts, Auditor auditor, MeterRegistry registry,
            Event<DocumentStored> stored, UploadActivity activity, WriteGate gate) {
        this.store = store;
        this.raw = new RawBodyReader(store, detector, config);
        this.multipart = new MultipartUploadReader(store, detector, config);
        this.config = config;
        this.retention = retention;
        this.ledger = ledger;
        this.receipts = receipts;
        this.auditor = auditor;
        this.registry = registry;
        this.stored = stored;
        this.activity = activity;
        this.gate = gate;
        this.bytes = Counter.builder("strongroom.upload.bytes").description("Bytes of accepted uploads")
                .register(registry);
    }

    public UploadResult upload(UploadRequest request, String owner) {
        activity.started();
        try {
            return accept(request, owner);
        } catch (ProblemException e) {
            registry.counter("strongroom.upload.rejects", "reason", e.slug()).increment();
            auditor.record(DocumentAction.UPLOAD, "documents", Outcome.REJECTED,
                    Map.of("status", e.status(), "reason", e.slug(), "message", e.getMessage()));
            throw e;
        } finally {
            activity.ended();
        }
    }

    private UploadResult accept(UploadRequest request, String owner) {
        // The 201 carries a signed receipt: without a key nothing is taken in, rather than stored unreceipted.
        receipts.refuseUnlessSigning();
        // Before a byte is read: refused (503) while the journal is read-only, (507) when the volume
        // would fall below its write floor.
        gate.requireRoom(GatedWrite.UPLOAD, request.contentLength());
        String claimed = ClientDigest.from(request.contentDigest(), request.checksumSha256());
        IncomingFile.Received file;
        UploadFields fields;
        Checked checked;
        if (request.multipart()) {
            MultipartUploadReader.Received form = multipart.read(request);
            file = form.file();
            fields = form.fields();
            try {
                checked = checked(fields);
            } catch (RuntimeException e) {
                file.pending().close();
                throw e;
            }
        } else {
            // The fields came before the body: a bad one is refused before the file is read.
            fields = request.fields();
            if (fields.fileName() == null || fields.fileName().isBlank()) {
                throw ProblemException.badRequest(ProblemType.NAME_REQUIRED, "Name the file with the query parameter 'name' "
                        + "(POST /api/documents?name=receipt.pdf with the file as the body), or send a multipart form");
            }
            checked = checked(fields);
            file = raw.read(request);
        }
        KeyedLocks.Held hashLock = null;
        StoredBlob blob;
        try (var pending = file.pending()) {
            String actual = sealed(pending);
            if (claimed != null && !claimed.equals(actual)) {
                throw new ProblemException(422, ProblemType.DIGEST_MISMATCH, "Digest mismatch",
                        "The file's SHA-256 is " + actual + " but the client sent " + claimed
                                + "; nothing was stored",
                        Map.of("clientSha256", claimed, "actualSha256", actual), Map.of());
            }
            // Released only once the catalog row has committed: see BlobStore.lock.
            hashLock = store.lock(actual);
            blob = committed(pending);
        } catch (RuntimeException e) {
            if (hashLock != null) {
                hashLock.close();
            }
            throw e;
        }
        DocumentView document;
        try (KeyedLocks.Held held = hashLock) {
            document = ledger.record(upload(owner, file, fields, blob, checked), blob.newlyStored());
        }
        stored.fire(new DocumentStored(document.id(), document.sha256(), document.size(), document.contentType(),
                document.fileName(), document.retentionClass()));
        registry.counter("strongroom.uploads", "outcome", "accepted").increment();
        bytes.increment(blob.size());
        return new UploadResult(document, receipts.receiptFor(document), !blob.newlyStored());
    }

    private AcceptedUpload upload(String owner, IncomingFile.Received file, UploadFields fields, StoredBlob blob,
            Checked checked) {
        String retentionClass = checked.retentionClass();
        Instant uploadedAt = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        return new AcceptedUpload(UUID.randomUUID().toString(), owner, FileNames.sanitize(fields.fileName()),
                FileNames.escapeOriginal(fields.fileName()), file.detectedType(), blob.size(), blob.sha256(),
                retentionClass, uploadedAt, retention.retainUntil(retentionClass, uploadedAt), checked.description(),
                checked.tags());
    }

    private Checked checked(UploadFields fields) {
        return new Checked(retention.resolve(fields.retentionClass()), description(fields.description()),
                tags(fields.tags()));
    }

    /** The fields as they will be stored. */
    private record Checked(String retentionClass, String description, Set<String> tags) {
    }

    private static String sealed(PendingBlob pending) {
        try {
            return pending.seal();
        } catch (UncheckedIOException e) {
            throw VolumeRefusal.cause(e).map(VolumeRefusal::of).orElseThrow(() -> e);
        }
    }

    private static StoredBlob committed(PendingBlob pending) {
        try {
            return pending.commit();
        } catch (UncheckedIOException e) {
            throw VolumeRefusal.cause(e).map(VolumeRefusal::of).orElseThrow(() -> e);
        }
    }

    private static String description(String raw) {
        return DocumentFields.description(raw);
    }

    private Set<String> tags(List<String> raw) {
        return DocumentFields.tags(raw, config.maxTags());
    }
}
