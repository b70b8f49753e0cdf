import Foundation
import MailParsing

/// The one time zone a report shows every time in, by IANA name, so an
/// officer in Tokyo reads JST in every table instead of a mix of UTC and
/// each sender's offset.
public struct ReportTimeZone: Sendable, Equatable, CustomStringConvertible {
  /// The IANA name (`Asia/Tokyo`, `UTC`).
  public let identifier: String
  let zone: TimeZone

  /// The zone named `identifier`.
  /// - Throws: ``LocalizationError/unknownTimeZone(_:)`` for a name the
  ///   system's time zone database does not know.
  public init(identifier: String) throws {
    guard let zone = TimeZone(identifier: identifier) else { throw LocalizationError.unknownTimeZone(identifier) }
    self.identifier = identifier
    self.zone = zone
  }

  init(zone: TimeZone) {
    self.zone = zone
    identifier = zone.identifier
  }

  /// UTC.
  public static let utc = ReportTimeZone(zone: TimeZone(identifier: "UTC") ?? TimeZone(secondsFromGMT: 0) ?? .current)

  /// The option, else the configuration, else the system's zone.
  public static func resolve(option: String?, configured: String?) throws -> ReportTimeZone {
    if let name = option ?? configured { return try ReportTimeZone(identifier: name) }
    return ReportTimeZone(zone: .current)
  }

  public var description: String { identifier }

  /// The zone's offset from UTC at an instant (daylight saving included).
  public func offsetSeconds(at epochSeconds: Int64) -> Int {
    zone.secondsFromGMT(for: Date(timeIntervalSince1970: TimeInterval(epochSeconds)))
  }

  /// `2024-03-01T09:15:00+09:00`: the instant in this zone.
  public func iso8601(_ epochSeconds: Int64) -> String {
    MessageDate(epochSeconds: epochSeconds, offsetSeconds: offsetSeconds(at: epochSeconds)).iso8601
  }
}
