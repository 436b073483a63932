package org.permitwatch.liaison.clue;

/** Departments that pass clues to each other (the seed's 部门间线索移交). */
enum Department {
    MONITORING,
    PERMIT_ISSUING,
    ENFORCEMENT,
    DAMAGE_COMPENSATION
}
