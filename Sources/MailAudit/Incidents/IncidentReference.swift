/// An incident as a person types it: the exact id, or any unique beginning
/// of it, with or without `INC-`, in any case (`415d`, `inc-415D`).
public struct IncidentReference: Sendable, Equatable {
  /// What was typed.
  public var typed: String

  public init(_ typed: String) {
    self.typed = typed
  }

  /// Why a typed id names no single incident.
  public enum Failure: Error, Equatable, CustomStringConvertible {
    case noMatch(String)
    case ambiguous(String, matches: [String])

    public var description: String {
      switch self {
      case .noMatch(let typed): return "no incident \(typed) in the index; `mailaudit incidents` lists them."
      case .ambiguous(let typed, let matches):
        return "\(typed) matches \(matches.count) incidents: \(matches.joined(separator: ", "))."
      }
    }
  }

  /// The one id of `ids` this reference names.
  public func resolve(among ids: [String]) throws(Failure) -> String {
    if ids.contains(typed) { return typed }
    var wanted = typed.lowercased()
    if !wanted.hasPrefix("inc-") { wanted = "inc-" + wanted }
    let matches = ids.filter { $0.lowercased().hasPrefix(wanted) }
    switch matches.count {
    case 1: return matches[0]
    case 0: throw .noMatch(typed)
    default: throw .ambiguous(typed, matches: matches)
    }
  }

  /// The one incident of `index` this reference names.
  public func resolve(in index: any AuditStore) throws -> String {
    try resolve(among: try index.incidents().map(\.id))
  }
}
