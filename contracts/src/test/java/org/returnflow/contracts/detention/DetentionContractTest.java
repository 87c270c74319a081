package org.returnflow.contracts.detention;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class DetentionContractTest {

    private static final UUID CASE = UUID.randomUUID();
    private static final UUID DETAINEE = UUID.randomUUID();
    private static final LocalDate ON = LocalDate.parse("2026-12-05");

    @Test
    void onlyAResidencePermitAndAnUnaccompaniedMinorMayBeOverridden() {
        assertThat(Arrays.stream(BlockerCode.values()).filter(BlockerCode::overridable))
                .containsExactlyInAnyOrder(BlockerCode.VALID_RESIDENCE_PERMIT, BlockerCode.UNACCOMPANIED_MINOR);
    }

    @Test
    void eligibleExactlyWhenThereAreNoBlockers() {
        Blocker hold = new Blocker(BlockerCode.ACTIVE_LEGAL_HOLD, UUID.randomUUID());

        assertThat(new EligibilityAssessed(CASE, DETAINEE, "IRN", ON, EligibilityStage.FINAL, true, null, null)
                .blockers()).isEmpty();
        assertThat(new EligibilityAssessed(CASE, DETAINEE, "IRN", ON, EligibilityStage.FINAL, false, List.of(hold), null)
                .blockers()).containsExactly(hold);
        assertThatThrownBy(() ->
                new EligibilityAssessed(CASE, DETAINEE, "IRN", ON, EligibilityStage.FINAL, true, List.of(hold), null))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() ->
                new EligibilityAssessed(CASE, DETAINEE, "IRN", ON, EligibilityStage.FINAL, false, List.of(), null))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aBlockerNeedsACodeAndCarriesNoText() {
        assertThatThrownBy(() -> new Blocker(null, UUID.randomUUID())).hasMessage("code");
        assertThat(Blocker.of(BlockerCode.NOT_FIT_TO_FLY).recordId()).isNull();
        assertThat(Blocker.class.getRecordComponents()).extracting(c -> c.getType().getSimpleName())
                .containsExactly("BlockerCode", "UUID");
    }
}
