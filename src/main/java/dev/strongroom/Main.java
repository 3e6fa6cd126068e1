package dev.strongroom;

import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.annotations.QuarkusMain;

/**
 * The vault's entry point ({@code java -jar quarkus-run.jar}). Before anything opens a file it makes
 * every file the process creates private to its user, whatever umask it was started with: the
 * catalog's database files, the journal, blobs and keys are created by many libraries, not only by
 * our own code.
 */
@QuarkusMain
public final class Main {

    private Main() {
    }

    public static void main(String... args) {
        FileCreationMask.restrict();
        Quarkus.run(args);
    }
}
