/**
 * Special functions the customer-base models need and no Java library provides: the Gauss
 * hypergeometric function 2F1 and Kummer's confluent function U, both in log space.
 */
package org.rekindle.model.special;
