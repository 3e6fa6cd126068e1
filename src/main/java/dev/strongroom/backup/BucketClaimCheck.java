package dev.strongroom.backup;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.strongroom.VaultIdentity;
import dev.strongroom.audit.Auditor;
import dev.strongroom.audit.Outcome;
import dev.strongroom.storage.BackupTarget;
import dev.strongroom.storage.BucketClearance;
import dev.strongroom.storage.BucketUnavailable;
import dev.strongroom.storage.ObjectKeys;
import dev.strongroom.storage.ObjectSource;
import dev.strongroom.storage.ObjectUpload;
import dev.strongroom.storage.Sha256;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.jboss.logging.Logger;

/**
 * Makes sure the bucket is this vault's before a run writes to it, through the claim
 * ({@code vault/claim.json}). No claim: this vault writes one, naming this host, with a conditional put,
 * so of two vaults racing for an empty bucket exactly one wins. This vault's claim without this host:
 * the host is added by read-check-write (a plain put); two hosts joining at once may each leave the other
 * out, and the next run of the one left out adds it again; no write of a host can change the vault id,
 * since only a vault whose id the claim already names ever replaces it. Another vault's claim: nothing
 * is written, and the refusal is logged, counted, audited and kept for the status and health.
 */
@ApplicationScoped
public class BucketClaimCheck implements BucketClearance {

    private static final Logger LOG = Logger.getLogger(BucketClaimCheck.class);
    static final String RESOURCE = "backup/claim";

    /** One check: what the claim says, against who this vault and host are. */
    public record Result(ClaimOutcome outcome, String bucket, String claimVaultId, String vaultId, String hostId,
            Instant checkedAt) {

        /** For people: which vault holds the bucket, which one was refused, and what to do. */
        public String refusal() {
            return "the bucket " + bucket + " is claimed by vault " + claimVaultId + ", not by this vault " + vaultId
                    + " (host " + hostId + "); nothing is backed up there. Point strongroom.backup.bucket at this "
                    + "vault's own bucket, or, if this host belongs to vault " + claimVaultId
                    + ", set strongroom.vault.id to it";
        }
    }

    private final BackupTarget target;
    private final VaultIdentity identity;
    private final Auditor auditor;
    private final Counter refusals;
    private volatile Result latest;
    /** Runs the checks a caller waits for only so long; a check stuck on a silent bucket holds one of its threads. */
    private final ExecutorService waiting = Executors.newCachedThreadPool(r -> {
        Thread thread = new Thread(r, "bucket-claim-check");
        thread.setDaemon(true);
        return thread;
    });

    public BucketClaimCheck(BackupTarget target, VaultIdentity identity, Auditor auditor, MeterRegistry registry) {
        this.target = target;
        this.identity = identity;
        this.auditor = auditor;
        this.refusals = Counter.builder("strongroom.backup.claim.refusals")
                .description("Backups refused because the bucket is claimed by another vault").register(registry);
    }

    /**
     * {@link #check()}, when the bucket answers within {@code bound}; empty when it does not. A request that starts
     * a run must not hang on a bucket that stopped answering: the run checks the claim again before it writes.
     */
    public Optional<Result> checkWithin(Duration bound) {
        Future<Result> pending = waiting.submit(this::check);
        try {
            return Optional.of(pending.get(bound.toMillis(), TimeUnit.MILLISECONDS));
        } catch (TimeoutException e) {
            return Optional.empty();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException failure) {
                throw failure;
            }
            throw new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    @PreDestroy
    void stop() {
        waiting.shutdownNow();
    }

    /** Claims the bucket, joins the claim or finds it another vault's; see the class comment. */
    public synchronized Result check() {
        String vaultId = identity.vaultId();
        String hostId = identity.hostId();
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        Optional<BucketClaim> found = read();
        if (found.isEmpty()) {
            BucketClaim first = BucketClaim.first(vaultId, hostId, now);
            if (target.putIfAbsent(upload(first)).isPresent()) {
                return settle(ClaimOutcome.CLAIMED, first.vaultId());
            }
            // Another vault or host created the claim between the read and the write: theirs stands.
            found = read();
            if (found.isEmpty()) {
                throw new BucketUnavailable("the bucket " + target.location() + " refused to create "
                        + ObjectKeys.CLAIM + " and holds none", null);
            }
        }
        BucketClaim claim = found.get();
        if (!vaultId.equals(claim.vaultId())) {
            return settle(ClaimOutcome.FOREIGN, claim.vaultId());
        }
        if (claim.names(hostId)) {
            return settle(ClaimOutcome.OURS, vaultId);
        }
        target.put(upload(claim.withHost(hostId, now)));
        return settle(ClaimOutcome.JOINED, vaultId);
    }

    /**
     * For every writer of the bucket: the newest check's verdict, after a first check when none was made yet. A
     * refusal stands until a check says otherwise (each backup run checks again).
     */
    @Override
    public Optional<String> refusal() {
        Result known = latest;
        if (known == null) {
            known = check();
        }
        return known.outcome().mayWrite() ? Optional.empty() : Optional.of(known.refusal());
    }

    @Override
    public Optional<String> foreignClaim() {
        Result known = latest;
        if (known != null) {
            return known.outcome().mayWrite() ? Optional.empty() : Optional.of(known.refusal());
        }
        return read().filter(claim -> !identity.vaultId().equals(claim.vaultId()))
                .map(claim -> new Result(ClaimOutcome.FOREIGN, target.location(), claim.vaultId(), identity.vaultId(),
                        identity.hostId(), Instant.now()).refusal());
    }

    /** The newest check; empty before the first run. */
    public Optional<Result> latest() {
        return Optional.ofNullable(latest);
    }

    /** The claim in the bucket; one that is not a claim counts as another's, named by what it holds. */
    private Optional<BucketClaim> read() {
        if (target.head(ObjectKeys.CLAIM, null).isEmpty()) {
            return Optional.empty();
        }
        byte[] bytes = target.read(ObjectKeys.CLAIM, null);
        try {
            BucketClaim claim = BackupJson.MAPPER.readValue(bytes, BucketClaim.class);
            if (BucketClaim.FORMAT.equals(claim.format()) && claim.vaultId() != null && claim.hosts() != null) {
                return Optional.of(claim);
            }
        } catch (IOException e) {
            // Not JSON at all: someone else's object under our key, which is no claim of this vault's either.
        }
        return Optional.of(new BucketClaim(BucketClaim.FORMAT, BucketClaim.VERSION, "(unreadable " + ObjectKeys.CLAIM
                + ", " + bytes.length + " bytes)", null, List.of()));
    }

    private static ObjectUpload upload(BucketClaim claim) {
        byte[] json;
        try {
            json = BackupJson.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsBytes(claim);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the bucket claim", e);
        }
        return ObjectUpload.of(ObjectKeys.CLAIM, ObjectSource.of(json), "application/json", Sha256.hexOf(json));
    }

    private Result settle(ClaimOutcome outcome, String claimVaultId) {
        Result result = new Result(outcome, target.location(), claimVaultId, identity.vaultId(), identity.hostId(),
                Instant.now());
        latest = result;
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("bucket", result.bucket());
        detail.put("claimVaultId", claimVaultId);
        detail.put("vaultId", result.vaultId());
        detail.put("hostId", result.hostId());
        switch (outcome) {
            case FOREIGN -> {
                refusals.increment();
                LOG.errorf("BACKUP REFUSED: %s", result.refusal());
                auditor.record(BackupAction.CLAIM_REFUSED, RESOURCE, Outcome.REJECTED, detail);
            }
            case CLAIMED, JOINED -> {
                LOG.infof("Bucket %s %s for vault %s, host %s", result.bucket(),
                        outcome == ClaimOutcome.CLAIMED ? "claimed" : "claim joined", result.vaultId(),
                        result.hostId());
                detail.put("outcome", outcome.name());
                auditor.record(BackupAction.CLAIM, RESOURCE, Outcome.SUCCESS, detail);
            }
            case OURS -> {
                // The usual case, every run: nothing changed, nothing to say.
            }
        }
        return result;
    }
}
