package org.permitwatch.k8spolicy;

/** One broken rule: {@code rule} is a stable id the tests match on, {@code where} names the object (kind/name). */
record Violation(String rule, String where, String detail) {

    @Override
    public String toString() {
        return "[" + rule + "] " + where + ": " + detail;
    }
}
