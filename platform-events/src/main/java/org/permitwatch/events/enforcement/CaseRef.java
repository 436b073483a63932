package org.permitwatch.events.enforcement;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.UUID;

/**
 * What every case event says about its case, so a consumer can aggregate by region × industry × violation type
 * from any single event without having seen the others.
 *
 * @param caseId        the case; also the Kafka key
 * @param caseNo        human case number, e.g. {@code 晋并环罚〔2027〕0001号}-style, unique per city and year
 * @param caseVersion   increases by one with every event of the case: consumers keep the highest
 * @param permitNumber  the unit
 * @param unitName      name of the unit
 * @param provinceCode  6-digit province code of the unit
 * @param cityCode      6-digit city code of the unit
 * @param countyCode    6-digit county code of the unit
 * @param keyIndustry   plan-table industry row of the unit (PAPER … OTHER)
 * @param violationType one of the ten violation types (e.g. EXCEEDING_LIMITS), as in FindingRecorded
 * @param article       article of the Regulation, e.g. {@code 34(1)}
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record CaseRef(
        UUID caseId,
        String caseNo,
        long caseVersion,
        String permitNumber,
        String unitName,
        String provinceCode,
        String cityCode,
        String countyCode,
        String keyIndustry,
        String violationType,
        String article) {}
