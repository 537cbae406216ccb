package io.restcost.bench.load;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/** Failed requests by {@link ErrorClass}; counted from many threads without a lock. */
public final class ErrorCounts {

    private final LongAdder[] counts = new LongAdder[ErrorClass.values().length];
    private volatile IOException firstFailure;

    public ErrorCounts() {
        for (int i = 0; i < counts.length; i++) {
            counts[i] = new LongAdder();
        }
    }

    public void count(ErrorClass c) {
        counts[c.ordinal()].increment();
    }

    /** Counts a request that got no response and keeps the first such failure for the error message. */
    public void count(IOException e) {
        count(ErrorClass.of(e));
        if (firstFailure == null) {
            firstFailure = e;
        }
    }

    public long total() {
        long n = 0;
        for (LongAdder c : counts) {
            n += c.sum();
        }
        return n;
    }

    public long get(ErrorClass c) {
        return counts[c.ordinal()].sum();
    }

    /** The first request that got no response, or null. */
    public IOException firstFailure() {
        return firstFailure;
    }

    /** Every class, in declaration order, with its count (zeros included). */
    public Map<String, Long> asMap() {
        Map<String, Long> m = new LinkedHashMap<>();
        for (ErrorClass c : ErrorClass.values()) {
            m.put(c.key(), get(c));
        }
        return m;
    }
}
