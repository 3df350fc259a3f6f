package org.rekindle.cli;

/** Entry point of the {@code rekindle} command. */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    System.out.println("rekindle");
  }
}
