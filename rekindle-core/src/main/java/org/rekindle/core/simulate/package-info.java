/**
 * Synthetic transaction logs drawn from the customer-base models with known parameters: demo data
 * for {@code rekindle generate}, inputs for benchmarks, and end-to-end recovery tests.
 */
@NullMarked
package org.rekindle.core.simulate;

import org.jspecify.annotations.NullMarked;
