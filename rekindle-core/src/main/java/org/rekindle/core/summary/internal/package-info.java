/** Public for the reader in {@code org.rekindle.core.input}, not API: may change in any release. */
package org.rekindle.core.summary.internal;
