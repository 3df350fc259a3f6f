/**
 * The sample business of {@code rekindle demo}: a building-supply company whose accounts buy to
 * different rhythms (contractors once or twice a year, trades monthly, key accounts weekly,
 * homeowners now and then), some of whom slowed down, went quiet or left, drawn from a seed.
 */
@NullMarked
package org.rekindle.core.simulate.demo;

import org.jspecify.annotations.NullMarked;
