package org.permitwatch.inspection.evidence;

import java.util.Locale;
import java.util.Set;
import org.permitwatch.support.problem.ApiException;
import org.springframework.stereotype.Component;

/**
 * What may be declared and how a kept file is served back: the one place of these rules. An attacker holding an
 * inspector's token could declare a huge file (refused above {@code maxSize}, and the signed Content-Length caps the
 * PUT) or an HTML/SVG page that, served from our origin, would run script; such types are never accepted, and every
 * download is forced to {@code attachment} with a type that a browser does not render as a page.
 */
@Component
class EvidencePolicy {

    /** Types a browser may show inline without running anything; everything else is served as octet-stream. */
    private static final Set<String> PASSIVE = Set.of("image/jpeg", "image/png", "image/webp", "application/pdf");

    private final long maxSize;
    private final Set<String> mediaTypes;

    EvidencePolicy(EvidenceProperties properties) {
        this.maxSize = properties.maxSize();
        this.mediaTypes = Set.copyOf(
                properties.mediaTypes().stream().map(EvidencePolicy::normalise).toList());
    }

    long maxSize() {
        return maxSize;
    }

    /** The declared type, normalised, or a 400 naming {@code mediaType} / {@code size}. */
    String check(String mediaType, long size) {
        String type = normalise(mediaType);
        if (!mediaTypes.contains(type)) {
            throw ApiException.invalidField(
                    "mediaType",
                    "must be one of " + mediaTypes.stream().sorted().toList(),
                    mediaType);
        }
        if (size > maxSize) {
            throw ApiException.invalidField("size", "must be at most " + maxSize + " bytes", size);
        }
        return type;
    }

    /** The Content-Type a download is served with. */
    static String downloadType(String mediaType) {
        return PASSIVE.contains(mediaType) ? mediaType : "application/octet-stream";
    }

    /**
     * {@code attachment} with the file name as RFC 6266 / RFC 5987 wants it: an ASCII fallback and the UTF-8 name
     * (Chinese file names), so the browser saves the file instead of showing it.
     */
    static String contentDisposition(String fileName) {
        String ascii = fileName.replaceAll("[^A-Za-z0-9._-]", "_");
        return "attachment; filename=\"" + ascii + "\"; filename*=UTF-8''"
                + java.net.URLEncoder.encode(fileName, java.nio.charset.StandardCharsets.UTF_8)
                        .replace("+", "%20");
    }

    private static String normalise(String mediaType) {
        if (mediaType == null) {
            return "";
        }
        int semicolon = mediaType.indexOf(';');
        return (semicolon < 0 ? mediaType : mediaType.substring(0, semicolon))
                .trim()
                .toLowerCase(Locale.ROOT);
    }
}
