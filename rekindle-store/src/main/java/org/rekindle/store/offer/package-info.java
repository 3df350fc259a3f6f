/**
 * Offers on PostgreSQL: issuing single-use codes to customers, redeeming them exactly once (at the
 * till, or from the codes on imported orders), expiring them, and the cost of each redemption.
 */
@NullMarked
package org.rekindle.store.offer;

import org.jspecify.annotations.NullMarked;
