package io.restcost.client.internal.session;

/**
 * How sessions share connections on HTTP/2.
 *
 * @param streamsPerConnection the most exchanges one connection carries at once
 * @param connectionsPerOrigin how many connections of one origin take new streams at once
 * @param learnsProtocol whether the server chooses the protocol: then the first connection
 *     of an origin tells whether its sessions multiplex (HTTP/2) or not (HTTP/1.1)
 */
public record Multiplexing(int streamsPerConnection, int connectionsPerOrigin, boolean learnsProtocol) {

    public Multiplexing {
        if (streamsPerConnection < 1 || connectionsPerOrigin < 1) {
            throw new IllegalArgumentException("streams per connection and connections per origin must be at least 1: "
                    + streamsPerConnection + ", " + connectionsPerOrigin);
        }
    }
}
