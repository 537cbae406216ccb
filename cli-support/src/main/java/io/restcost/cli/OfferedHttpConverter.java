package io.restcost.cli;

import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import picocli.CommandLine;

/**
 * A server's {@code --http}, in the client's vocabulary: {@code 1.1,2} (the default, as Liberty
 * with servlet 4.0 or later: HTTP/2 for clients that ask for it by ALPN, HTTP/1.1 for the rest)
 * or {@code 1.1} (HTTP/1.1 only). A server answers HTTP/1.1 to a client that offers no ALPN, so
 * {@code 2} alone is refused. Converts to one of those two spellings.
 */
public final class OfferedHttpConverter implements CommandLine.ITypeConverter<String> {

    /** Whether a value this converter returned offers HTTP/2. */
    public static boolean offersHttp2(String versions) {
        return versions.endsWith(",2");
    }

    @Override
    public String convert(String value) {
        Set<String> versions = new TreeSet<>();
        for (String v : value.split(",")) {
            String s = v.strip().toLowerCase(Locale.ROOT);
            versions.add(s.equals("1") || s.equals("1.1") ? "1.1" : s.equals("2") || s.equals("h2") ? "2" : s);
        }
        if (versions.equals(Set.of("1.1"))) {
            return "1.1";
        }
        if (versions.equals(Set.of("1.1", "2"))) {
            return "1.1,2";
        }
        throw new CommandLine.TypeConversionException("--http " + value + ": a server offers 1.1,2 (HTTP/2 by ALPN, and HTTP/1.1) "
                + "or 1.1 (HTTP/1.1 only)");
    }
}
