package dev.strongroom.metadata;

import dev.strongroom.VaultConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Preview PNGs on the data volume, under {@code previews/}, named by the SHA-256 of the document they
 * show: documents with the same bytes share one. Derived data, rebuilt by extracting again, so they
 * are written atomically but not fsynced, and backups may skip them.
 */
@ApplicationScoped
public class PreviewStore {

    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");

    private final Path root;

    public PreviewStore(VaultConfig config) {
        this.root = config.dataDir().resolve("previews");
    }

    public void save(String sha256, byte[] png) {
        Path target = pathOf(sha256);
        try {
            Files.createDirectories(target.getParent());
            Path temp = target.resolveSibling(sha256 + "." + UUID.randomUUID() + ".part");
            Files.write(temp, png);
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot store the preview of " + sha256, e);
        }
    }

    public Optional<Path> find(String sha256) {
        Path path = pathOf(sha256);
        return Files.isRegularFile(path) ? Optional.of(path) : Optional.empty();
    }

    private Path pathOf(String sha256) {
        if (!SHA256.matcher(sha256).matches()) {
            throw new IllegalArgumentException("not a sha256: " + sha256);
        }
        return root.resolve(sha256.substring(0, 2)).resolve(sha256 + ".png");
    }
}
