/**
 * Reading bounces and complaints: delivery status notifications and complaint reports as mail
 * servers send them ({@link org.rekindle.outreach.bounce.DeliveryReports}), and either those or a
 * mail provider's CSV export, told apart by their content ({@link
 * org.rekindle.outreach.bounce.BounceFiles}).
 */
@NullMarked
package org.rekindle.outreach.bounce;

import org.jspecify.annotations.NullMarked;
