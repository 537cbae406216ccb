package io.restcost.mqweb.queue;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/** One queue manager of the mock: its name, its local queues, and message ids in MQ's shape. */
public final class QueueManager {

    /** The mqweb installation the mock reports. */
    public static final String VERSION = "9.4.0.0";

    private final String name;
    private final Map<String, MessageQueue> queues = new LinkedHashMap<>();
    private final String idPrefix;
    private final AtomicLong sequence = new AtomicLong(System.currentTimeMillis() << 16);

    public QueueManager(String name, List<String> queueNames, int maxDepth) {
        this.name = name;
        for (String q : queueNames) {
            queues.put(q, new MessageQueue(q, maxDepth));
        }
        // "AMQ " then the queue manager name padded to 12 characters, as MQ builds message ids.
        String padded = String.format("%-12.12s", name);
        this.idPrefix = HexFormat.of().formatHex(("AMQ " + padded).getBytes(StandardCharsets.US_ASCII));
    }

    public String name() {
        return name;
    }

    /** The queue, or null if this queue manager has none of that name. */
    public MessageQueue queue(String queueName) {
        return queues.get(queueName);
    }

    public Iterable<MessageQueue> queues() {
        return queues.values();
    }

    /** A new message id: 48 hexadecimal characters starting {@code 414d5120}, unique in this process. */
    public String newMessageId() {
        return idPrefix + String.format("%016x", sequence.incrementAndGet());
    }
}
