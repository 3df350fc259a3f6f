/** Outreach in the store: plans, the outbox, call tasks. */
@NullMarked
package org.rekindle.store.outreach;

import org.jspecify.annotations.NullMarked;
