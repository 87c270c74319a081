package org.returnflow.bench;

import org.returnflow.infra.postgres.PostgresServer;
import org.returnflow.testkit.stack.StackProcesses;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What the benchmark's harness needs to reach a stack the test kit's {@link StackProcesses} started. */
final class StackTarget {

    private StackTarget() {
    }

    static Target of(StackProcesses stack, PostgresServer postgres, String kafka) {
        Map<String, URI> services = new LinkedHashMap<>();
        for (String service : Target.SERVICES) {
            services.put(service, stack.app(service).url());
        }
        String url = postgres.jdbcUrl("postgres");
        String server = url.substring(0, url.indexOf("/postgres") + 1);
        return new Target(stack.app(StackProcesses.GATEWAY).url(), stack.app(StackProcesses.AUTH_SERVER).url(), services,
                kafka, server, postgres.username(), postgres.password(), stack.databases(), stack.mailApi(), () -> {
                    Map<String, List<Long>> pids = new LinkedHashMap<>();
                    stack.apps().forEach(app -> pids.put(app.name(), List.of(app.process().pid())));
                    return pids;
                }, id -> id + "-local-secret");
    }
}
