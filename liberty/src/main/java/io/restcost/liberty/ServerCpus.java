package io.restcost.liberty;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Which CPUs the servers restcost starts (the mock's JVM, Open Liberty) run on: all by
 * default, or those of {@code taskset -c LIST}, so that server CPU is measured with client
 * and server on separate cores. Set once per JVM, by the suite's {@code --server-cpus}.
 */
public final class ServerCpus {

    private static volatile String cpus;

    private ServerCpus() {
    }

    /**
     * Pins the servers started from now on to {@code list} (e.g. {@code 0} or {@code 0-1}).
     *
     * @throws IllegalArgumentException when the list is malformed or taskset is not installed
     */
    public static void pin(String list) {
        if (!list.matches("[0-9]+([-,][0-9]+)*")) {
            throw new IllegalArgumentException("--server-cpus " + list + ": give CPU numbers, e.g. 0 or 0,2 or 0-1");
        }
        if (List.of("/usr/bin/taskset", "/bin/taskset").stream().noneMatch(p -> Files.isExecutable(Path.of(p)))) {
            throw new IllegalArgumentException("--server-cpus needs taskset (apt-get install util-linux)");
        }
        cpus = list;
    }

    /** The command prefix that pins a server: {@code taskset -c LIST}, or nothing. */
    public static List<String> prefix() {
        String c = cpus;
        return c == null ? List.of() : List.of("taskset", "-c", c);
    }
}
