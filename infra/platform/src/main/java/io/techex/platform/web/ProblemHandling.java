package io.techex.platform.web;

import io.techex.platform.rules.RuleViolation;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import org.axonframework.messaging.HandlerExecutionException;
import org.axonframework.messaging.interceptors.JSR303ViolationException;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.axonframework.modelling.command.ConflictingModificationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.beans.TypeMismatchException;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.core.annotation.Order;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.TransientDataAccessResourceException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.TransactionSystemException;
import org.springframework.validation.Errors;
import org.springframework.validation.FieldError;
import org.springframework.validation.ObjectError;
import org.springframework.validation.method.ParameterErrors;
import org.springframework.validation.method.ParameterValidationResult;
import org.springframework.web.ErrorResponse;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.MissingRequestHeaderException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.ServletRequestBindingException;
import org.springframework.web.bind.annotation.CookieValue;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.MatrixVariable;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.ServletWebRequest;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import org.springframework.web.servlet.resource.NoResourceFoundException;
import tools.jackson.core.JacksonException;
import tools.jackson.core.TokenStreamContext;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.databind.exc.InvalidNullException;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;
import tools.jackson.databind.exc.ValueInstantiationException;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.UndeclaredThrowableException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.net.URI;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;
import java.time.temporal.Temporal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/**
 * Answers every error of a TechEx service as RFC 9457 {@code application/problem+json} (see {@link Problems} for
 * the shape). Input errors are 400 {@code invalid-request} with an {@code errors} array naming each field at fault
 * as a JSON path; they are rejected before any command is sent, so they change nothing. Domain outcomes:
 * <ul>
 *   <li>{@link RuleViolation}: 409 or 422, type {@code https://techex.io/problems/<code>};</li>
 *   <li>Axon's {@code AggregateNotFoundException}: 404 {@code not-found};</li>
 *   <li>Axon's {@code ConcurrencyException}, {@code AggregateStreamCreationException} (a second stream for the same
 *       id) and {@code ConflictingModificationException}: 409 {@code concurrent-modification};</li>
 *   <li>Axon's {@code CommandExecutionException}: whatever its cause, or the {@link RuleViolation.Details} it
 *       carries, maps to;</li>
 *   <li>{@code JSR303ViolationException} and {@code ConstraintViolationException}: 400 naming the fields;</li>
 *   <li>the database unreachable, anywhere in the cause chain: 503 {@code service-unavailable} with
 *       {@code Retry-After};</li>
 *   <li>anything else: 500 {@code internal-error} with a {@code correlationId} that is also logged, and nothing
 *       of the exception's text.</li>
 * </ul>
 * Ordered last, so that a service's own {@code @RestControllerAdvice} may handle its exceptions first.
 */
@RestControllerAdvice
@Order(Ordered.LOWEST_PRECEDENCE)
public class ProblemHandling extends ResponseEntityExceptionHandler {

    /** Seconds a client should wait before retrying when the database is unreachable. */
    static final String DATABASE_RETRY_AFTER_SECONDS = "5";

    private static final Logger log = LoggerFactory.getLogger(ProblemHandling.class);
    /** Only these wrap an exception without meaning anything themselves; other causes are not looked into. */
    private static final Set<Class<?>> WRAPPERS = Set.of(ExecutionException.class, CompletionException.class,
            UndeclaredThrowableException.class, InvocationTargetException.class, ServletException.class);

    // ---- input that breaks the API's contract: 400 naming the fields

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException exception, HttpHeaders headers,
                                                                  HttpStatusCode status, WebRequest request) {
        return invalid(exception, "The request has invalid fields", errorsOf(exception.getBindingResult(), ""), request);
    }

    @Override
    protected ResponseEntity<Object> handleHandlerMethodValidationException(HandlerMethodValidationException exception,
                                                                            HttpHeaders headers, HttpStatusCode status,
                                                                            WebRequest request) {
        List<FieldProblem> errors = new ArrayList<>();
        exception.visitResults(new HandlerMethodValidationException.Visitor() {
            @Override
            public void requestBody(RequestBody body, ParameterErrors result) {
                errors.addAll(errorsOf(result, containerPath(result)));
            }

            @Override
            public void requestBodyValidationResult(RequestBody body, ParameterValidationResult result) {
                named(containerPath(result), result);
            }

            @Override
            public void modelAttribute(ModelAttribute attribute, ParameterErrors result) {
                errors.addAll(errorsOf(result, ""));
            }

            @Override
            public void requestPart(RequestPart part, ParameterErrors result) {
                errors.addAll(errorsOf(result, nameOf(part.name(), result)));
            }

            @Override
            public void requestHeader(RequestHeader header, ParameterValidationResult result) {
                named(nameOf(header.name(), result), result);
            }

            @Override
            public void requestParam(RequestParam param, ParameterValidationResult result) {
                named(nameOf(param.name(), result), result);
            }

            @Override
            public void pathVariable(PathVariable variable, ParameterValidationResult result) {
                named(nameOf(variable.name(), result), result);
            }

            @Override
            public void cookieValue(CookieValue cookie, ParameterValidationResult result) {
                named(nameOf(cookie.name(), result), result);
            }

            @Override
            public void matrixVariable(MatrixVariable variable, ParameterValidationResult result) {
                named(nameOf(variable.name(), result), result);
            }

            @Override
            public void other(ParameterValidationResult result) {
                named(nameOf("", result), result);
            }

            private void named(String name, ParameterValidationResult result) {
                result.getResolvableErrors().forEach(error -> errors.add(new FieldProblem(name, error.getDefaultMessage())));
            }
        });
        exception.getCrossParameterValidationResults()
                .forEach(error -> errors.add(new FieldProblem("", error.getDefaultMessage())));
        return invalid(exception, "The request has invalid parameters", errors, request);
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException exception, HttpHeaders headers,
                                                                  HttpStatusCode status, WebRequest request) {
        JacksonException jackson = causeOfType(exception, JacksonException.class);
        FieldProblem error;
        if (jackson == null) {
            error = new FieldProblem("", "a JSON body is required");
        } else if (jackson instanceof StreamReadException read && isDuplicateProperty(read)) {
            // the parser stopped on the repeated name: its context is where in the document that is
            error = new FieldProblem(read.processor() == null ? path(jackson.getPath()) : path(read.processor().streamReadContext()),
                    "is given more than once");
        } else if (jackson instanceof StreamReadException) {
            error = new FieldProblem(path(jackson.getPath()), "is not valid JSON");
        } else {
            error = new FieldProblem(path(jackson.getPath()), describe(jackson));
        }
        return invalid(exception, "The request body cannot be read", List.of(error), request);
    }

    @Override
    protected ResponseEntity<Object> handleTypeMismatch(TypeMismatchException exception, HttpHeaders headers,
                                                        HttpStatusCode status, WebRequest request) {
        String name = exception instanceof MethodArgumentTypeMismatchException argument ? argument.getName() : exception.getPropertyName();
        String message = exception.getRequiredType() == null ? "has the wrong type" : expected(exception.getRequiredType());
        return invalid(exception, "A parameter has the wrong type", List.of(new FieldProblem(name, message)), request);
    }

    @Override
    protected ResponseEntity<Object> handleMissingServletRequestParameter(MissingServletRequestParameterException exception,
                                                                          HttpHeaders headers, HttpStatusCode status,
                                                                          WebRequest request) {
        return invalid(exception, "A required parameter is missing",
                List.of(new FieldProblem(exception.getParameterName(), "is required")), request);
    }

    @Override
    protected ResponseEntity<Object> handleServletRequestBindingException(ServletRequestBindingException exception,
                                                                          HttpHeaders headers, HttpStatusCode status,
                                                                          WebRequest request) {
        if (exception instanceof MissingRequestHeaderException missing) {
            return invalid(exception, "A required header is missing",
                    List.of(new FieldProblem(missing.getHeaderName(), "is required")), request);
        }
        return super.handleServletRequestBindingException(exception, headers, status, request);
    }

    /** As Spring answers it, without its WARN line in the {@code PageNotFound} log: a wrong method is a 4xx like any other. */
    @Override
    protected ResponseEntity<Object> handleHttpRequestMethodNotSupported(HttpRequestMethodNotSupportedException exception,
                                                                         HttpHeaders headers, HttpStatusCode status,
                                                                         WebRequest request) {
        return handleExceptionInternal(exception, null, headers, status, request);
    }

    /** Spring's own text speaks of static resources, which means nothing to an API client. */
    @Override
    protected ResponseEntity<Object> handleNoResourceFoundException(NoResourceFoundException exception, HttpHeaders headers,
                                                                    HttpStatusCode status, WebRequest request) {
        return answer(exception, HttpStatus.NOT_FOUND, "not-found", "There is nothing at " + path(request), request);
    }

    // ---- everything else: domain outcomes, the database, the unexpected

    /**
     * Whatever {@link ResponseEntityExceptionHandler} does not handle itself. Services and Axon wrap exceptions in
     * various ways, so the answer is found by looking through known wrappers to what the exception means.
     */
    @ExceptionHandler(Exception.class)
    public ResponseEntity<Object> handleAny(Exception exception, WebRequest request) throws Exception {
        if (isDatabaseUnavailable(exception)) {
            return databaseUnavailable(exception, request);
        }
        Throwable meaning = meaningOf(exception);
        ResponseEntity<Object> answer = switch (meaning) {
            case RuleViolation violation -> ruleViolated(exception, violation, request);
            case AggregateNotFoundException missing -> answer(exception, HttpStatus.NOT_FOUND, "not-found",
                    "Nothing exists with id " + missing.getAggregateIdentifier(), request);
            case ConcurrencyException conflict -> concurrentModification(exception, request);
            case AggregateStreamCreationException conflict -> concurrentModification(exception, request);
            case ConflictingModificationException conflict -> concurrentModification(exception, request);
            case JSR303ViolationException invalid -> invalid(exception, "The request has invalid fields",
                    errorsOf(invalid.getViolations()), request);
            case ConstraintViolationException invalid -> invalid(exception, "The request has invalid fields",
                    errorsOf(invalid.getConstraintViolations()), request);
            case UnacceptableInput unacceptable -> invalid(exception, "The request has invalid fields", unacceptable.errors(), request);
            case Unauthenticated unauthenticated -> answer(exception, HttpStatus.UNAUTHORIZED, "unauthenticated",
                    unauthenticated.getMessage(), request);
            default -> null;
        };
        if (answer != null) {
            return answer;
        }
        if (meaning instanceof Exception spring && meaning != exception && isHandledBySpring(spring)) {
            return handleException(spring, request);
        }
        if (meaning instanceof ErrorResponse error) {
            return handleExceptionInternal(exception, error.updateAndGetBody(getMessageSource(), request.getLocale()),
                    error.getHeaders(), error.getStatusCode(), request);
        }
        ResponseStatus declared = AnnotatedElementUtils.findMergedAnnotation(meaning.getClass(), ResponseStatus.class);
        if (declared != null) {
            HttpStatus status = declared.code();
            return answer(exception, status, Problems.slug(status),
                    declared.reason().isEmpty() ? Problems.title(status) : declared.reason(), request);
        }
        return answer(exception, HttpStatus.INTERNAL_SERVER_ERROR, "internal-error",
                "Something went wrong on our side", request);
    }

    /**
     * The answer to {@code exception} wherever it was raised; {@link ProblemErrorController} uses this for exceptions
     * that escaped a servlet filter, which no controller advice sees.
     */
    ResponseEntity<Object> handle(Exception exception, WebRequest request) throws Exception {
        return isHandledBySpring(exception) ? handleException(exception, request) : handleAny(exception, request);
    }

    /** The answer to a bare error status, e.g. a filter's {@code sendError} or the servlet container's own 400. */
    ResponseEntity<Object> status(HttpStatusCode status, WebRequest request) {
        var exception = new IllegalStateException("The request ended with status " + status.value() + " outside Spring MVC");
        return handleExceptionInternal(exception, Problems.problem(status, status.value() == 400 ? Problems.INVALID_REQUEST
                : Problems.slug(status), Problems.title(status), path(request)), new HttpHeaders(), status, request);
    }

    /**
     * Every answer passes here: 5xx answers get a {@code correlationId}, which the log line also carries, so that a
     * report quoting it leads to the stack trace that the client never sees. A 4xx is the client's mistake or a rule
     * saying no: one line at DEBUG, without a stack trace, which would say nothing the answer does not.
     */
    @Override
    protected ResponseEntity<Object> handleExceptionInternal(Exception exception, Object body, HttpHeaders headers,
                                                             HttpStatusCode status, WebRequest request) {
        if (status.is4xxClientError() && log.isDebugEnabled()) {
            String detail = body instanceof ProblemDetail problem && problem.getDetail() != null ? problem.getDetail()
                    : exception.getMessage();
            log.debug("{} {} answered {}: {}", method(request), path(request), status.value(), Problems.oneLine(detail));
        }
        if (status.is5xxServerError() && body instanceof ProblemDetail problem) {
            String correlationId = UUID.randomUUID().toString();
            problem.setProperty("correlationId", correlationId);
            String detail = problem.getDetail() == null ? "Something went wrong on our side" : problem.getDetail();
            problem.setDetail(detail + "; quote correlation id " + correlationId + " when you report it");
            MDC.put("correlationId", correlationId);
            try {
                if (status.value() == HttpStatus.SERVICE_UNAVAILABLE.value()) {
                    log.warn("{} {} answered {}, correlation id {}: {}", method(request), path(request), status.value(),
                            correlationId, rootMessage(exception));
                } else {
                    log.error("{} {} failed, correlation id {}", method(request), path(request), correlationId, exception);
                }
            } finally {
                MDC.remove("correlationId");
            }
        }
        return super.handleExceptionInternal(exception, body, headers, status, request);
    }

    /** Spring's own problems get a TechEx type, the request path as instance, and problem+json whatever was asked. */
    @Override
    protected ResponseEntity<Object> createResponseEntity(Object body, HttpHeaders headers, HttpStatusCode status,
                                                          WebRequest request) {
        if (body instanceof ProblemDetail problem) {
            if (problem.getType() == null || "about:blank".equals(problem.getType().toString())) {
                problem.setType(Problems.type(status.value() == 400 ? Problems.INVALID_REQUEST : Problems.slug(status)));
            }
            problem.setTitle(Problems.title(status));
            if (problem.getInstance() == null && path(request) != null) {
                problem.setInstance(URI.create(path(request)));
            }
        }
        HttpHeaders problemHeaders = new HttpHeaders();
        problemHeaders.putAll(headers);
        problemHeaders.setContentType(MediaType.APPLICATION_PROBLEM_JSON);
        return super.createResponseEntity(body, problemHeaders, status, request);
    }

    private ResponseEntity<Object> ruleViolated(Exception exception, RuleViolation violation, WebRequest request) {
        HttpStatus status = violation.kind() == RuleViolation.Kind.CONFLICT ? HttpStatus.CONFLICT : HttpStatus.UNPROCESSABLE_CONTENT;
        ProblemDetail problem = Problems.problem(status, violation.code(), violation.getMessage(), path(request));
        if (violation.field() != null) {
            problem.setProperty("errors", List.of(new FieldProblem(violation.field(), violation.getMessage())));
        }
        return handleExceptionInternal(exception, problem, new HttpHeaders(), status, request);
    }

    /** Two writes raced on one aggregate, in this instance or another; the event store kept the first. */
    private ResponseEntity<Object> concurrentModification(Exception exception, WebRequest request) {
        return answer(exception, HttpStatus.CONFLICT, "concurrent-modification",
                "Someone else changed this resource at the same moment; reload it and retry your change", request);
    }

    private ResponseEntity<Object> databaseUnavailable(Exception exception, WebRequest request) {
        HttpHeaders headers = new HttpHeaders();
        headers.set(HttpHeaders.RETRY_AFTER, DATABASE_RETRY_AFTER_SECONDS);
        ProblemDetail problem = Problems.problem(HttpStatus.SERVICE_UNAVAILABLE, "service-unavailable",
                "The service cannot reach its database at the moment; retry in a few seconds", path(request));
        return handleExceptionInternal(exception, problem, headers, HttpStatus.SERVICE_UNAVAILABLE, request);
    }

    private ResponseEntity<Object> answer(Exception exception, HttpStatus status, String slug, String detail, WebRequest request) {
        return handleExceptionInternal(exception, Problems.problem(status, slug, detail, path(request)), new HttpHeaders(),
                status, request);
    }

    private ResponseEntity<Object> invalid(Exception exception, String detail, List<FieldProblem> errors, WebRequest request) {
        List<FieldProblem> sorted = new ArrayList<>(errors);
        sorted.sort(Comparator.comparing(FieldProblem::field).thenComparing(FieldProblem::message,
                Comparator.nullsFirst(Comparator.naturalOrder())));
        return handleExceptionInternal(exception, Problems.invalid(HttpStatus.BAD_REQUEST, detail, sorted, path(request)),
                new HttpHeaders(), HttpStatus.BAD_REQUEST, request);
    }

    // ---- what an exception means

    /**
     * Looks through wrappers that mean nothing themselves: Axon's {@code CommandExecutionException} (its details
     * first, which is all that survives a distributed command bus), futures' and reflection's wrappers.
     */
    private static Throwable meaningOf(Throwable exception) {
        Throwable current = exception;
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        while (seen.add(current)) {
            if (current instanceof HandlerExecutionException execution) {
                Object details = execution.getDetails().orElse(null);
                if (details instanceof RuleViolation.Details violation) {
                    return RuleViolation.of(violation);
                }
                if (execution.getCause() == null) {
                    return current;
                }
                current = execution.getCause();
            } else if (WRAPPERS.contains(current.getClass()) && current.getCause() != null) {
                current = current.getCause();
            } else {
                return current;
            }
        }
        return current;
    }

    /** A lost database shows up wrapped by Spring, Axon or the pool in many ways: any of them anywhere in the chain. */
    static boolean isDatabaseUnavailable(Throwable exception) {
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Throwable current = exception; current != null && seen.add(current); current = current.getCause()) {
            if (current instanceof DataAccessResourceFailureException || current instanceof CannotCreateTransactionException
                    || current instanceof TransientDataAccessResourceException
                    || current instanceof SQLTransientConnectionException || current instanceof SQLNonTransientConnectionException) {
                return true;
            }
            // SQLSTATE class 08 is "connection exception"; 57P01-57P03: the server is shutting down or starting
            if (current instanceof SQLException sql && sql.getSQLState() != null
                    && (sql.getSQLState().startsWith("08") || sql.getSQLState().matches("57P0[123]"))) {
                return true;
            }
            // Hikari's proxy of a connection the server dropped says so without an SQLSTATE
            if (current instanceof SQLException sql && sql.getSQLState() == null
                    && "Connection is closed".equals(sql.getMessage())) {
                return true;
            }
            // a commit cut off by the lost connection, then a rollback that failed on it too: the commit's error is
            // kept aside as the "application exception", not as the cause
            if (current instanceof TransactionSystemException failed && failed.getApplicationException() != null
                    && isDatabaseUnavailable(failed.getApplicationException())) {
                return true;
            }
        }
        return false;
    }

    private static boolean isHandledBySpring(Exception exception) {
        return exception instanceof ErrorResponse || exception instanceof TypeMismatchException
                || exception instanceof HttpMessageNotReadableException;
    }

    private static <T extends Throwable> T causeOfType(Throwable exception, Class<T> type) {
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Throwable current = exception; current != null && seen.add(current); current = current.getCause()) {
            if (type.isInstance(current)) {
                return type.cast(current);
            }
        }
        return null;
    }

    // ---- naming fields

    private static List<FieldProblem> errorsOf(Errors result, String prefix) {
        List<FieldProblem> errors = new ArrayList<>();
        for (FieldError error : result.getFieldErrors()) {
            String message = error.isBindingFailure() && result.getFieldType(error.getField()) != null
                    ? expected(result.getFieldType(error.getField()))
                    : error.getDefaultMessage();
            errors.add(new FieldProblem(join(prefix, error.getField()), message));
        }
        for (ObjectError error : result.getGlobalErrors()) {
            errors.add(new FieldProblem(prefix, error.getDefaultMessage()));
        }
        return errors;
    }

    private static List<FieldProblem> errorsOf(Set<? extends ConstraintViolation<?>> violations) {
        return violations.stream().map(violation -> new FieldProblem(path(violation.getPropertyPath()), violation.getMessage())).toList();
    }

    /** A bean-validation path without the method and parameter nodes that method validation puts in front. */
    private static String path(Path path) {
        StringBuilder field = new StringBuilder();
        for (Path.Node node : path) {
            if (node.getKind() == ElementKind.METHOD || node.getKind() == ElementKind.CONSTRUCTOR
                    || node.getKind() == ElementKind.PARAMETER || node.getKind() == ElementKind.CROSS_PARAMETER
                    || node.getKind() == ElementKind.RETURN_VALUE) {
                continue;
            }
            if (node.getIndex() != null) {
                field.append('[').append(node.getIndex()).append(']');
            } else if (node.getKey() != null) {
                field.append('[').append(node.getKey()).append(']');
            }
            if (node.getName() != null && node.getKind() != ElementKind.CONTAINER_ELEMENT) {
                field.append(field.isEmpty() ? "" : ".").append(node.getName());
            }
        }
        return field.toString();
    }

    private static String path(List<JacksonException.Reference> references) {
        StringBuilder path = new StringBuilder();
        for (JacksonException.Reference reference : references) {
            if (reference.getPropertyName() != null) {
                path.append(path.isEmpty() ? "" : ".").append(reference.getPropertyName());
            } else if (reference.getIndex() >= 0) {
                path.append('[').append(reference.getIndex()).append(']');
            }
        }
        return path.toString();
    }

    /** The parser's position as a path: {@code title.vi}, {@code inventors[1].name}. */
    private static String path(TokenStreamContext context) {
        List<String> segments = new ArrayList<>();
        for (TokenStreamContext current = context; current != null && !current.inRoot(); current = current.getParent()) {
            if (current.inObject() && current.currentName() != null) {
                segments.add(current.currentName());
            } else if (current.inArray() && current.hasCurrentIndex()) {
                segments.add("[" + current.getCurrentIndex() + "]");
            }
        }
        Collections.reverse(segments);
        return segments.stream().reduce("", ProblemHandling::join);
    }

    /** {@code STRICT_DUPLICATE_DETECTION}'s refusal, which has no type of its own. */
    private static boolean isDuplicateProperty(StreamReadException exception) {
        return exception.getOriginalMessage() != null && exception.getOriginalMessage().startsWith("Duplicate ");
    }

    /** {@code [2]} for the third element of a validated {@code @RequestBody List}, empty for the body itself. */
    private static String containerPath(ParameterValidationResult result) {
        if (result.getContainerIndex() != null) {
            return "[" + result.getContainerIndex() + "]";
        }
        return result.getContainerKey() == null ? "" : "[" + result.getContainerKey() + "]";
    }

    private static String nameOf(String declared, ParameterValidationResult result) {
        String name = declared.isEmpty() ? result.getMethodParameter().getParameterName() : declared;
        return join(name == null ? "" : name, containerPath(result));
    }

    private static String join(String prefix, String field) {
        if (prefix.isEmpty() || field.isEmpty()) {
            return prefix + field;
        }
        return field.startsWith("[") ? prefix + field : prefix + "." + field;
    }

    // ---- saying what was expected, in the client's terms rather than Java's

    private static String describe(JacksonException exception) {
        return switch (exception) {
            case UnrecognizedPropertyException unknown -> "is not a known field";
            case InvalidNullException missing -> "must not be null";
            case MismatchedInputException mismatch when mismatch.getTargetType() != null -> expected(mismatch.getTargetType());
            case ValueInstantiationException instantiation when instantiation.getCause() instanceof IllegalArgumentException invalid
                    && invalid.getMessage() != null -> invalid.getMessage();
            default -> "is not valid";
        };
    }

    static String expected(Class<?> type) {
        if (type.isEnum()) {
            return "must be one of " + Arrays.stream(type.getEnumConstants()).map(constant -> ((Enum<?>) constant).name()).toList();
        }
        if (type == int.class || type == long.class || type == short.class || type == byte.class || type == Integer.class
                || type == Long.class || type == Short.class || type == Byte.class || type == BigInteger.class) {
            return "must be an integer";
        }
        if (type == BigDecimal.class) {
            return "must be a plain decimal such as \"1500000000\" or \"2.5\" (in a JSON body a string, not a number)";
        }
        if (type == double.class || type == float.class || type == Double.class || type == Float.class) {
            return "must be a number";
        }
        if (type == boolean.class || type == Boolean.class) {
            return "must be true or false";
        }
        if (type == String.class || type == char.class || type == Character.class) {
            return "must be a string";
        }
        if (type == UUID.class) {
            return "must be a UUID";
        }
        if (Temporal.class.isAssignableFrom(type)) {
            return "must be an ISO-8601 " + type.getSimpleName();
        }
        if (type.isArray() || Collection.class.isAssignableFrom(type)) {
            return "must be an array";
        }
        if (Map.class.isAssignableFrom(type) || type.isRecord() || !type.getName().startsWith("java.")) {
            return "must be an object";
        }
        return "must be a " + type.getSimpleName();
    }

    // ---- the request

    /** The path the client asked for, also when the servlet container forwarded the request to its error page. */
    private static String path(WebRequest request) {
        if (!(request instanceof ServletWebRequest servlet)) {
            return null;
        }
        HttpServletRequest servletRequest = servlet.getRequest();
        Object original = servletRequest.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
        return original instanceof String uri ? uri : servletRequest.getRequestURI();
    }

    private static String method(WebRequest request) {
        return request instanceof ServletWebRequest servlet ? servlet.getRequest().getMethod() : "";
    }

    private static String rootMessage(Throwable exception) {
        Throwable root = exception;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + ": " + root.getMessage();
    }

}
