/**
 * Strongroom, a backup-and-compliance document vault. Packages are capabilities, each owning its
 * resource, service, entities and configuration; docs/architecture.md lists them, the data paths of an
 * upload, a backup and a restore, and the rules {@code ArchitectureTest} holds (no package cycles,
 * foundation packages below every capability, a plain-Java Lambda side).
 * <p>
 * This root package holds what runs before or beneath every capability and so depends on none:
 * {@link dev.strongroom.Main} and the process's {@link dev.strongroom.FileCreationMask},
 * {@link dev.strongroom.VaultConfig} (data directory, first admin, start-up delay), the order of the start-up
 * steps ({@link dev.strongroom.StartupOrder}), whether the vault is stopping ({@link dev.strongroom.Stopping}),
 * per-key locks ({@link dev.strongroom.KeyedLocks}), the catalog's group commit ({@link dev.strongroom.GroupCommit}) and
 * a directory's fsync ({@link dev.strongroom.DirectorySync}).
 * The foundation packages are {@code http} (what every resource shares, the role names), {@code aws}
 * (the AWS clients) and {@code signing} (signing keys as values).
 */
package dev.strongroom;
