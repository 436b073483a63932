package org.permitwatch.registryclient;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * A client's registry user and password, put into the Eureka service URLs as userinfo: that is where Spring Cloud's
 * RestClient/WebClient transports and Eureka's Jersey client (registry peers) take basic credentials from. Keeping
 * them out of EUREKA_URL lets every pod share one URL list while each reads its own password from a Secret.
 */
record RegistryCredentials(String username, String password) {

    RegistryCredentials {
        // Eureka's Jersey client splits the decoded userinfo at every ':' and would drop such a password.
        if (username.contains(":") || password.contains(":")) {
            throw new IllegalArgumentException("a registry user name or password must not contain ':'");
        }
    }

    /** Adds the credentials to every URL of a comma-separated list; a URL that has userinfo already keeps it. */
    String addTo(String serviceUrls) {
        return Arrays.stream(serviceUrls.split(","))
                .map(String::trim)
                .filter(url -> !url.isEmpty())
                .map(this::addToOne)
                .collect(Collectors.joining(","));
    }

    private String addToOne(String url) {
        try {
            URI uri = new URI(url);
            if (uri.getUserInfo() != null || uri.getHost() == null) {
                return url;
            }
            // The multi-argument constructor quotes what userinfo may not contain; URI.getUserInfo() decodes it.
            return new URI(
                            uri.getScheme(),
                            username + ":" + password,
                            uri.getHost(),
                            uri.getPort(),
                            uri.getPath(),
                            uri.getQuery(),
                            uri.getFragment())
                    .toASCIIString();
        } catch (URISyntaxException e) {
            // Never echo the URL: it would carry the password after this method.
            throw new IllegalArgumentException("a Eureka service URL is not a valid URI", e);
        }
    }

    @Override
    public String toString() {
        return "RegistryCredentials[" + username + "]";
    }
}
