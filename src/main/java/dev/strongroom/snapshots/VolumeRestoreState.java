package dev.strongroom.snapshots;

/** Where a snapshot restore is, with the word its API and the operations page show. */
enum VolumeRestoreState {
    /** A dry run whose plan would work. */
    PLANNED("planned"),
    /** A dry run that found why the restore would fail. */
    WOULD_FAIL("would-fail"),
    RUNNING("running"),
    SUCCEEDED("succeeded"),
    FAILED("failed");

    private final String word;

    VolumeRestoreState(String word) {
        this.word = word;
    }

    String word() {
        return word;
    }
}
