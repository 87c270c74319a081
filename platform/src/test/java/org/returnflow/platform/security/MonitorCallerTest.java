package org.returnflow.platform.security;

import org.junit.jupiter.api.Test;

import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** A monitor is a client holding the role scope; its client id is the monitorId. */
class MonitorCallerTest {

    @Test
    void aClientWithTheRoleScopeIsAMonitorNamedByItsClientId() {
        Caller monitor = new Caller("return-monitor", Set.of(MonitorCaller.FLIGHTS_SCOPE), Optional.empty(), true);
        assertThat(MonitorCaller.of(monitor, MonitorCaller.FLIGHTS_SCOPE))
                .contains(new MonitorCaller("return-monitor", false));

        Caller identifying = new Caller("return-monitor", Set.of(MonitorCaller.FLIGHTS_SCOPE,
                MonitorCaller.IDENTIFY_SCOPE), Optional.empty(), true);
        assertThat(MonitorCaller.of(identifying, MonitorCaller.FLIGHTS_SCOPE).orElseThrow().identify()).isTrue();
    }

    @Test
    void aClientWithoutTheRoleScopeIsNoMonitorWhateverElseItHolds() {
        Caller agency = new Caller("flight-operations", Set.of("flights:read", "flights:manage",
                MonitorCaller.IDENTIFY_SCOPE), Optional.empty(), false);
        assertThat(MonitorCaller.of(agency, MonitorCaller.FLIGHTS_SCOPE)).isEmpty();
        assertThat(MonitorCaller.of(new Caller("return-monitor", Set.of(MonitorCaller.FLIGHTS_SCOPE),
                Optional.empty(), true), "cases:monitor")).isEmpty();
    }
}
