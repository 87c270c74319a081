package org.returnflow.detention.domain;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** The facilities this service serves, by code; a person can only be registered at one of them. */
public final class Facilities {

    private final Map<String, Facility> byCode = new LinkedHashMap<>();

    public Facilities(List<Facility> facilities) {
        facilities.forEach(f -> byCode.put(f.code(), f));
    }

    public Optional<Facility> find(String code) {
        return Optional.ofNullable(code).map(byCode::get);
    }

    public Set<String> codes() {
        return byCode.keySet();
    }
}
