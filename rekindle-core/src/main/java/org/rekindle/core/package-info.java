/** From a transaction log to per-customer scores. */
@NullMarked
package org.rekindle.core;

import org.jspecify.annotations.NullMarked;
