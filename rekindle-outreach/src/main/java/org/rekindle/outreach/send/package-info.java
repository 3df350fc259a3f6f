/**
 * The sending runner: works through the outbox's emails with a few workers, each with its own
 * connection, and records every outcome so that no email is sent twice or silently lost.
 */
@NullMarked
package org.rekindle.outreach.send;

import org.jspecify.annotations.NullMarked;
