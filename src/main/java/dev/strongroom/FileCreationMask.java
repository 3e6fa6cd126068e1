package dev.strongroom;

import com.sun.jna.Library;
import com.sun.jna.Native;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The process's file-creation mask (umask), restricted to the vault's user before anything is opened. Java
 * has no call for it, so it is set through libc from {@link Main}; the mask covers files that libraries
 * create (the H2 catalog, Lucene) as well as ours. Kept in the root package, beside {@link Main}, so that
 * start-up needs no capability package; {@code store.OwnerOnlyFiles} logs the outcome once logging is up.
 */
public final class FileCreationMask {

    private static final int GROUP_AND_OTHERS = 0077;
    /** What {@link #restrict()} found and did, logged once logging is up. */
    private static volatile String outcome = "not set: the vault was not started through its main class";

    private FileCreationMask() {
    }

    /** Adds group and others to the process's umask, keeping whatever else it masks. */
    public static void restrict() {
        int current = currentUmask();
        if (current >= 0 && (current & GROUP_AND_OTHERS) == GROUP_AND_OTHERS) {
            outcome = String.format("already %04o", current);
            return;
        }
        try {
            int previous = LibC.INSTANCE.umask(Math.max(current, 0) | GROUP_AND_OTHERS);
            outcome = String.format("%04o, now %04o", previous, previous | GROUP_AND_OTHERS);
        } catch (LinkageError e) {
            outcome = "left as it was: libc's umask cannot be called here (" + e.getMessage() + ")";
        }
    }

    /** What {@link #restrict()} found and did. */
    public static String outcome() {
        return outcome;
    }

    /** The umask from /proc (Linux 4.7 and later), or -1 when it cannot be read. */
    private static int currentUmask() {
        try {
            List<String> status = Files.readAllLines(Path.of("/proc/self/status"));
            return status.stream().filter(line -> line.startsWith("Umask:"))
                    .mapToInt(line -> Integer.parseInt(line.substring("Umask:".length()).strip(), 8)).findFirst()
                    .orElse(-1);
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /** The one libc call Java lacks. */
    private interface LibC extends Library {
        LibC INSTANCE = Native.load("c", LibC.class);

        int umask(int mask);
    }
}
