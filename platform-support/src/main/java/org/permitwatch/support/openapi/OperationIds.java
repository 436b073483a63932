package org.permitwatch.support.openapi;

import io.swagger.v3.oas.models.Operation;
import java.util.Locale;
import org.springdoc.core.customizers.OperationCustomizer;
import org.springframework.web.method.HandlerMethod;

/**
 * Stable, readable operationIds: {@code <resource><Method>} from the controller and handler method, e.g.
 * {@code CaseController.propose} → {@code casePropose}, {@code AlertController.list} → {@code alertList}, and the resource
 * alone when the method repeats its last word ({@code UnitHistoryController.history} → {@code unitHistory}). springdoc's
 * default (the bare method name, de-duplicated as {@code list_7}) depends on the order controllers are scanned, and a
 * generated client's method names come from these ids. An explicit {@code @Operation(operationId = ...)} wins.
 */
final class OperationIds implements OperationCustomizer {

    @Override
    public Operation customize(Operation operation, HandlerMethod handler) {
        io.swagger.v3.oas.annotations.Operation annotation =
                handler.getMethodAnnotation(io.swagger.v3.oas.annotations.Operation.class);
        if (annotation != null && !annotation.operationId().isEmpty()) {
            return operation;
        }
        operation.setOperationId(
                idOf(handler.getBeanType().getSimpleName(), handler.getMethod().getName()));
        return operation;
    }

    static String idOf(String controller, String method) {
        String resource = controller.endsWith("Controller")
                ? controller.substring(0, controller.length() - "Controller".length())
                : controller;
        String[] words = resource.split("(?=[A-Z])");
        if (words[words.length - 1].equalsIgnoreCase(method)) {
            // SummaryController.summary, UnitHistoryController.history: the resource alone says it
            return resource.substring(0, 1).toLowerCase(Locale.ROOT) + resource.substring(1);
        }
        return resource.substring(0, 1).toLowerCase(Locale.ROOT)
                + resource.substring(1)
                + method.substring(0, 1).toUpperCase(Locale.ROOT)
                + method.substring(1);
    }
}
