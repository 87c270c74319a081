package org.returnflow.consent.config;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.time.Duration;

/** Settings under {@code returnflow.consent}. */
@ConfigurationProperties("returnflow.consent")
public class ConsentProperties {

    /** Days in detention from which a consent given is marked reviewRequired. */
    private int reviewAfterDays = 180;

    /** How often pending requests past their dueBy are expired. */
    private Duration expiryCheckInterval = Duration.ofSeconds(30);

    /** Requests expired per transaction. */
    private int expiryBatchSize = 100;

    public int getReviewAfterDays() { return reviewAfterDays; }
    public void setReviewAfterDays(int reviewAfterDays) { this.reviewAfterDays = reviewAfterDays; }
    public Duration getExpiryCheckInterval() { return expiryCheckInterval; }
    public void setExpiryCheckInterval(Duration expiryCheckInterval) { this.expiryCheckInterval = expiryCheckInterval; }
    public int getExpiryBatchSize() { return expiryBatchSize; }
    public void setExpiryBatchSize(int expiryBatchSize) { this.expiryBatchSize = expiryBatchSize; }
}
