package org.returnflow.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.extension.TestWatcher;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.returnflow.e2e.Snapshot.Entry;
import org.returnflow.contracts.Topics;
import org.returnflow.testkit.Infrastructure;
import org.returnflow.testkit.ReceivedEvent;
import org.returnflow.testkit.TopicProbe;
import org.returnflow.testkit.stack.StackProcesses;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * Returnflow end to end, as it runs in production: the authorisation server, the four services,
 * the workflow and the gateway, each a separate process started from its jar, on one real
 * PostgreSQL server (a database each) and one real Kafka broker, with a real SMTP server
 * (GreenMail) behind the notification service. The reference scenario runs reduced to about 40
 * cases that still walk every safeguard path; then a browser looks at Cockpit and works a legal
 * review in Tasklist.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ReturnflowEndToEndIT {

    /** 32 IRN and 10 PAN cases, flights of 10 seats for returnees. */
    private static final double SIZE = 0.08;
    private static final long SEED = 2026;

    @RegisterExtension
    static GreenMailExtension mail = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort()).withPerMethodLifecycle(false);

    @RegisterExtension
    final TestWatcher logsOnFailure = new TestWatcher() {
        @Override
        public void testFailed(ExtensionContext context, Throwable cause) {
            if (stack != null) {
                System.out.println("e2e: " + context.getDisplayName() + " failed; the end of every process's log:"
                        + stack.tails(40));
            }
        }
    };

    private final Path root = Path.of(System.getProperty("returnflow.root", "..")).toAbsolutePath().normalize();
    private final Path target = root.resolve("e2e/target");
    private StackProcesses stack;
    private ReturnflowApi api;
    /** The people of the scenario, once it has run: the partner check looks for their names. */
    private List<Person> cast = List.of();

    @BeforeAll
    void startTheStack() throws Exception {
        Infrastructure infrastructure = Infrastructure.get();
        Path work = Path.of(System.getProperty("returnflow.e2e.work", target.resolve("e2e-stack").toString()));
        stack = StackProcesses.builder("e2e", root, work, infrastructure.postgres(), infrastructure.kafkaBootstrapServers())
                .smtpPort(mail.getSmtp().getPort())
                .environment(StackProcesses.WORKFLOW, Map.of(
                        "RETURNFLOW_WORKFLOW_TIMERS_REPLY_TIMEOUT", "PT2M",
                        "RETURNFLOW_WORKFLOW_TIMERS_CONSENT_TIMEOUT", "PT20M",
                        "RETURNFLOW_WORKFLOW_TIMERS_SEAT_RETRY", "PT1M",
                        // the fear-claim window of a third-country removal lasts a minute here (local profile only)
                        "RETURNFLOW_FEAR_CLAIM_WINDOW_OVERRIDE", "PT1M"))
                .start();
        api = new ReturnflowApi(apiSettings(stack));
    }

    /** The settings a {@link ReturnflowApi} needs to reach the started stack. */
    private static ReturnflowApi.Settings apiSettings(StackProcesses stack) {
        return ReturnflowApi.Settings.fromEnvironment(Map.of(
                "GATEWAY_PORT", Integer.toString(stack.app(StackProcesses.GATEWAY).port()),
                "AUTH_SERVER_PORT", Integer.toString(stack.app(StackProcesses.AUTH_SERVER).port()),
                "WORKFLOW_PORT", Integer.toString(stack.app(StackProcesses.WORKFLOW).port())));
    }

    @AfterAll
    void stopTheStack() {
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    @Order(1)
    void theReducedReferenceScenarioEndsAsPlannedAndKeepsEverySafeguard() throws Exception {
        ReferenceScenario scenario = new ReferenceScenario(api,
                new ReferenceScenario.Options(SIZE, SEED, true, Duration.ofMinutes(4), System.out));
        ReferenceScenario.Result result = scenario.run();
        Summary summary = Summary.of(api, result, Snapshot.Scope.FULL);
        summary.print(System.out);
        Snapshot s = summary.snapshot();
        List<Person> people = result.cast().everyone();
        cast = people;
        assertThat(people).hasSizeBetween(38, 46);
        assertThat(stack.died()).as("processes that stopped during the run").isEmpty();

        // every S-rule holds
        for (SafeguardAudit.Finding finding : summary.findings()) {
            assertThat(finding.violations()).as(finding.line()).isEmpty();
        }

        // every case ends as its plan says
        Map<String, String> wrong = new LinkedHashMap<>();
        for (Person p : people) {
            String expected = p.expectedFinalState(result.boarded().contains(p.caseId()));
            String actual = s.state(p.caseId());
            if (!expected.equals(actual)) {
                wrong.put(p + " " + p.reviewPlan() + "/" + p.consentPlan(), "expected " + expected + ", is " + actual);
            }
        }
        assertThat(wrong).as("cases whose final state is not the planned one").isEmpty();

        // every safeguard path was walked
        Set<String> blockers = new HashSet<>();
        Pattern code = Pattern.compile("\\b[A-Z]+(_[A-Z]+)+\\b");
        for (Person p : people) {
            for (JsonNode h : s.caseView(p.caseId()).path("history")) {
                Matcher m = code.matcher(h.path("detail").asText());
                while (m.find()) {
                    blockers.add(m.group());
                }
            }
        }
        assertThat(blockers).as("blockers met on the way").contains("ACTIVE_LEGAL_HOLD", "VALID_RESIDENCE_PERMIT",
                "UNACCOMPANIED_MINOR", "NOT_FIT_TO_FLY", "NO_TRAVEL_DOCUMENT", "THIRD_COUNTRY_NOT_AGREED",
                "PROPERTY_NOT_RECONCILED");
        Map<String, Long> struck = new HashMap<>();
        s.entries().stream().filter(Entry::struck).forEach(e -> struck.merge(e.reasonStruck(), 1L, Long::sum));
        // the Panama fear claim: in its window it stops the booking, after it it releases a seat like any hold
        boolean claimedInWindow = "in its fear-claim window".equals(result.probes().get("fearClaimWhen"));
        UUID claimant = UUID.fromString(result.probes().get("fearClaimCase"));
        assertThat(s.caseView(claimant).path("history").findValuesAsText("kind")).as("the fear claimant's history")
                .contains("FEAR_CLAIM_WINDOW_OPENED", "LEGAL_HOLD_PLACED");
        assertThat(s.state(claimant)).isEqualTo("LEGAL_REVIEW");
        JsonNode windows = s.reports().values().stream().map(r -> r.path("fearClaimWindows"))
                .filter(w -> w.path("opened").asInt() > 0).findFirst().orElseThrow();
        assertThat(windows.path("closed").asInt()).as("fear-claim windows closed").isPositive();
        assertThat(windows.path("byLocalOverride").asInt()).isEqualTo(windows.path("opened").asInt());
        if (claimedInWindow) {
            assertThat(windows.path("casesHeldInWindow").asInt()).as("cases held in their window").isPositive();
            assertThat(s.entries()).as("the claimant on no manifest, ever").noneMatch(e -> e.caseId().equals(claimant));
        }
        assertThat(struck).as("why seats were released")
                .containsEntry("LEGAL_HOLD_PLACED", claimedInWindow ? 2L : 3L)
                .containsKeys("CONSENT_WITHDRAWN", "FLIGHT_CANCELLED", "OFFLOADED_PROPERTY_NOT_RECONCILED");
        assertThat(result.probes().get("secondCaseStatus")).as("a second case for a person with an open case").isEqualTo("409");
        assertThat(result.probes().get("proceedPastHold")).as("PROCEED past an active legal hold")
                .matches("[45]\\d\\d .*").contains("ACTIVE_LEGAL_HOLD");
        long approvals = people.stream().filter(p -> s.caseView(p.caseId()).path("history").findValues("kind").stream()
                .anyMatch(k -> "SUPERVISOR_DECIDED".equals(k.asText()))).count();
        assertThat(approvals).as("cases approved with four eyes").isGreaterThanOrEqualTo(2);

        // the first flight: everyone boarded was handed over and removed
        JsonNode first = s.manifests().get(result.firstFlight().id());
        assertThat(first.path("status").asText()).isEqualTo("ARRIVED");
        assertThat(first.path("boardedCount").asInt()).isEqualTo(result.boarded().size()).isPositive();
        assertThat(result.boarded()).allSatisfy(caseId -> assertThat(s.state(caseId)).isEqualTo("REMOVED"));
        assertThat(s.flights().get(result.cancelledFlight().id()).path("status").asText()).isEqualTo("CANCELLED");
        // one removal found wrong: its remedy is open, and the operation's report counts it
        assertThat(result.probes().get("remedyStatus")).as("the remedy ordered for a removed person").isEqualTo("OPEN");
        assertThat(s.reports().values().stream().mapToInt(r -> r.path("remedies").path("ordered").asInt()).sum())
                .as("remedies in the operations' reports").isEqualTo(1);
        // an independent monitor flew with the first charter, and the operation's report counts it
        assertThat(s.reports().values().stream().mapToInt(r -> r.path("monitoring").path("monitorsAssigned").asInt()).sum())
                .as("monitors in the operations' reports").isEqualTo(1);

        // no manifest over capacity, no seat held twice
        for (Map.Entry<UUID, JsonNode> flight : s.flights().entrySet()) {
            JsonNode manifest = s.manifests().get(flight.getKey());
            assertThat(manifest.path("activeCount").asInt()).as(flight.getValue().path("flightNumber").asText())
                    .isLessThanOrEqualTo(flight.getValue().path("seatCapacity").asInt() - flight.getValue().path("escortSeats").asInt());
            List<String> seats = new ArrayList<>();
            manifest.path("active").forEach(e -> seats.add(e.path("seat").asText()));
            assertThat(seats).as("seats on " + flight.getValue().path("flightNumber").asText()).doesNotHaveDuplicates();
        }
        List<UUID> activeCases = s.entries().stream().filter(e -> !e.struck()).map(Entry::caseId).toList();
        assertThat(activeCases).as("cases with an active seat").doesNotHaveDuplicates();

        // no e-mail twice: the SMTP server received exactly one message per delivered notice
        List<JsonNode> delivered = new ArrayList<>();
        people.forEach(p -> s.notifications(p.caseId()).stream()
                .filter(n -> "DELIVERED".equals(n.path("status").asText())).forEach(delivered::add));
        MimeMessage[] received = mail.getReceivedMessages();
        List<String> messageIds = new ArrayList<>();
        for (MimeMessage message : received) {
            messageIds.add(message.getMessageID());
        }
        Set<String> uniqueIds = new HashSet<>(messageIds);
        assertThat(uniqueIds).as("e-mails by Message-ID").hasSameSizeAs(messageIds);
        assertThat(uniqueIds).as("one e-mail per delivered notice")
                .containsExactlyInAnyOrderElementsOf(delivered.stream().map(n -> n.path("smtpMessageId").asText()).toList());
    }

    /**
     * Issue 16: a partner reads every public topic after the whole operation ran. No record names an
     * asylum claim, a person, an e-mail address, or carries the free text that officers typed (review
     * justifications, reasons, notes); ids, codes and times only.
     */
    @Test
    @Order(2)
    void aPartnerReadingEveryPublicTopicLearnsNoClaimNameAddressOrFreeText() {
        assertThat(cast).as("the scenario ran first").isNotEmpty();
        List<String> forbidden = new ArrayList<>(List.of("ASYLUM", "Attempt to proceed", "Appeal dismissed",
                "Reviewed the legal review", "pre-flight inspection", "no longer agree"));
        for (Person p : cast) {
            forbidden.add(p.givenName + " " + p.familyName);
            forbidden.add("\"" + p.familyName + "\"");
        }
        Pattern address = Pattern.compile("[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+\\.[A-Za-z0-9.-]+");
        Map<String, Integer> read = new LinkedHashMap<>();
        for (String topic : List.of(Topics.DETENTION_EVENTS, Topics.CONSENT_EVENTS, Topics.FLIGHT_EVENTS,
                Topics.NOTIFICATION_EVENTS, Topics.WORKFLOW_EVENTS)) {
            try (TopicProbe partner = TopicProbe.on(topic)) {
                List<ReceivedEvent> records = partner.settle(e -> true, Duration.ofSeconds(5));
                read.put(topic, records.size());
                for (ReceivedEvent e : records) {
                    // a delivered notice names its e-mail's Message-ID (<id@returnflow.local>), which is no address
                    String seen = (e.json() + " " + e.subject() + " " + e.event().getSource())
                            .replaceAll("<[0-9a-f-]+@returnflow\\.local>", "<message-id>");
                    assertThat(forbidden).as("%s %s", e.type(), e.id()).noneMatch(seen::contains);
                    assertThat(address.matcher(seen).find()).as("an e-mail address in %s %s", e.type(), e.id()).isFalse();
                }
            }
        }
        System.out.println("A partner read " + read + " and found no claim, name, address or free text");
        assertThat(read.values()).allMatch(n -> n > 0);
    }

    @Test
    @Order(3)
    void cockpitDrawsTheRemovalCaseWithItsInstanceCounts() throws Exception {
        try (Browser browser = Browser.open()) {
            String workflow = stack.app(StackProcesses.WORKFLOW).url().toString();
            long running = api.engine("admin", "GET", "/engine-rest/process-instance/count?processDefinitionKey=removal-case",
                    null).path("count").asLong();
            browser.logIn(workflow, "cockpit", "admin", "admin");
            WebDriver driver = browser.driver();
            driver.get(workflow + "/camunda/app/cockpit/default/#/processes");
            browser.waiting().until(ExpectedConditions.elementToBeClickable(By.linkText("Removal case"))).click();

            for (String element : List.of("UserTask_LegalReview", "UserTask_SupervisorApproval", "ReceiveTask_WaitForBoarding",
                    "ReceiveTask_WaitForHandover", "ServiceTask_OpenFearClaimWindow", "Timer_FearClaimWindowEnds")) {
                browser.waiting().until(ExpectedConditions.presenceOfElementLocated(
                        By.cssSelector("svg g.djs-element[data-element-id='" + element + "']")));
            }
            List<WebElement> counts = browser.waiting().until(ExpectedConditions.presenceOfAllElementsLocatedBy(
                    By.cssSelector(".djs-overlays .badge.instance-count")));
            long shown = counts.stream().map(c -> c.getAttribute("textContent").trim()).filter(t -> t.matches("\\d+"))
                    .mapToLong(Long::parseLong).sum();
            browser.waiting().until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("body"),
                    "current version: " + running));
            Path screenshot = browser.screenshot(target.resolve("cockpit-removal-case.png"));
            System.out.println("e2e: Cockpit shows removal-case with " + running + " running instances; screenshot " + screenshot);
            assertThat(running).isPositive();
            assertThat(shown).as("instance counts on the diagram").isPositive();
        }
    }

    @Test
    @Order(4)
    void aReviewerCompletesALegalReviewInTasklist() throws Exception {
        try (Browser browser = Browser.open()) {
            // a person with a residence permit valid for years: the case stops at legal review
            LocalDate today = LocalDate.now(ZoneOffset.UTC);
            Map<String, Object> person = new LinkedHashMap<>();
            person.put("givenName", "Babak");
            person.put("familyName", "Tasklist");
            person.put("dateOfBirth", today.minusYears(34).toString());
            person.put("nationality", "IRN");
            person.put("preferredLanguage", "fa");
            person.put("facilityCode", "LA-PINE");
            person.put("detainedSince", today.minusDays(60).toString());
            person.put("removalOrder", Map.of("issuedOn", today.minusDays(30).toString(), "isFinal", true));
            String detaineeId = api.post(ReturnflowApi.DETENTION, "/api/detainees", person).path("id").asText();
            api.post(ReturnflowApi.DETENTION, "/api/detainees/" + detaineeId + "/travel-documents", Map.of("kind", "PASSPORT",
                    "number", "P7700123", "issuingCountry", "IRN", "validUntil", today.plusYears(3).toString()));
            api.post(ReturnflowApi.DETENTION, "/api/detainees/" + detaineeId + "/medical-clearances", Map.of("fitToFly", true,
                    "assessedOn", today.minusDays(2).toString(), "validUntil", today.plusDays(60).toString()));
            api.post(ReturnflowApi.DETENTION, "/api/detainees/" + detaineeId + "/residence-permits", Map.of(
                    "type", "ASYLUM_PENDING_EAD", "number", "EAD-77001", "validFrom", today.minusYears(1).toString(),
                    "validUntil", today.plusYears(2).toString()));
            String caseId = api.post(ReturnflowApi.CASES, "/api/removal-cases",
                    Map.of("detaineeId", detaineeId, "destinationCountry", "IRN")).path("caseId").asText();
            String taskId = awaitLegalReview(caseId);

            String workflow = stack.app(StackProcesses.WORKFLOW).url().toString();
            browser.logIn(workflow, "tasklist", "reviewer1", "reviewer1");
            WebDriver driver = browser.driver();
            driver.get(workflow + "/camunda/app/tasklist/default/#/?task=" + taskId);
            browser.click(By.cssSelector("button.claim"));
            browser.click(By.xpath("//label[contains(normalize-space(.), 'Withdraw the case')]"));
            browser.scrolledTo(By.cssSelector("textarea[id$='Field_Justification']"))
                    .sendKeys("The residence permit is valid for two more years; removal is not lawful.");
            browser.screenshot(target.resolve("tasklist-legal-review.png"));
            browser.click(By.cssSelector("button[ng-click='complete()']"));

            JsonNode decided = awaitState(caseId, "WITHDRAWN");
            JsonNode decision = null;
            for (JsonNode h : decided.path("history")) {
                if ("LEGAL_REVIEW_DECIDED".equals(h.path("kind").asText())) {
                    decision = h;
                }
            }
            assertThat(decision).as("the legal review in the case history").isNotNull();
            assertThat(decision.path("actor").asText()).isEqualTo("reviewer1");
            assertThat(decision.path("detail").asText()).contains("decision=WITHDRAW").contains("blockers=VALID_RESIDENCE_PERMIT;")
                    .contains("removal is not lawful");
        }
    }

    private String awaitLegalReview(String caseId) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofMinutes(2));
        while (Instant.now().isBefore(deadline)) {
            // paged: the engine refuses an authenticated user's unbounded query (query-max-results-limit)
            JsonNode tasks = api.engine("reviewer1", "GET", "/engine-rest/task?processInstanceBusinessKey=" + caseId
                    + "&candidateGroup=legal-review&firstResult=0&maxResults=10", null);
            if (tasks.size() > 0) {
                return tasks.get(0).path("id").asText();
            }
            Thread.sleep(500);
        }
        return fail("No legal review task for case " + caseId + " within 2 minutes: "
                + api.get(ReturnflowApi.CASES, "/api/removal-cases/" + caseId));
    }

    private JsonNode awaitState(String caseId, String state) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofMinutes(2));
        JsonNode c = null;
        while (Instant.now().isBefore(deadline)) {
            c = api.get(ReturnflowApi.CASES, "/api/removal-cases/" + caseId);
            if (state.equals(c.path("state").asText())) {
                return c;
            }
            Thread.sleep(500);
        }
        return fail("Case " + caseId + " did not reach " + state + " within 2 minutes: " + c);
    }
}
