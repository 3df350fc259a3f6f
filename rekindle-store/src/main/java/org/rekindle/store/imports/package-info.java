/**
 * Imports of customer and order files: staged by COPY, merged by set-based upserts keyed by
 * external id, every bad row kept with its batch, file, line and reason.
 */
@NullMarked
package org.rekindle.store.imports;

import org.jspecify.annotations.NullMarked;
