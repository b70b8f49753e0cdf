import Foundation
import GRDB
import NIOCore
import NIOPosix
import XCTest

@testable import MailAudit
@testable import MailIMAP

/// A scripted IMAP server on loopback (plain text, which only tests can
/// ask for) that serves four messages and drops the connection in the
/// middle of the second `UID FETCH`.
final class IMAPDroppedConnectionTests: XCTestCase {
  /// Answers one command line at a time from a script.
  final class ScriptedServer: ChannelInboundHandler {
    typealias InboundIn = ByteBuffer
    typealias OutboundOut = ByteBuffer
    private var pending: [UInt8] = []
    private var fetches = 0

    func channelActive(context: ChannelHandlerContext) {
      send("* OK scripted server ready\r\n", context)
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
      var buffer = unwrapInboundIn(data)
      pending += buffer.readBytes(length: buffer.readableBytes) ?? []
      while let newline = pending.firstIndex(of: UInt8(ascii: "\n")) {
        let line = String(decoding: pending[..<newline], as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        pending.removeSubrange(...newline)
        answer(line, context)
      }
    }

    static func header(_ n: Int) -> String {
      "From: me@corp.example\r\nTo: a\(n)@one.example, b\(n)@two.example\r\nMessage-ID: <m\(n)@corp.example>\r\n\r\n"
    }

    func answer(_ line: String, _ context: ChannelHandlerContext) {
      let words = line.split(separator: " ").map(String.init)
      guard let tag = words.first else { return }
      let command = words.dropFirst().prefix(2).joined(separator: " ").uppercased()
      switch command {
      case _ where command.hasPrefix("LOGIN"): send("\(tag) OK logged in\r\n", context)
      case _ where command.hasPrefix("EXAMINE"):
        send("* 4 EXISTS\r\n* OK [UIDVALIDITY 7] ok\r\n\(tag) OK [READ-ONLY] done\r\n", context)
      case "UID SEARCH": send("* SEARCH 1 2 3 4\r\n\(tag) OK done\r\n", context)
      case "UID FETCH":
        fetches += 1
        if fetches == 1 {
          var text = ""
          for n in 1...2 {
            let header = Self.header(n)
            text += "* \(n) FETCH (UID \(n) RFC822.SIZE 100 BODY[HEADER.FIELDS (FROM TO)] {\(header.utf8.count)}\r\n\(header))\r\n"
          }
          send(text + "\(tag) OK done\r\n", context)
        } else {
          let header = Self.header(3)
          send("* 3 FETCH (UID 3 BODY[HEADER.FIELDS (FROM TO)] {\(header.utf8.count)}\r\nFrom: me", context)
          context.close(promise: nil)
        }
      case _ where command.hasPrefix("LOGOUT"): send("* BYE\r\n\(tag) OK bye\r\n", context)
      default: send("\(tag) BAD unknown\r\n", context)
      }
    }

    func send(_ text: String, _ context: ChannelHandlerContext) {
      context.writeAndFlush(wrapOutboundOut(ByteBuffer(string: text)), promise: nil)
    }
  }

  func testDropMidFetchKeepsTheCommittedChunkAndSaysDropped() throws {
    let server = try ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
      .childChannelInitializer { channel in
        channel.eventLoop.makeCompletedFuture { try channel.pipeline.syncOperations.addHandler(ScriptedServer()) }
      }
      .bind(host: "127.0.0.1", port: 0).wait()
    defer { try? server.close().wait() }
    let port = try XCTUnwrap(server.localAddress?.port)
    var options = IMAPConnectionOptions(timeoutSeconds: 10)
    options.plaintextForTesting = true
    let settings = IMAPScanSettings(connection: options, password: { _ in "secret" }, fetchChunkSize: 2)
    let index = try AuditIndex()
    let auditor = Auditor(index: index, policy: ExposurePolicy(), catalog: try testCatalog())
    let url = "imap://me@127.0.0.1:\(port)/Sent"

    XCTAssertThrowsError(try auditor.scan(paths: [url], imap: settings)) { error in
      guard case .connectionDropped(_, let during) = error as? IMAPError else { return XCTFail("\(error)") }
      XCTAssertEqual(during, "UID FETCH")
      XCTAssertTrue(((error as? IMAPError)?.errorDescription ?? "").contains("what was indexed before is kept"))
    }
    let keys = try index.writer.read { db in try String.fetchAll(db, sql: "SELECT key FROM message ORDER BY key") }
    XCTAssertEqual(keys, ["m1@corp.example", "m2@corp.example"])
    let highest = try index.imapHighestUID(account: "me@127.0.0.1:\(port)", folder: "Sent", uidValidity: 7)
    XCTAssertEqual(highest, 2)
  }
}
