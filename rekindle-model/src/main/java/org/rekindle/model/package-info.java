/** Customer-base models ("buy till you die"): likelihoods, fitting and predictions. */
package org.rekindle.model;
