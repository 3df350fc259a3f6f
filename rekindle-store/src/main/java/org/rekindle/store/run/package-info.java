/**
 * The daily run on the stored records: summaries straight from the orders, the model fit or reused,
 * scores, lifecycle states with their history.
 */
@NullMarked
package org.rekindle.store.run;

import org.jspecify.annotations.NullMarked;
