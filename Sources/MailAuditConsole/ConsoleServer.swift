import Foundation
import Hummingbird
import Logging
import MailAudit
import NIOCore

/// `mailaudit serve`: the console on Hummingbird, listening on one address
/// only, until SIGINT or SIGTERM.
public struct ConsoleServer: Sendable {
  let console: Console

  init(store: ConsoleStore, settings: ConsoleSettings) throws {
    console = try Console(store: store, settings: settings)
  }

  /// The one-time sign-in token of this run.
  public var token: String { console.keeper.startToken }

  /// The address to open, with the token, once the port is known.
  public func signInURL(port: Int) -> String {
    let host = console.settings.host
    let shown = host.contains(":") && !host.hasPrefix("[") ? "[\(host)]" : host
    return "http://\(shown):\(port)/?token=\(token)"
  }

  /// What to warn about before listening on `host`: nil for loopback.
  public static func exposureWarning(host: String) -> String? {
    guard !ConsoleSettings.isLoopback(host) else { return nil }
    return """
      warning: the console listens on \(host), not only on this machine. Anyone who can reach it and \
      learns the printed URL can read the index's personal data; the connection is not encrypted.
      """
  }

  /// Serves until SIGINT or SIGTERM; `announce` gets the sign-in URL once
  /// the server listens (with the real port when 0 was asked for).
  public func run(announce: @escaping @Sendable (String) -> Void) async throws {
    // Hummingbird logs to stdout by default; stdout carries the URL only.
    var logger = Logger(label: "mailaudit.console") { StreamLogHandler.standardError(label: $0) }
    logger.logLevel = .error
    let started = Outcome()
    let app = Application(
      router: console.router(),
      configuration: ApplicationConfiguration(
        address: .hostname(console.settings.host, port: console.settings.port), serverName: nil),
      onServerRunning: { channel in
        started.running = true
        announce(self.signInURL(port: channel.localAddress?.port ?? console.settings.port))
      },
      logger: logger)
    do {
      try await app.runService()
    } catch let error as IOError where !started.running {
      // Said as a person needs it: which address, and why.
      throw ConsoleError.cannotListen(
        host: console.settings.host, port: console.settings.port, reason: String(cString: strerror(error.errnoCode)))
    }
  }

  /// ``run(announce:)`` for a synchronous caller (the command line).
  public func runUntilStopped(announce: @escaping @Sendable (String) -> Void) throws {
    let done = DispatchSemaphore(value: 0)
    let outcome = Outcome()
    Task {
      do {
        try await run(announce: announce)
      } catch {
        outcome.error = error
      }
      done.signal()
    }
    done.wait()
    if let error = outcome.error { throw error }
  }

  private final class Outcome: @unchecked Sendable {
    // Written by the task before it signals, read after the wait.
    var error: (any Error)?
    // Set once, when the server listens, before any request or shutdown.
    var running = false
  }
}
