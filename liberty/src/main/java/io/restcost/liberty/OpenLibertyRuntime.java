package io.restcost.liberty;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Enumeration;
import java.util.Properties;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * Where an Open Liberty runtime ({@code wlp/}) is: the one the user names, or the full runtime
 * zip that {@code mvn -Pliberty} put in the local Maven repository, unpacked once into a cache
 * folder. Nothing is downloaded here: Maven does that.
 */
public final class OpenLibertyRuntime {

    /** The runtime version restcost is built and tested against. */
    public static final String VERSION = versionFromBuild();
    public static final String ARTIFACT = "io.openliberty:openliberty-runtime:" + VERSION + ":zip";

    private OpenLibertyRuntime() {
    }

    /**
     * A runtime's {@code wlp} folder.
     *
     * @param wlpDir the user's own runtime, or null to use the one Maven fetched
     * @throws IllegalStateException in one line saying how to get a runtime when there is none
     */
    public static Path locate(Path wlpDir) {
        if (wlpDir != null) {
            if (!Files.isRegularFile(wlpDir.resolve("bin").resolve("server"))) {
                throw new IllegalStateException("--wlp-dir " + wlpDir + " is not an Open Liberty runtime (no bin/server in it)");
            }
            return wlpDir;
        }
        Path zip = zipInLocalRepository();
        if (!Files.isRegularFile(zip)) {
            throw new IllegalStateException("no Open Liberty runtime: run `mvn -B verify -Pliberty` once (Maven fetches " + ARTIFACT
                    + " into " + zip.getParent() + "), or give --wlp-dir DIR");
        }
        return unpacked(zip);
    }

    /** The runtime zip's place in the local Maven repository ({@code -Dmaven.repo.local} or {@code ~/.m2/repository}). */
    public static Path zipInLocalRepository() {
        String explicit = System.getProperty("restcost.liberty.zip");
        if (explicit != null && !explicit.isBlank()) {
            return Path.of(explicit);
        }
        String repo = System.getProperty("maven.repo.local");
        Path root = repo != null && !repo.isBlank() ? Path.of(repo) : Path.of(System.getProperty("user.home"), ".m2", "repository");
        return root.resolve("io/openliberty/openliberty-runtime").resolve(VERSION).resolve("openliberty-runtime-" + VERSION + ".zip");
    }

    /** Unpacks the zip once into {@code ~/.cache/restcost/openliberty-VERSION} (a half-done unpack is never used). */
    static Path unpacked(Path zip) {
        Path cache = Path.of(System.getProperty("user.home"), ".cache", "restcost", "openliberty-" + VERSION);
        Path wlp = cache.resolve("wlp");
        Path done = cache.resolve(".complete");
        if (Files.exists(done)) {
            return wlp;
        }
        try {
            Files.createDirectories(cache);
            Path tmp = Files.createTempDirectory(cache, "unpack-");
            try (ZipFile z = new ZipFile(zip.toFile())) {
                Enumeration<? extends ZipEntry> entries = z.entries();
                while (entries.hasMoreElements()) {
                    ZipEntry e = entries.nextElement();
                    Path target = tmp.resolve(e.getName()).normalize();
                    if (!target.startsWith(tmp)) {
                        throw new IOException("zip entry outside the folder: " + e.getName());
                    }
                    if (e.isDirectory()) {
                        Files.createDirectories(target);
                        continue;
                    }
                    Files.createDirectories(target.getParent());
                    try (InputStream in = z.getInputStream(e)) {
                        Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
                    }
                    if (e.getName().startsWith("wlp/bin/") || e.getName().startsWith("wlp/lib/native/")) {
                        target.toFile().setExecutable(true, false);
                    }
                }
            }
            if (Files.exists(wlp)) {
                deleteTree(wlp);
            }
            Files.move(tmp.resolve("wlp"), wlp, StandardCopyOption.ATOMIC_MOVE);
            deleteTree(tmp);
            Files.writeString(done, zip + "\n");
            return wlp;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot unpack " + zip + " into " + cache + ": " + e.getMessage(), e);
        }
    }

    /**
     * Deletes an unpacked runtime before it is replaced: unlike {@code TempFolders.deleteTree},
     * which leaves what it cannot delete to the OS, a failure here must stop the unpack.
     */
    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (var walk = Files.walk(dir)) {
            for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    private static String versionFromBuild() {
        Properties p = new Properties();
        try (InputStream in = OpenLibertyRuntime.class.getResourceAsStream("openliberty.properties")) {
            if (in != null) {
                p.load(in);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return p.getProperty("openliberty.version", "26.0.0.3");
    }
}
