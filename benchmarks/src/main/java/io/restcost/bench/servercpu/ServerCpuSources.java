package io.restcost.bench.servercpu;

import static io.restcost.bench.setting.Setting.SERVER_CPU;
import static io.restcost.bench.setting.Setting.SERVER_CPU_CREDENTIALS;

import io.restcost.bench.server.ServerStatsProbe;
import io.restcost.bench.setting.SettingException;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.net.ssl.SSLContext;

/**
 * Opens the server-CPU source the user names with {@code --server-cpu}: {@code mock},
 * {@code pid:N}, {@code pidfile:PATH} (each with an optional {@code +children}),
 * {@code prometheus:URL[,metric=NAME]} or {@code exec:COMMAND}. Every source is read once when opened, so a source
 * that cannot be read stops the run before any load is sent.
 */
public final class ServerCpuSources {

    private ServerCpuSources() {
    }

    /**
     * @param probe the mock's stats, for {@code mock}; null when the target has none
     * @param user the metrics user for {@code prometheus:}, or null
     * @param password its password, or null
     * @param tls the trust for an https metrics URL (the target's unless the user gave its own), or null
     * @throws SettingException one line naming the source and the fix when it is malformed or cannot be read
     */
    public static ServerCpuSource open(String spec, ServerStatsProbe probe, String user, char[] password, SSLContext tls) {
        ServerCpuSource source = parse(spec, probe, user, password, tls);
        try {
            source.cpuNanos();
        } catch (PrometheusCpu.CredentialsRefused e) {
            String name = source.name();
            String why = e.getMessage();
            throw new SettingException(n -> n.apply(SERVER_CPU) + " " + name + ": " + why + " (give a user allowed to read the metrics: "
                    + n.apply(SERVER_CPU_CREDENTIALS) + ")");
        } catch (IOException e) {
            String name = source.name();
            String why = e.getMessage();
            throw new SettingException(n -> n.apply(SERVER_CPU) + " " + name + ": " + why);
        }
        return source;
    }

    private static ServerCpuSource parse(String spec, ServerStatsProbe probe, String user, char[] password, SSLContext tls) {
        String s = spec.strip();
        if (s.equals("mock")) {
            if (probe == null || !probe.available()) {
                throw new SettingException(n -> n.apply(SERVER_CPU) + " mock: the target has no restcost mock stats at "
                        + ServerStatsProbe.STATS_PATH + " (for another server give pid:, pidfile: or prometheus:)");
            }
            return new MockCpu(probe);
        }
        if (s.startsWith("pid:") || s.startsWith("pidfile:")) {
            boolean children = s.endsWith("+children");
            String value = s.substring(s.indexOf(':') + 1, children ? s.length() - "+children".length() : s.length());
            long pid = s.startsWith("pid:") ? pid(spec, value) : pidFrom(spec, Path.of(value));
            return new ProcCpu(pid, children, s);
        }
        if (s.startsWith("exec:")) {
            String command = s.substring("exec:".length()).strip();
            if (command.isEmpty()) {
                throw new SettingException(n -> n.apply(SERVER_CPU) + " exec: needs a command that prints the server's CPU time, "
                        + "e.g. exec:'ssh mqhost cat /proc/1234/stat'");
            }
            return new ExecCpu(command);
        }
        if (s.startsWith("prometheus:")) {
            String rest = s.substring("prometheus:".length());
            String metric = null;
            int comma = rest.indexOf(",metric=");
            if (comma >= 0) {
                metric = rest.substring(comma + ",metric=".length());
                rest = rest.substring(0, comma);
            }
            URI url;
            try {
                url = URI.create(rest);
            } catch (IllegalArgumentException e) {
                String notUrl = rest;
                throw new SettingException(n -> n.apply(SERVER_CPU) + " " + spec + ": " + notUrl + " is not a URL "
                        + "(write prometheus:https://HOST:PORT/metrics)");
            }
            if (url.getScheme() == null || !(url.getScheme().equals("http") || url.getScheme().equals("https")) || url.getHost() == null) {
                String notHttp = rest;
                throw new SettingException(n -> n.apply(SERVER_CPU) + " " + spec + ": " + notHttp + " must be an http:// or https:// URL "
                        + "(write prometheus:https://HOST:PORT/metrics)");
            }
            if ((user == null) != (password == null)) {
                throw new SettingException(n -> n.apply(SERVER_CPU) + " " + spec + ": give " + n.apply(SERVER_CPU_CREDENTIALS) + ", or neither");
            }
            return new PrometheusCpu(url, metric, user == null ? null : PrometheusCpu.basic(user, password), tls,
                    "prometheus:" + rest + (metric == null ? "" : ",metric=" + metric));
        }
        throw new SettingException(n -> n.apply(SERVER_CPU) + " " + spec + ": unknown source (use mock, pid:N, pidfile:PATH, "
                + "either with +children, prometheus:URL[,metric=NAME] or exec:COMMAND)");
    }

    private static long pid(String spec, String value) {
        try {
            long pid = Long.parseLong(value.strip());
            if (pid > 0) {
                return pid;
            }
        } catch (NumberFormatException e) {
            // named below
        }
        throw new SettingException(n -> n.apply(SERVER_CPU) + " " + spec + ": " + value + " is not a process id (write e.g. pid:1234)");
    }

    private static long pidFrom(String spec, Path file) {
        String text;
        try {
            text = Files.readString(file).strip();
        } catch (IOException e) {
            String kind = e.getClass().getSimpleName();
            throw new SettingException(n -> n.apply(SERVER_CPU) + " " + spec + ": " + file + " cannot be read ("
                    + kind + "; give the server's pid file, e.g. pidfile:/run/nginx.pid)");
        }
        return pid(spec, text);
    }
}
