/** Benchmarks; never shipped. */
@NullMarked
package org.rekindle.bench;

import org.jspecify.annotations.NullMarked;
