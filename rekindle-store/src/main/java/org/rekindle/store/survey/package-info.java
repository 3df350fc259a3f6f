/**
 * Exit-survey answers in the store ({@code survey_answers}, migration V8): why an ex-customer says
 * they left, from the survey page or recorded by a rep from a call. docs/surveys.md describes them.
 */
@NullMarked
package org.rekindle.store.survey;

import org.jspecify.annotations.NullMarked;
