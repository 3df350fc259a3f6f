/**
 * Special functions the customer-base models need and no Java library provides: the Gauss
 * hypergeometric function 2F1, the integral 2F1(k, e; k+1; z) / k with its derivatives in all three
 * arguments (for the Pareto/NBD gradient), Kummer's confluent function U, all in log space, and the
 * generalised exponential integral E_ν in the scaled form z e^z E_ν(z).
 */
@NullMarked
package org.rekindle.model.special;

import org.jspecify.annotations.NullMarked;
