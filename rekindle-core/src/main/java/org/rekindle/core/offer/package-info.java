/**
 * Offers: the single-use codes a customer is given (unguessable, easy to read aloud and to type),
 * the terms of an offer (a percentage off, an amount off, a free service) and what a redemption
 * costs the business.
 */
@NullMarked
package org.rekindle.core.offer;

import org.jspecify.annotations.NullMarked;
