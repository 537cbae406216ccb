package io.restcost.bench.balance;

import static io.restcost.bench.setting.Setting.INSTANCES;

import io.restcost.bench.setting.SettingException;
import io.restcost.client.http.HostResolver;
import io.restcost.kit.UserRegistry;
import io.restcost.mock.MockMqWeb;
import io.restcost.mock.MockMqWebBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * K mock mqweb instances behind one host name, as a cluster of Liberty servers behind DNS: on
 * 127.0.0.1, 127.0.0.2 ... (loopback only), one port, one certificate that names the host,
 * one LTPA key file and the same users, so a token from one is accepted by all. The name
 * resolves to the instances that are up ({@link #resolver()}, asked each time a session
 * opens its connection); {@link #start(int)} and {@link #stop(int)} add an instance to it and
 * take one out, the way an operator adds a server to DNS and drains one.
 */
public final class BackendSet implements AutoCloseable {

    /** The name the client connects to; it resolves only through {@link #resolver()}. */
    public static final String HOST = "mqweb.restcost.test";

    private final MockMqWeb[] instances;
    private final String[] addresses;
    private final List<InetAddress> live = new CopyOnWriteArrayList<>();
    private final Path stateDir;
    private final List<UserRegistry.User> users;
    private final int port;
    private final MockMqWeb first;

    private BackendSet(int count, Path stateDir, List<UserRegistry.User> users, MockMqWeb first) {
        this.instances = new MockMqWeb[count];
        this.addresses = new String[count];
        for (int i = 0; i < count; i++) {
            addresses[i] = "127.0.0." + (i + 1);
        }
        this.stateDir = stateDir;
        this.users = users;
        this.first = first;
        this.port = first.port();
        instances[0] = first;
        live.add(inet(addresses[0]));
    }

    /**
     * Starts the first instance of {@code count} (the others start with {@link #start(int)}).
     *
     * @throws IllegalArgumentException if {@code count} is not 2 to 8
     */
    public static BackendSet create(int count, Path stateDir) {
        checkCount(count);
        List<UserRegistry.User> users = UserRegistry.defaultUsers();
        try {
            Files.createDirectories(stateDir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + stateDir + ": " + e.getMessage(), e);
        }
        MockMqWeb first = common(MockMqWeb.builder(), stateDir, users).bindAddress("127.0.0.1").certificateHosts(HOST)
                .stateDir(stateDir.resolve("instance-1")).start();
        return new BackendSet(count, stateDir, users, first);
    }

    /**
     * @throws IllegalArgumentException naming {@code --instances} unless {@code count} is 2 to 8
     */
    public static void checkCount(int count) {
        if (count < 2 || count > 8) {
            throw new SettingException(n -> n.apply(INSTANCES) + " " + count + ": give 2 to 8 (they listen on 127.0.0.1 to 127.0.0.8)");
        }
    }

    private static MockMqWebBuilder common(MockMqWebBuilder b, Path stateDir, List<UserRegistry.User> users) {
        return b.users(users).tokenKeyFile(stateDir.resolve("ltpa.keys")).cookieSuffix("balance");
    }

    /** Starts every instance but the last (the one a scenario adds later); returns this set. */
    public BackendSet startAllButLast() {
        try {
            for (int i = 1; i < instances.length - 1; i++) {
                start(i);
            }
        } catch (RuntimeException e) {
            close();
            throw e;
        }
        return this;
    }

    /** Starts instance {@code i} (0-based) on its address and adds it to the name. */
    public synchronized void start(int i) {
        if (instances[i] == null) {
            instances[i] = common(MockMqWeb.builder(), stateDir, users).bindAddress(addresses[i]).port(port)
                    .keyStore(first.pki().serverKeystore(), first.pki().password()).stateDir(stateDir.resolve("instance-" + (i + 1)))
                    .start();
        }
        InetAddress a = inet(addresses[i]);
        if (!live.contains(a)) {
            live.add(a);
        }
    }

    /** Takes instance {@code i} out of the name, then stops it: its open connections close. */
    public synchronized void stop(int i) {
        live.remove(inet(addresses[i]));
        if (instances[i] != null) {
            instances[i].close();
        }
    }

    /** The name's addresses now: the instances that are up, in the order they came up. */
    public HostResolver resolver() {
        return host -> {
            if (!host.equalsIgnoreCase(HOST)) {
                return HostResolver.system().resolve(host);
            }
            List<InetAddress> now = new ArrayList<>(live);
            if (now.isEmpty()) {
                throw new UnknownHostException(HOST + ": no instance is up");
            }
            return now;
        };
    }

    public int size() {
        return instances.length;
    }

    public int port() {
        return port;
    }

    public String address(int i) {
        return addresses[i];
    }

    public Path caPem() {
        return first.caPem();
    }

    public String password(String user) {
        return first.password(user);
    }

    /** Requests instance {@code i} answered so far; 0 before it started, its last count after it stopped. */
    public long requests(int i) {
        MockMqWeb m = instances[i];
        return m == null ? 0 : m.stats().requests();
    }

    /** Logins instance {@code i} did so far. */
    public long logins(int i) {
        MockMqWeb m = instances[i];
        return m == null ? 0 : m.stats().logins();
    }

    private static InetAddress inet(String address) {
        try {
            return InetAddress.getByName(address);
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        for (MockMqWeb m : instances) {
            if (m != null) {
                m.close();
            }
        }
    }
}
