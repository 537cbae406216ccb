package io.restcost.bench.run;

import static io.restcost.bench.setting.Setting.METHOD;
import static io.restcost.bench.setting.Setting.PATH;

import io.restcost.bench.setting.SettingException;
import io.restcost.bench.load.LoadPlan;
import io.restcost.bench.client.ClientSpec;
import io.restcost.bench.client.PolicySpec;
import io.restcost.client.http.RestRequest;

/**
 * One measurement: which client, which policy, which request, how much load, its label, and
 * where the server's CPU is read from.
 *
 * @param body request body for POST (JSON), or null
 * @param serverCpu where to read the server's CPU, or null to read none
 * @param runner which of N runners this is, and when it starts
 */
public record RunSpec(ClientSpec client, PolicySpec policy, String path, String method, byte[] body, LoadPlan plan,
        String label, ServerCpuSpec serverCpu, RunnerSlot runner) {

    /** A runner alone. */
    public RunSpec(ClientSpec client, PolicySpec policy, String path, String method, byte[] body, LoadPlan plan, String label,
            ServerCpuSpec serverCpu) {
        this(client, policy, path, method, body, plan, label, serverCpu, RunnerSlot.ALONE);
    }

    /** A measurement that reads no server CPU. */
    public RunSpec(ClientSpec client, PolicySpec policy, String path, String method, byte[] body, LoadPlan plan, String label) {
        this(client, policy, path, method, body, plan, label, null);
    }

    /**
     * @throws IllegalArgumentException naming the option when the method or path is unusable
     */
    public RunSpec {
        if (runner == null) {
            runner = RunnerSlot.ALONE;
        }
        if (!path.startsWith("/")) {
            throw new SettingException(n -> n.apply(PATH) + " must start with '/': " + path);
        }
        if (!method.equals("GET") && !method.equals("POST") && !method.equals("DELETE")) {
            throw new SettingException(n -> "unknown " + n.apply(METHOD) + " " + method + " (use GET, POST or DELETE)");
        }
    }

    public RestRequest request() {
        return switch (method) {
            case "POST" -> RestRequest.builder("POST", path).body("application/json", body == null ? new byte[0] : body).build();
            case "DELETE" -> RestRequest.delete(path);
            default -> RestRequest.get(path);
        };
    }
}
