package org.anchornetwork.gateway;

import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.util.concurrent.TimeoutException;

import org.anchornetwork.edge.Problems;

import io.quarkus.logging.Log;
import io.vertx.core.Future;
import io.vertx.core.http.ConnectionPoolTooBusyException;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.StreamResetException;
import io.vertx.httpproxy.Body;
import io.vertx.httpproxy.ProxyContext;
import io.vertx.httpproxy.ProxyInterceptor;
import io.vertx.httpproxy.ProxyRequest;
import io.vertx.httpproxy.ProxyResponse;

/**
 * Answers for a service that does not: 502 when it refuses or drops the connection, 504 when it does not answer in
 * time, 503 when all pooled connections to it are busy and the wait queue is full. The problem names the service,
 * never its address. Without this, vertx-http-proxy answers a bare, empty 502 whatever happened.
 */
final class UpstreamProblems implements ProxyInterceptor {

    /** nginx's status for a request whose caller closed the connection before the answer; never on the wire. */
    static final int CLIENT_CLOSED_REQUEST = 499;

    private final Upstream upstream;

    UpstreamProblems(Upstream upstream) {
        this.upstream = upstream;
    }

    @Override
    public Future<ProxyResponse> handleProxyRequest(ProxyContext context) {
        return context.sendRequest().recover(failure -> Future.succeededFuture(problem(context.request(), failure)));
    }

    private ProxyResponse problem(ProxyRequest proxyRequest, Throwable failure) {
        HttpServerRequest request = proxyRequest.proxiedRequest();
        int status;
        String slug;
        String detail;
        boolean callerGone = failure instanceof StreamResetException;
        if (callerGone) {
            // Over HTTP/1.1 only this side resets a request: the proxy does when the caller's connection closes
            // (or its request body fails) before the service answered. Nothing is wrong with the service. The
            // answer goes nowhere; 499 is nginx's status for this, so that the access log tells the two apart.
            status = CLIENT_CLOSED_REQUEST;
            slug = "client-closed-request";
            detail = "The caller closed the connection before " + upstream.name() + " answered";
        } else if (isTimeout(failure)) {
            status = 504;
            slug = "upstream-timeout";
            detail = upstream.name() + " did not answer in time";
        } else if (failure instanceof ConnectionPoolTooBusyException) {
            status = 503;
            slug = "upstream-busy";
            detail = upstream.name() + " has too many requests waiting; retry later";
        } else {
            status = 502;
            slug = "upstream-unavailable";
            detail = upstream.name() + " is not reachable";
        }
        if (callerGone) {
            Log.debugf("%s %s: the caller closed the connection before %s answered (%s)", request.method(),
                    request.path(), upstream.name(), failure.toString());
        } else {
            Log.warnf("%s %s: %s answered %d (%s)", request.method(), request.path(), upstream.name(), status,
                    failure.toString());
        }
        // release() resumes and drops the unread request body, like the proxy's own error path.
        ProxyResponse response = proxyRequest.release().response();
        response.headers().clear();
        return response.setStatusCode(status)
                .putHeader(HttpHeaders.CONTENT_TYPE, Problems.MEDIA_TYPE)
                .putHeader(HttpHeaders.CACHE_CONTROL, "no-store")
                .setBody(Body.body(Problems.body(request, status, slug, detail)));
    }

    static boolean isTimeout(Throwable failure) {
        for (Throwable current = failure; current != null; current = current.getCause()) {
            if (current instanceof TimeoutException || current instanceof SocketTimeoutException
                    || current instanceof io.netty.channel.ConnectTimeoutException) {
                return true;
            }
            if (current instanceof ConnectException) {
                return false;
            }
            if (current.getCause() == current) {
                break;
            }
        }
        return false;
    }
}
