import Foundation
import NIOCore
import NIOPosix
import XCTest

@testable import MailIMAP

/// The AUTHENTICATE exchange line by line, against a scripted server on
/// loopback: what Dovecot cannot be made to do (no SASL-IR, no capabilities
/// in the greeting, a refusal without a challenge as Exchange Online
/// sends, Google's HTTP-style statuses).
final class IMAPSASLScriptedTests: XCTestCase {
  /// How the scripted server answers the client's first SASL message.
  enum Answer {
    case accept
    /// An error challenge with this JSON, then NO after the client's answer.
    case challenge(String)
    /// NO at once, with no challenge.
    case refuse
  }

  /// The lines the server received, read by the test after the exchange.
  final class Received: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: [String] = []
    func append(_ line: String) { lock.withLock { stored.append(line) } }
    var lines: [String] { lock.withLock { stored } }
  }

  final class SASLServer: ChannelInboundHandler {
    typealias InboundIn = ByteBuffer
    typealias OutboundOut = ByteBuffer
    let greeting: String
    let answer: Answer
    let received: Received
    private var pending: [UInt8] = []
    private var authenticating: String?
    private var saslMessages = 0

    init(greeting: String, answer: Answer, received: Received) {
      self.greeting = greeting
      self.answer = answer
      self.received = received
    }

    func channelActive(context: ChannelHandlerContext) { send(greeting + "\r\n", context) }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
      var buffer = unwrapInboundIn(data)
      pending += buffer.readBytes(length: buffer.readableBytes) ?? []
      while let newline = pending.firstIndex(of: UInt8(ascii: "\n")) {
        var line = String(decoding: pending[..<newline], as: UTF8.self)
        if line.hasSuffix("\r") { line.removeLast() }
        pending.removeSubrange(...newline)
        received.append(line)
        respond(to: line, context)
      }
    }

    func respond(to line: String, _ context: ChannelHandlerContext) {
      if let tag = authenticating {
        saslMessages += 1
        saslMessage(tag: tag, context)
        return
      }
      let words = line.split(separator: " ").map(String.init)
      guard words.count >= 2 else { return }
      let tag = words[0]
      switch words[1].uppercased() {
      case "CAPABILITY":
        send("* CAPABILITY IMAP4rev1 SASL-IR AUTH=XOAUTH2 AUTH=OAUTHBEARER\r\n\(tag) OK done\r\n", context)
      case "AUTHENTICATE":
        authenticating = tag
        if words.count > 3 {
          saslMessages = 1
          saslMessage(tag: tag, context)
        } else {
          send("+ \r\n", context)
        }
      case "LOGOUT": send("* BYE\r\n\(tag) OK bye\r\n", context)
      default: send("\(tag) BAD unknown\r\n", context)
      }
    }

    /// After the client's first message, and after its answer to a challenge.
    func saslMessage(tag: String, _ context: ChannelHandlerContext) {
      switch (answer, saslMessages) {
      case (.accept, _):
        authenticating = nil
        send("\(tag) OK Logged in\r\n", context)
      case (.challenge(let json), 1):
        send("+ \(Data(json.utf8).base64EncodedString())\r\n", context)
      case (.challenge, _), (.refuse, _):
        authenticating = nil
        send("\(tag) NO AUTHENTICATE failed.\r\n", context)
      }
    }

    func send(_ text: String, _ context: ChannelHandlerContext) {
      context.writeAndFlush(wrapOutboundOut(ByteBuffer(string: text)), promise: nil)
    }
  }

  /// Signs in with `mechanism` to a scripted server; gives the lines it got.
  func signIn(
    greeting: String, answer: Answer, mechanism: SASLMechanism, token: String = "tok-123"
  ) throws -> (lines: [String], error: IMAPError?) {
    let received = Received()
    let server = try ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
      .childChannelInitializer { channel in
        channel.eventLoop.makeCompletedFuture {
          try channel.pipeline.syncOperations.addHandler(
            SASLServer(greeting: greeting, answer: answer, received: received))
        }
      }
      .bind(host: "127.0.0.1", port: 0).wait()
    defer { try? server.close().wait() }
    let port = try XCTUnwrap(server.localAddress?.port)
    var options = IMAPConnectionOptions(timeoutSeconds: 10)
    options.plaintextForTesting = true
    let address = try IMAPFolderAddress(url: "imap://kenji@127.0.0.1:\(port)/Sent")
    let credential = IMAPCredential.token(try XCTUnwrap(OAuthToken(token)), mechanism)
    do {
      let session = try IMAPFolderSession(address: address, credential: credential, options: options)
      session.close()
      return (received.lines, nil)
    } catch let error as IMAPError {
      return (received.lines, error)
    }
  }

  static func base64(_ text: String) -> String { Data(text.utf8).base64EncodedString() }

  func testWithoutSASLIRTheFirstMessageFollowsTheEmptyContinuation() throws {
    let (lines, error) = try signIn(
      greeting: "* OK [CAPABILITY IMAP4rev1 AUTH=XOAUTH2] ready", answer: .accept, mechanism: .xoauth2)
    XCTAssertNil(error)
    XCTAssertEqual(
      lines,
      ["A1 AUTHENTICATE XOAUTH2", Self.base64("user=kenji\u{1}auth=Bearer tok-123\u{1}\u{1}"), "A2 LOGOUT"])
  }

  func testWithSASLIRTheFirstMessageIsOnTheCommandLine() throws {
    // No capabilities in the greeting: the client asks.
    let (lines, error) = try signIn(greeting: "* OK ready", answer: .accept, mechanism: .oauthBearer)
    XCTAssertNil(error)
    XCTAssertEqual(lines.first, "A1 CAPABILITY")
    let initial = try XCTUnwrap(lines.dropFirst().first)
    XCTAssertTrue(initial.hasPrefix("A2 AUTHENTICATE OAUTHBEARER "), initial)
    let decoded = Data(base64Encoded: String(initial.dropFirst("A2 AUTHENTICATE OAUTHBEARER ".count)))
    let text = String(decoding: decoded ?? Data(), as: UTF8.self)
    XCTAssertTrue(text.hasPrefix("n,a=kenji,\u{1}host=127.0.0.1\u{1}port="), text)
    XCTAssertTrue(text.hasSuffix("\u{1}auth=Bearer tok-123\u{1}\u{1}"), text)
    XCTAssertEqual(lines.last, "A3 LOGOUT")
  }

  func testErrorChallengeIsAnsweredAsEachMechanismRequires() throws {
    let google = #"{"status":"400","schemes":"Bearer","scope":"https://mail.google.com/"}"#
    let (xoauth2Lines, xoauth2Error) = try signIn(
      greeting: "* OK [CAPABILITY IMAP4rev1 SASL-IR AUTH=XOAUTH2] ready", answer: .challenge(google),
      mechanism: .xoauth2)
    // XOAUTH2: an empty line ends the exchange.
    XCTAssertEqual(xoauth2Lines.count, 2)
    XCTAssertEqual(xoauth2Lines.last, "")
    XCTAssertEqual(
      xoauth2Error,
      .tokenRefused(
        server: xoauth2Error.map(Self.server) ?? "", user: "kenji", mechanism: .xoauth2, reason: .invalidRequest,
        scope: "https://mail.google.com/", serverText: "AUTHENTICATE failed."))

    let scope = #"{"status":"insufficient_scope","scope":"imap"}"#
    let (bearerLines, bearerError) = try signIn(
      greeting: "* OK [CAPABILITY IMAP4rev1 SASL-IR AUTH=OAUTHBEARER] ready", answer: .challenge(scope),
      mechanism: .oauthBearer)
    // OAUTHBEARER: a single %x01, base64 (RFC 7628 3.2.3).
    XCTAssertEqual(bearerLines.last, "AQ==")
    guard case .tokenRefused(_, _, .oauthBearer, .insufficientScope, "imap", _) = bearerError else {
      return XCTFail("\(String(describing: bearerError))")
    }
    XCTAssertTrue(bearerError?.errorDescription?.contains("ask for 'imap'") == true)
    XCTAssertFalse(bearerError?.errorDescription?.contains("tok-123") == true)
  }

  func testRefusalWithoutChallengeIsUnexplainedAndAnUnofferedMechanismIsNotTried() throws {
    let (_, silent) = try signIn(
      greeting: "* OK [CAPABILITY IMAP4rev1 SASL-IR AUTH=XOAUTH2] ready", answer: .refuse, mechanism: .xoauth2)
    guard case .tokenRefused(_, _, _, .unexplained, nil, "AUTHENTICATE failed.") = silent else {
      return XCTFail("\(String(describing: silent))")
    }
    let (lines, unoffered) = try signIn(
      greeting: "* OK [CAPABILITY IMAP4rev1 AUTH=PLAIN AUTH=XOAUTH2] ready", answer: .accept, mechanism: .oauthBearer)
    XCTAssertEqual(lines, [])
    guard case .mechanismNotOffered(_, .oauthBearer, ["PLAIN", "XOAUTH2"]) = unoffered else {
      return XCTFail("\(String(describing: unoffered))")
    }
  }

  static func server(_ error: IMAPError) -> String {
    if case .tokenRefused(let server, _, _, _, _, _) = error { return server }
    return ""
  }
}
