/**
 * Results: did a playbook bring back customers who would not have come back anyway? The customers
 * it contacted are compared with a holdout group it left alone: the difference of their
 * reactivation rates with a Newcombe interval ({@link Proportions}), the difference of their mean
 * revenue with a bootstrap interval ({@link Bootstrap}), and a {@link Lift} that says "not enough
 * data yet" rather than print a number that only looks precise.
 */
@NullMarked
package org.rekindle.core.results;

import org.jspecify.annotations.NullMarked;
