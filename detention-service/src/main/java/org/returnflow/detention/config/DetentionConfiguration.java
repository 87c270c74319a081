package org.returnflow.detention.config;

import org.returnflow.detention.domain.EligibilityRules;
import org.returnflow.detention.domain.Facilities;
import org.returnflow.detention.domain.Facility;
import org.returnflow.detention.domain.ThirdCountryAgreements;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Turns configuration into the domain's facilities, agreements and eligibility rules. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(DetentionProperties.class)
public class DetentionConfiguration {

    @Bean
    Facilities facilities(DetentionProperties properties) {
        List<Facility> facilities = properties.getFacilities().stream().map(f -> {
            if (f.getCode() == null || f.getNoticeEmail() == null) {
                throw new IllegalStateException("returnflow.detention.facilities: every facility needs a code and a "
                        + "notice-email");
            }
            return new Facility(f.getCode(), f.getName(), f.getNoticeEmail());
        }).toList();
        if (facilities.isEmpty()) {
            throw new IllegalStateException("returnflow.detention.facilities is empty: configure at least one facility");
        }
        return new Facilities(facilities);
    }

    @Bean
    ThirdCountryAgreements thirdCountryAgreements(DetentionProperties properties) {
        Map<String, Set<String>> agreements = new LinkedHashMap<>();
        properties.getAgreements().forEach((destination, nationalities) ->
                agreements.put(destination, Set.copyOf(nationalities)));
        return new ThirdCountryAgreements(agreements);
    }

    @Bean
    EligibilityRules eligibilityRules(ThirdCountryAgreements agreements) {
        return new EligibilityRules(agreements);
    }

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }
}
