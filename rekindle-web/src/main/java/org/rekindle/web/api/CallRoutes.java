package org.rekindle.web.api;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;
import org.rekindle.core.feedback.LeavingReason;
import org.rekindle.store.StoreException;
import org.rekindle.store.access.ApiKeys.ApiKey;
import org.rekindle.store.access.AuditLog;
import org.rekindle.store.outreach.CallLogged;
import org.rekindle.store.outreach.CallTask;
import org.rekindle.store.outreach.CallTasks;
import org.rekindle.store.survey.ComeBack;

/**
 * The call list: {@code GET /calls} the open calls due, {@code POST /calls/{taskId}/outcome} how
 * one went, with the outcomes and effects of {@code rekindle calls log} ({@link CallTasks#log}).
 */
final class CallRoutes {
  private final Jdbi jdbi;
  private final Clock clock;
  private final CallTasks tasks;

  CallRoutes(Jdbi jdbi, Clock clock) {
    this.jdbi = jdbi;
    this.clock = clock;
    this.tasks = new CallTasks(jdbi);
  }

  void register(Api.Endpoints e) {
    e.get("/calls", this::list);
    e.post("/calls/{taskId}/outcome", this::outcome);
  }

  private void list(Context ctx, ApiKey caller) {
    int limit = Exchange.queryInt(ctx, "limit", 100, 1, CustomerRoutes.MAX_LIMIT);
    Optional<String> rep = Exchange.query(ctx, "rep");
    LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
    ObjectNode b = Exchange.object();
    b.put("as_of", today.toString());
    ArrayNode list = b.putArray("calls");
    for (CallTask t : tasks.list(rep, today, limit)) {
      ObjectNode o = list.addObject();
      o.put("task_id", t.id());
      o.put("customer_id", t.customerId());
      o.put("name", t.talkingPoints().name().orElse(null));
      o.put("phone", t.phone());
      o.put("due_on", t.dueOn().toString());
      o.put("rep", t.assignedTo().orElse(null));
      o.put("playbook", t.playbook());
      o.put("value_at_risk", Exchange.number(t.valueAtRisk()));
      o.put("talking_points", t.talkingPoints().text().orElse(null));
    }
    Exchange.send(ctx, 200, b);
  }

  private void outcome(Context ctx, ApiKey caller) {
    long taskId;
    try {
      taskId = Long.parseLong(ctx.pathParam("taskId"));
    } catch (NumberFormatException e) {
      throw ApiException.notFound("there is no call task '" + ctx.pathParam("taskId") + "'");
    }
    ObjectNode body = Exchange.jsonObject(ctx, Api.MAX_BODY);
    CallTasks.Outcome outcome;
    try {
      outcome = CallTasks.Outcome.parse(Exchange.requiredText(body, "outcome"));
    } catch (IllegalArgumentException e) {
      throw ApiException.invalidField("outcome", String.valueOf(e.getMessage()));
    }
    Optional<String> note = Exchange.text(body, "note");
    CallTasks.Leaving leaving =
        new CallTasks.Leaving(
            parsed(body, "reason", LeavingReason::parse),
            parsed(body, "come_back", ComeBack::parse),
            Exchange.text(body, "bring_back"));
    Instant now = clock.instant();
    CallLogged logged;
    try {
      logged =
          jdbi.inTransaction(
              h -> {
                CallLogged l = tasks.log(taskId, outcome, note, leaving, caller.actor(), now);
                AuditLog.record(
                    h,
                    caller.actor(),
                    "call.outcome",
                    "call task " + taskId,
                    Map.of(
                        "customer", l.customerId(),
                        "outcome", outcome.id(),
                        "note", note.orElse("")));
                return l;
              });
    } catch (CallTasks.UnknownTaskException e) {
      throw ApiException.notFound(String.valueOf(e.getMessage()));
    } catch (CallTasks.AlreadyLoggedException e) {
      throw new ApiException(
          409,
          "conflict",
          String.valueOf(e.getMessage()),
          null,
          Map.of("outcome", e.outcome().id(), "logged_by", e.by(), "logged_at", e.at().toString()));
    } catch (IllegalArgumentException e) {
      throw ApiException.invalidField(
          outcome == CallTasks.Outcome.REASON_FOR_LEAVING ? "note" : "reason",
          String.valueOf(e.getMessage()));
    } catch (StoreException e) {
      // a cancelled task
      throw new ApiException(409, "conflict", String.valueOf(e.getMessage()));
    }
    ObjectNode o = Exchange.object();
    o.put("task_id", logged.taskId());
    o.put("customer_id", logged.customerId());
    o.put("outcome", logged.outcome().id());
    o.put("note", logged.note().orElse(null));
    o.put("logged_by", logged.by());
    o.put("logged_at", logged.at().toString());
    ArrayNode suppressed = o.putArray("suppressed");
    for (CallLogged.Suppressed s : logged.suppressed()) {
      ObjectNode x = suppressed.addObject();
      x.put("channel", s.channel().id());
      x.put("address", s.address());
      x.put("added", s.added());
    }
    o.put("consent_withdrawn", logged.consentWithdrawn());
    o.put("survey_answer_kept", logged.surveyAnswer().isPresent());
    Exchange.send(ctx, 200, o);
  }

  private static <T> Optional<T> parsed(
      ObjectNode body, String field, java.util.function.Function<String, T> parse) {
    Optional<String> text = Exchange.text(body, field);
    try {
      return text.map(parse);
    } catch (IllegalArgumentException e) {
      throw ApiException.invalidField(field, String.valueOf(e.getMessage()));
    }
  }
}
