/**
 * The contact policy: which touches a customer may get (frequency caps across channels), when
 * (quiet hours in their time zone) and how many a team can give (rep call capacity, offer spend).
 * Pure rules and counting; the store feeds them the history and records every decision.
 */
@NullMarked
package org.rekindle.core.policy;

import org.jspecify.annotations.NullMarked;
