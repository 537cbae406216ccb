package io.restcost.client.testing;

import io.restcost.kit.GeneratedPki;
import java.nio.file.Path;
import java.util.List;

/**
 * The certificates the client's tests use, made at test time by the mock server's generator
 * (no private key is ever committed): a CA, a server certificate for localhost and
 * 127.0.0.1 to 127.0.0.3, and a client certificate for {@code mqadmin}.
 */
public final class TestPki {

    public final Path caPem;
    public final Path serverKeystore;
    public final Path serverTruststore;
    public final Path clientKeystore;
    public final Path clientKeyPem;
    public final Path clientCertPem;
    /** The password of every keystore here. */
    public final String password;

    private TestPki(GeneratedPki pki) {
        this.caPem = pki.caPem();
        this.serverKeystore = pki.serverKeystore();
        this.serverTruststore = pki.serverTruststore();
        this.clientKeystore = pki.clientKeystore(Mqweb.USER);
        this.clientKeyPem = pki.clientKeyPem(Mqweb.USER);
        this.clientCertPem = pki.clientCertPem(Mqweb.USER);
        this.password = new String(pki.password());
    }

    public static TestPki create(Path dir) {
        return new TestPki(GeneratedPki.generate(dir, GeneratedPki.KeyType.EC_P256,
                List.of("localhost", "127.0.0.1", "127.0.0.2", "127.0.0.3"), List.of(Mqweb.USER)));
    }
}
