/** Benchmarks; never shipped. */
package org.rekindle.bench;
