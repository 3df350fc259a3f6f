/** The reps' call list: today's calls with talking points, and their outcomes logged in a click. */
@NullMarked
package org.rekindle.web.calllist;

import org.jspecify.annotations.NullMarked;
