/**
 * Per-customer scores from fitted models: probability alive, expected purchases and value, and the
 * lifecycle stage, with the comparison of the candidate models.
 */
@NullMarked
package org.rekindle.core.score;

import org.jspecify.annotations.NullMarked;
