package org.permitwatch.inspection.document;

import org.permitwatch.support.problem.ApiException;
import org.permitwatch.support.security.DivisionCode;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * 文号: the issuing bureau of a division and the next number of its sequence per year and kind. Must run inside the
 * issuing transaction: the counter row's increment is an upsert that takes the row's lock, so a concurrent issue of
 * the same bureau, year and kind waits for this transaction, and a rollback takes the number back (no gap, no
 * duplicate; the unique constraint on case_document is the backstop).
 */
@Component
class DocumentNumbers {

    private final DatabaseClient db;

    DocumentNumbers(DatabaseClient db) {
        this.db = db;
    }

    /** A bureau as {@code document_bureau} holds it. */
    record Bureau(String divisionCode, String name, String prefix, String reviewBody) {}

    /** A number taken from a sequence. */
    record Number(String text, int year, int seq) {}

    /** The caller's own division's bureau, else its city's, else its province's; 422 when none is configured. */
    Mono<Bureau> bureauOf(DivisionCode division) {
        return db.sql("""
                        SELECT division_code, bureau_name, number_prefix, review_body FROM document_bureau
                        WHERE division_code IN (:own, :city, :province)
                        ORDER BY CASE division_code WHEN :own THEN 0 WHEN :city THEN 1 ELSE 2 END LIMIT 1""")
                .bind("own", division.value())
                .bind("city", division.cityCode().value())
                .bind("province", division.provinceCode().value())
                .map(r -> new Bureau(
                        r.get("division_code", String.class),
                        r.get("bureau_name", String.class),
                        r.get("number_prefix", String.class),
                        r.get("review_body", String.class)))
                .one()
                .switchIfEmpty(Mono.error(() -> ApiException.unprocessable(
                        "bureau-not-configured",
                        "no issuing bureau (name, 文号 prefix) is configured for division " + division.value())));
    }

    Mono<Number> next(Bureau bureau, int year, DocumentKind kind, String numberWord) {
        return db.sql("""
                        INSERT INTO document_number_counter (bureau_division, year, kind, last_no)
                        VALUES (:bureau, :year, :kind, 1)
                        ON CONFLICT (bureau_division, year, kind)
                        DO UPDATE SET last_no = document_number_counter.last_no + 1
                        RETURNING last_no""")
                .bind("bureau", bureau.divisionCode())
                .bind("year", year)
                .bind("kind", kind.name())
                .map(r -> r.get("last_no", Integer.class))
                .one()
                .map(seq -> new Number(format(bureau.prefix(), numberWord, year, seq), year, seq));
    }

    /** 并环 + 罚 + 2026 + 12 → 并环罚〔2026〕12号 (GB/T 9704: the year in 六角括号 〔〕, no leading zeros). */
    static String format(String prefix, String word, int year, int seq) {
        return prefix + word + "〔" + year + "〕" + seq + "号";
    }
}
