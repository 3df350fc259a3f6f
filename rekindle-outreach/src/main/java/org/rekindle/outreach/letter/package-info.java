/**
 * Printed letters: a batch of {@link org.rekindle.outreach.letter.Letter}s becomes one print-ready
 * PDF, laid out for a window envelope, and a mail-merge CSV beside it ({@link
 * org.rekindle.outreach.letter.LetterBatch}); the wording comes from templates the business can
 * edit ({@link org.rekindle.outreach.letter.LetterTemplates}).
 */
@NullMarked
package org.rekindle.outreach.letter;

import org.jspecify.annotations.NullMarked;
