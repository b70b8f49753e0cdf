import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Where a follow-up change was made.
public enum FollowUpSource: String, Codable, Sendable, CaseIterable {
  /// `mailaudit followup` (one address, or `--import`).
  case cli
  /// The web console (`mailaudit serve`).
  case console
}

/// Who records follow-ups: the OS user and the surface they used. Kept in
/// the trail with every change, as an auditor asks who changed what.
public struct FollowUpActor: Sendable, Equatable {
  /// The OS user name (never a name typed into a form: the console runs as
  /// the officer's own account, so the account is who acted).
  public var user: String
  public var source: FollowUpSource

  public init(user: String, source: FollowUpSource) {
    self.user = user
    self.source = source
  }

  /// The user this process runs as: the password database's name for the
  /// effective uid, else `$USER`, else `uid N`.
  public static func processOwner(
    source: FollowUpSource, environment: [String: String] = ProcessInfo.processInfo.environment
  ) -> FollowUpActor {
    let uid = geteuid()
    if let entry = getpwuid(uid), let name = entry.pointee.pw_name {
      let user = String(cString: name)
      if !user.isEmpty { return FollowUpActor(user: user, source: source) }
    }
    if let user = environment["USER"], !user.isEmpty { return FollowUpActor(user: user, source: source) }
    return FollowUpActor(user: "uid \(uid)", source: source)
  }
}

/// One recorded follow-up change, as the trail keeps it.
public struct FollowUpChange: Codable, Sendable, Equatable {
  /// Order of recording (increasing).
  public var id: Int64
  public var incidentID: String
  public var address: String
  /// The status before, nil when none was recorded.
  public var oldStatus: FollowUpStatus?
  public var newStatus: FollowUpStatus
  public var note: String?
  public var changedBy: String
  /// ISO 8601: UTC as stored, or in the zone the caller asked for.
  public var changedAt: String
  public var source: FollowUpSource
}
