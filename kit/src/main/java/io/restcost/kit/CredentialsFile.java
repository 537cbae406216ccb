package io.restcost.kit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code credentials.properties}: every user's password, roles and client keystore, the
 * keystores' password and the CA file, readable by its owner only. The file tools and scripts
 * read to log in to a mock (or anything started the mock's way).
 */
public final class CredentialsFile {

    private CredentialsFile() {
    }

    /**
     * Writes the file into {@code dir}.
     *
     * @param pki the generated PKI, or null when the server runs on the user's keystore
     * @throws UncheckedIOException if it cannot be written
     */
    public static Path write(Path dir, List<UserRegistry.User> users, GeneratedPki pki) {
        StringBuilder sb = new StringBuilder("# restcost mock mqweb users, made at start; keep this file private\n");
        for (UserRegistry.User u : users) {
            sb.append("user.").append(u.name()).append(".password=").append(u.password()).append('\n');
            sb.append("user.").append(u.name()).append(".roles=").append(String.join(",", u.roles())).append('\n');
            if (pki != null) {
                sb.append("user.").append(u.name()).append(".keystore=").append(pki.clientKeystore(u.name())).append('\n');
            }
        }
        if (pki != null) {
            sb.append("keystore.password=").append(new String(pki.password())).append('\n');
            sb.append("ca=").append(pki.caPem()).append('\n');
        }
        Path file = dir.resolve("credentials.properties");
        try {
            OwnerOnlyFiles.write(file, sb.toString(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
        return file;
    }
}
