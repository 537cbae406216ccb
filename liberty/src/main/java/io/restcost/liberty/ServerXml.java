package io.restcost.liberty;

import io.restcost.kit.UserRegistry;
import io.restcost.mqweb.MqwebRoles;

/** The server.xml of the mqweb server: Liberty's features and security, set up like mqweb's. */
final class ServerXml {

    private ServerXml() {
    }

    static String render(LibertyServer s, LibertyServer.Builder b) {
        String pw = attr(new String(s.tls().password()));
        StringBuilder x = new StringBuilder();
        x.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<!-- Made by restcost: mqweb's REST API on Open Liberty. -->\n<server>\n");
        x.append("  <featureManager>\n");
        for (String f : new String[] {"servlet-6.0", "appSecurity-5.0", "transportSecurity-1.0", "mpMetrics-5.1"}) {
            x.append("    <feature>").append(f).append("</feature>\n");
        }
        x.append("  </featureManager>\n\n");
        x.append("  <httpEndpoint id=\"defaultHttpEndpoint\" host=\"").append(attr(b.bindAddress)).append("\" httpPort=\"-1\" httpsPort=\"")
                .append(s.port()).append(b.http2 ? "\">\n" : "\" protocolVersion=\"http/1.1\">\n");
        x.append("    <httpOptions maxKeepAliveRequests=\"").append(b.maxKeepAliveRequests).append("\" persistTimeout=\"")
                .append(b.persistTimeout.toSeconds()).append("s\"/>\n");
        x.append("    <accessLogging filepath=\"${server.output.dir}/logs/http_access.log\"/>\n");
        x.append("  </httpEndpoint>\n\n");
        x.append("  <keyStore id=\"defaultKeyStore\" location=\"").append(attr(s.tls().serverKeystore().toString()))
                .append("\" type=\"PKCS12\" password=\"").append(pw).append("\"/>\n");
        x.append("  <keyStore id=\"clientTrust\" location=\"").append(attr(s.tls().serverTruststore().toString()))
                .append("\" type=\"PKCS12\" password=\"").append(pw).append("\"/>\n");
        x.append("  <ssl id=\"defaultSSLConfig\" keyStoreRef=\"defaultKeyStore\" trustStoreRef=\"clientTrust\"")
                .append(" clientAuthenticationSupported=\"").append(!b.clientAuth.equals("none"))
                .append("\" clientAuthentication=\"").append(b.clientAuth.equals("required")).append("\"/>\n\n");
        x.append("  <ltpa expiration=\"").append(b.tokenExpiry.toMinutes()).append("m\"/>\n");
        x.append("  <authCache timeout=\"").append(b.authCacheTimeout.toSeconds()).append("s\" maxSize=\"25000\"/>\n");
        x.append("  <webAppSecurity ssoCookieName=\"").append(attr(s.cookieName())).append("\"");
        if (!b.clientAuth.equals("none")) {
            // A client certificate is a login: Liberty maps its CN to a user of the basic registry
            // (certificateMapMode PRINCIPAL_CN, the default); a request without one falls back to
            // credentials or a token, as mqweb does.
            x.append(" overrideHttpAuthMethod=\"CLIENT_CERT\" allowAuthenticationFailOverToAuthMethod=\"BASIC\"");
        }
        x.append(" ssoRequiresSSL=\"true\" trackLoggedOutSSOCookies=\"").append(b.trackLoggedOutTokens).append("\"/>\n\n");
        x.append("  <basicRegistry id=\"basic\" realm=\"defaultRealm\">\n");
        for (UserRegistry.User u : s.users()) {
            x.append("    <user name=\"").append(attr(u.name())).append("\" password=\"").append(attr(u.password())).append("\"/>\n");
        }
        x.append("    <user name=\"").append(LibertyServer.METRICS_USER).append("\" password=\"").append(attr(s.metricsPassword()))
                .append("\"/>\n");
        for (String role : MqwebRoles.ALL) {
            x.append("    <group name=\"").append(role).append("\">\n");
            for (UserRegistry.User u : s.users()) {
                if (u.roles().contains(role)) {
                    x.append("      <member name=\"").append(attr(u.name())).append("\"/>\n");
                }
            }
            x.append("    </group>\n");
        }
        x.append("  </basicRegistry>\n");
        x.append("  <administrator-role><user>").append(LibertyServer.METRICS_USER).append("</user></administrator-role>\n");
        x.append("  <mpMetrics authentication=\"true\"/>\n\n");
        x.append("  <webApplication id=\"mqweb\" location=\"mqweb.war\" contextRoot=\"/\">\n    <application-bnd>\n");
        for (String role : MqwebRoles.ALL) {
            x.append("      <security-role name=\"").append(role).append("\"><group name=\"").append(role).append("\"/></security-role>\n");
        }
        x.append("    </application-bnd>\n  </webApplication>\n");
        x.append("  <applicationManager autoExpand=\"true\"/>\n");
        x.append("</server>\n");
        return x.toString();
    }

    /** An XML attribute value, escaped. */
    static String attr(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;").replace("'", "&apos;");
    }
}
