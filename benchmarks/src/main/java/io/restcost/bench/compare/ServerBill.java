package io.restcost.bench.compare;

import io.restcost.bench.results.Results;
import io.restcost.bench.results.RunSummary;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;

/**
 * What a measuring script wrote down, read back for a judge: one row per client run of
 * {@code measurements.tsv}, with the server's bill over that run's window as the script read it
 * from {@code /proc} and the server's access log, and where the client's rate comes from.
 *
 * <p>The file's columns, separated by tabs or spaces, one run per line ({@code -} where a column
 * does not apply; lines starting with {@code #} are comments):
 * <pre>
 * round name peer asked ticks served wakeups client
 * 1     os-apache-jdk hey-os-apache-jdk 50 104 501 - run:os-apache-jdk-1
 * 1     hey-os-apache-jdk os-apache-jdk 50 98 500 - sent:500:10093847112
 * 1     wrk-apache - - 412 301122 - rate:30112.25
 * </pre>
 * {@code ticks} is the server's CPU in clock ticks of {@code /proc/PID/stat} ({@code clkTck} of
 * {@code settings.properties} per second), {@code served} the requests it logged, {@code peer}
 * the run beside it in the same window. {@code client} is {@code run:DIR} (a restcost run folder
 * beside the file), {@code sent:N:NANOS} (N requests in NANOS of wall time) or {@code rate:X}
 * (the rate the tool printed).
 */
public record ServerBill(Path folder, Properties settings, List<Row> rows) {

    /** The file of rows in a measurements folder. */
    public static final String FILE = "measurements.tsv";
    /** The folder's settings: clkTck, and the script's arguments. */
    public static final String SETTINGS = "settings.properties";

    /** One client run. */
    public record Row(int round, String name, String peer, Double asked, Long ticks, Long served, Long wakeups, String client) {
    }

    /**
     * Reads a measurements folder.
     *
     * @throws IllegalArgumentException one line naming the folder, the line or the column that cannot be read
     */
    public static ServerBill read(Path folder) {
        Properties settings = new Properties();
        List<Row> rows = new ArrayList<>();
        try (Reader r = Files.newBufferedReader(folder.resolve(SETTINGS))) {
            settings.load(r);
            int n = 0;
            for (String line : Files.readAllLines(folder.resolve(FILE))) {
                n++;
                if (!line.isBlank() && !line.startsWith("#")) {
                    rows.add(row(folder.resolve(FILE) + ":" + n, line.trim().split("\\s+")));
                }
            }
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException(e.getFile() + " does not exist (give the folder a measuring script wrote, with "
                    + FILE + " and " + SETTINGS + ")");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (rows.isEmpty()) {
            throw new IllegalArgumentException(folder.resolve(FILE) + " holds no measurements (did the script stop before its first run?)");
        }
        return new ServerBill(folder, settings, List.copyOf(rows));
    }

    private static Row row(String where, String[] f) {
        if (f.length != 8) {
            throw new IllegalArgumentException(where + ": " + f.length + " columns, not 8 (round name peer asked ticks served wakeups client)");
        }
        try {
            return new Row(Integer.parseInt(f[0]), f[1], dash(f[2]), dash(f[3]) == null ? null : Double.valueOf(f[3]),
                    number(f[4]), number(f[5]), number(f[6]), f[7]);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(where + ": not a number where one belongs (" + String.join(" ", f) + ")");
        }
    }

    private static String dash(String s) {
        return "-".equals(s) ? null : s;
    }

    private static Long number(String s) {
        return dash(s) == null ? null : Long.valueOf(s);
    }

    /** The row of {@code name} in {@code round}. */
    public Row row(String name, int round) {
        return rows.stream().filter(r -> r.round() == round && r.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException(folder.resolve(FILE) + ": no run " + name + " in round " + round
                        + " (was the script stopped early?)"));
    }

    /** The rounds, 1 to the highest written. */
    public int rounds() {
        return rows.stream().mapToInt(Row::round).max().orElse(0);
    }

    /** A setting the script wrote, or {@code fallback}. */
    public String setting(String key, String fallback) {
        return settings.getProperty(key, fallback);
    }

    /** The server's CPU per request over the row's window, in microseconds. */
    public double microsPerRequest(Row r) {
        if (r.ticks() == null || r.served() == null || r.served() == 0) {
            throw new IllegalArgumentException(folder.resolve(FILE) + ": " + r.name() + " in round " + r.round()
                    + " has no server CPU or no requests served");
        }
        double clkTck = Double.parseDouble(setting("clkTck", "100"));
        return r.ticks() * 1_000_000.0 / clkTck / r.served();
    }

    /** The client's rate per second, from its run folder, its requests and wall time, or the rate it printed. */
    public double rate(Row r) {
        String c = r.client();
        if (c.startsWith("run:")) {
            return summary(r).throughputPerSecond();
        }
        if (c.startsWith("sent:")) {
            String[] p = c.split(":");
            return Long.parseLong(p[1]) * 1e9 / Long.parseLong(p[2]);
        }
        if (c.startsWith("rate:")) {
            return Double.parseDouble(c.substring("rate:".length()));
        }
        throw new IllegalArgumentException(folder.resolve(FILE) + ": " + r.name() + " in round " + r.round() + ": client '" + c
                + "' is none of run:DIR, sent:N:NANOS, rate:X");
    }

    /** The restcost run of the row, if its client was restcost. */
    public Optional<RunSummary> run(Row r) {
        return r.client().startsWith("run:") ? Optional.of(summary(r)) : Optional.empty();
    }

    private RunSummary summary(Row r) {
        return Results.summary(folder.resolve(r.client().substring("run:".length())));
    }
}
