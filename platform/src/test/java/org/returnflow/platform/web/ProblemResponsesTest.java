package org.returnflow.platform.web;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.WebMvcTest;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;

import static org.hamcrest.Matchers.containsString;
import static org.returnflow.testkit.TestClient.DEV;
import static org.hamcrest.Matchers.not;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** Every kind of bad input gets an RFC 9457 problem response that names the field and the reason. */
@WebMvcTest(controllers = SampleController.class)
class ProblemResponsesTest {

    @Autowired
    MockMvc mvc;

    private ResultActions postSample(String json) throws Exception {
        return mvc.perform(post("/samples").with(DEV.mockMvc()).contentType(MediaType.APPLICATION_JSON).content(json));
    }

    @Test
    void validRequestPasses() throws Exception {
        postSample("""
                {"givenName":"A","nationality":"IRN","dateOfBirth":"1990-02-28","kind":"APPEAL"}""")
                .andExpect(status().isCreated());
    }

    @Test
    void beanValidationNamesEachField() throws Exception {
        postSample("""
                {"givenName":"","nationality":"Iran","dateOfBirth":"2999-01-01"}""")
                .andExpect(status().isBadRequest())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.status").value(400))
                .andExpect(jsonPath("$.type").value("https://returnflow.org/problems/invalid-request"))
                .andExpect(jsonPath("$.errors[0].field").value("dateOfBirth"))
                .andExpect(jsonPath("$.errors[1].field").value("givenName"))
                .andExpect(jsonPath("$.errors[2].field").value("nationality"))
                .andExpect(jsonPath("$.errors[2].reason").value("must be an ISO 3166-1 alpha-3 code"));
    }

    @Test
    void malformedJsonIsA400() throws Exception {
        postSample("{\"givenName\": ")
                .andExpect(status().isBadRequest())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.errors[0].field").value("body"))
                .andExpect(jsonPath("$.errors[0].reason", containsString("malformed JSON")));
    }

    @Test
    void unknownEnumValueNamesTheFieldAndTheChoices() throws Exception {
        postSample("""
                {"givenName":"A","nationality":"IRN","dateOfBirth":"1990-01-01","kind":"PARDON"}""")
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("kind"))
                .andExpect(jsonPath("$.errors[0].reason").value("'PARDON' is not one of [APPEAL, COURT_ORDER]"));
    }

    @Test
    void wrongTypeNamesTheField() throws Exception {
        postSample("""
                {"givenName":"A","nationality":"IRN","dateOfBirth":"yesterday"}""")
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("dateOfBirth"))
                .andExpect(jsonPath("$.errors[0].reason", containsString("a date (yyyy-MM-dd)")));
    }

    @Test
    void badPathVariableNamesTheParameter() throws Exception {
        mvc.perform(get("/samples/not-a-uuid").with(DEV.mockMvc()))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("id"))
                .andExpect(jsonPath("$.errors[0].reason").value("'not-a-uuid' is not a UUID"));
    }

    @Test
    void pageSizeOverTheLimitIsA400() throws Exception {
        mvc.perform(get("/samples").param("size", "5000").with(DEV.mockMvc()))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("size"));
    }

    @Test
    void unknownResourceIsA404Problem() throws Exception {
        mvc.perform(get("/samples/00000000-0000-0000-0000-000000000000").with(DEV.mockMvc()))
                .andExpect(status().isNotFound())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.detail").value("Sample 00000000-0000-0000-0000-000000000000 was not found"));
    }

    @Test
    void unknownPathIsA404Problem() throws Exception {
        mvc.perform(get("/no/such/path").with(DEV.mockMvc()))
                .andExpect(status().isNotFound())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.status").value(404));
    }

    @Test
    void conflictIsA409Problem() throws Exception {
        mvc.perform(post("/samples/00000000-0000-0000-0000-000000000001/lift").with(DEV.mockMvc()))
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.type").value("https://returnflow.org/problems/conflict"))
                .andExpect(jsonPath("$.detail").value("The hold is already lifted"));
    }

    @Test
    void businessRuleIsA422ProblemNamingTheField() throws Exception {
        mvc.perform(post("/samples/00000000-0000-0000-0000-000000000001/decision").with(DEV.mockMvc()))
                .andExpect(status().isUnprocessableEntity())
                .andExpect(jsonPath("$.errors[0].field").value("interpreter"));
    }

    @Test
    void unexpectedErrorsHideTheirInternals() throws Exception {
        mvc.perform(get("/samples/boom").with(DEV.mockMvc()))
                .andExpect(status().isInternalServerError())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(content().string(not(containsString("secret internal detail"))));
    }
}
