/** From a transaction log to per-customer scores. */
package org.rekindle.core;
