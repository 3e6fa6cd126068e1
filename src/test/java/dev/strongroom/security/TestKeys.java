package dev.strongroom.security;

import dev.strongroom.support.TestConfigs;
import java.nio.file.Path;

/** A real vault key, generated on first use in a test's own directory, as the vault does at start. */
public final class TestKeys {

    private TestKeys() {
    }

    public static VaultKey in(Path dataDir) {
        VaultKey key = new VaultKey(TestConfigs.vault(dataDir));
        key.load();
        return key;
    }
}
