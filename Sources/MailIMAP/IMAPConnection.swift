import Foundation
import NIOCore
import NIOPosix
import NIOSSL

/// How to reach the server: the password (never stored), which CA to trust
/// and whether to start TLS after connecting.
public struct IMAPConnectionOptions: Sendable {
  /// Upgrade a plain connection with STARTTLS instead of TLS from the start.
  public var startTLS: Bool
  /// A PEM file of CA certificates to trust instead of the system's.
  public var caFile: String?
  /// How long to wait for a connection or for any answer.
  public var timeoutSeconds: Int64
  /// Talk without TLS. Only tests set it (against a loopback fake server);
  /// the command line cannot.
  var plaintextForTesting = false

  /// TLS from the start and the system's CAs unless told otherwise.
  public init(startTLS: Bool = false, caFile: String? = nil, timeoutSeconds: Int64 = 60) {
    self.startTLS = startTLS
    self.caFile = caFile
    self.timeoutSeconds = timeoutSeconds
  }
}

/// The responses the event loop has read, handed to the thread that waits
/// for them. A closed connection is the last item.
final class IMAPResponseQueue: @unchecked Sendable {
  // Guarded by `condition`.
  private let condition = NSCondition()
  private var frames: [[UInt8]] = []
  private var closed = false
  private var closeError: (any Error)?

  func push(_ frame: [UInt8]) {
    condition.lock()
    frames.append(frame)
    condition.signal()
    condition.unlock()
  }

  func close(_ error: (any Error)?) {
    condition.lock()
    if !closed {
      closed = true
      closeError = error
    }
    condition.signal()
    condition.unlock()
  }

  enum Next {
    case frame([UInt8])
    case closed((any Error)?)
    case timedOut
  }

  func next(timeoutSeconds: Int64) -> Next {
    condition.lock()
    defer { condition.unlock() }
    let deadline = Date(timeIntervalSinceNow: TimeInterval(timeoutSeconds))
    while frames.isEmpty && !closed {
      if !condition.wait(until: deadline) { return .timedOut }
    }
    if !frames.isEmpty { return .frame(frames.removeFirst()) }
    return .closed(closeError)
  }
}

/// Hands every framed response to the queue; an error or the end of the
/// connection closes it.
final class IMAPResponseForwarder: ChannelInboundHandler {
  typealias InboundIn = [UInt8]
  let queue: IMAPResponseQueue

  init(queue: IMAPResponseQueue) { self.queue = queue }

  func channelRead(context: ChannelHandlerContext, data: NIOAny) {
    queue.push(unwrapInboundIn(data))
  }

  func errorCaught(context: ChannelHandlerContext, error: any Error) {
    queue.close(error)
    context.close(promise: nil)
  }

  func channelInactive(context: ChannelHandlerContext) {
    queue.close(nil)
    context.fireChannelInactive()
  }
}

/// A piece of a command: text sent as is, or a string sent as a literal
/// (for a password with bytes a quoted string cannot carry).
enum IMAPCommandPart {
  case text(String)
  case literal([UInt8])
}

/// One connection to an IMAP server, used from one thread at a time: each
/// command is sent and its responses read before the next, so the client
/// stays a plain sequence of calls the scan driver can follow.
final class IMAPConnection {
  let channel: any Channel
  let queue: IMAPResponseQueue
  let server: String
  let timeoutSeconds: Int64
  private var nextTag = 1
  /// What the server said it can do, upper-cased (`SASL-IR`,
  /// `AUTH=XOAUTH2`), from the greeting or `CAPABILITY`; nil until known.
  /// STARTTLS forgets it: what was said in plain text cannot be trusted.
  private(set) var capabilities: Set<String>?

  private init(channel: any Channel, queue: IMAPResponseQueue, server: String, timeoutSeconds: Int64) {
    self.channel = channel
    self.queue = queue
    self.server = server
    self.timeoutSeconds = timeoutSeconds
  }

  /// Connects, reads the greeting, and secures the connection (TLS from the
  /// start, or STARTTLS).
  static func open(_ address: IMAPFolderAddress, options: IMAPConnectionOptions) throws -> IMAPConnection {
    let server = address.server
    let tls: NIOSSLContext?
    do {
      var configuration = TLSConfiguration.makeClientConfiguration()
      if let caFile = options.caFile { configuration.trustRoots = .file(caFile) }
      tls = options.plaintextForTesting ? nil : try NIOSSLContext(configuration: configuration)
    } catch {
      throw IMAPError.tlsFailed(server: server, reason: "cannot load the CA certificates: \(error)")
    }
    // SNI takes a host name, never an address; a certificate for an address
    // is then checked against the address connected to.
    let sniName = Self.isIPAddress(address.host) ? nil : address.host
    let queue = IMAPResponseQueue()
    let implicitTLS = tls != nil && !options.startTLS
    let bootstrap = ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
      .connectTimeout(.seconds(min(options.timeoutSeconds, 30)))
      .channelInitializer { channel in
        channel.eventLoop.makeCompletedFuture {
          if implicitTLS, let tls {
            try channel.pipeline.syncOperations.addHandler(NIOSSLClientHandler(context: tls, serverHostname: sniName))
          }
          try channel.pipeline.syncOperations.addHandler(ByteToMessageHandler(IMAPFrameDecoder()))
          try channel.pipeline.syncOperations.addHandler(IMAPResponseForwarder(queue: queue))
        }
      }
    let channel: any Channel
    do {
      channel = try bootstrap.connect(host: address.host, port: address.port).wait()
    } catch {
      throw IMAPError.cannotConnect(server: server, reason: Self.describe(error))
    }
    let connection = IMAPConnection(
      channel: channel, queue: queue, server: server, timeoutSeconds: options.timeoutSeconds)
    do {
      try connection.readGreeting()
      if options.startTLS, let tls {
        let (status, text) = try connection.run([.text("STARTTLS")], during: "STARTTLS")
        guard status == .ok else { throw IMAPError.tlsFailed(server: server, reason: "STARTTLS refused: \(text)") }
        try channel.eventLoop.submit {
          try channel.pipeline.syncOperations.addHandler(
            NIOSSLClientHandler(context: tls, serverHostname: sniName), position: .first)
        }.wait()
        // The handshake's outcome shows on the first command: CAPABILITY,
        // which RFC 3501 6.2.1 says to ask again after STARTTLS anyway.
        connection.capabilities = nil
        try connection.askCapabilities(during: "the TLS handshake")
      }
    } catch {
      connection.close()
      throw error
    }
    return connection
  }

  private func readGreeting() throws {
    let frame = try nextFrame(during: "the greeting")
    guard let response = IMAPResponse(frame: frame), case .untagged(let bytes) = response else {
      throw IMAPError.protocolError(server: server, detail: "no IMAP greeting")
    }
    var cursor = IMAPCursor(bytes)
    if cursor.skipWord("BYE") {
      throw IMAPError.cannotConnect(server: server, reason: "the server refused the connection: \(cursor.restAsText())")
    }
    capabilities = IMAPUntagged.capabilities(bytes)
  }

  /// What the server can do: as it said in its greeting, else asked.
  func knownCapabilities() throws -> Set<String> {
    if let capabilities { return capabilities }
    try askCapabilities(during: "CAPABILITY")
    return capabilities ?? []
  }

  private func askCapabilities(during: String) throws {
    var found: Set<String> = []
    let (status, text) = try run([.text("CAPABILITY")], during: during) { bytes in
      if let listed = IMAPUntagged.capabilities(bytes) { found.formUnion(listed) }
    }
    guard status == .ok else { throw IMAPError.protocolError(server: server, detail: "CAPABILITY refused: \(text)") }
    capabilities = found
  }

  /// Sends one command and reads its responses: untagged ones go to
  /// `untagged` as they arrive, and the tagged one ends it.
  @discardableResult
  func run(
    _ parts: [IMAPCommandPart], during: String, untagged: ([UInt8]) throws -> Void = { _ in }
  ) throws -> (IMAPStatus, String) {
    let tag = takeTag()
    var pending = Array((tag + " ").utf8)
    for part in parts {
      switch part {
      case .text(let text): pending += Array(text.utf8)
      case .literal(let bytes):
        pending += Array("{\(bytes.count)}\r\n".utf8)
        try send(pending, during: during)
        try awaitContinuation(tag: tag, during: during, untagged: untagged)
        pending = bytes
      }
    }
    pending += Array("\r\n".utf8)
    try send(pending, during: during)
    while true {
      let frame = try nextFrame(during: during)
      switch IMAPResponse(frame: frame) {
      case .tagged(let t, let status, let text) where t == tag: return (status, text)
      case .untagged(let bytes):
        if IMAPUntagged.isBye(bytes) { continue }  // the close that follows is reported
        try untagged(bytes)
      case .tagged, .continuation, nil:
        continue
      }
    }
  }

  /// A tag not used before on this connection.
  func takeTag() -> String {
    defer { nextTag += 1 }
    return "A\(nextTag)"
  }

  private func awaitContinuation(tag: String, during: String, untagged: ([UInt8]) throws -> Void) throws {
    while true {
      let frame = try nextFrame(during: during)
      switch IMAPResponse(frame: frame) {
      case .continuation: return
      case .untagged(let bytes): try untagged(bytes)
      case .tagged(let t, _, let text) where t == tag:
        throw IMAPError.protocolError(server: server, detail: "\(during) refused: \(text)")
      default: continue
      }
    }
  }

  /// Sends `bytes` as they are; the caller frames them.
  func send(_ bytes: [UInt8], during: String) throws {
    do {
      try channel.writeAndFlush(ByteBuffer(bytes: bytes)).wait()
    } catch {
      throw dropped(during: during, error)
    }
  }

  /// The next response, or the error that ended the connection.
  func nextFrame(during: String) throws -> [UInt8] {
    switch queue.next(timeoutSeconds: timeoutSeconds) {
    case .frame(let frame): return frame
    case .timedOut: throw IMAPError.timedOut(server: server, during: during)
    case .closed(let error): throw dropped(during: during, error)
    }
  }

  private func dropped(during: String, _ error: (any Error)?) -> IMAPError {
    if let error, error is NIOSSLError || error is BoringSSLError {
      return .tlsFailed(server: server, reason: Self.describe(error))
    }
    if let error = error as? IMAPFrameError {
      return .protocolError(server: server, detail: "\(error) during \(during)")
    }
    return .connectionDropped(server: server, during: during)
  }

  /// Closes the connection and waits until it is closed.
  func close() {
    try? channel.close().wait()
  }

  static func isIPAddress(_ host: String) -> Bool {
    (try? SocketAddress(ipAddress: host, port: 0)) != nil
  }

  static func describe(_ error: any Error) -> String {
    let text = "\(error)"
    // BoringSSL's texts are long; say the usual causes plainly, keep the code.
    if text.contains("CERTIFICATE_VERIFY_FAILED") {
      return "the server's certificate is not signed by a trusted CA (CERTIFICATE_VERIFY_FAILED)"
    }
    if text.contains("failedToValidateHostname") {
      return "the server's certificate does not name this host (\(text))"
    }
    if let connection = error as? NIOConnectionError {
      if let first = connection.connectionErrors.first { return describe(first.error) }
      if let dns = connection.dnsAError ?? connection.dnsAAAAError { return "cannot resolve the host name (\(dns))" }
      return "no address to connect to"
    }
    if let io = error as? IOError { return String(cString: strerror(io.errnoCode)) }
    if let channel = error as? ChannelError, case .connectTimeout = channel { return "timed out" }
    return "\(error)"
  }
}
