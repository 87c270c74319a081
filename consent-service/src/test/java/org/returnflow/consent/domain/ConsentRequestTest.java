package org.returnflow.consent.domain;

import org.junit.jupiter.api.Test;
import org.returnflow.platform.web.BusinessRuleException;
import org.returnflow.platform.web.ConflictException;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.returnflow.consent.domain.ConsentPolicyTest.EVIDENCE;

class ConsentRequestTest {

    static final LocalDate DETAINED_SINCE = LocalDate.of(2026, 1, 1);
    static final Instant DAY_179 = Instant.parse("2026-06-29T10:00:00Z");
    static final Instant DAY_180 = Instant.parse("2026-06-30T10:00:00Z");
    static final Instant DUE_BY = Instant.parse("2026-12-01T00:00:00Z");

    final ConsentPolicy policy = new ConsentPolicy(180);
    final ConsentRequest request = new ConsentRequest(UUID.randomUUID(), UUID.randomUUID(), "fa", DETAINED_SINCE,
            DUE_BY, Instant.parse("2026-06-01T00:00:00Z"), "/returnflow/workflow", "cmd-1");

    static DecisionInput given() {
        return new DecisionInput(Decision.GIVEN, "officer-4711", "fa-IR", null, EVIDENCE);
    }

    @Test
    void consentGivenRecordsWhoInWhatLanguageOnWhatEvidence() {
        ConsentDecision decision = request.decide(
                new DecisionInput(Decision.GIVEN, "officer-4711", "en", "interpreter-0815", EVIDENCE),
                policy, DAY_179, "consent-officers");

        assertThat(request.status()).isEqualTo(ConsentStatus.GIVEN);
        assertThat(decision.consentId()).isEqualTo(request.id());
        assertThat(decision.officer()).isEqualTo("officer-4711");
        assertThat(decision.language()).isEqualTo("en");
        assertThat(decision.interpreter()).isEqualTo("interpreter-0815");
        assertThat(decision.evidenceSha256()).isEqualTo(EVIDENCE);
        assertThat(decision.recordedBy()).isEqualTo("consent-officers");
        assertThat(decision.daysInDetention()).isEqualTo(179);
        assertThat(decision.reviewRequired()).isFalse();
    }

    @Test
    void consentGivenAfter180DaysIsMarkedForReview() {
        ConsentDecision decision = request.decide(given(), policy, DAY_180, "consent-officers");
        assertThat(decision.daysInDetention()).isEqualTo(180);
        assertThat(decision.reviewRequired()).isTrue();
    }

    @Test
    void aDeclineAfter180DaysNeedsNoReview() {
        ConsentDecision decision = request.decide(new DecisionInput(Decision.DECLINED, "officer-4711", null, null,
                null), policy, DAY_180, "consent-officers");
        assertThat(request.status()).isEqualTo(ConsentStatus.DECLINED);
        assertThat(decision.reviewRequired()).isFalse();
    }

    @Test
    void aSecondDecisionIsAConflictAndTheFirstStands() {
        request.decide(given(), policy, DAY_179, "consent-officers");

        assertThatThrownBy(() -> request.decide(new DecisionInput(Decision.DECLINED, "officer-9", null, null, null),
                policy, DAY_180, "consent-officers"))
                .isInstanceOf(ConflictException.class)
                .hasMessageContaining("already has a decision");
        assertThat(request.status()).isEqualTo(ConsentStatus.GIVEN);
    }

    @Test
    void aRefusedDecisionLeavesTheRequestPending() {
        assertThatThrownBy(() -> request.decide(new DecisionInput(Decision.GIVEN, "officer-4711", "en", null,
                EVIDENCE), policy, DAY_179, "consent-officers"))
                .isInstanceOf(BusinessRuleException.class);
        assertThat(request.status()).isEqualTo(ConsentStatus.PENDING);
    }

    @Test
    void aDecisionAfterDueByIsAConflict() {
        assertThatThrownBy(() -> request.decide(given(), policy, DUE_BY.plusSeconds(1), "consent-officers"))
                .isInstanceOf(ConflictException.class)
                .hasMessageContaining("expired");
        assertThat(request.status()).isEqualTo(ConsentStatus.PENDING);
    }

    @Test
    void consentCanBeWithdrawnBeforeBoarding() {
        request.decide(given(), policy, DAY_179, "consent-officers");
        ConsentWithdrawal withdrawal = request.withdraw("changed their mind", false, DAY_180, "consent-officers");
        assertThat(request.status()).isEqualTo(ConsentStatus.WITHDRAWN);
        assertThat(withdrawal.reason()).isEqualTo("changed their mind");
        assertThat(withdrawal.consentId()).isEqualTo(request.id());
    }

    @Test
    void aWithdrawalAfterBoardingIsAConflict() {
        request.decide(given(), policy, DAY_179, "consent-officers");

        assertThatThrownBy(() -> request.withdraw("changed their mind", true, DAY_180, "consent-officers"))
                .isInstanceOf(ConflictException.class)
                .hasMessageContaining("boarded");
        assertThat(request.status()).isEqualTo(ConsentStatus.GIVEN);
    }

    @Test
    void withoutConsentGivenThereIsNothingToWithdraw() {
        assertThatThrownBy(() -> request.withdraw("reason", false, DAY_179, "consent-officers"))
                .isInstanceOf(ConflictException.class)
                .hasMessageContaining("PENDING");
        request.decide(new DecisionInput(Decision.DECLINED, "officer-4711", null, null, null), policy, DAY_179,
                "consent-officers");
        assertThatThrownBy(() -> request.withdraw("reason", false, DAY_180, "consent-officers"))
                .isInstanceOf(ConflictException.class);
        assertThat(request.status()).isEqualTo(ConsentStatus.DECLINED);
    }

    @Test
    void onlyAPendingRequestPastDueByExpires() {
        assertThat(request.expireIfDue(DUE_BY.minusSeconds(1))).isFalse();
        assertThat(request.status()).isEqualTo(ConsentStatus.PENDING);
        assertThat(request.expireIfDue(DUE_BY)).isTrue();
        assertThat(request.status()).isEqualTo(ConsentStatus.EXPIRED);
        assertThat(request.expiredAt()).isEqualTo(DUE_BY);

        ConsentRequest decided = new ConsentRequest(UUID.randomUUID(), UUID.randomUUID(), "fa", DETAINED_SINCE,
                DUE_BY, DAY_179, "/returnflow/workflow", "cmd-2");
        decided.decide(given(), policy, DAY_179, "consent-officers");
        assertThat(decided.expireIfDue(DUE_BY.plusSeconds(60))).isFalse();
        assertThat(decided.status()).isEqualTo(ConsentStatus.GIVEN);
    }
}
