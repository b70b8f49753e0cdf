/// Domains whose addresses belong to private individuals: free mail, ISPs,
/// mobile carriers. At such a domain each address is its own party, and an
/// exposed one is the costliest kind of leak.
///
/// A domain equal to an entry or a subdomain of one is a provider, so
/// `mail.yahoo.co.jp` counts as `yahoo.co.jp`.
public struct PersonalMailProviders: Hashable, Sendable {
  /// The built-in entries, exactly those exposure-rules.md names.
  public static let builtInDomains: [String] = [
    "gmail.com", "googlemail.com", "yahoo.com", "yahoo.co.jp", "ymail.com",
    "outlook.com", "outlook.jp", "hotmail.com", "hotmail.co.jp", "live.com",
    "live.jp", "msn.com", "icloud.com", "me.com", "mac.com", "aol.com",
    "protonmail.com", "proton.me", "gmx.de", "gmx.net", "web.de", "mail.ru",
    "yandex.ru", "qq.com", "163.com", "126.com", "naver.com", "docomo.ne.jp",
    "ezweb.ne.jp", "au.com", "softbank.ne.jp", "i.softbank.jp", "ymobile.ne.jp",
    "nifty.com", "ocn.ne.jp", "biglobe.ne.jp", "so-net.ne.jp",
  ]

  /// The built-in list, unchanged.
  public static let builtIn = PersonalMailProviders(entries: Set(builtInDomains))

  /// The entries in force, in lower-case ASCII.
  public private(set) var entries: Set<String>

  private init(entries: Set<String>) {
    self.entries = entries
  }

  /// The built-in list with configuration applied: `adding` entries first,
  /// then `removing` them (so removing wins). Entries are written as domains
  /// (`example.net`, `@example.net`), Unicode allowed.
  ///
  /// - Throws: ``InvalidDomainError`` for an entry that is not a domain name.
  public init(adding: [String] = [], removing: [String] = []) throws(InvalidDomainError) {
    self = try Self.builtIn.adding(adding).removing(removing)
  }

  /// This list with `domains` added.
  public func adding(_ domains: [String]) throws(InvalidDomainError) -> PersonalMailProviders {
    var copy = self
    for domain in domains {
      copy.entries.insert(try ConfiguredDomain.normalize(domain, setting: "personal_providers.add"))
    }
    return copy
  }

  /// This list with `domains` removed (an entry not in the list is no error:
  /// the built-in list may drop it first).
  public func removing(_ domains: [String]) throws(InvalidDomainError) -> PersonalMailProviders {
    var copy = self
    for domain in domains {
      copy.entries.remove(try ConfiguredDomain.normalize(domain, setting: "personal_providers.remove"))
    }
    return copy
  }

  /// Whether `domain` (lower-case ASCII) is an entry or a subdomain of one.
  public func contains(_ domain: String) -> Bool {
    entry(for: domain) != nil
  }

  /// The entry `domain` falls under, the most specific one when several do.
  public func entry(for domain: String) -> String? {
    DomainSuffixes(domain).lazy.map(String.init).first { entries.contains($0) }
  }
}
