package dev.strongroom.restore;

import dev.strongroom.VaultIdentity;
import dev.strongroom.backup.BackupJson;
import dev.strongroom.backup.BucketClaim;
import dev.strongroom.storage.BackupTarget;
import dev.strongroom.storage.ObjectKeys;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The restored vault is the vault the bucket's claim names: without its id the restored host would start as a
 * new vault, and the bucket would refuse its backups. The host id is kept too when the claim names one host;
 * with several the restore cannot tell which one this volume was, and the restored host joins as a new one
 * unless {@code strongroom.vault.host-id} names it.
 */
final class ClaimedIds {

    private ClaimedIds() {
    }

    /** Keeps the claim's ids in {@code dataDir}; the claim, when the bucket holds one. */
    static Optional<BucketClaim> adopt(BackupTarget target, Path dataDir, PrintStream log) throws IOException {
        if (target.head(ObjectKeys.CLAIM, null).isEmpty()) {
            log.printf("restore: the bucket holds no claim (%s); the restored vault claims it at its first backup%n",
                    ObjectKeys.CLAIM);
            return Optional.empty();
        }
        BucketClaim claim = BackupJson.MAPPER.readValue(target.read(ObjectKeys.CLAIM, null), BucketClaim.class);
        if (!BucketClaim.FORMAT.equals(claim.format()) || claim.vaultId() == null || claim.hosts() == null) {
            throw new IOException(ObjectKeys.CLAIM + " in " + target.location() + " is not a Strongroom claim");
        }
        Optional<String> host = claim.hosts().size() == 1 ? Optional.of(claim.hosts().get(0).id()) : Optional.empty();
        VaultIdentity.adopt(dataDir, claim.vaultId(), host);
        log.printf("restore: vault %s, %s, as the bucket's claim names them%n", claim.vaultId(),
                host.map(h -> "host " + h).orElse(claim.hosts().size() + " hosts in the claim: this host gets a new "
                        + "host id unless strongroom.vault.host-id names it"));
        return Optional.of(claim);
    }

    /**
     * Hosts of the claim whose chains this restore did not rebuild. A bucket holds one manifest chain and one
     * journal, so a restore rebuilds one host; with more hosts in the claim the others' audit chains, and the
     * documents only they backed up, are not here, and the restore must not say it is complete.
     */
    static List<RestoreVerdict.Missing> hostsLeftOut(Optional<BucketClaim> claim) {
        if (claim.isEmpty() || claim.get().hosts().size() < 2) {
            return List.of();
        }
        List<String> hosts = claim.get().hosts().stream().map(BucketClaim.Host::id).toList();
        return hosts.stream().map(host -> new RestoreVerdict.Missing(RestoreVerdict.Kind.AUDIT_EVENTS, "host " + host,
                null, null, null, "the bucket's claim names " + hosts.size() + " hosts (" + String.join(", ", hosts)
                        + "), and this restore rebuilds one audit chain: it cannot tell which host's chain and "
                        + "documents it holds, so none is taken as complete",
                List.of(new RestoreVerdict.Lead(CopySource.DATA_VOLUME, "host " + host + "'s data volume, or a "
                        + "snapshot of it (deploy/RUNBOOK.md)")))).toList();
    }
}
