package org.rekindle.model;

/** Root of the exceptions thrown by the model module: bad parameters or data the math rejects. */
public class ModelException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public ModelException(String message) {
    super(message);
  }

  public ModelException(String message, Throwable cause) {
    super(message, cause);
  }
}
