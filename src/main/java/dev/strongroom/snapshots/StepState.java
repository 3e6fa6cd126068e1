package dev.strongroom.snapshots;

/** Where one step of a snapshot restore is, with the word its API and the operations page show. */
enum StepState {
    PENDING("pending"),
    RUNNING("running"),
    DONE("done"),
    FAILED("failed");

    private final String word;

    StepState(String word) {
        this.word = word;
    }

    String word() {
        return word;
    }
}
