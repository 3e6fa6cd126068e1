package dev.strongroom.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The checker behind {@link FsyncOrderIT} on a trace written here in strace's own format (threads
 * interleaving, unfinished and resumed calls): an upload in the right order passes, and taking out
 * any one sync, or doing it after the answer, is named as a finding.
 */
class SyscallTraceTest {

    private static final String DATA = "/srv/strongroom";
    private static final String SHA = "ab" + "cd" + "e".repeat(60);

    private static final List<String> UPLOAD = List.of(
            "4711  openat(AT_FDCWD</>, \"/srv/strongroom/tmp/upload-1.part\", O_WRONLY|O_CREAT|O_EXCL, 0666) = 41</srv/strongroom/tmp/upload-1.part>",
            "4711  write(41</srv/strongroom/tmp/upload-1.part>, \"fsync order\\n\", 12) = 12",
            "4711  fsync(41</srv/strongroom/tmp/upload-1.part>) = 0",
            "4711  openat(AT_FDCWD</>, \"/srv/strongroom/blobs/ab\", O_RDONLY) = 42",
            "4711  fsync(42) = 0",
            "4711  openat(AT_FDCWD</>, \"/srv/strongroom/blobs\", O_RDONLY) = 42</srv/strongroom/blobs>",
            "4711  fsync(42</srv/strongroom/blobs>) = 0",
            "4711  rename(\"/srv/strongroom/tmp/upload-1.part\", \"/srv/strongroom/blobs/ab/cd/" + SHA + "\") = 0",
            "4711  openat(AT_FDCWD</>, \"/srv/strongroom/blobs/ab/cd\", O_RDONLY) = 43</srv/strongroom/blobs/ab/cd>",
            "4722  write(9</srv/strongroom/audit/journal/00000001_2026-12-03T14.jsonl>, \"{\\\"seq\\\":7,\"..., 420) = 420",
            "4711  fsync(43</srv/strongroom/blobs/ab/cd> <unfinished ...>",
            "4722  fdatasync(9</srv/strongroom/audit/journal/00000001_2026-12-03T14.jsonl> <unfinished ...>",
            "4711  <... fsync resumed>) = 0",
            "4722  <... fdatasync resumed>) = 0",
            "4711  writev(77<TCP:[127.0.0.1:8080->127.0.0.1:40000]>, [{iov_base=\"HTTP/1.1 201 Created\\r\\ncontent-\"..., iov_len=120}], 1) = 120");

    @Test
    void anUploadInTheRightOrderHasNoFinding() {
        assertEquals(Optional.empty(), upload().findIn(SyscallTrace.parse(UPLOAD)));
    }

    @Test
    void withoutAnyOneOfItsSyncsTheUploadIsReported() {
        List<String> syncs = UPLOAD.stream().filter(l -> l.contains("fsync(") || l.contains("fdatasync(")).toList();
        assertEquals(5, syncs.size());
        for (String removed : syncs) {
            List<String> lines = new ArrayList<>(UPLOAD);
            lines.remove(removed);
            Optional<String> finding = upload().findIn(SyscallTrace.parse(lines));
            assertTrue(finding.isPresent(), "not noticed without " + removed);
            assertTrue(finding.get().startsWith("an upload: "), finding.get());
        }
    }

    @Test
    void aSyncAfterTheAnswerDoesNotCount() {
        List<String> lines = new ArrayList<>(UPLOAD);
        String answer = lines.remove(lines.size() - 1);
        lines.add(9, answer);

        Optional<String> finding = upload().findIn(SyscallTrace.parse(lines));

        assertEquals(Optional.of("an upload: no the HTTP 201 answer after fsync of the audit journal (matched "
                + "[#2 fsync(/srv/strongroom/tmp/upload-1.part), #4 fsync(/srv/strongroom/blobs/ab), "
                + "#6 fsync(/srv/strongroom/blobs), #7 rename(/srv/strongroom/tmp/upload-1.part -> /srv/strongroom/blobs/ab/cd/"
                + SHA + "), #11 fsync(/srv/strongroom/blobs/ab/cd), #12 fdatasync(/srv/strongroom/audit/journal/"
                + "00000001_2026-12-03T14.jsonl)])"), finding);
    }

    @Test
    void aFailedCallIsNotASync() {
        List<String> lines = new ArrayList<>(UPLOAD);
        lines.set(2, "4711  fsync(41</srv/strongroom/tmp/upload-1.part>) = -1 EIO (Input/output error)");

        assertTrue(upload().findIn(SyscallTrace.parse(lines)).orElseThrow().contains("never saw fsync of the upload's"));
    }

    @Test
    void theAnswersAreFoundByStatus() {
        SyscallTrace trace = SyscallTrace.parse(UPLOAD);

        assertEquals(1, trace.responses(201).size());
        assertEquals(0, trace.responses(200).size());
    }

    @Test
    void theReplacementOfAStateFileNeedsItsDirectorySynced() {
        List<String> replace = List.of(
                "900 fsync(12</srv/strongroom/audit/digests/last.json.tmp>) = 0",
                "900 rename(\"/srv/strongroom/audit/digests/last.json.tmp\", \"/srv/strongroom/audit/digests/last.json\") = 0",
                "900 openat(AT_FDCWD, \"/srv/strongroom/audit/digests\", O_RDONLY) = 13",
                "900 fsync(13) = 0",
                "900 write(70<TCP:[1]>, \"HTTP/1.1 201 Created\\r\\n\"..., 99) = 99");
        DurableWrite state = FsyncOrderIT.durableFile("digest state", DATA + "/audit/digests/last.json", 201);

        assertEquals(Optional.empty(), state.findIn(SyscallTrace.parse(replace)));
        List<String> unsynced = new ArrayList<>(replace);
        unsynced.remove(3);
        assertEquals(Optional.of("digest state: no fsync of its directory after rename over " + DATA
                + "/audit/digests/last.json (matched [#0 fsync(" + DATA + "/audit/digests/last.json.tmp), #1 rename(" + DATA
                + "/audit/digests/last.json.tmp -> " + DATA + "/audit/digests/last.json)])"),
                state.findIn(SyscallTrace.parse(unsynced)));
    }

    private static DurableWrite upload() {
        return FsyncOrderIT.durableWrites(DATA, SHA).get(0);
    }
}
