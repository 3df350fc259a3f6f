package org.rekindle.store.imports;

/**
 * What an import did.
 *
 * @param batchId the import batch, for {@code rekindle import rejects BATCH}
 * @param kind customers, orders or feedback
 * @param rowsRead data rows in the file
 * @param inserted new records
 * @param updated records whose values changed
 * @param unchanged records already stored exactly so
 * @param rejected rows quarantined with their line and reason
 * @param duplicates rows repeating an earlier row's id in the same file (the first one counts)
 * @param customersCreated minimal customer records made for orders of unknown customers
 */
public record ImportResult(
    long batchId,
    String kind,
    long rowsRead,
    long inserted,
    long updated,
    long unchanged,
    long rejected,
    long duplicates,
    long customersCreated) {}
