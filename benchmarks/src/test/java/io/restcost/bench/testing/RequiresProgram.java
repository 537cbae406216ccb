package io.restcost.bench.testing;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A test class that needs a program Maven cannot bring (a browser, a web server). Where the
 * program is on the PATH the class runs; where it is not, it is skipped with one line naming
 * what did not run and how to install it, unless the build was told the program must be there
 * ({@code -Drestcost.require=chromium,nginx}, as {@code .ci/run} does): then its absence fails.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(ExternalPrograms.class)
public @interface RequiresProgram {

    /** The programs, by the names {@link ExternalPrograms} knows, e.g. {@code chromium}. */
    String[] value();
}
