package org.permitwatch.monitoring.alert;

import java.time.LocalDate;

/**
 * One monitoring point's emitted amount of one pollutant on one day (Beijing date of HJ 212 DataTime): the sum of its
 * minute values' {@code -Cou} (kg, HJ 212-2017). Sent from the per-MN collector to the per-permit judge through the
 * tonnage repartition topic (key permit|pollutant).
 */
record OutletDay(String mn, String outletCode, LocalDate day, double kg, int minutes) {}
