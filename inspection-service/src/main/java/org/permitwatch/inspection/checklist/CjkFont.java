package org.permitwatch.inspection.checklist;

import com.lowagie.text.pdf.BaseFont;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * The CJK font every PDF of the service embeds: a GB 2312 subset of WenQuanYi Micro Hei (Apache-2.0, licence beside
 * it in the jar), shipped as a class-path resource so a clean checkout, CI and the container image print the same
 * without any font package on the host (ADR 0015; documents: ADR 0035). OpenPDF embeds only the glyphs a document
 * uses. Loading parses the font: blocking, call it off the event loop.
 */
public final class CjkFont {

    public static final String RESOURCE = "/fonts/wqy-microhei-gb2312.ttf";
    /** The PostScript-style name the embedded subset carries in a PDF (prefixed by a subset tag such as ABCDEF+). */
    public static final String NAME = "wqy-microhei-gb2312.ttf";
    /** Printed for a character the subset lacks (rare characters in a unit name), rather than failing the form. */
    public static final char MISSING = '□';

    private CjkFont() {}

    /** Loaded on first use (on a boundedElastic thread), then shared: a BaseFont is immutable once parsed. */
    private static final class Holder {
        static final BaseFont FONT = load();

        private static BaseFont load() {
            try (InputStream in = CjkFont.class.getResourceAsStream(RESOURCE)) {
                if (in == null) {
                    throw new IllegalStateException("font " + RESOURCE + " is missing from the jar");
                }
                return BaseFont.createFont(NAME, BaseFont.IDENTITY_H, BaseFont.EMBEDDED, true, in.readAllBytes(), null);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + RESOURCE, e);
            }
        }
    }

    public static BaseFont font() {
        return Holder.FONT;
    }

    /** The text with every character the font cannot draw replaced by {@link #MISSING}. */
    public static String printable(String text) {
        if (text == null) {
            return "";
        }
        BaseFont font = font();
        StringBuilder sb = new StringBuilder(text.length());
        text.codePoints().forEach(c -> {
            if (c == '\n' || font.charExists(c)) {
                sb.appendCodePoint(c);
            } else {
                sb.append(MISSING);
            }
        });
        return sb.toString();
    }
}
