package dev.strongroom.catalog;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.Table;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Set;
import java.util.TreeSet;

/** One stored document. Fields written once at upload are never updated, but for the description and tags. */
@Entity
@Table(name = "document")
public class Document extends PanacheEntityBase {

    @Id
    public String id;
    @Column(updatable = false)
    public String owner;
    @Column(name = "file_name", updatable = false)
    public String fileName;
    @Column(name = "original_file_name", updatable = false)
    public String originalFileName;
    @Column(name = "content_type", updatable = false)
    public String contentType;
    @Column(name = "size_bytes", updatable = false)
    public long sizeBytes;
    @Column(updatable = false)
    public String sha256;
    @Column(name = "retention_class", updatable = false)
    public String retentionClass;
    @Column(name = "retain_until", updatable = false)
    public Instant retainUntil;
    @Column(name = "legal_hold")
    public boolean legalHold;
    /** Editable after upload, like the tags ({@link DocumentEditor}, write-ahead in the journal). */
    public String description;
    @Column(name = "uploaded_at", updatable = false)
    public Instant uploadedAt;
    @Enumerated(EnumType.STRING)
    @Column(name = "backup_state")
    public BackupState backupState = BackupState.PENDING;
    @Column(name = "backup_version_id")
    public String backupVersionId;
    @Column(name = "backed_up_at")
    public Instant backedUpAt;
    @Column(name = "backup_manifest_run")
    public String backupManifestRun;
    @Enumerated(EnumType.STRING)
    @Column(name = "metadata_state")
    public MetadataState metadataState = MetadataState.PENDING;
    @Column(name = "metadata_json")
    public String metadataJson;
    /** Searchable copies of sidecar fields (V4__metadata.sql); the sidecar in metadataJson is the source. */
    @Column(name = "metadata_title")
    public String metadataTitle;
    @Column(name = "metadata_author")
    public String metadataAuthor;
    @Column(name = "metadata_vendor")
    public String metadataVendor;
    @Column(name = "metadata_text")
    public String metadataText;
    @Column(name = "metadata_updated_at")
    public Instant metadataUpdatedAt;
    /** Receipt fields in effect (extracted, or corrected by a person; V23): what search filters and sorts by. */
    @Column(name = "receipt_date")
    public LocalDate receiptDate;
    @Column(name = "receipt_total")
    public BigDecimal receiptTotal;
    @Column(name = "receipt_currency")
    public String receiptCurrency;
    /** {@link dev.strongroom.catalog.ReviewState} name, or null for a document that is no receipt. */
    @Column(name = "receipt_review")
    public String receiptReview;
    /**
     * Set by changes as in earlier releases, no longer read: the marks are per host since V31
     * ({@link SearchMarks}, docs/search.md).
     */
    @Column(name = "search_dirty")
    public boolean searchDirty = true;
    @Column(name = "search_stamp")
    public long searchStamp;

    /** The host whose data volume received the bytes; null for rows from before hosts were recorded. */
    @Column(name = "stored_on", updatable = false)
    public String storedOn;

    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "document_tag", joinColumns = @JoinColumn(name = "document_id"))
    @Column(name = "tag")
    public Set<String> tags = new TreeSet<>();
}
