/**
 * The dashboard's customers: the list (search, filters, sort, CSV) and one customer's page, a rep
 * narrowed to their own accounts.
 */
@NullMarked
package org.rekindle.web.customers;

import org.jspecify.annotations.NullMarked;
