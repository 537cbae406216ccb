package io.restcost.bench.testing;

import io.restcost.mock.MockMqWeb;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The mock mqweb for a test class (cheap password checks), and mqadmin's password in an
 * owner-only file, as a user would give it to {@code --password-file}. Register it as a
 * static field with {@code @RegisterExtension}; it stops the mock after the class.
 */
public final class MockTarget implements BeforeAllCallback, AfterAllCallback {

    public static final String USER = "mqadmin";

    private MockMqWeb mq;
    private Path passwordFile;

    @Override
    public void beforeAll(ExtensionContext context) throws IOException {
        mq = MockMqWeb.builder().passwordIterations(100).start();
        passwordFile = passwordFile(Files.createTempDirectory("restcost-test"), mq.password(USER));
    }

    @Override
    public void afterAll(ExtensionContext context) throws IOException {
        mq.close();
        Files.deleteIfExists(passwordFile);
        Files.deleteIfExists(passwordFile.getParent());
    }

    public MockMqWeb mq() {
        return mq;
    }

    public String url() {
        return mq.baseUri().toString();
    }

    public String ca() {
        return mq.caPem().toString();
    }

    /** mqadmin's password file. */
    public String passwordFile() {
        return passwordFile.toString();
    }

    /**
     * A command line for {@code command} pointed at this mock as mqadmin (target, CA, user and
     * password file), the server's CPU read from the mock's stats unless {@code more} names
     * another source, then {@code more}.
     */
    public String[] args(String command, String... more) {
        java.util.List<String> args = new java.util.ArrayList<>(java.util.List.of(command, "--target", url(), "--ca-cert", ca(),
                "--user", USER, "--password-file", passwordFile()));
        if (!java.util.List.of(more).contains("--server-cpu")) {
            args.addAll(java.util.List.of("--server-cpu", "mock"));
        }
        args.addAll(java.util.List.of(more));
        return args.toArray(new String[0]);
    }

    /** An owner-only file in {@code dir} holding {@code password}. */
    public static Path passwordFile(Path dir, String password) throws IOException {
        Path f = Files.createTempFile(dir, "password-", "");
        Files.writeString(f, password);
        Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rw-------"));
        return f;
    }
}
