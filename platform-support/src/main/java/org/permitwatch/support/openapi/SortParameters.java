package org.permitwatch.support.openapi;

import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.parameters.Parameter;
import org.permitwatch.support.web.ListSort;
import org.permitwatch.support.web.SortParam;
import org.springdoc.core.customizers.OperationCustomizer;
import org.springframework.core.MethodParameter;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.method.HandlerMethod;

/**
 * A {@code sort} query parameter marked {@link SortParam} gets its allowed values as an enum, taken from the same
 * whitelist the controller parses with: the document cannot drift from what the server accepts, and a generated
 * client types the parameter as a union of the allowed values.
 */
final class SortParameters implements OperationCustomizer {

    @Override
    public Operation customize(Operation operation, HandlerMethod handlerMethod) {
        for (MethodParameter p : handlerMethod.getMethodParameters()) {
            SortParam sort = p.getParameterAnnotation(SortParam.class);
            if (sort == null) {
                continue;
            }
            RequestParam request = p.getParameterAnnotation(RequestParam.class);
            String name = request != null && !request.name().isEmpty()
                    ? request.name()
                    : request != null && !request.value().isEmpty() ? request.value() : p.getParameterName();
            if (operation.getParameters() == null) {
                continue;
            }
            for (Parameter parameter : operation.getParameters()) {
                if ("query".equals(parameter.getIn()) && parameter.getName().equals(name)) {
                    StringSchema schema = new StringSchema();
                    ListSort.allowed(sort.value()).forEach(schema::addEnumItem);
                    parameter.setSchema(schema);
                    if (parameter.getDescription() == null) {
                        parameter.setDescription("<field>,asc or <field>,desc; absent: the list's default order (the"
                                + " id breaks ties); anything else is a 400 naming sort");
                    }
                }
            }
        }
        return operation;
    }
}
