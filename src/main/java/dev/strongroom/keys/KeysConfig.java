package dev.strongroom.keys;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Custody of the signing key; read by {@link KeyCustody} and {@link KeyBackup}. The key is backed up to
 * strongroom.backup.bucket, encrypted with the first of these that is set: a KMS key (this one, else
 * strongroom.backup.kms-key-id), else a passphrase file. With neither the key cannot be backed up, and
 * the signing-key health check says so whenever a bucket is configured.
 */
@ConfigMapping(prefix = "strongroom.keys")
public interface KeysConfig {

    /** KMS key (id, ARN or alias) for the key's envelope. Env: STRONGROOM_KEYS_KMS_KEY_ID. */
    Optional<String> kmsKeyId();

    /**
     * A file (mode 0600 or stricter) holding a passphrase of at least 16 characters, for places without
     * KMS; a restore needs the same passphrase. Env: STRONGROOM_KEYS_PASSPHRASE_FILE.
     */
    Optional<Path> passphraseFile();

    /** How often keys, their history and PEMs not yet in the bucket are written again (a duration). */
    @WithDefault("1m")
    String backupEvery();
}
