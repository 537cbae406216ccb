package io.restcost.mock.server;

import io.restcost.mock.api.MqwebSecurityCheck;
import io.restcost.mock.stats.ServerStats;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.FilterConfig;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;
import javax.net.ssl.SSLPeerUnverifiedException;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.io.ssl.SslConnection;
import org.eclipse.jetty.server.Request;

/**
 * What belongs to the connection rather than to mqweb: serves the stats endpoints (and takes
 * their connection out of the figures), closes a connection after its keep-alive request
 * limit (Liberty's maxKeepAliveRequests), passes the client certificate's CN on to the
 * security filter, strips the identity header a caller might forge, and counts responses
 * by status class. Then it answers the request itself ({@link DirectResponder}, the default) or
 * passes it on to WireMock's stub pipeline.
 */
final class ConnectionFilter implements Filter {

    static final String STATS_PATH = "/__restcost/stats";

    private final ServerStats stats;
    private final int maxKeepAliveRequests;
    private final boolean readClientCertificates;
    private final DirectResponder direct;

    /**
     * @param direct answers mqweb requests itself; null to pass them on to WireMock's stub pipeline
     */
    ConnectionFilter(ServerStats stats, int maxKeepAliveRequests, boolean readClientCertificates, DirectResponder direct) {
        this.stats = stats;
        this.maxKeepAliveRequests = maxKeepAliveRequests;
        this.readClientCertificates = readClientCertificates;
        this.direct = direct;
    }

    @Override
    public void init(FilterConfig config) {
        if (direct != null) {
            direct.init(config.getServletContext());
        }
    }

    @Override
    public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain) throws IOException, ServletException {
        HttpServletRequest request = (HttpServletRequest) req;
        HttpServletResponse response = (HttpServletResponse) res;
        EndPoint endPoint = Request.getBaseRequest(request).getHttpChannel().getEndPoint();
        ServerStats.Conn conn = stats.connection(endPoint);
        String uri = request.getRequestURI();
        if (uri.startsWith("/__restcost/")) {
            stats.markAdmin(conn);
            serveStats(request, response, uri);
            return;
        }
        boolean last = false;
        if (conn != null) {
            int n = conn.countRequest();
            if (maxKeepAliveRequests > 0 && n >= maxKeepAliveRequests) {
                response.setHeader("Connection", "close");
                last = true;
            }
        }
        String cn = readClientCertificates ? clientCn(endPoint) : null;
        boolean forged = request.getHeader(MqwebSecurityCheck.CLIENT_CN_HEADER) != null;
        HttpServletRequest toServe = cn == null && !forged ? request : new InternalHeaders(request, cn);
        if (direct != null) {
            direct.serve(toServe, response, last, stats::countStatus);
        } else {
            chain.doFilter(toServe, response);
            stats.countStatus(response.getStatus());
        }
    }

    private void serveStats(HttpServletRequest request, HttpServletResponse response, String uri) throws IOException {
        String method = request.getMethod();
        if (uri.equals(STATS_PATH) && method.equals("GET")) {
            byte[] body = stats.toJson().getBytes(StandardCharsets.UTF_8);
            response.setStatus(200);
            response.setContentType("application/json");
            response.setContentLength(body.length);
            response.getOutputStream().write(body);
        } else if (uri.equals(STATS_PATH + "/reset") && method.equals("POST")) {
            stats.reset();
            response.setStatus(204);
        } else {
            response.setStatus(404);
            response.setContentType("application/json");
            response.getOutputStream().write(("{\"error\":\"use GET " + STATS_PATH + " or POST " + STATS_PATH + "/reset\"}")
                    .getBytes(StandardCharsets.UTF_8));
        }
    }

    private static String clientCn(EndPoint endPoint) {
        if (!(endPoint instanceof SslConnection.DecryptedEndPoint d)) {
            return null;
        }
        try {
            Certificate[] chain = d.getSslConnection().getSSLEngine().getSession().getPeerCertificates();
            if (chain.length == 0 || !(chain[0] instanceof X509Certificate x)) {
                return null;
            }
            for (Rdn rdn : new LdapName(x.getSubjectX500Principal().getName()).getRdns()) {
                if (rdn.getType().equalsIgnoreCase("CN")) {
                    return rdn.getValue().toString();
                }
            }
            return null;
        } catch (SSLPeerUnverifiedException | InvalidNameException e) {
            return null; // no certificate (client authentication "wanted" and none given)
        }
    }

    /** Hides the identity header a caller sent, and adds the certificate CN the handshake proved. */
    private static final class InternalHeaders extends HttpServletRequestWrapper {
        private final String cn;

        InternalHeaders(HttpServletRequest request, String cn) {
            super(request);
            this.cn = cn;
        }

        private static boolean internal(String name) {
            return name.equalsIgnoreCase(MqwebSecurityCheck.CLIENT_CN_HEADER);
        }

        @Override
        public String getHeader(String name) {
            if (name.equalsIgnoreCase(MqwebSecurityCheck.CLIENT_CN_HEADER)) {
                return cn;
            }
            return internal(name) ? null : super.getHeader(name);
        }

        @Override
        public Enumeration<String> getHeaders(String name) {
            if (name.equalsIgnoreCase(MqwebSecurityCheck.CLIENT_CN_HEADER)) {
                return cn == null ? Collections.emptyEnumeration() : Collections.enumeration(List.of(cn));
            }
            return internal(name) ? Collections.emptyEnumeration() : super.getHeaders(name);
        }

        @Override
        public Enumeration<String> getHeaderNames() {
            List<String> names = new java.util.ArrayList<>();
            for (Enumeration<String> e = super.getHeaderNames(); e.hasMoreElements(); ) {
                String n = e.nextElement();
                if (!internal(n)) {
                    names.add(n);
                }
            }
            if (cn != null) {
                names.add(MqwebSecurityCheck.CLIENT_CN_HEADER);
            }
            return Collections.enumeration(names);
        }
    }
}
