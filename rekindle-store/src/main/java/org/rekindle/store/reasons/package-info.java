/**
 * Why customers left, counted: the reasons of the exit-survey answers ({@code survey_answers}) over
 * time and by segment, rep and lifecycle state, whether they would come back, the themes of what
 * they wrote, and an alert when a reason's share jumps. For {@code rekindle reasons}; reads only.
 */
@NullMarked
package org.rekindle.store.reasons;

import org.jspecify.annotations.NullMarked;
