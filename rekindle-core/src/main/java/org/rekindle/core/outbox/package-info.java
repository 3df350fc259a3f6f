/**
 * The outbox as the sender sees it: a port the store implements, so the sending runner (in the
 * outreach module) knows nothing of SQL and the store nothing of SMTP. The states and the guarantee
 * are documented in docs/outreach.md ("Sending").
 */
@NullMarked
package org.rekindle.core.outbox;

import org.jspecify.annotations.NullMarked;
