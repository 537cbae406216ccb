package io.restcost.kit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A secret's file is its owner's alone from the moment it exists; a free port can be bound. */
class OwnerOnlyFilesTest {

    @TempDir
    Path dir;

    @Test
    void aNewFileIsOwnerOnlyAndAnOpenOneIsClosedBeforeTheSecretGoesIn() throws Exception {
        Path fresh = dir.resolve("fresh.properties");
        OwnerOnlyFiles.write(fresh, "password=x\n", StandardCharsets.UTF_8);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(fresh))).isEqualTo("rw-------");
        assertThat(Files.readString(fresh)).isEqualTo("password=x\n");

        Path open = dir.resolve("open.properties");
        Files.writeString(open, "an older and longer text\n");
        Files.setPosixFilePermissions(open, PosixFilePermissions.fromString("rw-r--r--"));
        OwnerOnlyFiles.write(open, "password=y\n", StandardCharsets.UTF_8);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(open))).isEqualTo("rw-------");
        assertThat(Files.readString(open)).isEqualTo("password=y\n");
    }

    @Test
    void createNewRefusesAFileThatExists() throws Exception {
        Path keys = dir.resolve("ltpa.keys");
        OwnerOnlyFiles.createNew(keys, "aes=1\n", StandardCharsets.US_ASCII);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(keys))).isEqualTo("rw-------");
        assertThatThrownBy(() -> OwnerOnlyFiles.createNew(keys, "aes=2\n", StandardCharsets.US_ASCII))
                .isInstanceOf(FileAlreadyExistsException.class);
        assertThat(Files.readString(keys)).isEqualTo("aes=1\n");
    }

    @Test
    void aFreePortCanBeBound() throws Exception {
        int port = FreePorts.on("127.0.0.1");
        try (ServerSocket s = new ServerSocket(port, 1, InetAddress.getByName("127.0.0.1"))) {
            assertThat(s.getLocalPort()).isEqualTo(port);
        }
    }
}
