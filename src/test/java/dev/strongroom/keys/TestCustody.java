package dev.strongroom.keys;

import dev.strongroom.VaultConfig;
import dev.strongroom.audit.AuditAction;
import dev.strongroom.audit.AuditEvent;
import dev.strongroom.audit.Auditor;
import dev.strongroom.audit.Outcome;
import dev.strongroom.backup.TestBackupConfig;
import dev.strongroom.support.TestConfigs;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Key custody for plain unit tests: the data volume alone (no bucket, no KMS, as on a vault never given
 * one), built without Quarkus. What custody would audit is added to a list as "action outcome".
 */
public final class TestCustody {

    private TestCustody() {
    }

    public static KeyCustody onVolume(Path dataDir, List<String> audited) {
        VaultConfig vault = TestConfigs.vault(dataDir);
        Auditor auditor = new Auditor(null, null, null) {
            @Override
            public AuditEvent record(AuditAction action, String resource, Outcome outcome, Map<String, ?> detail) {
                audited.add(action.action() + " " + outcome.value());
                return null;
            }
        };
        KeysConfig keys = new KeysConfig() {
            @Override
            public Optional<String> kmsKeyId() {
                return Optional.empty();
            }

            @Override
            public Optional<Path> passphraseFile() {
                return Optional.empty();
            }

            @Override
            public String backupEvery() {
                return "1m";
            }
        };
        KeyBackup backup = new KeyBackup(TestBackupConfig.none(), keys, null, null, auditor, vault, null);
        return new KeyCustody(vault, backup, auditor);
    }
}
