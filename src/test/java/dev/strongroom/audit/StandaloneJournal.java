package dev.strongroom.audit;

import dev.strongroom.VaultConfig;
import dev.strongroom.keys.TestCustody;
import dev.strongroom.keys.VaultKey;
import dev.strongroom.support.TestConfigs;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.util.ArrayList;
import java.time.Duration;

/**
 * The journal built by hand, without Quarkus, as CDI would build it: its integrity record, verifier,
 * reserve and anchors (none here), then its {@code @PostConstruct}. For unit tests and the bench.
 */
public final class StandaloneJournal {

    private StandaloneJournal() {
    }

    /** A journal on {@code dataDir} with these preparations, opened. */
    @SafeVarargs
    public static AuditJournal open(Path dataDir, JournalPreparation... preparations) {
        VaultConfig vault = TestConfigs.vault(dataDir);
        JournalConfig config = new JournalConfig() {
            @Override
            public long reserveBytes() {
                return 1024 * 1024;
            }

            @Override
            public Duration remoteAnchorTimeout() {
                return Duration.ofSeconds(1);
            }

            @Override
            public boolean fullVerifyAfterStart() {
                return false;
            }
        };
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        VaultKey key = new VaultKey(TestCustody.onVolume(dataDir, new ArrayList<>()));
        AuditJournal journal = new AuditJournal(vault, registry, TestInstances.of(preparations),
                new JournalIntegrity(registry), new JournalVerifier(vault, key), new AnchorCheck(
                        TestInstances.<JournalAnchor>of()), new JournalReserve(vault, config), config);
        journal.open();
        return journal;
    }
}
