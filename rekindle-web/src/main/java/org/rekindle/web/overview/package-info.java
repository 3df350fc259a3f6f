/**
 * The dashboard's overview: customers and value at risk by lifecycle state, recovered revenue,
 * trends from the stored runs, and the model's health with its holdout tracking chart.
 */
@NullMarked
package org.rekindle.web.overview;

import org.jspecify.annotations.NullMarked;
