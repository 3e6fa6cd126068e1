package dev.strongroom.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * CPU time (user + system) a server process and its child processes have used, from
 * {@code /proc/<pid>/stat}, as every thread of them counts it: JIT compilers, collectors and event
 * loops included. On a machine shared with other work, throughput moves with the neighbours' load;
 * the CPU a server spends per request barely does, so every benchmark reports it next to the rate.
 * <p>
 * Child processes are those alive when the meter is made (nginx's workers); each is read on its own,
 * since the kernel adds a child's time to its parent only once the child has exited and been reaped.
 */
final class ProcessCpu {

    /** Clock ticks per second of the stat file's times; the shell passes {@code getconf CLK_TCK}. */
    private static final double TICKS = Double.parseDouble(System.getProperty("bench.clk_tck", "100"));

    private final List<Long> pids;

    private ProcessCpu(List<Long> pids) {
        this.pids = pids;
    }

    /** The process and the children it has now. */
    static ProcessCpu of(long pid) {
        List<Long> pids = new ArrayList<>();
        pids.add(pid);
        ProcessHandle.of(pid).ifPresent(p -> p.descendants().forEach(child -> pids.add(child.pid())));
        return new ProcessCpu(pids);
    }

    /** This JVM: the benchmarks that run their work in process (the disk loop, the journal). */
    static ProcessCpu self() {
        return new ProcessCpu(List.of(ProcessHandle.current().pid()));
    }

    /** Seconds of CPU used so far by every process of this meter. */
    double seconds() {
        long ticks = 0;
        for (long pid : pids) {
            ticks += ticks(pid);
        }
        return ticks / TICKS;
    }

    private static long ticks(long pid) {
        String stat;
        try {
            stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
        } catch (NoSuchFileException e) {
            return 0; // a worker that has gone; its time went to the parent when it was reaped
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        // The command name (field 2) may hold spaces and parentheses: count fields after its last ')'.
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        // Fields 14 (utime) and 15 (stime) of proc(5), here at index 11 and 12 (field 3 is index 0).
        return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
    }
}
