package org.permitwatch.inspection.document;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One version of a document template as stored in {@code document_template}: blocks of text with {@code {{name}}}
 * placeholders filled from the case ({@link DocumentFacts}). The one model both renderers read, so the DOCX and the
 * PDF of a document say the same.
 */
record DocumentTemplate(DocumentKind kind, int version, String title, String numberWord, List<Block> blocks) {

    static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{([A-Za-z0-9]+)}}");

    enum Style {
        BUREAU,
        TITLE,
        NUMBER,
        TEXT,
        FIELD,
        EVIDENCE,
        SIGNATURE
    }

    /**
     * @param when the name of a flag; the block is printed only when the flag is true (e.g. the hearing paragraph)
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Block(Style style, String label, String text, String when) {}

    /** A block with its placeholders replaced: what a renderer prints. */
    record Line(Style style, String label, String text) {}

    /**
     * The lines of a document: blocks whose flag is false are left out, every placeholder is replaced. A placeholder
     * the facts do not hold is a template error, never printed as it stands.
     */
    List<Line> fill(Map<String, String> values, Map<String, Boolean> flags) {
        List<Line> lines = new ArrayList<>();
        for (Block b : blocks) {
            if (b.when() != null && !Boolean.TRUE.equals(flags.get(b.when()))) {
                continue;
            }
            lines.add(new Line(b.style(), b.label(), replace(b.text(), values)));
        }
        return lines;
    }

    static String replace(String text, Map<String, String> values) {
        if (text == null) {
            return "";
        }
        Matcher m = PLACEHOLDER.matcher(text);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            String value = values.get(m.group(1));
            if (value == null) {
                throw new IllegalStateException("template placeholder {{" + m.group(1) + "}} has no value");
            }
            m.appendReplacement(sb, Matcher.quoteReplacement(value));
        }
        m.appendTail(sb);
        return sb.toString();
    }
}
