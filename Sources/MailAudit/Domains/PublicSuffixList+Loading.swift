import Foundation

/// Why no Public Suffix List could be loaded.
public enum PublicSuffixListError: Error, Hashable, Sendable, LocalizedError {
  /// The snapshot that ships with mailaudit is missing or unreadable.
  case bundledCopyUnreadable(path: String?, reason: String)

  /// A sentence naming the file and the cause.
  public var errorDescription: String? {
    switch self {
    case .bundledCopyUnreadable(let path, let reason):
      "cannot read the bundled Public Suffix List at \(path ?? "(not found in the bundle)"): \(reason)"
    }
  }
}

extension PublicSuffixList {
  /// Where Debian, Ubuntu, Fedora and Homebrew's libpsl keep the list.
  public static let systemPath = "/usr/share/publicsuffix/public_suffix_list.dat"

  /// The system's copy of the list when it exists and holds rules (it is
  /// usually the newer one), else the snapshot bundled with mailaudit.
  ///
  /// When a system copy exists but cannot be used, the bundled one is used
  /// and ``source`` says why, so the report shows it.
  public static func load(systemPath: String = systemPath) throws -> PublicSuffixList {
    guard FileManager.default.fileExists(atPath: systemPath) else { return try bundled() }
    let reason: String
    do {
      let list = PublicSuffixList(
        rules: try String(contentsOfFile: systemPath, encoding: .utf8), source: systemPath)
      if list.ruleCount > 0 { return list }
      reason = "it holds no rules"
    } catch {
      reason = error.localizedDescription
    }
    var fallback = try bundled()
    fallback.source += " (system copy \(systemPath) not used: \(reason))"
    return fallback
  }

  /// The snapshot bundled with mailaudit (see Resources/README.md).
  public static func bundled() throws -> PublicSuffixList {
    guard
      let url = Bundle.module.url(
        forResource: "public_suffix_list", withExtension: "dat", subdirectory: "Resources")
    else {
      throw PublicSuffixListError.bundledCopyUnreadable(path: nil, reason: "missing")
    }
    do {
      let text = try String(contentsOf: url, encoding: .utf8)
      return PublicSuffixList(rules: text, source: "bundled snapshot \(url.path)")
    } catch {
      throw PublicSuffixListError.bundledCopyUnreadable(
        path: url.path, reason: error.localizedDescription)
    }
  }
}
