/**
 * Feedback and service recovery: complaints and reviews imported from files or entered by hand, the
 * case that negative feedback opens (assigned to the customer's rep, with a first-contact SLA that
 * escalates to the manager when missed), and what was done on each case.
 */
@NullMarked
package org.rekindle.store.feedback;

import org.jspecify.annotations.NullMarked;
