package org.returnflow.detention.config;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code returnflow.detention.*}: the facilities this service serves and the third-country
 * agreements in force.
 */
@ConfigurationProperties("returnflow.detention")
public class DetentionProperties {

    private List<FacilityProperties> facilities = new ArrayList<>();
    /** Destination (ISO alpha-3) → nationalities it accepts under a third-country agreement. */
    private Map<String, List<String>> agreements = new LinkedHashMap<>();

    public List<FacilityProperties> getFacilities() { return facilities; }
    public void setFacilities(List<FacilityProperties> facilities) { this.facilities = facilities; }
    public Map<String, List<String>> getAgreements() { return agreements; }
    public void setAgreements(Map<String, List<String>> agreements) { this.agreements = agreements; }

    /** One facility: its code, name and the desk where people held there receive written notices. */
    public static class FacilityProperties {
        private String code;
        private String name;
        private String noticeEmail;

        public String getCode() { return code; }
        public void setCode(String code) { this.code = code; }
        public String getName() { return name; }
        public void setName(String name) { this.name = name; }
        public String getNoticeEmail() { return noticeEmail; }
        public void setNoticeEmail(String noticeEmail) { this.noticeEmail = noticeEmail; }
    }
}
