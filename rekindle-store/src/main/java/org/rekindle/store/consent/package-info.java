/**
 * Consent per channel with its append-only history, where a customer's own "stop" can only be taken
 * back by the customer.
 */
@NullMarked
package org.rekindle.store.consent;

import org.jspecify.annotations.NullMarked;
