package io.restcost.mqweb.queue;

import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A local queue: FIFO, thread-safe, with destructive get, browse, selection by message or
 * correlation id, and waiting for a message to arrive. No message is lost or handed out twice.
 */
public final class MessageQueue {

    private final String name;
    private final int maxDepth;
    private final ArrayDeque<Message> messages = new ArrayDeque<>();
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition arrived = lock.newCondition();

    public MessageQueue(String name, int maxDepth) {
        this.name = name;
        this.maxDepth = maxDepth;
    }

    public String name() {
        return name;
    }

    /** Puts a message at the tail; false when the queue is full (MQRC 2053). */
    public boolean put(Message m) {
        lock.lock();
        try {
            if (messages.size() >= maxDepth) {
                return false;
            }
            messages.addLast(m);
            arrived.signalAll();
            return true;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Removes and returns the first message that matches, waiting up to {@code waitMillis}
     * for one to arrive; null if none did.
     *
     * @param messageId a message id to select, or null
     * @param correlationId a correlation id to select, or null
     */
    public Message get(String messageId, String correlationId, long waitMillis) throws InterruptedException {
        long remaining = TimeUnit.MILLISECONDS.toNanos(Math.max(0, waitMillis));
        lock.lock();
        try {
            for (;;) {
                for (Iterator<Message> it = messages.iterator(); it.hasNext(); ) {
                    Message m = it.next();
                    if (matches(m, messageId, correlationId)) {
                        it.remove();
                        return m;
                    }
                }
                if (remaining <= 0) {
                    return null;
                }
                remaining = arrived.awaitNanos(remaining);
            }
        } finally {
            lock.unlock();
        }
    }

    /** The first message that matches, left on the queue; null if none. */
    public Message browse(String messageId, String correlationId) {
        lock.lock();
        try {
            for (Message m : messages) {
                if (matches(m, messageId, correlationId)) {
                    return m;
                }
            }
            return null;
        } finally {
            lock.unlock();
        }
    }

    public int depth() {
        lock.lock();
        try {
            return messages.size();
        } finally {
            lock.unlock();
        }
    }

    public int maxDepth() {
        return maxDepth;
    }

    private static boolean matches(Message m, String messageId, String correlationId) {
        return (messageId == null || messageId.equalsIgnoreCase(m.messageId()))
                && (correlationId == null || correlationId.equalsIgnoreCase(m.correlationId()));
    }
}
