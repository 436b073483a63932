package org.permitwatch.liaison.deadline;

import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;

/**
 * Installs the notice's obligations for the campaign year once (by code, so restarts and edits are kept):
 * work plan and checklist, and liaison names, by 27 May; the monthly dispatch before the 30th from June to December;
 * the year summary by the end of November. Runs on the start-up thread, never on an event loop.
 */
@Component
class DeadlineSeeder implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(DeadlineSeeder.class);

    private final DeadlineStore store;
    private final DeadlineProperties properties;

    DeadlineSeeder(DeadlineStore store, DeadlineProperties properties) {
        this.store = store;
        this.properties = properties;
    }

    static List<ObligationForm> forYear(int year) {
        return List.of(
                new ObligationForm(
                        "WORK_PLAN_" + year,
                        "报送排污许可清单式执法检查工作方案和检查清单",
                        "各市生态环境局将工作方案和检查清单报送厅生态环境执法局",
                        "ONCE",
                        year + "-05-27",
                        null,
                        null,
                        null),
                new ObligationForm(
                        "LIAISON_LIST_" + year,
                        "报送联络员名单及联系方式",
                        "环境执法机构和排污许可证核发部门各设置1名联络员",
                        "ONCE",
                        year + "-05-27",
                        null,
                        null,
                        null),
                new ObligationForm(
                        "MONTHLY_DISPATCH_" + year,
                        "月度工作开展情况调度",
                        "省厅每月30日前对各市工作开展情况进行一次调度",
                        "MONTHLY",
                        null,
                        30,
                        year + "-06",
                        year + "-12"),
                new ObligationForm(
                        "YEAR_SUMMARY_" + year,
                        "报送贯彻落实情况工作总结",
                        "各市生态环境局11月底前报送厅生态环境执法局",
                        "ONCE",
                        year + "-11-30",
                        null,
                        null,
                        null));
    }

    @Override
    public void run(ApplicationArguments args) {
        if (!properties.seedEnabled()) {
            return;
        }
        Long created = Flux.fromIterable(forYear(properties.campaignYear()))
                .concatMap(form -> store.createIfAbsent(form.validated()))
                .filter(Boolean::booleanValue)
                .count()
                .block();
        log.info("deadline seed for {}: {} obligation(s) installed", properties.campaignYear(), created);
    }
}
