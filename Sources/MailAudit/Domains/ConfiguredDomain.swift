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
    guard !text.isEmpty, !text.hasSuffix("."), !text.contains(".."),
      let ascii = IDNA.toASCII(String(text)), !ascii.isEmpty
    else {
      throw InvalidDomainError(domain: domain, setting: setting)
    }
    return ascii
  }
}
