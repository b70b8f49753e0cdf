import Foundation
import MailParsing

/// A domain name that configuration gave where it could not be used.
public struct InvalidDomainError: Error, Hashable, Sendable, LocalizedError {
  /// The domain as configured.
  public var domain: String
  /// The configuration setting it was given in (`internal_domains`, ...).
  public var setting: String

  /// Creates the error for `domain` given in `setting`.
  public init(domain: String, setting: String) {
    self.domain = domain
    self.setting = setting
  }

  /// A sentence naming the setting and the domain.
  public var errorDescription: String? {
    "\(setting): \"\(domain)\" is not a domain name that can be converted to ASCII (IDNA)"
  }
}

/// How a domain written in configuration is brought to the form addresses
/// are compared in.
enum ConfiguredDomain {
  /// `domain` trimmed, without a leading `@` or `.` (people write
  /// `@gmail.com` and `.corp.example` meaning the domain), in lower-case
  /// ASCII. Throws when nothing usable is left or IDNA rejects it, because a
  /// configured domain that silently matched nothing would hide findings.
  static func normalize(_ domain: String, setting: String) throws(InvalidDomainError) -> String {
    var text = Substring(domain.trimmingCharacters(in: .whitespaces))
    while let first = text.first, first == "@" || first == "." {
      text = text.dropFirst()
    }
    guard let ascii = IDNA.toASCII(String(text)), isHostName(ascii) else {
      throw InvalidDomainError(domain: domain, setting: setting)
    }
    return ascii
  }

  /// Whether `name` is dot-separated non-empty labels of letters, digits,
  /// `-` and `_` (seen in real mail hosts), whatever IDNA let through.
  private static func isHostName(_ name: String) -> Bool {
    let labels = name.utf8.split(separator: UInt8(ascii: "."), omittingEmptySubsequences: false)
    return labels.allSatisfy { label in
      !label.isEmpty
        && label.allSatisfy { byte in
          (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte)
            || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
            || byte == UInt8(ascii: "-") || byte == UInt8(ascii: "_")
        }
    }
  }
}
