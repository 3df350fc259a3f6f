/** Text from outside, made safe for where it goes out: CSV files, terminals. */
@NullMarked
package org.rekindle.core.text;

import org.jspecify.annotations.NullMarked;
