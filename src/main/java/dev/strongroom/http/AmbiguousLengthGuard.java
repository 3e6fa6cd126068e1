package dev.strongroom.http;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.HttpMessage;
import io.quarkus.vertx.http.HttpServerOptionsCustomizer;
import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.impl.VertxHttpRequestDecoder;
import io.vertx.core.net.impl.ConnectionBase;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

/**
 * Refuses a request that declares its length twice, with both Content-Length and Transfer-Encoding:
 * the classic request-smuggling shape (RFC 9112 §6.1), where a proxy in front that trusts one header
 * and this server that trusts the other disagree about where the next request starts.
 * <p>
 * Netty's HTTP decoder resolves such a request itself, keeping the chunked framing and deleting the
 * Content-Length header before any handler sees it, so no filter or resource can tell it apart from a
 * plain chunked request. The check therefore sits in the decoder: every new connection gets a decoder
 * that fails such a request instead, which the HTTP layer answers with 400 and a closed connection,
 * before any vault code runs. The decoder is swapped in before the connection's first byte reaches
 * it, by a hook on the listening channel, installed when the first request arrives (the server offers
 * no earlier hold on its channel). A connection accepted before that, or one whose decoder was set up
 * too late to swap (TLS inside the vault), cannot be checked; a request on it that carries
 * Transfer-Encoding is still answered, and the connection is then closed, so nothing smuggled behind
 * it is ever read: the least RFC 9112 asks.
 */
@ApplicationScoped
public class AmbiguousLengthGuard implements HttpServerOptionsCustomizer {

    private static final Logger LOG = Logger.getLogger(AmbiguousLengthGuard.class);
    /** The name Vert.x gives its HTTP/1.x decoder in a connection's pipeline. */
    static final String DECODER = "httpDecoder";
    private static final String ACCEPT_HOOK = "strongroom-strict-framing";
    private static final String SWAP = "strongroom-strict-decoder";

    private volatile HttpServerOptions options;

    /**
     * Keeps the server's options for the strict decoder, and turns off HTTP/2 over cleartext (h2c):
     * with it on, Vert.x sets up a connection's HTTP/1 decoder only as the first bytes pass, too late
     * to swap it. Nothing in front of the vault speaks h2c (the load balancer talks HTTP/1.1 to its
     * targets; HTTP/2 over TLS is untouched).
     */
    @Override
    public void customizeHttpServer(HttpServerOptions serverOptions) {
        serverOptions.setHttp2ClearTextEnabled(false);
        options = serverOptions;
    }

    void install(@Observes Filters filters) {
        filters.register(rc -> {
            check(rc);
            rc.next();
        }, 20_000);
    }

    private void check(RoutingContext rc) {
        if (!(rc.request().connection() instanceof ConnectionBase connection)) {
            return;
        }
        Channel channel = connection.channel();
        HttpServerOptions serverOptions = options;
        if (serverOptions != null && channel.parent() != null) {
            hookAccepts(channel.parent(), serverOptions);
        }
        if (!(channel.pipeline().get(DECODER) instanceof StrictDecoder)
                && rc.request().headers().contains(HttpHeaders.TRANSFER_ENCODING)) {
            rc.response().putHeader(HttpHeaders.CONNECTION, HttpHeaders.CLOSE);
            rc.addEndHandler(done -> connection.close());
        }
    }

    private static void hookAccepts(Channel server, HttpServerOptions serverOptions) {
        if (server.pipeline().get(ACCEPT_HOOK) != null) {
            return;
        }
        synchronized (server) {
            if (server.pipeline().get(ACCEPT_HOOK) == null) {
                server.pipeline().addFirst(ACCEPT_HOOK, new AcceptHook(serverOptions));
                LOG.debugf("Requests declaring both Content-Length and Transfer-Encoding are refused on %s",
                        server.localAddress());
            }
        }
    }

    /** On the listening channel: gives each accepted connection the swap, ahead of Vert.x's own set-up. */
    @ChannelHandler.Sharable
    private static final class AcceptHook extends ChannelInboundHandlerAdapter {
        private final HttpServerOptions options;

        AcceptHook(HttpServerOptions options) {
            this.options = options;
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object accepted) {
            if (accepted instanceof Channel connection) {
                connection.pipeline().addFirst(SWAP, new DecoderSwap(options));
            }
            ctx.fireChannelRead(accepted);
        }
    }

    /** First in a new connection: replaces the decoder before it has decoded anything, then leaves. */
    private static final class DecoderSwap extends ChannelInboundHandlerAdapter {
        private final HttpServerOptions options;

        DecoderSwap(HttpServerOptions options) {
            this.options = options;
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object bytes) {
            ChannelHandler decoder = ctx.pipeline().get(DECODER);
            if (decoder instanceof VertxHttpRequestDecoder && !(decoder instanceof StrictDecoder)) {
                ctx.pipeline().replace(DECODER, DECODER, new StrictDecoder(options));
            }
            if (decoder != null) {
                ctx.pipeline().remove(this);
            }
            ctx.fireChannelRead(bytes);
        }
    }

    /** Vert.x's decoder, failing a request with both headers instead of quietly dropping Content-Length. */
    static final class StrictDecoder extends VertxHttpRequestDecoder {
        StrictDecoder(HttpServerOptions options) {
            super(options);
        }

        @Override
        protected void handleTransferEncodingChunkedWithContentLength(HttpMessage message) {
            throw new IllegalArgumentException("a request with both Content-Length and Transfer-Encoding is refused "
                    + "(request smuggling)");
        }
    }
}
