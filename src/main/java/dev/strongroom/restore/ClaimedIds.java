package dev.strongroom.restore;

import dev.strongroom.VaultIdentity;
import dev.strongroom.backup.BackupJson;
import dev.strongroom.backup.BucketClaim;
import dev.strongroom.storage.BackupTarget;
import dev.strongroom.storage.ObjectKeys;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
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

    static void adopt(BackupTarget target, Path dataDir, PrintStream log) throws IOException {
        if (target.head(ObjectKeys.CLAIM, null).isEmpty()) {
            log.printf("restore: the bucket holds no claim (%s); the restored vault claims it at its first backup%n",
                    ObjectKeys.CLAIM);
            return;
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
    }
}
