package dev.strongroom;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.regex.Pattern;

/**
 * An id kept in one file on the data volume: generated the first time, read every time after, so it
 * survives restarts and comes back with the volume from a snapshot. Written to a temp file, fsync'd and
 * renamed into place, readable by the vault's user only: a crash leaves either no id or the whole one.
 */
final class PersistedId {

    /** What an id may look like: it goes into the bucket's claim, logs and, later, key prefixes. */
    static final Pattern FORM = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

    private PersistedId() {
    }

    /** The id in {@code file}, or {@code generated} written there when there is none yet. */
    static String readOrCreate(Path file, String generated) {
        try {
            if (Files.exists(file)) {
                return valid(Files.readString(file, StandardCharsets.UTF_8).strip(), file.toString());
            }
            Files.createDirectories(file.getParent());
            Path temp = file.resolveSibling(file.getFileName() + ".tmp");
            Files.deleteIfExists(temp);
            Files.createFile(temp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            try (FileChannel out = FileChannel.open(temp, StandardOpenOption.WRITE)) {
                out.write(StandardCharsets.UTF_8.encode(generated + "\n"));
                out.force(true);
            }
            Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE);
            DirectorySync.fsync(file.getParent());
            return generated;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot keep the id in " + file, e);
        }
    }

    /** {@code id} when it has the {@link #FORM} of an id; otherwise a start-up failure naming {@code where}. */
    static String valid(String id, String where) {
        if (!FORM.matcher(id).matches()) {
            throw new IllegalStateException(where + " holds '" + id + "', which is not an id: 1 to 64 letters, "
                    + "digits, '.', '_' or '-', starting with a letter or digit");
        }
        return id;
    }
}
