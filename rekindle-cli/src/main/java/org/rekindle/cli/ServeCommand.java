package org.rekindle.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.rekindle.core.playbook.Business;
import org.rekindle.outreach.unsubscribe.SigningKeys;
import org.rekindle.store.Store;
import org.rekindle.store.access.Users;
import org.rekindle.web.WebApp;
import org.rekindle.web.WebSettings;
import org.rekindle.web.survey.SurveyPage;
import org.rekindle.web.unsubscribe.UnsubscribePage;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code rekindle serve}: the web pages, until stopped. */
@Command(
    name = "serve",
    mixinStandardHelpOptions = true,
    description = {
      "Serves Rekindle's web pages until stopped (Ctrl-C, or SIGTERM from a service manager),"
          + " then closes the store cleanly: the dashboard behind a login (the first admin is"
          + " made with 'rekindle user add LOGIN --role admin'; docs/web.md), the exit survey,"
          + " /s/TOKEN, the link a playbook's survey step sends, and the emails' unsubscribe"
          + " page, /u/TOKEN (one button; a mail program's one-click POST).",
      "It listens on 127.0.0.1 only unless told otherwise: put a reverse proxy with TLS in"
          + " front of it, and set business.public_url in rekindle.yaml to the address"
          + " customers reach, which the links in letters and emails point to (docs/surveys.md).",
      ""
    })
final class ServeCommand implements Callable<Integer> {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;
  @Mixin StoreOptions store = new StoreOptions();

  @Option(
      names = "--host",
      paramLabel = "ADDRESS",
      defaultValue = WebSettings.DEFAULT_HOST,
      description =
          "The address to listen on. Default: 127.0.0.1. Anything but a loopback address needs"
              + " --public.")
  String host = WebSettings.DEFAULT_HOST;

  @Option(
      names = "--port",
      paramLabel = "PORT",
      defaultValue = "8080",
      description =
          "The port to listen on; 0 for any free one (the address printed says which)."
              + " Default: 8080.")
  int port = WebSettings.DEFAULT_PORT;

  @Option(
      names = "--public",
      description =
          "Allow --host to be an address other than loopback, open to the network. Only do"
              + " this where the network itself is protected: the pages have no TLS of their"
              + " own.")
  boolean exposed;

  @Override
  public Integer call() throws InterruptedException {
    WebSettings settings;
    try {
      settings = new WebSettings(host, port, exposed);
    } catch (IllegalArgumentException e) {
      String what = String.valueOf(e.getMessage());
      throw new UsageException(
          (what.startsWith("the port") ? "--port: " : "--host: ")
              + what
              + (what.contains("loopback") ? " (with --public)" : ""));
    }
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    Path home = store.homeDir();
    Business business = Outreach.playbooks(home, err).business();
    SigningKeys keys = Outreach.keys(home);
    Store s = store.open(err);
    WebApp app;
    try {
      app = WebApp.start(settings, s, keys, business);
    } catch (WebApp.CannotListenException e) {
      s.close();
      throw new UsageException(e.getMessage() + " (--port chooses another)");
    } catch (RuntimeException e) {
      s.close();
      throw e;
    }
    CountDownLatch stopped = new CountDownLatch(1);
    Thread stop =
        new Thread(
            () -> {
              try {
                app.close();
                s.close();
                out.println("rekindle serve: stopped.");
                out.flush();
              } finally {
                stopped.countDown();
              }
            },
            "rekindle-serve-stop");
    Runtime.getRuntime().addShutdownHook(stop);
    out.println(
        "Serving at "
            + app.address()
            + " (the dashboard: "
            + app.address()
            + "/login; the exit survey: "
            + app.address()
            + SurveyPage.PATH.replace("{token}", "TOKEN")
            + ", unsubscribe: "
            + app.address()
            + UnsubscribePage.PATH.replace("{token}", "TOKEN")
            + "). Links in letters and emails point to "
            + business.publicUrl()
            + ". Ctrl-C stops.");
    if (!new Users(s.jdbi()).any()) {
      out.println(
          "No one can log in to the dashboard yet: make the first admin with"
              + " 'rekindle user add LOGIN --name \"Your Name\" --role admin'.");
    }
    out.flush();
    stopped.await();
    return 0;
  }
}
