import Foundation
import XCTest

@testable import MailAudit

final class ReportRankingsTests: XCTestCase {
  func testTopSendersCountFindingsPerSenderMostFirst() throws {
    let report = try auditedIndex(PackagePaths.sample).0.report()
    let senders = report.topSenders(limit: 100)
    XCTAssertEqual(senders.map(\.findings).reduce(0, +), report.findings.count)
    XCTAssertEqual(senders.map(\.findings), senders.map(\.findings).sorted(by: >))
    for s in senders {
      XCTAssertEqual(s.findings, report.findings.count { $0.sender == s.sender })
    }
  }

  func testPartiesCountTheirDistinctExposedAddresses() throws {
    let report = try auditedIndex(PackagePaths.sample).0.report()
    let parties = report.mostExposedParties(limit: 1000)
    XCTAssertEqual(parties.map(\.addresses).reduce(0, +), report.exposedAddresses.count)
    XCTAssertEqual(parties.count, report.totals.parties)
    XCTAssertTrue(parties.allSatisfy { $0.messages >= 1 })
  }

  func testTheMonthlyTrendFillsEmptyMonths() {
    func finding(_ date: String?, _ addresses: [String]) -> FindingRow {
      FindingRow(
        messageKey: UUID().uuidString, messageID: nil, date: date, dateEpoch: nil, sender: "s@x", senderName: nil,
        subject: nil, severity: .low, reply: false, visibleRecipients: 2, externalRecipients: 2, parties: 2,
        personal: 0, exposedAddresses: addresses, mailbox: "m", location: "l", locationCount: 1, incidentID: "I",
        firstSeenRun: nil)
    }
    let report = AuditReport(
      totals: IndexTotals(
        messages: 0, locations: 0, findings: 0, findingsBySeverity: [:], incidents: 0, exposedAddresses: 0,
        personalAddresses: 0, parties: 0, problems: 0, problemsByKind: [:], suppressedByGroup: [:]),
      findings: [
        finding("2024-11-30T10:00:00+09:00", ["a@x", "b@y"]), finding("2025-02-01T00:00:00+00:00", ["a@x", "c@z"]),
        finding("2025-02-09T00:00:00+00:00", ["a@x", "d@w"]), finding(nil, ["e@v", "f@u"]),
      ],
      exposedAddresses: [], incidents: [], problems: [], internalDomains: InternalDomainSet(domains: [], inferred: true),
      suffixListSource: "", indexPath: "", newSinceRun: nil)
    XCTAssertEqual(
      report.monthlyTrend(),
      [
        MonthTrend(month: "2024-11", findings: 1, people: 2), MonthTrend(month: "2024-12", findings: 0, people: 0),
        MonthTrend(month: "2025-01", findings: 0, people: 0), MonthTrend(month: "2025-02", findings: 2, people: 3),
      ])
    XCTAssertEqual(report.undatedFindings, 1)
  }

  func testChartAxesUseRoundSteps() {
    XCTAssertEqual(SummaryCharts.axis(peak: 0).top, 1)
    XCTAssertEqual(SummaryCharts.axis(peak: 3).step, 1)
    XCTAssertEqual(SummaryCharts.axis(peak: 7).step, 2)
    XCTAssertEqual(SummaryCharts.axis(peak: 7).top, 8)
    XCTAssertEqual(SummaryCharts.axis(peak: 466).step, 200)
    XCTAssertEqual(SummaryCharts.axis(peak: 466).top, 600)
  }
}
