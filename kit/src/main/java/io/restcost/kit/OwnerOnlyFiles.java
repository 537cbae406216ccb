package io.restcost.kit;

import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * Files that hold a secret (passwords, private keys, token keys): readable and writable by
 * their owner alone from the moment they exist, not after a write that a umask left open to
 * others. On a file system without POSIX permissions (Windows), the folder's own ACL applies.
 */
public final class OwnerOnlyFiles {

    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");

    private OwnerOnlyFiles() {
    }

    /** Writes {@code text} to {@code file}, replacing what it held; the file is owner-only before the text is in it. */
    public static void write(Path file, String text, Charset charset) throws IOException {
        prepare(file);
        Files.writeString(file, text, charset, StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE);
    }

    /** Makes {@code file} exist and be owner-only, for another API to write next (a keystore's {@code store}). */
    public static void prepare(Path file) throws IOException {
        if (Files.exists(file)) {
            restrict(file);
        } else {
            create(file);
        }
    }

    /**
     * Creates {@code file} owner-only and writes {@code text} to it.
     *
     * @throws FileAlreadyExistsException if it exists (another process wrote it first)
     */
    public static void createNew(Path file, String text, Charset charset) throws IOException {
        create(file);
        Files.writeString(file, text, charset, StandardOpenOption.WRITE);
    }

    /** Makes an existing file owner-only. */
    public static void restrict(Path file) throws IOException {
        try {
            Files.setPosixFilePermissions(file, OWNER_ONLY);
        } catch (UnsupportedOperationException notPosix) {
            // the folder's ACL applies
        }
    }

    private static void create(Path file) throws IOException {
        try {
            FileAttribute<Set<PosixFilePermission>> attr = PosixFilePermissions.asFileAttribute(OWNER_ONLY);
            Files.createFile(file, attr);
        } catch (UnsupportedOperationException notPosix) {
            Files.createFile(file);
        }
    }
}
