package io.restcost.kit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * The users mqweb knows and their roles, with passwords kept as salted PBKDF2-HMAC-SHA256
 * hashes. Checking a password costs what the iteration count says, every time: it stands in
 * for the SAF, LDAP or registry check a real mqweb pays on an authentication-cache miss.
 * Thread-safe and immutable once built.
 *
 * <p>Users file (JSON): {@code {"users":[{"name":"mqadmin","password":"...","roles":["MQWebAdmin"]}]}}
 */
public final class UserRegistry {

    /** The roles mqweb grants. */
    public static final Set<String> ROLES = Set.of("MQWebAdmin", "MQWebAdminRO", "MQWebUser");

    private static final SecureRandom RANDOM = new SecureRandom();

    private final Map<String, Entry> users;
    private final int iterations;
    private final Entry decoy;

    private record Entry(String name, byte[] salt, byte[] hash, List<String> roles) {
    }

    /** A user as given: name, clear password (hashed at once) and roles. */
    public record User(String name, String password, List<String> roles) {
        @Override
        public String toString() {
            return "User{" + name + ", roles=" + roles + "}";
        }
    }

    private UserRegistry(List<User> users, int iterations) {
        if (iterations < 1) {
            throw new IllegalArgumentException("password iterations must be >= 1: " + iterations);
        }
        this.iterations = iterations;
        Map<String, Entry> m = new LinkedHashMap<>();
        for (User u : users) {
            for (String role : u.roles()) {
                if (!ROLES.contains(role)) {
                    throw new IllegalArgumentException("user " + u.name() + ": unknown role " + role + " (use " + ROLES + ")");
                }
            }
            byte[] salt = new byte[16];
            RANDOM.nextBytes(salt);
            if (m.put(u.name(), new Entry(u.name(), salt, derive(u.password().toCharArray(), salt, iterations), List.copyOf(u.roles()))) != null) {
                throw new IllegalArgumentException("user " + u.name() + " is listed twice");
            }
        }
        this.users = m;
        byte[] salt = new byte[16];
        RANDOM.nextBytes(salt);
        this.decoy = new Entry("", salt, new byte[32], List.of());
    }

    public static UserRegistry of(List<User> users, int iterations) {
        return new UserRegistry(users, iterations);
    }

    /**
     * The default users, with passwords made at random (written to the credentials file by
     * the server): mqadmin (MQWebAdmin), mqreader (MQWebAdminRO), mquser (MQWebUser) and
     * mqnobody (no role).
     */
    public static List<User> defaultUsers() {
        return List.of(new User("mqadmin", randomPassword(), List.of("MQWebAdmin")),
                new User("mqreader", randomPassword(), List.of("MQWebAdminRO")),
                new User("mquser", randomPassword(), List.of("MQWebUser")),
                new User("mqnobody", randomPassword(), List.of()));
    }

    /**
     * Reads a users file.
     *
     * @throws IllegalArgumentException naming the file and what is wrong with it
     */
    public static List<User> read(Path file) {
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(Files.readString(file, StandardCharsets.UTF_8));
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException("users file " + file + ": not found");
        } catch (IOException e) {
            throw new IllegalArgumentException("users file " + file + ": not valid JSON ("
                    + e.getMessage().lines().findFirst().orElse("") + "); expected {\"users\":[{\"name\":..,\"password\":..,\"roles\":[..]}]}");
        }
        JsonNode list = root == null ? null : root.get("users");
        if (list == null || !list.isArray()) {
            throw new IllegalArgumentException("users file " + file + ": has no \"users\" array; expected "
                    + "{\"users\":[{\"name\":..,\"password\":..,\"roles\":[..]}]}");
        }
        List<User> users = new ArrayList<>();
        int i = 0;
        for (JsonNode u : list) {
            String name = u.path("name").asText("");
            String password = u.path("password").asText("");
            if (name.isBlank() || password.isEmpty() || !u.path("roles").isArray()) {
                throw new IllegalArgumentException("users file " + file + ": user #" + (i + 1)
                        + " needs a name, a password and a roles array");
            }
            List<String> roles = new ArrayList<>();
            u.path("roles").forEach(r -> roles.add(r.asText()));
            users.add(new User(name, password, roles));
            i++;
        }
        return users;
    }

    /**
     * Checks a password, paying the full PBKDF2 cost whether or not the user exists (so
     * timing tells nothing). Returns the user's roles, or null when the check fails.
     */
    public List<String> check(String user, char[] password) {
        Entry e = users.getOrDefault(user, decoy);
        byte[] attempt = derive(password, e.salt(), iterations);
        boolean ok = MessageDigest.isEqual(attempt, e.hash()) && e != decoy;
        return ok ? e.roles() : null;
    }

    /** The roles of a known user (for certificate identities), or null. */
    public List<String> rolesOf(String user) {
        Entry e = users.get(user);
        return e == null ? null : e.roles();
    }

    public Set<String> names() {
        return users.keySet();
    }

    public int iterations() {
        return iterations;
    }

    private static byte[] derive(char[] password, byte[] salt, int iterations) {
        try {
            PBEKeySpec spec = new PBEKeySpec(password, salt, iterations, 256);
            return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("PBKDF2WithHmacSHA256 is not available: " + e.getMessage(), e);
        }
    }

    private static String randomPassword() {
        byte[] b = new byte[9];
        RANDOM.nextBytes(b);
        return HexFormat.of().formatHex(b);
    }
}
