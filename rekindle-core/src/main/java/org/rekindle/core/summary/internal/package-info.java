/** Public for the reader in {@code org.rekindle.core.input}, not API: may change in any release. */
@NullMarked
package org.rekindle.core.summary.internal;

import org.jspecify.annotations.NullMarked;
