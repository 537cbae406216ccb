package io.restcost.bench.server;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A server in a child JVM on this machine's classpath, so its CPU is not the client's.
 * {@link #start} returns once the child printed its ready line; {@link #close} stops it.
 */
final class ChildJvm implements AutoCloseable {

    private final Process process;
    private final List<String> output;

    private ChildJvm(Process process, List<String> output) {
        this.process = process;
        this.output = output;
    }

    /**
     * @param jvmOptions e.g. heap size
     * @param ready true for the line after which the server serves
     * @throws IOException if the child exits or says nothing ready within 60 s
     */
    static ChildJvm start(List<String> jvmOptions, String mainClass, List<String> args, Predicate<String> ready)
            throws IOException {
        List<String> cmd = new ArrayList<>(io.restcost.liberty.ServerCpus.prefix());
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(jvmOptions);
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(mainClass);
        cmd.addAll(args);
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        Process p = pb.start();
        BufferedReader in = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        List<String> lines = new ArrayList<>();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        String line;
        while ((line = in.readLine()) != null) {
            lines.add(line);
            if (ready.test(line)) {
                Thread drain = new Thread(() -> {
                    try {
                        while (in.readLine() != null) {
                            // keep the pipe from filling up
                        }
                    } catch (IOException ignored) {
                        // the child stopped
                    }
                }, "restcost-child-output");
                drain.setDaemon(true);
                drain.start();
                return new ChildJvm(p, lines);
            }
            if (System.nanoTime() > deadline) {
                break;
            }
        }
        p.destroyForcibly();
        throw new IOException(mainClass + " did not start: " + String.join(" | ", lines));
    }

    /** The lines the child printed up to and including its ready line. */
    List<String> output() {
        return output;
    }

    /** Asks the child to stop (SIGTERM, so its shutdown hooks run), then forces it after 10 s. */
    @Override
    public void close() {
        Cleanup.stop(process);
    }
}
