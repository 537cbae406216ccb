package io.restcost.liberty.app;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * {@code GET /__restcost/stats}: what Liberty's servlet container saw of mqweb's API, for
 * tests that count from the server's side: requests by the client's TCP port as the container
 * reports it ({@code getRemotePort}; one port is one connection over a test's span), and
 * logins ({@code POST /login} answered 204). Liberty's NCSA access log has no remote-port
 * field, so it cannot tell connections apart. {@code POST /__restcost/stats/reset} clears.
 */
public final class StatsServlet extends HttpServlet {

    private static final Map<Integer, LongAdder> BY_PORT = new ConcurrentHashMap<>();
    private static final LongAdder REQUESTS = new LongAdder();
    private static final LongAdder LOGINS = new LongAdder();

    static void record(HttpServletRequest request, int status) {
        BY_PORT.computeIfAbsent(request.getRemotePort(), p -> new LongAdder()).increment();
        REQUESTS.increment();
        if (status == 204 && request.getMethod().equals("POST") && request.getRequestURI().endsWith("/login")) {
            LOGINS.increment();
        }
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        long min = Long.MAX_VALUE;
        long max = 0;
        for (LongAdder n : BY_PORT.values()) {
            min = Math.min(min, n.sum());
            max = Math.max(max, n.sum());
        }
        int connections = BY_PORT.size();
        String json = "{\"connectionsAccepted\":" + connections + ",\"requests\":{\"total\":" + REQUESTS.sum() + "},\"logins\":"
                + LOGINS.sum() + ",\"requestsPerConnection\":{\"min\":" + (connections == 0 ? 0 : min) + ",\"max\":" + max + "}}";
        response.setContentType("application/json");
        response.getOutputStream().write(json.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) {
        BY_PORT.clear();
        REQUESTS.reset();
        LOGINS.reset();
        response.setStatus(204);
    }
}
