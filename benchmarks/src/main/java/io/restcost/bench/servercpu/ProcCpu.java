package io.restcost.bench.servercpu;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A process on this machine, read from {@code /proc/PID/stat}: user plus system time of the
 * whole process, which keeps the time of threads that exited (JVM servers retire pool threads;
 * summing the live threads' {@code schedstat} loses it). With {@code +children} it adds every
 * live descendant (nginx's workers) and the children already reaped by the process.
 */
final class ProcCpu implements ServerCpuSource {

    private static final Path PROC = Path.of("/proc");

    private final long pid;
    private final boolean children;
    private final String name;
    private final long nanosPerTick;

    ProcCpu(long pid, boolean children, String name) {
        this.pid = pid;
        this.children = children;
        this.name = name;
        this.nanosPerTick = 1_000_000_000L / ticksPerSecond();
    }

    @Override
    public long cpuNanos() throws IOException {
        long[] own;
        try {
            own = times(pid);
        } catch (NoSuchFileException e) {
            throw new IOException("no process " + pid + " on this machine (it ended, or the pid is wrong)");
        }
        long ticks = own[0] + own[1];
        if (children) {
            ticks += own[2] + own[3];
            for (long child : descendants(pid)) {
                try {
                    long[] t = times(child);
                    ticks += t[0] + t[1];
                } catch (NoSuchFileException gone) {
                    // exited between the listing and the read: its time is in its parent's reaped-children figure
                }
            }
        }
        return ticks * nanosPerTick;
    }

    /** utime, stime, cutime, cstime in clock ticks (fields 14 to 17 of /proc/PID/stat). */
    private static long[] times(long pid) throws IOException {
        String[] f = fieldsAfterName(Files.readString(PROC.resolve(Long.toString(pid)).resolve("stat")));
        // f[0] is field 3 (state); field N is f[N - 3].
        return new long[] {Long.parseLong(f[11]), Long.parseLong(f[12]), Long.parseLong(f[13]), Long.parseLong(f[14])};
    }

    /** The fields after the command name, which is in parentheses and may hold spaces. */
    private static String[] fieldsAfterName(String stat) {
        return stat.substring(stat.lastIndexOf(')') + 2).trim().split(" ");
    }

    private static List<Long> descendants(long root) throws IOException {
        Map<Long, List<Long>> byParent = new HashMap<>();
        try (Stream<Path> entries = Files.list(PROC)) {
            for (Path p : (Iterable<Path>) entries::iterator) {
                String n = p.getFileName().toString();
                if (!n.chars().allMatch(Character::isDigit)) {
                    continue;
                }
                try {
                    long ppid = Long.parseLong(fieldsAfterName(Files.readString(p.resolve("stat")))[1]);
                    byParent.computeIfAbsent(ppid, k -> new ArrayList<>()).add(Long.parseLong(n));
                } catch (IOException | RuntimeException gone) {
                    // a process that ended while /proc was listed
                }
            }
        }
        List<Long> found = new ArrayList<>();
        List<Long> todo = new ArrayList<>(byParent.getOrDefault(root, List.of()));
        while (!todo.isEmpty()) {
            long p = todo.remove(todo.size() - 1);
            found.add(p);
            todo.addAll(byParent.getOrDefault(p, List.of()));
        }
        return found;
    }

    private static long ticksPerSecond() {
        try {
            Process p = new ProcessBuilder("getconf", "CLK_TCK").redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes()).trim();
            return p.waitFor() == 0 ? Long.parseLong(out) : 100;
        } catch (IOException | NumberFormatException e) {
            return 100; // USER_HZ on every Linux architecture that matters
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 100;
        }
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Duration resolution() {
        return Duration.ofNanos(nanosPerTick);
    }

    @Override
    public String includes() {
        return "all of the process's CPU" + (children ? " and its children's" : "")
                + ": for a JVM also its garbage collection and JIT compilation, and the work of any other client";
    }
}
