package io.restcost.mqweb.queue;

/**
 * One message on a queue. Identifiers are 48 hexadecimal characters (24 bytes), as mqweb
 * shows them; a message id starts {@code 414d5120} ("AMQ ").
 */
public record Message(String messageId, String correlationId, byte[] body, String contentType, long putTimeMillis) {
}
