package dev.strongroom.process;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the vault asked the kernel, in the order the calls completed, read from the output of
 * {@code strace -f -y -e trace=fsync,fdatasync,rename,renameat,renameat2,openat,unlink,write,writev}.
 * File descriptors are mapped to paths: from {@code -y}'s {@code 12</path>} where strace printed it,
 * else from the {@code openat} that returned the descriptor. Only successful calls are kept.
 */
final class SyscallTrace {

    /** One completed call. {@code path} is the file the call is about (for a rename: its target). */
    record Call(int index, String name, String path, String from, String text) {

        boolean isSync() {
            return name.equals("fsync") || name.equals("fdatasync");
        }

        boolean isRename() {
            return name.startsWith("rename");
        }

        @Override
        public String toString() {
            return isRename() ? "#" + index + " " + name + "(" + from + " -> " + path + ")"
                    : "#" + index + " " + name + "(" + path + (text.isEmpty() ? "" : ", " + text) + ")";
        }
    }

    private static final Pattern LINE = Pattern.compile("^(?:\\[pid\\s+)?(\\d+)\\]?\\s+(.*)$");
    private static final Pattern CALL = Pattern.compile("^(\\w+)\\((.*)\\)\\s+=\\s+(-?\\d+)(?:<([^>]*)>)?.*$");
    private static final Pattern UNFINISHED = Pattern.compile("^(\\w+)\\((.*)\\s<unfinished \\.\\.\\.>$");
    private static final Pattern RESUMED = Pattern.compile("^<\\.\\.\\. (\\w+) resumed>(.*)$");
    private static final Pattern STRING = Pattern.compile("\"((?:[^\"\\\\]|\\\\.)*)\"");
    private static final Pattern FD = Pattern.compile("^(-?\\d+)(?:<([^>]*)>)?");

    private final List<Call> calls;

    private SyscallTrace(List<Call> calls) {
        this.calls = calls;
    }

    static SyscallTrace read(Path straceOutput) throws IOException {
        return parse(Files.readAllLines(straceOutput, StandardCharsets.UTF_8));
    }

    static SyscallTrace parse(List<String> lines) {
        Map<String, String> unfinished = new HashMap<>();
        Map<Integer, String> openFiles = new HashMap<>();
        List<Call> calls = new ArrayList<>();
        for (String raw : lines) {
            Matcher line = LINE.matcher(raw.strip());
            String pid = line.matches() ? line.group(1) : "";
            String rest = line.matches() ? line.group(2) : raw.strip();
            Matcher start = UNFINISHED.matcher(rest);
            if (start.matches()) {
                unfinished.put(pid, start.group(1) + "(" + start.group(2));
                continue;
            }
            Matcher resumed = RESUMED.matcher(rest);
            if (resumed.matches()) {
                String begun = unfinished.remove(pid);
                if (begun == null) {
                    continue;
                }
                rest = begun + resumed.group(2);
            }
            Matcher call = CALL.matcher(rest);
            if (!call.matches() || Long.parseLong(call.group(3)) < 0) {
                continue;
            }
            add(calls, openFiles, call.group(1), call.group(2), Integer.parseInt(call.group(3)), call.group(4));
        }
        return new SyscallTrace(calls);
    }

    private static void add(List<Call> calls, Map<Integer, String> openFiles, String name, String args, int result,
            String resultPath) {
        int index = calls.size();
        List<String> strings = new ArrayList<>();
        Matcher s = STRING.matcher(args);
        while (s.find()) {
            strings.add(unescape(s.group(1)));
        }
        switch (name) {
            case "openat" -> {
                String path = resultPath != null ? resultPath : strings.isEmpty() ? "" : strings.get(0);
                openFiles.put(result, path);
                calls.add(new Call(index, name, path, null, args.contains("O_CREAT") ? "O_CREAT" : ""));
            }
            case "rename" -> calls.add(new Call(index, name, strings.get(1), strings.get(0), ""));
            case "renameat", "renameat2" -> calls.add(new Call(index, name, strings.get(1), strings.get(0), ""));
            case "unlink" -> calls.add(new Call(index, name, strings.get(0), null, ""));
            case "fsync", "fdatasync", "write", "writev" -> {
                Matcher fd = FD.matcher(args);
                if (!fd.find()) {
                    return;
                }
                String path = fd.group(2) != null ? fd.group(2) : openFiles.getOrDefault(Integer.parseInt(fd.group(1)), "");
                String text = name.startsWith("write") && !strings.isEmpty() ? strings.get(0) : "";
                calls.add(new Call(index, name, path, null, text));
            }
            default -> {
                // other calls are not about durability
            }
        }
    }

    private static String unescape(String s) {
        return s.replace("\\\"", "\"").replace("\\\\", "\\").replace("\\r", "\r").replace("\\n", "\n");
    }

    List<Call> calls() {
        return calls;
    }

    /** The HTTP responses the vault wrote with the given status, in order. */
    List<Call> responses(int status) {
        return calls.stream().filter(c -> c.name().startsWith("write") && c.text().startsWith("HTTP/1.1 " + status + " "))
                .toList();
    }
}
