package org.permitwatch.registry;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

/** The Eureka REST API as any HTTP client (or attacker) calls it, with or without basic credentials. */
final class RegistryClientHttp {

    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final int port;

    RegistryClientHttp(int port) {
        this.port = port;
    }

    static String instanceJson(String app, String instanceId, String address, int port) {
        return """
                {"instance":{"instanceId":"%s","hostName":"%s","app":"%s","ipAddr":"%s","status":"UP",
                 "port":{"$":%d,"@enabled":"true"},"vipAddress":"%s",
                 "dataCenterInfo":{"@class":"com.netflix.appinfo.InstanceInfo$DefaultDataCenterInfo","name":"MyOwn"}}}
                """.formatted(instanceId, address, app, address, port, app.toLowerCase());
    }

    HttpResponse<String> send(String method, String path, String body, Credentials credentials) throws Exception {
        return send(method, path, body, credentials, "application/json");
    }

    HttpResponse<String> send(String method, String path, String body, Credentials credentials, String accept)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Accept", accept)
                .method(
                        method,
                        body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        if (credentials != null) {
            String token = Base64.getEncoder()
                    .encodeToString(
                            (credentials.user() + ":" + credentials.password()).getBytes(StandardCharsets.UTF_8));
            request.header("Authorization", "Basic " + token);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    record Credentials(String user, String password) {}
}
