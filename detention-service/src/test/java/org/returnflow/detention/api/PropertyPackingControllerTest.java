package org.returnflow.detention.api;

import org.junit.jupiter.api.Test;
import org.returnflow.detention.config.DetentionAccessRules;
import org.returnflow.detention.domain.DetaineeRecords;
import org.returnflow.platform.web.ConflictException;
import org.returnflow.platform.web.NotFoundException;
import org.returnflow.testkit.TestClient;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;

import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** Bulk packing over HTTP: a result per item, refusals never stop the rest, a bad request packs nothing. */
@WebMvcTest(controllers = PropertyPackingController.class)
@Import({DetentionAccessRules.class, AuditLogWithMockedStore.class})
class PropertyPackingControllerTest {

    @Autowired
    MockMvc mvc;
    @MockitoBean
    DetaineeRecords records;
    @MockitoBean
    JdbcTemplate auditJdbc;

    private ResultActions pack(TestClient client, String body) throws Exception {
        return mvc.perform(post("/api/detainees/property/pack").with(client.mockMvc())
                .contentType(MediaType.APPLICATION_JSON).content(body));
    }

    private static String item(UUID detainee, UUID item) {
        return "{\"detaineeId\":\"" + detainee + "\",\"itemId\":\"" + item + "\"}";
    }

    @Test
    void everyItemGetsItsOwnResultAndARefusalDoesNotStopTheRest() throws Exception {
        UUID person = UUID.randomUUID();
        UUID packed = UUID.randomUUID();
        UUID unknown = UUID.randomUUID();
        UUID returned = UUID.randomUUID();
        UUID already = UUID.randomUUID();
        when(records.pack(eq(person), eq(packed), any())).thenReturn(true);
        when(records.pack(eq(person), eq(unknown), any())).thenThrow(new NotFoundException("Property item", unknown));
        when(records.pack(eq(person), eq(returned), any())).thenThrow(new ConflictException(
                "Property item " + returned + " is RETURNED and cannot be marked PACKED"));
        when(records.pack(eq(person), eq(already), any())).thenReturn(false);

        pack(TestClient.DETENTION_AGENCY, "{\"items\":[" + item(person, packed) + "," + item(person, unknown) + ","
                + item(person, returned) + "," + item(person, already) + "]}")
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.done").value(2))
                .andExpect(jsonPath("$.refused").value(2))
                .andExpect(jsonPath("$.results[0].itemId").value(packed.toString()))
                .andExpect(jsonPath("$.results[0].status").value("DONE"))
                .andExpect(jsonPath("$.results[0].changed").value(true))
                .andExpect(jsonPath("$.results[1].status").value("REFUSED"))
                .andExpect(jsonPath("$.results[1].problem.status").value(404))
                .andExpect(jsonPath("$.results[2].status").value("REFUSED"))
                .andExpect(jsonPath("$.results[2].problem.status").value(409))
                .andExpect(jsonPath("$.results[2].problem.detail").value(
                        "Property item " + returned + " is RETURNED and cannot be marked PACKED"))
                .andExpect(jsonPath("$.results[3].status").value("DONE"))
                .andExpect(jsonPath("$.results[3].changed").value(false));
        verify(records).pack(eq(person), eq(already), any());
    }

    @Test
    void aMalformedBatchIsRefusedWholeNamingTheField() throws Exception {
        UUID person = UUID.randomUUID();
        pack(TestClient.DETENTION_AGENCY, "{\"items\":[]}").andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("items"));
        pack(TestClient.DETENTION_AGENCY, "{\"items\":[" + item(person, UUID.randomUUID())
                + ",{\"detaineeId\":\"" + person + "\"}]}")
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("items[1].itemId"));
        pack(TestClient.DETENTION_AGENCY, "{\"items\":[{\"detaineeId\":\"x\",\"itemId\":\"y\"}]}")
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("items[0].detaineeId"));
        String tooMany = IntStream.range(0, 501).mapToObj(i -> item(person, UUID.randomUUID()))
                .collect(Collectors.joining(",", "{\"items\":[", "]}"));
        pack(TestClient.DETENTION_AGENCY, tooMany).andExpect(status().isBadRequest())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.errors[0].field").value("items"));
        verifyNoInteractions(records);
    }

    @Test
    void packingNeedsTheWriteScope() throws Exception {
        String body = "{\"items\":[" + item(UUID.randomUUID(), UUID.randomUUID()) + "]}";
        pack(TestClient.DETENTION_AGENCY.withScopes("detention:read"), body).andExpect(status().isForbidden());
        pack(TestClient.PARTNER_MONITOR, body).andExpect(status().isForbidden());
        mvc.perform(post("/api/detainees/property/pack").contentType(MediaType.APPLICATION_JSON).content(body))
                .andExpect(status().isUnauthorized());
        verifyNoInteractions(records);
    }
}
