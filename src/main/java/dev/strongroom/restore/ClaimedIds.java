package dev.strongroom.restore;

import dev.strongroom.VaultIdentity;
import dev.strongroom.backup.BackupJson;
import dev.strongroom.backup.BucketClaim;
import dev.strongroom.storage.BackupTarget;
import dev.strongroom.storage.HostKeys;
import dev.strongroom.storage.ObjectKeys;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Which host's chain a restore rebuilds, and the ids the restored volume keeps. A bucket holds one chain per host
 * of its vault (docs/backup-format.md); a restore rebuilds one host onto one empty data directory, so a vault of
 * several hosts is restored host by host, and each restore names the hosts it left out.
 * <p>
 * The restored vault is the vault the bucket's claim names: without its id the restored host would start as a new
 * vault, and the bucket would refuse its backups. It is the host whose chain it rebuilt, so that host backs up to
 * its own prefix again.
 * <p>
 * A chain in the unprefixed layout of earlier releases is the chain of the host the claim names first: before
 * hosts had prefixes a bucket took the backups of the host that claimed it. Without a claim it is the chain of
 * whichever host the restore is for.
 */
final class ClaimedIds {

    /**
     * @param chain the keys of the chain to rebuild
     * @param hostId the host it is, when known
     * @param leftOut every other host (or unattributed unprefixed chain) of the bucket, as a report names it
     */
    record Choice(HostKeys chain, Optional<String> hostId, List<String> leftOut) {
    }

    private ClaimedIds() {
    }

    /** The bucket's claim, when it holds one. */
    static Optional<BucketClaim> read(BackupTarget target, PrintStream log) throws IOException {
        if (target.head(ObjectKeys.CLAIM, null).isEmpty()) {
            log.printf("restore: the bucket holds no claim (%s); the restored vault claims it at its first backup%n",
                    ObjectKeys.CLAIM);
            return Optional.empty();
        }
        BucketClaim claim = BackupJson.MAPPER.readValue(target.read(ObjectKeys.CLAIM, null), BucketClaim.class);
        if (!BucketClaim.FORMAT.equals(claim.format()) || claim.vaultId() == null || claim.hosts() == null) {
            throw new IOException(ObjectKeys.CLAIM + " in " + target.location() + " is not a Strongroom claim");
        }
        return Optional.of(claim);
    }

    /**
     * The chain to rebuild: {@code requested}'s, else the claim's only host's, else the bucket's only chain. Throws
     * when the bucket holds several and none was named, or none for the named host: a guess would restore the
     * wrong host's audit trail under its name.
     */
    static Choice choose(Optional<BucketClaim> claim, List<HostKeys> chains, Optional<String> requested) {
        List<String> claimed = claim.map(c -> c.hosts().stream().map(BucketClaim.Host::id).toList()).orElse(List.of());
        Optional<String> legacyOwner = claimed.isEmpty() ? Optional.empty() : Optional.of(claimed.get(0));
        Set<String> hosts = new LinkedHashSet<>(claimed);
        chains.stream().filter(c -> !c.isLegacy()).forEach(c -> hosts.add(c.hostId().get()));
        boolean legacy = chains.stream().anyMatch(HostKeys::isLegacy);
        if (chains.isEmpty()) {
            throw new IllegalStateException("the bucket holds no manifest, under " + HostKeys.HOSTS + " or at the top "
                    + "level: there is no backup to restore");
        }

        Optional<String> host = requested.or(() -> claimed.size() == 1 ? Optional.of(claimed.get(0)) : Optional.empty());
        HostKeys chain;
        if (host.isPresent()) {
            HostKeys own = HostKeys.of(host.get());
            if (chains.contains(own)) {
                chain = own;
            } else if (legacy && (legacyOwner.isEmpty() || legacyOwner.equals(host))) {
                chain = HostKeys.legacy();
            } else {
                throw new IllegalStateException("the bucket holds no chain of host " + host.get() + " (chains: "
                        + names(chains) + ")");
            }
        } else if (chains.size() == 1) {
            chain = chains.get(0);
            host = chain.hostId().or(() -> legacyOwner);
        } else {
            throw new IllegalStateException("the bucket holds the chains of " + names(chains) + ": name the host to "
                    + "restore with --host (or STRONGROOM_VAULT_HOST_ID), and restore each in turn onto its own data "
                    + "directory");
        }

        List<String> leftOut = new ArrayList<>();
        Optional<String> restored = host;
        hosts.stream().filter(h -> !Optional.of(h).equals(restored)).forEach(h -> leftOut.add("host " + h));
        if (legacy && !chain.isLegacy() && legacyOwner.isEmpty()) {
            leftOut.add(HostKeys.legacy().label());
        }
        return new Choice(chain, host, List.copyOf(leftOut));
    }

    /** Keeps the claim's vault id, and the restored host's id, in {@code dataDir}. */
    static void adopt(Optional<BucketClaim> claim, Choice choice, Path dataDir, PrintStream log) {
        if (claim.isEmpty()) {
            choice.hostId().ifPresent(h -> log.printf("restore: host %s%n", h));
            return;
        }
        VaultIdentity.adopt(dataDir, claim.get().vaultId(), choice.hostId());
        log.printf("restore: vault %s, %s, as the bucket's claim names them%n", claim.get().vaultId(),
                choice.hostId().map(h -> "host " + h).orElse("no host id (the restored host gets a new one unless "
                        + "strongroom.vault.host-id names it)"));
    }

    /**
     * The hosts whose chains this restore did not rebuild: their audit chains, and the documents only they backed
     * up, are not here, so the restore must not say it is complete. Each is brought back by a restore of its own.
     */
    static List<RestoreVerdict.Missing> hostsLeftOut(Choice choice, CopySource from) {
        return choice.leftOut().stream().map(host -> new RestoreVerdict.Missing(RestoreVerdict.Kind.AUDIT_EVENTS, host,
                null, null, null, "this restore rebuilt " + choice.chain().label() + "; the bucket also holds "
                        + host + "'s audit chain and the documents it backed up",
                List.of(new RestoreVerdict.Lead(from, "restore " + host + " in turn onto its own "
                        + "empty data directory" + (host.startsWith("host ") ? " (--host "
                                + host.substring("host ".length()) + ")" : "")),
                        new RestoreVerdict.Lead(CopySource.DATA_VOLUME, host + "'s data volume, or a snapshot of it "
                                + "(deploy/RUNBOOK.md)")))).toList();
    }

    private static String names(List<HostKeys> chains) {
        return String.join(", ", chains.stream().map(HostKeys::label).toList());
    }
}
