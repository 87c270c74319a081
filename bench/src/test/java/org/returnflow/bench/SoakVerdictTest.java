package org.returnflow.bench;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class SoakVerdictTest {

    private static final Instant T0 = Instant.parse("2026-12-03T19:00:00Z");

    /** 21 samples, 30 s apart, 30 cases notified between two samples. */
    private static List<Soak.Sample> samples(java.util.function.IntFunction<Map<String, Double>> values) {
        List<Soak.Sample> samples = new ArrayList<>();
        for (int i = 0; i <= 20; i++) {
            samples.add(new Soak.Sample(T0.plusSeconds(30L * i), 30L * i, values.apply(i)));
        }
        return samples;
    }

    @Test
    void memoryThatLevelsOffAndAPrunedTableThatStaysBoundedAreFlat() {
        Map<String, String> verdict = Soak.verdicts(samples(i -> {
            Map<String, Double> v = new LinkedHashMap<>();
            v.put("rss workflow", i < 4 ? 400.0 + 50 * i : 560.0 + (i % 3) * 5);
            v.put("rows workflow processed_message", i < 4 ? 300.0 * i : 1200.0 + (i % 2) * 40);
            return v;
        }));
        assertThat(verdict.get("rss workflow")).startsWith("flat");
        assertThat(verdict.get("rows workflow processed_message")).startsWith("flat");
    }

    @Test
    void aLeakAndATableThatIsNotPrunedAreGrowing() {
        Map<String, String> verdict = Soak.verdicts(samples(i -> {
            Map<String, Double> v = new LinkedHashMap<>();
            v.put("heap workflow", 200.0 + 10 * i);
            v.put("rows flight-service outbox_message", 15.0 * 30 * i);
            return v;
        }));
        assertThat(verdict.get("heap workflow")).startsWith("GROWING");
        assertThat(verdict.get("rows flight-service outbox_message")).startsWith("GROWING");
    }

    @Test
    void aKeptTableIsJudgedByItsRowsPerCase() {
        Map<String, String> steady = Soak.verdicts(samples(i -> Map.of("rows workflow case_history", 12.0 * 30 * i)));
        assertThat(steady.get("rows workflow case_history")).startsWith("steady per case: 12.0 rows per case");

        Map<String, String> worse = Soak.verdicts(samples(i -> Map.of("rows workflow audit_entry", 1.0 * 30 * i * i)));
        assertThat(worse.get("rows workflow audit_entry")).startsWith("GROWING");

        // a first half that wrote rows for cases still in flight, and a second half that notified them
        Map<String, String> catchingUp = Soak.verdicts(samples(i -> Map.of("rows workflow act_hi_actinst",
                i <= 10 ? 60.0 * 30 * i : 60.0 * 300 + 40.0 * 30 * (i - 10))));
        assertThat(catchingUp.get("rows workflow act_hi_actinst")).startsWith("steady");
    }
}
