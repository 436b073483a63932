package org.permitwatch.support.input;

import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.permitwatch.support.problem.ApiException;
import org.permitwatch.support.problem.FieldProblem;
import org.permitwatch.support.problem.ProblemCodes;
import org.springframework.core.Ordered;
import org.springframework.http.server.PathContainer;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * {@link InputRules} for what does not come through the JSON decoder: query parameters (named in the problem) and
 * path segments (named {@code path}, as routing has not yet told which variable a segment is). Values are checked
 * after percent-decoding, so {@code ?q=a%00b} is caught. A query value shaped like an ISO date or date-time
 * ({@code 2026-05-01}, {@code +999999999-12-31}, {@code 2026-05}) must also have a year inside the global window.
 * Runs after Spring Security (order 0 > -100), so an anonymous probe still gets its 401 first.
 */
final class RequestInputFilter implements WebFilter, Ordered {

    private static final Pattern DATE_SHAPED = Pattern.compile("^([+-]?\\d{4,10})-\\d{2}(?:-\\d{2}.*)?$");

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        FieldProblem problem = check(exchange);
        if (problem != null) {
            return Mono.error(ApiException.badRequest(
                    ProblemCodes.VALIDATION_FAILED,
                    "parameter '" + problem.field() + "' " + problem.message(),
                    List.of(problem)));
        }
        return chain.filter(exchange);
    }

    @Override
    public int getOrder() {
        return 0;
    }

    static FieldProblem check(ServerWebExchange exchange) {
        for (PathContainer.Element element :
                exchange.getRequest().getPath().pathWithinApplication().elements()) {
            if (element instanceof PathContainer.PathSegment segment
                    && InputRules.hasForbiddenCharacter(segment.valueToMatch())) {
                return FieldProblem.of("path", InputRules.TEXT_MESSAGE);
            }
        }
        for (Map.Entry<String, List<String>> param :
                exchange.getRequest().getQueryParams().entrySet()) {
            String name = param.getKey();
            if (InputRules.hasForbiddenCharacter(name)) {
                return FieldProblem.of("query", "parameter names " + InputRules.TEXT_MESSAGE);
            }
            for (String value : param.getValue()) {
                if (value == null) {
                    continue;
                }
                if (InputRules.hasForbiddenCharacter(value)) {
                    return FieldProblem.of(name, InputRules.TEXT_MESSAGE);
                }
                if (!dateYearAllowed(value)) {
                    return new FieldProblem(name, InputRules.DATE_MESSAGE, value.length() > 40 ? null : value);
                }
            }
        }
        return null;
    }

    private static boolean dateYearAllowed(String value) {
        Matcher m = DATE_SHAPED.matcher(value);
        if (!m.matches()) {
            return true;
        }
        try {
            return InputRules.yearAllowed(Long.parseLong(m.group(1)));
        } catch (NumberFormatException e) {
            return false;
        }
    }
}
