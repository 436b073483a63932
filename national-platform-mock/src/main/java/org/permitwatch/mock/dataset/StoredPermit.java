package org.permitwatch.mock.dataset;

/**
 * What the store keeps per permit: the summary and what it takes to regenerate the detail. The revision
 * moves on with every content update so the regenerated detail really changes.
 */
record StoredPermit(PermitSummary summary, long detailSeed, int revision) {}
