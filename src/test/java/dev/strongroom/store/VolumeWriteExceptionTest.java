package dev.strongroom.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A failed write knows how much room the volume had, so a full volume (507) is told from a broken one (503). */
class VolumeWriteExceptionTest {

    @TempDir
    Path dir;

    @Test
    void aFailureOnAVolumeWithRoomIsNotAFullVolume() throws IOException {
        VolumeWriteException e = new VolumeWriteException(dir.resolve("upload.part"), new IOException("Input/output error"));

        long usable = Files.getFileStore(dir).getUsableSpace();
        assertTrue(usable > 1024 * 1024, "this test needs more than 1 MiB free");
        assertTrue(Math.abs(e.usableBytes() - usable) < usable / 2 + 1, "free space when it failed: " + e.usableBytes());
        assertFalse(e.volumeFull());
        assertEquals("cannot write " + dir.resolve("upload.part") + ": Input/output error", e.getMessage());
    }

    @Test
    void whenEvenTheFreeSpaceCannotBeReadItIsUnknownNotFull() {
        VolumeWriteException e = new VolumeWriteException(dir.resolve("gone").resolve("upload.part"),
                new IOException("No such file or directory"));

        assertEquals(-1, e.usableBytes());
        assertFalse(e.volumeFull());
    }

    @Test
    void aVolumeIsFullBelowOneMebibyteFreeAndNotAtIt() {
        Path where = dir.resolve("upload.part");
        IOException cause = new IOException("No space left on device");

        assertTrue(new VolumeWriteException(where, cause, 0).volumeFull(), "nothing free");
        assertTrue(new VolumeWriteException(where, cause, VolumeWriteException.NEARLY_FULL_BYTES - 1).volumeFull());
        assertFalse(new VolumeWriteException(where, cause, VolumeWriteException.NEARLY_FULL_BYTES).volumeFull(),
                "1 MiB free is room: the failure is the volume's, not its size");
        assertFalse(new VolumeWriteException(where, cause, -1).volumeFull(), "unknown is not full");
    }

    @Test
    void aWriteStoppedAtTheFloorIsAFullVolumeWhateverIsLeft() {
        VolumeWriteException e = VolumeWriteException.belowFloor(dir.resolve("upload.part"), 50L * 1024 * 1024,
                64L * 1024 * 1024);

        assertTrue(e.volumeFull());
        assertEquals(50L * 1024 * 1024, e.usableBytes());
        assertTrue(e.getMessage().contains("below the write floor of 67108864"), e.getMessage());
    }
}
