package dev.rollcall.gateway;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * A real local HTTP server for the gateway's tests: per path, a script of answers (the last one
 * repeats), and a record of every request it received.
 */
final class FakeUpstream implements AutoCloseable {

    /** One request as the server saw it. */
    record Received(
            String method, String path, String query, Map<String, List<String>> headers, String body, long nanoTime) {
        String header(String name) {
            return headers.entrySet().stream()
                    .filter(e -> e.getKey().equalsIgnoreCase(name))
                    .map(e -> e.getValue().getFirst())
                    .findFirst()
                    .orElse(null);
        }
    }

    /** One scripted answer. */
    record Answer(int status, Map<String, String> headers, String body, long delayMillis, boolean hangs) {
        static Answer of(int status, String body) {
            return new Answer(status, Map.of("Content-Type", "application/json"), body, 0, false);
        }

        static Answer status(int status) {
            return of(status, "{}");
        }

        static Answer hang() {
            return new Answer(200, Map.of(), "{}", 0, true);
        }

        Answer header(String name, String value) {
            var more = new java.util.LinkedHashMap<>(headers);
            more.put(name, value);
            return new Answer(status, more, body, delayMillis, hangs);
        }

        Answer delayed(long millis) {
            return new Answer(status, headers, body, millis, hangs);
        }
    }

    /** Answers a request dynamically. */
    @FunctionalInterface
    interface Responder {
        Answer answer(Received request);
    }

    private final HttpServer server;
    private final Map<String, Deque<Answer>> scripts = new ConcurrentHashMap<>();
    private final Map<String, Responder> responders = new ConcurrentHashMap<>();
    final List<Received> received = new CopyOnWriteArrayList<>();
    private final CountDownLatch released = new CountDownLatch(1);

    FakeUpstream() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/", this::handle);
        server.start();
    }

    URI uri(String path) {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
    }

    /** Answers {@code path} with {@code answers} in turn, the last one for ever after. */
    FakeUpstream script(String path, Answer... answers) {
        scripts.put(path, new ArrayDeque<>(List.of(answers)));
        return this;
    }

    FakeUpstream respond(String path, Responder responder) {
        responders.put(path, responder);
        return this;
    }

    List<Received> requests(String path) {
        return received.stream().filter(r -> r.path().equals(path)).toList();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            URI uri = exchange.getRequestURI();
            Received request = new Received(
                    exchange.getRequestMethod(),
                    uri.getPath(),
                    uri.getRawQuery(),
                    Map.copyOf(exchange.getRequestHeaders()),
                    body,
                    System.nanoTime());
            received.add(request);
            Answer answer = next(request);
            if (answer.hangs()) {
                released.await(30, TimeUnit.SECONDS);
                return;
            }
            if (answer.delayMillis() > 0) {
                Thread.sleep(answer.delayMillis());
            }
            answer.headers()
                    .forEach((name, value) -> exchange.getResponseHeaders().set(name, value));
            byte[] bytes = answer.body().getBytes(StandardCharsets.UTF_8);
            if (answer.status() == 304 || answer.status() == 204) {
                exchange.sendResponseHeaders(answer.status(), -1);
            } else {
                exchange.sendResponseHeaders(answer.status(), bytes.length == 0 ? -1 : bytes.length);
                exchange.getResponseBody().write(bytes);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private Answer next(Received request) {
        Responder responder = responders.get(request.path());
        if (responder != null) {
            return responder.answer(request);
        }
        Deque<Answer> script = scripts.get(request.path());
        if (script == null) {
            return Answer.of(404, "{\"error\":\"no such path\"}");
        }
        synchronized (script) {
            return script.size() > 1 ? script.poll() : script.peek();
        }
    }

    @Override
    public void close() {
        released.countDown();
        server.stop(0);
    }
}
