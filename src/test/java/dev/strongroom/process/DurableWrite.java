package dev.strongroom.process;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.BiPredicate;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * One durable write of the vault as the order of system calls that makes it durable: for example
 * fsync the temp file, rename it into place, fsync the directory, and only then answer. A step may
 * refer to the calls matched before it ({@code matched.get(i)}), so that the rename is the rename of
 * that temp file and the directory is that file's directory. {@link #findIn} looks for the steps in
 * this order anywhere in a trace, trying every candidate for the first step.
 */
record DurableWrite(String name, List<Step> steps) {

    /** One call the write needs; {@code test} sees the call and the calls matched by the earlier steps. */
    record Step(String what, BiPredicate<SyscallTrace.Call, List<SyscallTrace.Call>> test) {
    }

    static DurableWrite of(String name, Step... steps) {
        return new DurableWrite(name, List.of(steps));
    }

    static Step step(String what, BiPredicate<SyscallTrace.Call, List<SyscallTrace.Call>> test) {
        return new Step(what, test);
    }

    static Step step(String what, Predicate<SyscallTrace.Call> test) {
        return new Step(what, (call, matched) -> test.test(call));
    }

    /** fsync or fdatasync of a file whose path matches. */
    static Step synced(String what, Pattern path) {
        return step(what, c -> c.isSync() && path.matcher(c.path()).matches());
    }

    /** The rename of the file synced in step {@code synced} to a path that matches {@code to}. */
    static Step renamedFrom(String what, int synced, Pattern to) {
        return step(what, (c, m) -> c.isRename() && c.from().equals(m.get(synced).path()) && to.matcher(c.path()).matches());
    }

    /** fsync of the directory holding the file of step {@code earlier} (for a rename: its target). */
    static Step syncedDirectoryOf(String what, int earlier) {
        return step(what, (c, m) -> c.isSync() && c.path().equals(parent(m.get(earlier).path())));
    }

    static Step answered(int status) {
        return step("the HTTP " + status + " answer", c -> c.name().startsWith("write")
                && c.text().startsWith("HTTP/1.1 " + status + " "));
    }

    static String parent(String path) {
        int slash = path.lastIndexOf('/');
        return slash <= 0 ? "/" : path.substring(0, slash);
    }

    /**
     * Empty when the trace holds the steps in order; otherwise a finding naming the first step that
     * could not be found after the longest run of steps that could.
     */
    Optional<String> findIn(SyscallTrace trace) {
        List<SyscallTrace.Call> calls = trace.calls();
        List<SyscallTrace.Call> best = List.of();
        for (SyscallTrace.Call first : calls) {
            if (!steps.get(0).test().test(first, List.of())) {
                continue;
            }
            List<SyscallTrace.Call> matched = new ArrayList<>(List.of(first));
            int next = first.index() + 1;
            while (matched.size() < steps.size()) {
                Step step = steps.get(matched.size());
                SyscallTrace.Call found = null;
                for (int i = next; i < calls.size(); i++) {
                    if (step.test().test(calls.get(i), matched)) {
                        found = calls.get(i);
                        break;
                    }
                }
                if (found == null) {
                    break;
                }
                matched.add(found);
                next = found.index() + 1;
            }
            if (matched.size() == steps.size()) {
                return Optional.empty();
            }
            if (matched.size() > best.size()) {
                best = matched;
            }
        }
        if (best.isEmpty()) {
            return Optional.of(name + ": never saw " + steps.get(0).what());
        }
        return Optional.of(name + ": no " + steps.get(best.size()).what() + " after " + steps.get(best.size() - 1).what()
                + " (matched " + best + ")");
    }
}
