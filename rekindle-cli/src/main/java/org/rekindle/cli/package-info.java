/** The {@code rekindle} command line: argument parsing, progress, and the files a run writes. */
@NullMarked
package org.rekindle.cli;

import org.jspecify.annotations.NullMarked;
