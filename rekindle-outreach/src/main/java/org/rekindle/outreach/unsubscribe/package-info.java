/**
 * Signed unsubscribe links: tokens that name a customer without their address, signed with keys
 * that can be rotated, checked in constant time, and never expiring.
 */
@NullMarked
package org.rekindle.outreach.unsubscribe;

import org.jspecify.annotations.NullMarked;
