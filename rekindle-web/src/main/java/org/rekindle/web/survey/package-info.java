/** The public exit-survey page, {@code /s/TOKEN}: docs/surveys.md. */
@NullMarked
package org.rekindle.web.survey;

import org.jspecify.annotations.NullMarked;
