package dev.strongroom.audit;

import dev.strongroom.VaultConfig;
import dev.strongroom.keys.TestCustody;
import dev.strongroom.security.VaultKey;
import dev.strongroom.support.MutableClock;
import dev.strongroom.support.TestConfigs;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Opens journals over a test's data directory as CDI would (integrity record, verifier, reserve, one
 * {@link SettableAnchor}), on a clock the test moves, and closes every one after the test so that no
 * channel stays open on a temp dir being deleted. Each {@link #open} is a new start of the vault: a
 * fresh integrity record, the same files.
 */
final class OpenJournals implements AfterEachCallback {

    final MutableClock clock = new MutableClock(Instant.parse("2026-12-04T10:15:00Z"));
    final SettableAnchor anchor = new SettableAnchor();
    private final List<AuditJournal> open = new ArrayList<>();
    private JournalIntegrity integrity;
    private SimpleMeterRegistry registry;

    AuditJournal open(Path dataDir) {
        VaultConfig vault = TestConfigs.vault(dataDir);
        JournalConfig config = new JournalConfig() {
            @Override
            public long reserveBytes() {
                return 64 * 1024;
            }

            @Override
            public Duration remoteAnchorTimeout() {
                return Duration.ofSeconds(5);
            }

            @Override
            public boolean fullVerifyAfterStart() {
                return false;
            }
        };
        registry = new SimpleMeterRegistry();
        VaultKey key = new VaultKey(TestCustody.onVolume(dataDir, new ArrayList<>()));
        integrity = new JournalIntegrity(registry);
        AuditJournal journal = new AuditJournal(vault, registry, TestInstances.of(), integrity,
                new JournalVerifier(vault, key), new AnchorCheck(TestInstances.<JournalAnchor>of(anchor)),
                new JournalReserve(vault, config), config, clock);
        open.add(journal);
        journal.open();
        return journal;
    }

    /** The integrity record of the journal opened last. */
    JournalIntegrity integrity() {
        return integrity;
    }

    /** The count of a counter of the journal opened last ({@code strongroom.audit.events}, ...). */
    double counted(String name) {
        return registry.get(name).counter().count();
    }

    @Override
    public void afterEach(ExtensionContext context) {
        open.forEach(j -> j.close(null));
        open.clear();
    }
}
