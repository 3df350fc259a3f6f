/**
 * Per-customer summaries of a transaction log: repeat purchases x, recency t_x, age T and mean
 * repeat spend, the inputs of the "buy till you die" models, optionally split into a calibration
 * and a holdout period. The rules are in {@link org.rekindle.core.summary.Summarizer} and in {@code
 * docs/summaries.md}.
 */
@NullMarked
package org.rekindle.core.summary;

import org.jspecify.annotations.NullMarked;
