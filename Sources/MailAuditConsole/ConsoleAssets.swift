import Foundation

/// The stylesheet and the script, read from the binary's resources once at
/// start and served by name from a fixed list: no request ever names a
/// file on disk.
struct ConsoleAssets: Sendable {
  struct Asset: Sendable {
    var bytes: [UInt8]
    var type: String
  }

  /// By the name in `/assets/NAME`.
  let files: [String: Asset]

  static let names = ["console.css": "text/css; charset=utf-8", "console.js": "text/javascript; charset=utf-8"]

  static func load() throws -> ConsoleAssets {
    var files: [String: Asset] = [:]
    for (name, type) in names {
      guard let url = Bundle.module.url(forResource: name, withExtension: nil, subdirectory: "Assets") else {
        throw ConsoleError.missingAsset(name)
      }
      files[name] = Asset(bytes: Array(try Data(contentsOf: url)), type: type)
    }
    return ConsoleAssets(files: files)
  }
}

/// Errors that stop the console from starting.
public enum ConsoleError: LocalizedError, Equatable {
  case missingAsset(String)
  case cannotListen(host: String, port: Int, reason: String)

  public var errorDescription: String? {
    switch self {
    case .missingAsset(let name): "the console's \(name) is missing from the package resources"
    case .cannotListen(let host, let port, let reason): "cannot listen on \(host):\(port): \(reason)"
    }
  }
}
