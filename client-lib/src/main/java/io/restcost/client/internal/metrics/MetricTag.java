package io.restcost.client.internal.metrics;

/**
 * Every tag key restcost's meters use, in one place. Values are bounded: policy and engine
 * names, outcomes, status classes, TLS kinds and close reasons; never a URL, a user name or
 * a token.
 */
public enum MetricTag {
    POLICY("policy"),
    ENGINE("engine"),
    OUTCOME("outcome"),
    STATUS("status"),
    TLS("tls"),
    REASON("reason");

    private final String key;

    MetricTag(String key) {
        this.key = key;
    }

    public String key() {
        return key;
    }
}
