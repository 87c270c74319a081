package org.returnflow.bench.chaos;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ReconciliationTest {

    private static Reconciliation of(List<String> unsettled, long emails, long emailsTwice, Map<String, Long> unsent,
                                     Map<String, Long> deadLetters) {
        return new Reconciliation(3, Map.of("NOTIFIED", 3L - unsettled.size(), "BOOKED", (long) unsettled.size()), unsettled,
                0, 0, 0, 0, 9, emails, emailsTwice, unsent, Map.of(), 0, 0, deadLetters);
    }

    @Test
    void aRunWithEveryCaseNotifiedOnceReconciles() {
        Reconciliation r = of(List.of(), 9, 0, Map.of("workflow", 0L), Map.of());
        assertThat(r.clean()).isTrue();
        assertThat(r.failures()).isEmpty();
        assertThat(r.text()).contains("RECONCILED: every case settled");
    }

    @Test
    void aCaseStuckWithAnIncidentIsSettledButOneWithNothingVisibleIsNot() {
        Reconciliation visible = of(List.of("c1 BOOKED: incident failedJob: boom"), 6, 0, Map.of(), Map.of());
        assertThat(visible.invisible()).isZero();
        assertThat(visible.clean()).isTrue();

        Reconciliation invisible = of(List.of("c1 BOOKED: nothing visible"), 6, 0, Map.of(), Map.of());
        assertThat(invisible.clean()).isFalse();
        assertThat(invisible.failures()).containsExactly("1 cases stuck with nothing visible");
    }

    @Test
    void anEmailTwiceAnUnsentRowOrADeadLetterKeepsItFromReconciling() {
        Reconciliation r = of(List.of(), 10, 1, Map.of("notification-service", 2L), Map.of("flight.commands.DLT", 1L));
        assertThat(r.clean()).isFalse();
        assertThat(r.failures()).containsExactly("1 e-mails twice", "10 e-mails for 3 notified cases",
                "2 outbox rows unsent", "1 dead letters");
        assertThat(r.text()).contains("NOT RECONCILED: 1 e-mails twice");
    }
}
