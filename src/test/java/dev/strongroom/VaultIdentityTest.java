package dev.strongroom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.strongroom.support.TestConfigs;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The vault's and host's ids on a real data directory: generated once, kept, private, and overridable. */
class VaultIdentityTest {

    @TempDir
    Path dataDir;

    @Test
    void anUnconfiguredVaultGeneratesItsIdsOnceAndKeepsThemPrivateOnTheVolume() throws IOException {
        VaultIdentity first = identity(dataDir, Optional.empty(), Optional.empty());
        String vaultId = first.vaultId();
        String hostId = first.hostId();

        VaultIdentity afterRestart = identity(dataDir, Optional.empty(), Optional.empty());

        assertEquals(vaultId, afterRestart.vaultId());
        assertEquals(hostId, afterRestart.hostId());
        assertNotEquals(vaultId, hostId);
        assertTrue(hostId.startsWith("host-"), hostId);
        for (String file : new String[] { VaultIdentity.VAULT_ID_FILE, VaultIdentity.HOST_ID_FILE }) {
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dataDir.resolve(file))),
                    file);
        }
    }

    @Test
    void aVolumeRestoredElsewhereKeepsItsIds(@TempDir Path restored) throws IOException {
        VaultIdentity original = identity(dataDir, Optional.empty(), Optional.empty());
        String vaultId = original.vaultId();
        String hostId = original.hostId();
        try (Stream<Path> files = Files.list(dataDir)) {
            for (Path file : files.toList()) {
                Files.copy(file, restored.resolve(file.getFileName()));
            }
        }

        VaultIdentity onRestored = identity(restored, Optional.empty(), Optional.empty());

        assertEquals(vaultId, onRestored.vaultId());
        assertEquals(hostId, onRestored.hostId());
    }

    @Test
    void configuredIdsWinAndAreNotWrittenToTheVolume() {
        VaultIdentity configured = identity(dataDir, Optional.of("finance-prod"), Optional.of("host-2"));

        assertEquals("finance-prod", configured.vaultId());
        assertEquals("host-2", configured.hostId());
        assertTrue(Files.notExists(dataDir.resolve(VaultIdentity.VAULT_ID_FILE)));
    }

    @Test
    void aMalformedIdStopsTheStartNamingWhereItCameFrom() throws IOException {
        IllegalStateException configured = assertThrows(IllegalStateException.class,
                () -> identity(dataDir, Optional.of("../prod vault"), Optional.empty()).vaultId());
        assertTrue(configured.getMessage().contains("strongroom.vault.id"), configured.getMessage());

        Files.writeString(dataDir.resolve(VaultIdentity.HOST_ID_FILE), "host/1\n");
        IllegalStateException kept = assertThrows(IllegalStateException.class,
                () -> identity(dataDir, Optional.empty(), Optional.empty()).hostId());
        assertTrue(kept.getMessage().contains(VaultIdentity.HOST_ID_FILE), kept.getMessage());
    }

    private static VaultIdentity identity(Path dataDir, Optional<String> vaultId, Optional<String> hostId) {
        VaultIdentityConfig config = new VaultIdentityConfig() {
            @Override
            public Optional<String> id() {
                return vaultId;
            }

            @Override
            public Optional<String> hostId() {
                return hostId;
            }
        };
        return new VaultIdentity(TestConfigs.vault(dataDir), config);
    }
}
