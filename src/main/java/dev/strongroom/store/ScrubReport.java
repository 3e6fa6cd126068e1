package dev.strongroom.store;

import java.util.List;

/** The result of a scrub: every finding, with the blob it is about. */
public record ScrubReport(boolean ok, long blobsChecked, long bytesChecked, long durationMillis,
        List<Finding> findings) {

    public record Finding(String sha256, String kind, String message) {
    }
}
