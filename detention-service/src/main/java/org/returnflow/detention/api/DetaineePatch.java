package org.returnflow.detention.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Valid;
import jakarta.validation.Validator;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.returnflow.detention.api.DetaineeRequests.Counsel;
import org.returnflow.detention.api.DetaineeRequests.RemovalOrder;
import org.returnflow.detention.domain.Amendment;
import org.returnflow.detention.domain.Detainee;
import org.returnflow.platform.web.BadRequestException;
import org.springframework.http.HttpInputMessage;
import org.springframework.http.converter.HttpMessageNotReadableException;

import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * A JSON Merge Patch (RFC 7396, {@code application/merge-patch+json}) of the patchable part of a
 * custody record: {@code counsel}, {@code preferredLanguage}, {@code removalOrder} and
 * {@code externalIds} (an object from scheme to value). A member set to null is removed (a
 * removal order, counsel, one identifier); an object is merged into what is there, so
 * {@code {"removalOrder": {"isFinal": true}}} keeps the date. The result is checked exactly as a
 * registration is. Any other member is a 400 naming it, with where it is changed instead.
 */
final class DetaineePatch {

    static final String MEDIA_TYPE = "application/merge-patch+json";

    private static final Set<String> PATCHABLE = Set.of("counsel", "preferredLanguage", "removalOrder", "externalIds");
    private static final Map<String, String> CHANGED_ELSEWHERE = Map.ofEntries(
            Map.entry("facilityCode", "is changed by POST /api/detainees/{id}/transfer"),
            Map.entry("custodyStatus", "is changed by POST /api/detainees/{id}/release"),
            Map.entry("guardianId", "is changed by POST /api/detainees/{id}/guardian"),
            Map.entry("legalHolds", "are placed and lifted by POST /api/detainees/{id}/legal-holds"),
            Map.entry("residencePermits", "are recorded by POST and invalidated by POST .../invalidate"),
            Map.entry("travelDocuments", "are recorded by POST and invalidated by POST .../invalidate"),
            Map.entry("medicalClearances", "are recorded by POST and invalidated by POST .../invalidate"),
            Map.entry("property", "is recorded and moved by POST /api/detainees/{id}/property"),
            Map.entry("givenName", "is fixed at registration"),
            Map.entry("familyName", "is fixed at registration"),
            Map.entry("dateOfBirth", "is fixed at registration"),
            Map.entry("nationality", "is fixed at registration"),
            Map.entry("detainedSince", "is fixed at registration"));

    private DetaineePatch() {
    }

    /** What a merge patch may change, in the shape a registration uses; checked by the same rules. */
    record Patchable(@Valid Counsel counsel, @NotNull @LanguageTag String preferredLanguage,
                     @Valid RemovalOrder removalOrder, @Size(max = 10) Map<String, String> externalIds) {

        static Patchable of(Detainee d) {
            Map<String, String> externalIds = new LinkedHashMap<>();
            d.externalIds().forEach(e -> externalIds.put(e.scheme(), e.value()));
            return new Patchable(d.hasCounsel() ? new Counsel(d.counselName(), d.counselEmail()) : null,
                    d.preferredLanguage(),
                    d.removalOrderIssuedOn() == null ? null : new RemovalOrder(d.removalOrderIssuedOn(),
                            d.removalOrderFinal()),
                    externalIds);
        }

        Amendment toAmendment() {
            return new Amendment(counsel == null ? null : counsel.name().strip(),
                    counsel == null ? null : counsel.email().strip(), preferredLanguage,
                    removalOrder == null ? null : removalOrder.issuedOn(),
                    removalOrder == null ? null : removalOrder.isFinal(),
                    DetaineeRequests.externalIds(externalIds));
        }
    }

    /**
     * Applies the patch to the record as it is and checks the result.
     *
     * @param body the request, so that unreadable values are reported like any unreadable body
     * @throws BadRequestException naming the first field that is not patchable or not valid
     */
    static Amendment apply(Detainee current, JsonNode patch, ObjectMapper json, Validator validator,
                           HttpInputMessage body) {
        if (!(patch instanceof ObjectNode members)) {
            throw new BadRequestException("a merge patch of a detainee is a JSON object", "body");
        }
        requirePatchable(members);
        JsonNode merged = merge(json.valueToTree(Patchable.of(current)), members);
        Patchable result;
        try {
            result = json.readerFor(Patchable.class).with(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                    .readValue(merged);
        } catch (JsonProcessingException e) {
            throw new HttpMessageNotReadableException("The merge patch gives an unreadable record", e, body);
        } catch (java.io.IOException e) {
            throw new BadRequestException("the merge patch gives an unreadable record", "body");
        }
        validator.validate(result).stream()
                .min(Comparator.comparing((ConstraintViolation<Patchable> v) -> v.getPropertyPath().toString()))
                .ifPresent(v -> {
                    throw new BadRequestException(v.getMessage(), v.getPropertyPath().toString());
                });
        return result.toAmendment();
    }

    private static void requirePatchable(ObjectNode members) {
        Set<String> names = new TreeSet<>();
        members.fieldNames().forEachRemaining(names::add);
        for (String name : names) {
            if (!PATCHABLE.contains(name)) {
                String where = CHANGED_ELSEWHERE.getOrDefault(name, "is not a field a merge patch may change: one of "
                        + new TreeSet<>(PATCHABLE));
                throw new BadRequestException(name + " " + where, name);
            }
        }
    }

    /** RFC 7396, section 2: null removes a member, an object merges into the member, anything else replaces it. */
    static JsonNode merge(JsonNode target, JsonNode patch) {
        if (!patch.isObject()) {
            return patch;
        }
        ObjectNode result = target != null && target.isObject() ? ((ObjectNode) target).deepCopy()
                : JsonNodeFactory.instance.objectNode();
        Iterator<Map.Entry<String, JsonNode>> members = patch.fields();
        while (members.hasNext()) {
            Map.Entry<String, JsonNode> member = members.next();
            if (member.getValue().isNull()) {
                result.remove(member.getKey());
            } else {
                result.set(member.getKey(), merge(result.get(member.getKey()), member.getValue()));
            }
        }
        return result;
    }
}
