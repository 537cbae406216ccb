package io.restcost.mock.api;

import com.fasterxml.jackson.core.io.JsonStringEncoder;

/** JSON string literals for hand-built bodies (the hot paths skip an object mapper). */
final class Json {

    private Json() {
    }

    static String quote(String s) {
        return "\"" + new String(JsonStringEncoder.getInstance().quoteAsString(s)) + "\"";
    }
}
