/** Reading the records back: customer lists and profiles for the commands and, later, the web. */
@NullMarked
package org.rekindle.store.query;

import org.jspecify.annotations.NullMarked;
