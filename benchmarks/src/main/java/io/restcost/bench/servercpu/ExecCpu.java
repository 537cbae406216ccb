package io.restcost.bench.servercpu;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A server on another host, or one {@code pid:} cannot reach (z/OS, a container): a command
 * the user gives, run through {@code sh -c}, prints the server process's cumulative CPU time,
 * e.g. {@code ssh mqhost cat /proc/1234/stat}, {@code kubectl exec POD -- cat /proc/1/stat}, or
 * {@code ps -o time= -p PID} under z/OS UNIX System Services. Three forms are read:
 *
 * <ul>
 *   <li>a {@code /proc/PID/stat} line: user plus system time, in ticks of 1/100 s (USER_HZ);</li>
 *   <li>{@code [[DD-]HH:]MM:SS[.ss]}, as {@code ps -o time=} prints it: resolution one second, or
 *       the fraction's last digit;</li>
 *   <li>plain seconds, e.g. {@code 83.45}: resolution the last digit.</li>
 * </ul>
 *
 * The form and its resolution are named in {@link #includes()} and {@link #resolution()}. A
 * command that takes longer than a second is read only at the window's ends. Secrets belong in
 * environment variables ({@code $VAR} is expanded by the shell, after the command is recorded):
 * the command is recorded with the values of password options, {@code -u user:password} and a
 * URL's {@code user:password@} replaced.
 */
final class ExecCpu implements ServerCpuSource {

    /** A call slower than this is made only at the window's ends. */
    static final Duration SLOW = Duration.ofSeconds(1);
    private static final Duration TIMEOUT = Duration.ofSeconds(20);
    private static final long NANOS_PER_TICK = 10_000_000L; // USER_HZ = 100 on every Linux that matters
    private static final Pattern CLOCK = Pattern.compile("(?:(?:(\\d+)-)?(\\d+):)?(\\d+):(\\d+)(?:\\.(\\d+))?");
    private static final Pattern SECONDS = Pattern.compile("(\\d+)(?:\\.(\\d+))?");

    /** One reading, and the form it was read in. */
    record Reading(long nanos, String form, Duration resolution) {
    }

    private final String command;
    private final String name;
    private volatile Reading last;
    private volatile boolean slow;

    ExecCpu(String command) {
        this.command = command;
        this.name = "exec:" + redact(command);
    }

    @Override
    public long cpuNanos() throws IOException {
        long start = System.nanoTime();
        String out = run();
        if (System.nanoTime() - start > SLOW.toNanos()) {
            slow = true;
        }
        Reading r = parse(out);
        last = r;
        return r.nanos();
    }

    private String run() throws IOException {
        Process p = new ProcessBuilder(List.of("sh", "-c", command)).redirectErrorStream(false).start();
        p.getOutputStream().close();
        try (InputStream in = p.getInputStream(); InputStream err = p.getErrorStream()) {
            String out = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            String errors = new String(err.readAllBytes(), StandardCharsets.UTF_8).strip();
            if (!p.waitFor(TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IOException("the command did not end within " + TIMEOUT.toSeconds() + " s");
            }
            if (p.exitValue() != 0) {
                throw new IOException("the command exited with " + p.exitValue()
                        + (errors.isEmpty() ? "" : ": " + firstLine(errors)));
            }
            return out;
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while the command ran");
        }
    }

    /**
     * The CPU time in what a command printed.
     *
     * @throws IOException naming the forms, when the output is none of them
     */
    static Reading parse(String output) throws IOException {
        String text = output.strip();
        int paren = text.lastIndexOf(')');
        if (paren > 0 && text.indexOf('(') >= 0) {
            String[] f = text.substring(paren + 1).trim().split("\\s+");
            // after the name: field 3 (state) is f[0], utime (14) f[11], stime (15) f[12]
            if (f.length > 12) {
                try {
                    long ticks = Long.parseLong(f[11]) + Long.parseLong(f[12]);
                    return new Reading(ticks * NANOS_PER_TICK, "a /proc/PID/stat line (user + system ticks of 10 ms)",
                            Duration.ofNanos(NANOS_PER_TICK));
                } catch (NumberFormatException e) {
                    // not a stat line after all: named below
                }
            }
        }
        String first = firstLine(text);
        Matcher clock = CLOCK.matcher(first);
        if (clock.matches()) {
            long days = clock.group(1) == null ? 0 : Long.parseLong(clock.group(1));
            long hours = clock.group(2) == null ? 0 : Long.parseLong(clock.group(2));
            long seconds = ((days * 24 + hours) * 60 + Long.parseLong(clock.group(3))) * 60 + Long.parseLong(clock.group(4));
            return withFraction(seconds, clock.group(5), "[[DD-]HH:]MM:SS[.ss] (as ps -o time= prints it)");
        }
        Matcher plain = SECONDS.matcher(first);
        if (plain.matches()) {
            return withFraction(Long.parseLong(plain.group(1)), plain.group(2), "seconds");
        }
        throw new IOException("its output, \"" + (first.length() > 60 ? first.substring(0, 60) + "..." : first)
                + "\", is none of a /proc/PID/stat line, [[DD-]HH:]MM:SS[.ss] or seconds");
    }

    private static Reading withFraction(long seconds, String fraction, String form) {
        long nanos = seconds * 1_000_000_000L;
        Duration resolution = Duration.ofSeconds(1);
        if (fraction != null) {
            String digits = fraction.length() > 9 ? fraction.substring(0, 9) : fraction;
            nanos += Long.parseLong(digits) * (long) Math.pow(10, 9 - digits.length());
            resolution = Duration.ofNanos((long) Math.pow(10, 9 - digits.length()));
        }
        return new Reading(nanos, form, resolution);
    }

    /** The command as it may be recorded: values of password options and URL credentials replaced. */
    static String redact(String command) {
        String s = command;
        // a URL's user:password@
        s = s.replaceAll("(://[^:/@\\s]+):[^@\\s]+@", "$1:<redacted>@");
        // --password VALUE, --password=VALUE, --pass, --token, --secret (any case)
        s = s.replaceAll("(?i)(--?(?:password|passwd|pass|token|secret)[=\\s]+)(\"[^\"]*\"|'[^']*'|\\S+)", "$1<redacted>");
        // sshpass -p VALUE; curl -u user:password
        s = s.replaceAll("(\\bsshpass\\s+-p\\s*)(\\S+)", "$1<redacted>");
        s = s.replaceAll("((?:^|\\s)(?:-u|--user)[=\\s]+[^:\\s]+):(\\S+)", "$1:<redacted>");
        // NAME=value assignments whose name says secret
        s = s.replaceAll("(?i)(\\b\\w*(?:password|passwd|token|secret)\\w*=)(\\S+)", "$1<redacted>");
        return s;
    }

    private static String firstLine(String s) {
        int nl = s.indexOf('\n');
        return (nl < 0 ? s : s.substring(0, nl)).strip();
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Duration resolution() {
        Reading r = last;
        return r == null ? Duration.ofSeconds(1) : r.resolution();
    }

    @Override
    public String includes() {
        Reading r = last;
        return "what the command printed, read as " + (r == null ? "?" : r.form())
                + ": the whole server process's CPU, for a JVM also its garbage collection and JIT compilation, and the work"
                + " of any other client" + (slow ? "; one call took over " + SLOW.toSeconds() + " s, so it was read at the window's"
                + " ends only" : "");
    }

    @Override
    public boolean readEachSecond() {
        return !slow;
    }
}
