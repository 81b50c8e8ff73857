import NIOCore
import NIOHTTPTypes

/// Closes connections whose client is too slow to send a request (slowloris).
///
/// An idle timeout alone does not help: a client that trickles one header byte every few seconds
/// is never idle, and 200 such connections hold the server's sockets for as long as they like.
/// Here a request's head must be complete within `headTimeout` of the connection opening (or of
/// the previous answer, on a kept-alive connection), and its body within `bodyTimeout` of the
/// head; otherwise the connection is closed. Sits after the HTTP decoder, so it sees whole parts.
final class RequestDeadlineHandler: ChannelDuplexHandler, RemovableChannelHandler {
  typealias InboundIn = HTTPRequestPart
  typealias InboundOut = HTTPRequestPart
  typealias OutboundIn = HTTPResponsePart
  typealias OutboundOut = HTTPResponsePart

  private let headTimeout: TimeAmount
  private let bodyTimeout: TimeAmount
  private var deadline: Scheduled<Void>?
  /// Requests whose answer has not been fully written yet (HTTP/1 pipelining allows several).
  private var awaitingAnswer = 0

  init(headTimeout: TimeAmount, bodyTimeout: TimeAmount) {
    self.headTimeout = headTimeout
    self.bodyTimeout = bodyTimeout
  }

  func handlerAdded(context: ChannelHandlerContext) {
    if context.channel.isActive { arm(context, headTimeout) }
  }

  func channelActive(context: ChannelHandlerContext) {
    arm(context, headTimeout)
    context.fireChannelActive()
  }

  func handlerRemoved(context: ChannelHandlerContext) { disarm() }

  func channelInactive(context: ChannelHandlerContext) {
    disarm()
    context.fireChannelInactive()
  }

  func channelRead(context: ChannelHandlerContext, data: NIOAny) {
    switch unwrapInboundIn(data) {
    case .head:
      awaitingAnswer += 1
      arm(context, bodyTimeout)
    case .end:
      // The request is in; how long the server takes to answer is not the client's doing.
      disarm()
    case .body:
      break
    }
    context.fireChannelRead(data)
  }

  func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
    if case .end = unwrapOutboundIn(data) {
      awaitingAnswer = max(0, awaitingAnswer - 1)
      if awaitingAnswer == 0 { arm(context, headTimeout) }
    }
    context.write(data, promise: promise)
  }

  private func arm(_ context: ChannelHandlerContext, _ timeout: TimeAmount) {
    disarm()
    let loopBound = NIOLoopBound(context, eventLoop: context.eventLoop)
    deadline = context.eventLoop.scheduleTask(in: timeout) {
      loopBound.value.close(promise: nil)
    }
  }

  private func disarm() {
    deadline?.cancel()
    deadline = nil
  }
}
