import ArgumentParser
import Foundation

/// The exit statuses schedulers rely on.
enum ExitStatus: Int32, Error {
  /// Ran, and found no new findings at or above `--fail-on`.
  case clean = 0
  /// Ran, and found new findings at or above `--fail-on`.
  case newFindings = 1
  /// The run failed; what was indexed before the failure is kept intact.
  case failed = 2
  // 64 (usage error) comes from ArgumentParser's ValidationError.

  static let helpText = """
    Exit status: 0 no new findings at or above --fail-on; 1 new findings; \
    2 the run failed (the index is left consistent); 64 usage error.
    """
}

/// Prints an error to stderr and maps it to exit status 2.
func fail(_ error: Error) -> ExitStatus {
  let message = (error as? LocalizedError)?.errorDescription ?? "\(error)"
  FileHandle.standardError.write(Data("mailaudit: \(message)\n".utf8))
  return .failed
}
