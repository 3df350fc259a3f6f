/**
 * Text made safe for where it is shown: CSV cells a spreadsheet opens without running formulas,
 * outside text on a terminal.
 */
@NullMarked
package org.rekindle.core.text;

import org.jspecify.annotations.NullMarked;
