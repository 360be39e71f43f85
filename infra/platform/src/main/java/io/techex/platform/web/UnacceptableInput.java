package io.techex.platform.web;

import java.util.List;

/** Input no handler should ever see (NUL characters, broken Unicode, absurd numbers or dates): answered 400. */
public class UnacceptableInput extends RuntimeException {

    private final transient List<FieldProblem> errors;

    public UnacceptableInput(List<FieldProblem> errors) {
        super("The request has values the exchange does not accept: " + errors);
        this.errors = List.copyOf(errors);
    }

    public List<FieldProblem> errors() {
        return errors;
    }
}
