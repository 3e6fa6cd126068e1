package dev.strongroom.security;

import dev.strongroom.keys.TestCustody;
import dev.strongroom.keys.VaultKey;
import java.nio.file.Path;
import java.util.ArrayList;

/** A real vault key, in a test's own directory, kept by key custody as the vault keeps it at start. */
public final class TestKeys {

    private TestKeys() {
    }

    public static VaultKey in(Path dataDir) {
        VaultKey key = new VaultKey(TestCustody.onVolume(dataDir, new ArrayList<>()));
        // As at start: custody finds, or for a new vault makes, its key before anyone signs.
        key.current();
        return key;
    }
}
