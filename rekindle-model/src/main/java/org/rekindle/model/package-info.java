/** Customer-base models ("buy till you die"): likelihoods, fitting and predictions. */
@NullMarked
package org.rekindle.model;

import org.jspecify.annotations.NullMarked;
