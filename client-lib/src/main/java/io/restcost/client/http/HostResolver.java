package io.restcost.client.http;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.random.RandomGenerator;

/**
 * Where a host name's connections go. The client asks it each time a session opens its
 * connection (never per request), and the engine tries the addresses in the order given, the
 * next one when a connect fails. So with a name that resolves to several servers,
 * {@link #roundRobin} spreads new sessions over all of them, and a rotating policy moves work
 * onto a server added behind the name within one session lifetime, where a pooled client
 * stays where it first connected.
 *
 * <pre>{@code
 * RestClient.builder().baseUri(URI.create("https://mqweb.example:9443"))
 *         .resolver(HostResolver.roundRobin(HostResolver.system()))
 * }</pre>
 *
 * Implementations must be thread-safe: sessions open on many threads at once.
 */
@FunctionalInterface
public interface HostResolver {

    /**
     * The addresses of {@code host}, in the order to try them.
     *
     * @throws UnknownHostException if the host has none
     */
    List<InetAddress> resolve(String host) throws UnknownHostException;

    /** The JDK's resolver ({@code InetAddress.getAllByName}: DNS and the hosts file, cached for the JVM's DNS TTL), in its order. */
    static HostResolver system() {
        return host -> List.of(InetAddress.getAllByName(host));
    }

    /**
     * Fixed addresses for the names given, and {@code others} for any other name: a name
     * pointed at several servers without touching DNS (tests, a known cluster).
     *
     * @throws IllegalArgumentException if a name has no address
     */
    static HostResolver fixed(Map<String, List<InetAddress>> addresses, HostResolver others) {
        Map<String, List<InetAddress>> copy = new ConcurrentHashMap<>();
        addresses.forEach((name, list) -> {
            if (list.isEmpty()) {
                throw new IllegalArgumentException("no address for " + name + ": give at least one");
            }
            copy.put(name.toLowerCase(Locale.ROOT), List.copyOf(list));
        });
        Objects.requireNonNull(others, "others");
        return host -> {
            List<InetAddress> fixed = copy.get(host.toLowerCase(Locale.ROOT));
            return fixed != null ? fixed : others.resolve(host);
        };
    }

    /**
     * {@code source}'s addresses, starting one further on at each call for the same name: the
     * first session goes to the first address, the next to the second, and so on, the rest
     * of the list behind each as fallbacks.
     */
    static HostResolver roundRobin(HostResolver source) {
        Objects.requireNonNull(source, "source");
        Map<String, AtomicLong> turns = new ConcurrentHashMap<>();
        return host -> {
            List<InetAddress> all = source.resolve(host);
            if (all.size() < 2) {
                return all;
            }
            long turn = turns.computeIfAbsent(host.toLowerCase(Locale.ROOT), h -> new AtomicLong()).getAndIncrement();
            List<InetAddress> rotated = new ArrayList<>(all);
            Collections.rotate(rotated, -(int) (turn % all.size()));
            return rotated;
        };
    }

    /** {@code source}'s addresses in a random order at each call, drawn from {@code random}. */
    static HostResolver random(HostResolver source, RandomGenerator random) {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(random, "random");
        return host -> {
            List<InetAddress> all = new ArrayList<>(source.resolve(host));
            synchronized (random) {
                for (int i = all.size() - 1; i > 0; i--) {
                    Collections.swap(all, i, random.nextInt(i + 1));
                }
            }
            return all;
        };
    }
}
