package org.rekindle.web.api;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import org.jdbi.v3.core.Jdbi;
import org.rekindle.store.access.ApiKeys.ApiKey;
import org.rekindle.store.access.AuditLog;

/** {@code GET /audit}: the latest entries of the audit log, of everyone or of one actor. */
final class AuditRoutes {
  private final AuditLog log;

  AuditRoutes(Jdbi jdbi) {
    this.log = new AuditLog(jdbi);
  }

  void register(Api.Endpoints e) {
    e.get("/audit", this::recent);
  }

  private void recent(Context ctx, ApiKey caller) {
    int limit = Exchange.queryInt(ctx, "limit", 100, 1, CustomerRoutes.MAX_LIMIT);
    String actor = Exchange.query(ctx, "actor").orElse(null);
    ObjectNode b = Exchange.object();
    ArrayNode list = b.putArray("entries");
    for (AuditLog.Entry e : log.recent(limit, actor)) {
      ObjectNode o = list.addObject();
      o.put("id", e.id());
      o.put("at", e.at().toString());
      o.put("actor", e.actor());
      o.put("action", e.action());
      o.put("subject", e.subject());
      o.set("detail", Exchange.parse(e.detail().getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    }
    Exchange.send(ctx, 200, b);
  }
}
