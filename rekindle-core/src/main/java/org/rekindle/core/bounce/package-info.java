/**
 * Reports that mail to an address failed or was refused after it was accepted — hard and soft
 * bounces, spam complaints, unsubscribes — as read from a mail provider's export or from delivery
 * status notifications, with what could not be read kept beside them. Reading CSV exports is {@link
 * org.rekindle.core.input.BounceFileReader}; applying them is the store's.
 */
@NullMarked
package org.rekindle.core.bounce;

import org.jspecify.annotations.NullMarked;
