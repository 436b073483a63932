package org.permitwatch.systemtest;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The whole platform, started once by run.sh, played through the gateway: the campaign first (its state feeds the
 * matrices), then the load run on a quiet platform, then the drills, each leaving the platform healthy for the
 * next. docs/system-test.md explains how to run it and read its failures.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SystemIT {

    private Platform platform;
    private Campaign campaign;
    private Workload workload;

    @BeforeAll
    void start() {
        platform = Platform.fromSystemProperties();
        long started = System.nanoTime();
        platform.start();
        System.out.printf(
                "[system-test] platform up with first sync in %d s; logs in %s%n",
                (System.nanoTime() - started) / 1_000_000_000, platform.logs());
        campaign = new Campaign(platform);
        workload = new Workload(campaign);
    }

    @AfterAll
    void stop() {
        if (platform != null) {
            System.out.println("[system-test] " + platform.status());
            platform.stop();
        }
    }

    // ------------------------------------------------------------------ the campaign (Taiyuan, the current month)

    @Test
    @Order(10)
    void syncFromTheNationalPlatform() {
        campaign.directoryEqualsNationalPlatform();
    }

    @Test
    @Order(20)
    void registerInspectors() {
        campaign.registerInspectors();
    }

    @Test
    @Order(30)
    void publishPlan() {
        campaign.publishPlan();
    }

    @Test
    @Order(40)
    void drawUnitsAndInspectors() {
        campaign.draw();
    }

    @Test
    @Order(50)
    void inspectFromAFlakyMobileClient() {
        campaign.inspectWithFlakyClient();
    }

    @Test
    @Order(55)
    void oneTraceRunsFromAMobileSubmissionToTheSummaryTable() {
        campaign.followTheTraceOfAMobileSubmission();
    }

    @Test
    @Order(60)
    void transferAClue() {
        campaign.transferClue();
    }

    @Test
    @Order(70)
    void decidePenaltiesAndCloseRectifiedCases() {
        campaign.casesPenaltiesRectification();
    }

    @Test
    @Order(80)
    void reportsAndPublicPagesShowTheCampaign() {
        campaign.reports();
    }

    @Test
    @Order(85)
    void automaticMonitoringDataArrivesOverHj212AndReadsBackThroughTheGateway() {
        new Monitoring(campaign).dataArrivesOverTcpAndReadsBack();
    }

    @Test
    @Order(90)
    void prepareEnforcementTargetsForTheMatrices() {
        campaign.prepareEnforcementTargets();
    }

    @Test
    @Order(95)
    void realAnswersMatchTheContractsOfRecord() {
        new ContractSamples(campaign).realAnswersMatchTheirSchemas();
    }

    // ------------------------------------------------------------------ hostile input, authorization

    @Test
    @Order(100)
    void hostileInputIsRefusedWithoutPartialWrites() {
        new InputMatrix(campaign).hostileInput();
    }

    @Test
    @Order(110)
    void noCallerReachesAnotherDivisionOrRole() {
        new InputMatrix(campaign).authorization();
    }

    // ------------------------------------------------------------------ issue 11: the attacks that once worked

    @Test
    @Order(120)
    void theRegistryRefusesAnonymousWrites() {
        new SecurityMatrix(campaign).registryRefusesAnonymousWrites();
    }

    @Test
    @Order(121)
    void tokensWithWrongClaimsAreRefusedAtTheGatewayAndTheServices() {
        new SecurityMatrix(campaign).tokensWithWrongClaimsAreRefusedEverywhere();
    }

    @Test
    @Order(122)
    void edgeErrorsAreProblemDetails() {
        new SecurityMatrix(campaign).edgeErrorsAreProblems();
    }

    @Test
    @Order(123)
    void anUnassignedInspectorReadsNoCase() {
        new ScopeChecks(campaign).unassignedInspectorReadsNoCase();
    }

    @Test
    @Order(124)
    void onlyTheDrawingBureauPublishesADraw() {
        new ScopeChecks(campaign).onlyTheDrawingBureauPublishes();
    }

    @Test
    @Order(125)
    void personalDataIsMaskedWithoutTheScope() {
        new ScopeChecks(campaign).personalDataIsMaskedWithoutTheScope();
    }

    @Test
    @Order(126)
    void theChecklistFormIsPrefilledAndScoped() {
        new ScopeChecks(campaign).checklistFormIsPrefilledForTheTaskAndScoped();
    }

    @Test
    @Order(127)
    void aCitySystemReadsItsDirectoryWithClientCredentialsAndNothingElse() {
        new CitySystem(campaign).readsItsDirectoryAndNothingElse();
    }

    @Test
    @Order(129)
    void rateLimitsEngageAndMetricsAreNotPublic() {
        new SecurityMatrix(campaign).rateLimitsEngageAndMetricsAreNotPublic();
    }

    // ------------------------------------------------------------------ load, then drills

    @Test
    @Order(200)
    void concurrentMobileSubmissions() {
        new LoadRun(campaign, workload)
                .run(Path.of(System.getProperty("systemtest.reportDir", "target"), "load-report.txt"));
    }

    @Test
    @Order(300)
    void drillConsumerReplaysFromTheStart() {
        new Drills(campaign, workload).projectionReplay();
    }

    @Test
    @Order(305)
    void drillNationalPlatformKilledMidSyncHealsByItself() {
        new Drills(campaign, workload).nationalPlatformKilledMidSync();
    }

    @Test
    @Order(310)
    void drillNationalPlatformFailsDuringSync() {
        new Drills(campaign, workload).nationalPlatformFaults();
    }

    @Test
    @Order(320)
    void drillKafkaKilledMidBurst() {
        new Drills(campaign, workload).kafkaKilledMidBurst();
    }

    @Test
    @Order(330)
    void drillServiceKilledMidWrite() {
        new Drills(campaign, workload).serviceKilledMidWrite();
    }

    @Test
    @Order(340)
    void drillPostgresRestarted() {
        new Drills(campaign, workload).postgresRestarted();
    }
}
