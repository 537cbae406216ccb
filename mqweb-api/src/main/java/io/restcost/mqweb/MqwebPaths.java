package io.restcost.mqweb;

/** Splits mqweb URLs: {@code /ibmmq/rest/v2/admin/qmgr?x=y} has version 2 and resource {@code /admin/qmgr}. */
public final class MqwebPaths {

    public static final String PREFIX = "/ibmmq/rest/v";

    private MqwebPaths() {
    }

    /** The path without the query. */
    public static String path(String url) {
        int q = url.indexOf('?');
        return q < 0 ? url : url.substring(0, q);
    }

    /** The REST API version (1, 2 or 3), or 0 when the path is not under {@code /ibmmq/rest/vN/}. */
    public static int version(String path) {
        if (!path.startsWith(PREFIX) || path.length() < PREFIX.length() + 2) {
            return 0;
        }
        char v = path.charAt(PREFIX.length());
        return path.charAt(PREFIX.length() + 1) == '/' && v >= '1' && v <= '3' ? v - '0' : 0;
    }

    /** The part after {@code /ibmmq/rest/vN}, e.g. {@code /admin/qmgr}; null when not an mqweb path. */
    public static String resource(String path) {
        return version(path) == 0 ? null : path.substring(PREFIX.length() + 1);
    }
}
