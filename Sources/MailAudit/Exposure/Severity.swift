/// How bad an exposure is, from its exposed and personal address counts.
public enum Severity: String, Codable, Sendable, CaseIterable, Comparable {
  case low, medium, high, critical

  private var rank: Int {
    switch self {
    case .low: 0
    case .medium: 1
    case .high: 2
    case .critical: 3
    }
  }

  public static func < (a: Severity, b: Severity) -> Bool { a.rank < b.rank }
}

/// The exposed/personal counts at which each severity starts.
///
/// A finding is the highest severity whose `exposed` or `personal`
/// threshold it reaches; below every threshold it is low.
public struct SeverityThresholds: Codable, Sendable, Hashable {
  public struct Threshold: Codable, Sendable, Hashable {
    public var exposed: Int
    public var personal: Int
    public init(exposed: Int, personal: Int) {
      self.exposed = exposed
      self.personal = personal
    }
  }

  public var critical = Threshold(exposed: 100, personal: 20)
  public var high = Threshold(exposed: 20, personal: 5)
  public var medium = Threshold(exposed: 5, personal: 2)

  public init() {}

  /// The severity of a finding with `exposed` addresses of which `personal`
  /// are at personal-mail providers.
  public func severity(exposed: Int, personal: Int) -> Severity {
    for (level, t) in [(Severity.critical, critical), (.high, high), (.medium, medium)]
    where exposed >= t.exposed || personal >= t.personal {
      return level
    }
    return .low
  }
}
