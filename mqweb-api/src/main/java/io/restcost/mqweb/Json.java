package io.restcost.mqweb;

import com.fasterxml.jackson.core.io.JsonStringEncoder;

/** JSON string literals for hand-built bodies (the hot paths skip an object mapper). */
public final class Json {

    private Json() {
    }

    public static String quote(String s) {
        return "\"" + new String(JsonStringEncoder.getInstance().quoteAsString(s)) + "\"";
    }
}
