/**
 * Readers for customer data: transaction logs ({@link org.rekindle.core.input.TransactionReader})
 * and ready-made RFM summaries ({@link org.rekindle.core.input.RfmSummaryReader}). Both stream CSV
 * (optionally gzip-compressed, UTF-8 with or without BOM), detect the delimiter and columns, and
 * set bad rows aside as rejects with their line number and reason instead of failing the whole
 * file, up to a limit.
 */
@NullMarked
package org.rekindle.core.input;

import org.jspecify.annotations.NullMarked;
