/**
 * Email: a message as Rekindle means it ({@link org.rekindle.outreach.email.Email}), sent over SMTP
 * with the outcome told apart — delivered, failed for now, failed for good, or uncertain — or kept
 * as an {@code .eml} file when no server is configured.
 */
@NullMarked
package org.rekindle.outreach.email;

import org.jspecify.annotations.NullMarked;
