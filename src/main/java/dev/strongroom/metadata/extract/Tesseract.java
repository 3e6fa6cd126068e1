package dev.strongroom.metadata.extract;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Tesseract installation OCR runs with, as found on this host: where it is, its version, its
 * language data, and the languages of the ones asked for that are installed. {@link #probe} finds it
 * by running {@code tesseract --version} and {@code --list-langs}, so a missing or broken install is
 * reported with the reason instead of failing document by document.
 *
 * @param directory directory holding the {@code tesseract} executable Tika runs (possibly our
 *                  lower-priority wrapper, see {@link #probe})
 * @param tessdata  directory of the language data
 * @param version   e.g. {@code tesseract 5.3.0}
 * @param languages the requested languages that are installed, joined with {@code +}
 */
public record Tesseract(Path directory, Path tessdata, String version, String languages) {

    private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(20);
    private static final Pattern TESSDATA = Pattern.compile("\"([^\"]+)\"");

    /** The result of looking for Tesseract: the installation, or why there is none. */
    public record Probe(Optional<Tesseract> tesseract, String problem) {

        public boolean available() {
            return tesseract.isPresent();
        }
    }

    /**
     * Looks for Tesseract.
     *
     * @param command   {@code tesseract} (searched on PATH) or a path to the executable
     * @param languages the languages wanted, joined with {@code +}
     * @param niceness  above 0: OCR runs through a wrapper script under {@code wrapperDir} that lowers
     *                  its CPU priority by this much and keeps it to one thread, so that OCR never
     *                  starves uploads and downloads; 0 runs Tesseract directly
     * @param wrapperDir where the wrapper is written
     */
    public static Probe probe(String command, String languages, int niceness, Path wrapperDir) {
        Optional<Path> executable = locate(command);
        if (executable.isEmpty()) {
            return new Probe(Optional.empty(), "Tesseract not found (" + command + " is not an executable file"
                    + (command.contains("/") ? "" : " on PATH") + "); install tesseract-ocr and its language data");
        }
        Path exe = executable.get();
        Run version = run(exe, "--version");
        if (!version.ok()) {
            return new Probe(Optional.empty(), exe + " --version failed: " + version.output());
        }
        Run langs = run(exe, "--list-langs");
        if (!langs.ok()) {
            return new Probe(Optional.empty(), exe + " --list-langs failed: " + langs.output());
        }
        List<String> lines = langs.output().lines().map(String::strip).filter(l -> !l.isEmpty()).toList();
        Matcher dir = lines.isEmpty() ? null : TESSDATA.matcher(lines.get(0));
        if (dir == null || !dir.find()) {
            return new Probe(Optional.empty(), "cannot read the language data directory from " + exe
                    + " --list-langs: " + langs.output());
        }
        List<String> installed = lines.subList(1, lines.size());
        List<String> usable = new ArrayList<>(Arrays.stream(languages.split("\\+")).map(String::strip)
                .filter(installed::contains).toList());
        if (usable.isEmpty()) {
            return new Probe(Optional.empty(), "none of the OCR languages " + languages
                    + " is installed (installed: " + String.join(", ", installed) + ")");
        }
        String engine = version.output().lines().findFirst().orElse("tesseract").strip();
        Path runDir = niceness > 0 ? wrapper(exe, niceness, wrapperDir).orElse(exe.getParent()) : exe.getParent();
        return new Probe(Optional.of(new Tesseract(runDir, Path.of(dir.group(1)), engine, String.join("+", usable))),
                null);
    }

    private static Optional<Path> locate(String command) {
        if (command.contains("/")) {
            Path p = Path.of(command);
            return Files.isRegularFile(p) && Files.isExecutable(p) ? Optional.of(p.toAbsolutePath()) : Optional.empty();
        }
        String path = Optional.ofNullable(System.getenv("PATH")).orElse("/usr/local/bin:/usr/bin:/bin");
        return Arrays.stream(path.split(":")).filter(d -> !d.isEmpty()).map(d -> Path.of(d, command))
                .filter(p -> Files.isRegularFile(p) && Files.isExecutable(p)).findFirst();
    }

    /**
     * Tika runs {@code <directory>/tesseract}; this script in its place runs the real one at a lower
     * priority with one OpenMP thread. It is used only once it has answered {@code --version}, so a
     * volume mounted noexec simply means OCR at normal priority.
     */
    private static Optional<Path> wrapper(Path exe, int niceness, Path wrapperDir) {
        Optional<Path> nice = locate("nice");
        // A shell script with an exec bit needs a POSIX file system; elsewhere Tesseract runs directly.
        if (nice.isEmpty() || !FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            return Optional.empty();
        }
        try {
            Files.createDirectories(wrapperDir);
            Path script = wrapperDir.resolve("tesseract");
            Path tmp = wrapperDir.resolve("tesseract.tmp");
            Files.writeString(tmp, "#!/bin/sh\n# Written by Strongroom: OCR at a lower CPU priority, one thread.\n"
                    + "OMP_THREAD_LIMIT=1 exec " + quote(nice.get()) + " -n " + niceness + " " + quote(exe) + " \"$@\"\n",
                    StandardCharsets.UTF_8);
            Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rwx------"));
            Files.move(tmp, script, StandardCopyOption.REPLACE_EXISTING,
                    StandardCopyOption.ATOMIC_MOVE);
            return run(script, "--version").ok() ? Optional.of(wrapperDir) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static String quote(Path p) {
        return "'" + p.toString().replace("'", "'\\''") + "'";
    }

    private record Run(boolean ok, String output) {
    }

    private static Run run(Path exe, String arg) {
        Path output = null;
        try {
            // Output goes to a file, so a Tesseract that hangs cannot block us past the timeout.
            output = Files.createTempFile("strongroom-tesseract-", ".out");
            Process process = new ProcessBuilder(exe.toString(), arg).redirectErrorStream(true)
                    .redirectOutput(output.toFile()).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                    .start();
            if (!process.waitFor(PROBE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                return new Run(false, "no answer within " + PROBE_TIMEOUT.toSeconds() + " s");
            }
            String text;
            try (InputStream in = Files.newInputStream(output)) {
                text = new String(in.readNBytes(64 * 1024), StandardCharsets.UTF_8).strip();
            }
            return new Run(process.exitValue() == 0, text);
        } catch (IOException e) {
            return new Run(false, e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Run(false, "interrupted");
        } finally {
            if (output != null) {
                try {
                    Files.deleteIfExists(output);
                } catch (IOException ignored) {
                    // a leftover temp file of a few bytes
                }
            }
        }
    }
}
