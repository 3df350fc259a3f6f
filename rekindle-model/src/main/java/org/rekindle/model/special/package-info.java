/**
 * Special functions the customer-base models need and no Java library provides: the Gauss
 * hypergeometric function 2F1 and Kummer's confluent function U, both in log space, and the
 * generalised exponential integral E_ν in the scaled form z e^z E_ν(z).
 */
package org.rekindle.model.special;
