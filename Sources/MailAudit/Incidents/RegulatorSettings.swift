import Foundation

/// Thresholds, deadlines and cost settings of the regulator pack (from
/// `mailaudit.toml`, overridden by options).
public struct RegulatorSettings: Sendable, Equatable, Codable {
  /// APPI: a report is mandatory above this many people.
  public var peopleThreshold = 1000
  /// APPI for public bodies (行政機関等): mandatory above this many.
  public var publicBodyThreshold = 100
  public var publicBody = false
  /// The reporting organisation's name, when configured.
  public var organisation: String?
  /// GDPR art. 33(1): hours from awareness to the supervisory authority.
  public var gdprHours = 72
  /// APPI preliminary report ("promptly": about 3 to 5 days).
  public var preliminaryDays = 5
  /// APPI final report.
  public var finalDays = 30
  public var pricePerAddress: Double?
  public var currency = "JPY"

  public init() {}

  /// These settings with what was given for this one run (options) in
  /// place of the configured values; nil leaves a value as configured.
  public func overriding(
    pricePerAddress: Double? = nil, currency: String? = nil, publicBody: Bool? = nil, preliminaryDays: Int? = nil
  ) -> RegulatorSettings {
    var settings = self
    if let pricePerAddress { settings.pricePerAddress = pricePerAddress }
    if let currency { settings.currency = currency }
    if let publicBody { settings.publicBody = publicBody }
    if let preliminaryDays { settings.preliminaryDays = preliminaryDays }
    return settings
  }
}

/// A point in time as a person gives it on the command line.
public struct DiscoveryTime: Sendable, Equatable, Codable {
  public var epochSeconds: Int64
  /// The offset the time was given in (deadlines are shown in it).
  public var offsetSeconds: Int

  public init(epochSeconds: Int64, offsetSeconds: Int) {
    self.epochSeconds = epochSeconds
    self.offsetSeconds = offsetSeconds
  }

  /// Reads `2025-03-20T10:30:00+09:00`, `2025-03-20 10:30`, `2025-03-20T01:30Z`
  /// or `2025-03-20`; without an offset, `defaultOffset` (the machine's).
  public init?(_ text: String, defaultOffset: Int = TimeZone.current.secondsFromGMT()) {
    let t = text.trimmingCharacters(in: .whitespaces)
    let scalars = Array(t.utf8)
    func number(_ from: Int, _ count: Int) -> Int? {
      guard from + count <= scalars.count else { return nil }
      var n = 0
      for b in scalars[from..<(from + count)] {
        guard b >= 48 && b <= 57 else { return nil }
        n = n * 10 + Int(b - 48)
      }
      return n
    }
    func byte(_ i: Int) -> UInt8? { i < scalars.count ? scalars[i] : nil }
    guard let year = number(0, 4), byte(4) == 45, let month = number(5, 2), byte(7) == 45, let day = number(8, 2),
      (1...12).contains(month), (1...31).contains(day)
    else { return nil }
    var hour = 0
    var minute = 0
    var second = 0
    var i = 10
    if let sep = byte(10), sep == 84 || sep == 32 {  // T or space
      guard let h = number(11, 2), byte(13) == 58, let m = number(14, 2), h < 24, m < 60 else { return nil }
      hour = h
      minute = m
      i = 16
      if byte(16) == 58 {
        guard let s = number(17, 2), s < 61 else { return nil }
        second = s
        i = 19
      }
    }
    var offset = defaultOffset
    if let z = byte(i) {
      if z == 90 || z == 122, i + 1 == scalars.count {  // Z
        offset = 0
      } else if z == 43 || z == 45, let oh = number(i + 1, 2) {  // + or -
        var om = 0
        if byte(i + 3) == 58, let m = number(i + 4, 2), i + 6 == scalars.count {
          om = m
        } else if let m = number(i + 3, 2), i + 5 == scalars.count {
          om = m
        } else if i + 3 != scalars.count {
          return nil
        }
        offset = (oh * 3600 + om * 60) * (z == 45 ? -1 : 1)
      } else {
        return nil
      }
    }
    var parts = tm()
    parts.tm_year = Int32(year - 1900)
    parts.tm_mon = Int32(month - 1)
    parts.tm_mday = Int32(day)
    parts.tm_hour = Int32(hour)
    parts.tm_min = Int32(minute)
    parts.tm_sec = Int32(second)
    let local = Int64(timegm(&parts))
    self.init(epochSeconds: local - Int64(offset), offsetSeconds: offset)
  }

  /// ISO 8601 in the offset it was given in.
  public var text: String { ISO8601.string(epochSeconds: epochSeconds, offsetSeconds: offsetSeconds) }

  /// This time plus `seconds`, in the same offset.
  public func adding(seconds: Int64) -> DiscoveryTime {
    DiscoveryTime(epochSeconds: epochSeconds + seconds, offsetSeconds: offsetSeconds)
  }
}
