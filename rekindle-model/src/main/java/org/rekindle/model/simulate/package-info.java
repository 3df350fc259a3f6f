/**
 * Simulated customers from the customer-base models, for parameter-recovery tests, benchmarks and
 * synthetic transaction logs. Everything here is reproducible from a seed.
 */
@NullMarked
package org.rekindle.model.simulate;

import org.jspecify.annotations.NullMarked;
