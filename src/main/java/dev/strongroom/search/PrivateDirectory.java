package dev.strongroom.search;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FilterDirectory;
import org.apache.lucene.store.IOContext;
import org.apache.lucene.store.IndexOutput;

/**
 * The index directory with every file it creates readable by the vault's user only (0600), whatever the
 * umask: the index holds the documents' text.
 */
final class PrivateDirectory extends FilterDirectory {

    private final Path path;

    PrivateDirectory(Directory in, Path path) {
        super(in);
        this.path = path;
    }

    @Override
    public IndexOutput createOutput(String name, IOContext context) throws IOException {
        IndexOutput out = super.createOutput(name, context);
        restrict(name);
        return out;
    }

    @Override
    public IndexOutput createTempOutput(String prefix, String suffix, IOContext context) throws IOException {
        IndexOutput out = super.createTempOutput(prefix, suffix, context);
        restrict(out.getName());
        return out;
    }

    private void restrict(String name) throws IOException {
        Path file = path.resolve(name);
        if (Files.exists(file) && Files.getFileStore(file).supportsFileAttributeView("posix")) {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        }
    }
}
