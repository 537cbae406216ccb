package io.restcost.cli;

import java.util.Locale;
import picocli.CommandLine;

/**
 * {@code --tls-protocol}'s one spelling on both command lines, the client's and the mock's:
 * {@code 1.2} or {@code 1.3}. The JSSE names the mock took before ({@code TLSv1.2},
 * {@code TLSv1.3}) are still read, for one version; the value is always the short one.
 */
public final class TlsVersionConverter implements CommandLine.ITypeConverter<String> {

    @Override
    public String convert(String value) {
        String v = value.strip().toLowerCase(Locale.ROOT);
        if (v.startsWith("tlsv")) {
            v = v.substring(4);
        }
        if (!v.equals("1.2") && !v.equals("1.3")) {
            throw new CommandLine.TypeConversionException("unknown --tls-protocol " + value + " (use 1.2 or 1.3)");
        }
        return v;
    }

    /** The JSSE name of a version this converter returned: {@code 1.3} is {@code TLSv1.3}. */
    public static String jsseName(String version) {
        return "TLSv" + version;
    }
}
